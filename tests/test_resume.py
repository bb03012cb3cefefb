"""A killed run resumes without loss or duplicates."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from newsfuse.store import Store

PLACES = ["Portvale", "Lindmoor", "Karsk", "Olden Bay", "Brightwater", "Fennick", "Ashgrove", "Quill"]


def make_corpus(root: Path, n: int) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        place = PLACES[i % len(PLACES)]
        (root / f"c{i:05d}.txt").write_text(
            f"{place} Daily | Home | Sport\n"
            f"Council of {place} approves budget number {i}\n"
            f"The {place} council approved budget number {i} on Tuesday after a debate that lasted "
            f"{i % 7 + 2} hours, officials said.\n"
            f"The plan sets aside {i * 3 % 97 + 10} million for roads and {i % 13 + 1} new schools.\n"
        )


def _count(db: Path | str) -> int:
    with Store(db) as store:
        return store.counts()["documents"]


def test_killed_ingest_resumes_without_loss_or_duplicates(tmp_path: Path) -> None:
    total = 10000
    corpus, db = tmp_path / "corpus", tmp_path / "k.db"
    make_corpus(corpus, total)
    cmd = [sys.executable, "-m", "newsfuse.cli", "ingest", str(corpus), "--db", str(db), "-q", "--no-process"]
    mid_run_kills = 0
    for attempt in range(6):
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        deadline = time.time() + 60
        # Kill it once it has committed a little more than before, i.e. in the middle of the run.
        target = (attempt + 1) * total // 8
        while time.time() < deadline and proc.poll() is None:
            if db.exists() and _count(db) >= target:
                os.killpg(proc.pid, signal.SIGKILL)
                break
            time.sleep(0.02)
        proc.wait(timeout=60)
        if proc.returncode == -signal.SIGKILL and _count(db) < total:
            mid_run_kills += 1
            with Store(db) as store:
                assert store.integrity_problems() == []
    assert mid_run_kills >= 2, "the ingest finished before it could be killed: make the corpus bigger"
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"{total} captures" in done.stdout
    assert _count(db) == total
    with Store(db) as store:
        assert store.integrity_problems() == []
        sources = [d.source for d in store.documents()]
    assert len(sources) == len(set(sources)) == total


def test_two_ingests_at_once_on_one_store(tmp_path: Path, store_url: str) -> None:
    corpus, db = tmp_path / "corpus", store_url
    make_corpus(corpus, 3000)
    Store(db).close()  # the tables exist before the two runs race
    cmd = [sys.executable, "-m", "newsfuse.cli", "ingest", str(corpus), "--db", db, "-q", "--no-process"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs):
        assert p.returncode == 0, err
        assert "locked" not in err
    assert _count(db) == 3000
    news = sum(int(out.split(": ")[1].split(" new")[0]) for out, _ in outs)
    assert news == 3000, "each capture was stored by exactly one of the two runs"
