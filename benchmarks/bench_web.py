"""Web UI latency under load: p50/p99 and req/s of the story list and a story page.

50 concurrent keep-alive connections (a minimal asyncio HTTP/1.1 client) on loopback against a uvicorn server in its
own process, first on an idle server, then while an upload is being ingested and
processed by the server's background worker. Two stores:

- demo: examples/corpus run through the real pipeline (the upload during the load is
  the same corpus with a line appended to every file, so it is new documents that
  the copies stage links as re-posts);
- sample: a bigger fictional store (newsfuse.web.sample) whose clients request random
  story pages, so most requests miss the page cache (the upload there is a small
  fictional capture set; the real stages then re-cluster the fictional articles).

Run: python benchmarks/bench_web.py [--seconds 8] [--clients 50] [--only demo|sample]
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from machine import machine, today, write_section  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
TOKEN = "bench-token"
TARGET_P99_MS = 150.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def build_demo(db: Path) -> str:
    from newsfuse import engine
    from newsfuse.store import Store

    with Store(str(db)) as store:
        engine.ingest(store, [CORPUS])
        engine.process(store)
        c = store.counts()
    return f"examples/corpus through the real pipeline: {c['articles']} articles, {c['stories']} stories"


def build_sample(db: Path, stories: int) -> str:
    from newsfuse.store import Store
    from newsfuse.web.sample import fill

    with Store(str(db)) as store:
        fill(store, stories=stories, per_story=6, probes=True)
        c = store.counts()
    return f"fictional sample: {c['articles']} articles, {c['stories']} stories"


def demo_upload(tmp: Path) -> list[tuple[str, bytes]]:
    """The demo corpus with a line appended to each text file: new bytes, same articles."""
    out = []
    for path in sorted(CORPUS.iterdir()):
        data = path.read_bytes()
        if path.suffix == ".gz":
            data = gzip.compress(gzip.decompress(data) + b"\n\nUpdated.\n")
        elif path.suffix in (".txt", ".html"):
            data += b"\n\nUpdated.\n"
        elif path.suffix not in (".jsonl", ".json"):
            continue
        out.append((path.name, data))
    return out


def sample_upload() -> list[tuple[str, bytes]]:
    return [(f"extra-{i}.txt", (f"Coastline Report\nHarbour crane {i} installed\n\nThe new crane number {i} was "
                                f"installed at the harbour on Tuesday, officials said.\n").encode()) for i in range(10)]


class Server:
    def __init__(self, db: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "NEWSFUSE_TOKEN": TOKEN}
        code = f"from newsfuse.web import run_server; run_server({str(db)!r}, '127.0.0.1', {self.port})"
        self.proc = subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(self.url + "/api/v1/stories", timeout=2)
                return
            except httpx.HTTPError:
                if time.monotonic() > deadline or self.proc.poll() is not None:
                    raise RuntimeError("server did not start") from None
                time.sleep(0.2)

    def cpu_seconds(self) -> float:
        """User + system CPU time the server process has used so far."""
        fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


async def _conn_loop(host: str, port: int, paths: list[str], end: float, seed: int,
                     latencies: list[float], errors: list[int]) -> None:
    """One keep-alive HTTP/1.1 connection sending GETs back to back (a minimal client:
    httpx's own overhead under 50-way concurrency was larger than the server's)."""
    rng = random.Random(seed)
    reader, writer = await asyncio.open_connection(host, port)
    try:
        while time.perf_counter() < end:
            path = rng.choice(paths)
            t0 = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\nAccept: text/html\r\n\r\n".encode())
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            length = 0
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":", 1)[1])
            if length:
                await reader.readexactly(length)
            # Only answers count: a 404 (a story id replaced by re-clustering mid-run) is fast and would flatter.
            if status >= 400:
                errors.append(status)
            else:
                latencies.append((time.perf_counter() - t0) * 1000)
    finally:
        writer.close()


async def load(base: str, paths: list[str], clients: int, seconds: float) -> dict[str, float]:
    """``clients`` concurrent keep-alive connections GETting random ``paths`` for ``seconds``."""
    host, port = base.split("//", 1)[1].split(":")
    latencies: list[float] = []
    errors: list[int] = []
    start = time.perf_counter()
    end = start + seconds
    await asyncio.gather(*(_conn_loop(host, int(port), paths, end, i, latencies, errors) for i in range(clients)))
    wall = time.perf_counter() - start
    latencies.sort()
    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [latencies[0]] * 99
    return {"n": len(latencies), "rps": len(latencies) / wall, "p50": q[49], "p99": q[98], "max": latencies[-1],
            "errors": len(errors)}


def job_state(base: str, job_id: str) -> dict:
    return httpx.get(f"{base}/api/v1/jobs/{job_id}", timeout=10).json()


def scenario(name: str, db: Path, what: str, upload: list[tuple[str, bytes]], random_pages: bool,
             clients: int, seconds: float, wait_job: float) -> list[str]:
    server = Server(db)
    try:
        base = server.url
        stories = httpx.get(base + "/api/v1/stories?sort=biggest&per_page=100", timeout=30).json()
        ids = [s["id"] for s in stories["stories"]]
        total = stories["total"]
        if random_pages:
            page_ids = [s["id"] for p in range(1, (total + 99) // 100 + 1) for s in
                        httpx.get(f"{base}/api/v1/stories?per_page=100&page={p}", timeout=30).json()["stories"]]
            story_paths = [f"/stories/{i}" for i in page_ids]
            list_paths = [f"/?page={p}" for p in range(1, max(2, total // 20 + 1))]
        else:
            story_paths = [f"/stories/{ids[0]}"]
            list_paths = ["/"]
        rows = []
        for phase in ("idle", "during ingest"):
            note = ""
            if phase == "during ingest":
                r = httpx.post(base + "/api/v1/captures", headers={"Authorization": f"Bearer {TOKEN}"},
                               files=[("files", (n, d)) for n, d in upload], timeout=60)
                r.raise_for_status()
                job = r.json()["job"]["id"]
                time.sleep(0.3)
            for label, paths in (("no-op (floor)", ["/favicon.ico"]), ("story list", list_paths),
                                 ("story page", story_paths)):
                if label.startswith("no-op") and phase != "idle":
                    continue
                cpu0 = server.cpu_seconds()
                res = asyncio.run(load(base, paths, clients, seconds))
                cpu_ms = (server.cpu_seconds() - cpu0) * 1000 / max(res["n"], 1)
                if phase == "during ingest":
                    st = job_state(base, job)
                    note = f"job {st['state']} ({st['stage']})"
                rows.append(f"| {name} | {label} | {phase} | {res['n']} | {res['rps']:.0f} | {res['p50']:.0f} | "
                            f"{res['p99']:.0f} | {res['max']:.0f} | {cpu_ms:.1f} | {res['errors']} | {note} |")
                print(rows[-1], flush=True)
        if upload:
            deadline = time.monotonic() + wait_job
            while job_state(base, job)["state"] in ("queued", "running") and time.monotonic() < deadline:
                time.sleep(1)
            st = job_state(base, job)
            rows.append(f"| {name} | (upload job) | | | | | | | | | {st['state']}: {st['message']} |")
        return [f"- **{name}**: {what}; {'random story pages and list pages' if random_pages else 'the biggest story and page 1 of the list'}",
                *rows]
    finally:
        server.stop()


SHOTS = ROOT / "benchmarks" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def screenshots(db: Path) -> None:
    """Full-page screenshots of the demo store's pages (benchmarks/screenshots/demo-*.png)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("playwright not installed: no screenshots")
        return
    server = Server(db)
    try:
        base = server.url
        top = httpx.get(base + "/api/v1/stories?sort=biggest").json()["stories"][0]["id"]
        story = httpx.get(f"{base}/api/v1/stories/{top}").json()
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            for name, url in (("list", "/"), ("story", f"/stories/{top}"), ("article", f"/articles/{story['articles'][0]}"),
                              ("search", "/search?q=" + max(story["title"].split(), key=len).strip(".,:;'\""))):
                page.goto(base + url)
                page.screenshot(path=str(SHOTS / f"demo-{name}.png"), full_page=True)
            page.goto(f"{base}/stories/{top}")
            page.locator("a.cite").first.click()
            page.screenshot(path=str(SHOTS / "demo-citation.png"))
            browser.close()
    finally:
        server.stop()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=8.0)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--sample-stories", type=int, default=400)
    ap.add_argument("--only", choices=["demo", "sample"])
    ap.add_argument("--screenshots", action="store_true", help="also save screenshots of the demo store's pages")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-web-"))
    notes, rows = [], []
    load0 = os.getloadavg()[0]
    try:
        if args.only in (None, "demo") and CORPUS.exists() and any(CORPUS.iterdir()):
            what = build_demo(tmp / "demo.db")
            if args.screenshots:
                screenshots(tmp / "demo.db")
            out = scenario("demo", tmp / "demo.db", what, demo_upload(tmp), False, args.clients, args.seconds, 300)
            notes.append(out[0]); rows.extend(out[1:])
        if args.only in (None, "sample"):
            what = build_sample(tmp / "sample.db", args.sample_stories)
            out = scenario("sample", tmp / "sample.db", what, sample_upload(), True, args.clients, args.seconds, 5)
            notes.append(out[0]); rows.extend(out[1:])
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    md = "\n".join([
        "## Web UI under load (`benchmarks/bench_web.py`)", "",
        f"{args.clients} concurrent keep-alive connections (a minimal asyncio HTTP/1.1 client) on loopback against `newsfuse serve` "
        f"(uvicorn, one process) for {args.seconds:.0f} s per row; the client shares the 2 cores with the server. "
        f"Latencies in ms over answered (2xx/3xx) requests. Target: story page p99 < {TARGET_P99_MS:.0f} ms. "
        "Server CPU ms/req is the server process's CPU time over the row divided by its requests (the "
        "pipeline runs in a child process, not counted); the no-op row (a 204 with no work) is the floor "
        "that uvicorn and the loaded machine set.", "",
        *notes, "", f"Machine load (1-min load average, other jobs included) at start {load0:.1f}, at end "
        f"{os.getloadavg()[0]:.1f}, on {os.cpu_count()} cores.", "",
        "| store | page | phase | answered | req/s | p50 | p99 | max | server CPU ms/req | 4xx | ingest job |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
        *rows,
    ])
    print(md)
    path = write_section("web", md)
    print(f"\nwritten to {path} ({today()}, {machine()})")


if __name__ == "__main__":
    main()
