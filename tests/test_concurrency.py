"""`newsfuse serve` stays healthy while a separate `newsfuse ingest` process writes to its store.

A real server (uvicorn on 127.0.0.1, a free port) and real ingest processes, on
SQLite and on PostgreSQL: every read during the writes answers without a 5xx or a
"database is locked", and afterwards every capture is stored once and the store checks clean.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("uvicorn")
import httpx

from newsfuse.ingest import read_paths
from newsfuse.records import Document
from newsfuse.store import Store

NEWSFUSE = [sys.executable, "-m", "newsfuse.cli"]
READS = ["/api/v1/stories", "/api/v1/articles", "/api/v1/relations", "/", "/articles", "/feed.atom"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NEWSFUSE_DB", "NEWSFUSE_TOKEN")}
    env["PYTHONUNBUFFERED"] = "1"
    return env


def _wait_up(client: httpx.Client, proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"server exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            if client.get("/api/v1/stories").status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    pytest.fail("server did not come up in 30 s")


def _poll(client: httpx.Client, seen: dict[str, int], problems: list[str]) -> None:
    """One round of reads: the lists, then the pages of whatever they name."""
    paths = list(READS)
    try:
        stories = client.get("/api/v1/stories?per_page=5").json().get("stories", [])
        articles = client.get("/api/v1/articles?per_page=5").json().get("articles", [])
    except ValueError as exc:
        problems.append(f"list is not JSON: {exc}")
        return
    for s in stories[:3]:
        paths += [f"/api/v1/stories/{s['id']}", f"/stories/{s['id']}"]
    for a in articles[:3]:
        paths += [f"/api/v1/articles/{a['id']}", f"/articles/{a['id']}"]
    for path in paths:
        resp = client.get(path)
        seen[str(resp.status_code)] = seen.get(str(resp.status_code), 0) + 1
        if resp.status_code >= 500 or "database is locked" in resp.text:
            problems.append(f"GET {path}: {resp.status_code} {resp.text[:200]}")
        # A story may be regrouped between the listing and the fetch: 404 is an honest answer.
        elif resp.status_code not in (200, 404):
            problems.append(f"GET {path}: unexpected {resp.status_code}")


def _parts(demo_dir: Path, base: Path) -> list[Path]:
    """Two ingest batches that overlap: the second brings every file, half of them again."""
    files = sorted(p for p in demo_dir.iterdir() if p.is_file())
    parts = [base / "part1", base / "part2"]
    for part, chosen in zip(parts, (files[::2], files), strict=True):
        part.mkdir()
        for f in chosen:
            (part / f.name).symlink_to(f)
    return parts


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_serve_reads_while_ingest_writes(backend: str, tmp_path: Path, demo_dir: Path,
                                         request: pytest.FixtureRequest) -> None:
    db = str(tmp_path / "c.db") if backend == "sqlite" else request.getfixturevalue("pg_fresh_url")
    Store(db).close()  # the tables exist before the server opens the store
    parts = _parts(demo_dir, tmp_path)
    port = _free_port()
    log = tmp_path / "serve.log"
    with open(log, "wb") as log_fh:
        server = subprocess.Popen([*NEWSFUSE, "serve", "--db", db, "--port", str(port)],
                                  stdout=log_fh, stderr=subprocess.STDOUT, env=_env())
    writer_out: list[subprocess.CompletedProcess[bytes]] = []

    def write() -> None:
        for part in parts:
            writer_out.append(subprocess.run([*NEWSFUSE, "ingest", str(part), "--db", db, "-q"],
                                             capture_output=True, env=_env(), timeout=120, check=False))

    seen: dict[str, int] = {}
    problems: list[str] = []
    rounds = 0
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            _wait_up(client, server, log)
            writer = threading.Thread(target=write)
            writer.start()
            while writer.is_alive():
                _poll(client, seen, problems)
                rounds += 1
                time.sleep(0.1)  # leave the writer some of the machine's two cores
            writer.join()
            _poll(client, seen, problems)  # and once more on the finished store
            final = client.get("/api/v1/stories?per_page=100").json()
    finally:
        server.terminate()
        server.wait(timeout=15)
    server_log = log.read_text(errors="replace")
    for run in writer_out:
        assert run.returncode == 0, run.stderr.decode(errors="replace")[-2000:]
    assert rounds >= 3, f"only {rounds} rounds of reads ran during the ingest"
    assert problems == [], problems[:5]
    assert "database is locked" not in server_log and "Traceback" not in server_log, server_log[-2000:]
    assert seen.get("200", 0) > 50

    expected = {d.id for d in read_paths([demo_dir]) if isinstance(d, Document)}
    with Store(db) as store:
        assert set(store.document_ids()) == expected and store.counts()["documents"] == len(expected)
        assert store.counts()["articles"] == len(expected)
        story_of = store.story_of(a[:12] for a in expected)
        assert len(story_of) == len(expected), "every article is in exactly one story"
        assert final["total"] == store.counts()["stories"]
    check = subprocess.run([*NEWSFUSE, "check", "--db", db], capture_output=True, env=_env(), timeout=60,
                           check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    assert b"Store is consistent" in check.stdout
