"""Large inputs for bench_fuzz.py: a 100 MB capture, a 100 MB feed, and many tiny files,
each through `newsfuse ingest` once, with wall time, CPU and peak memory of the process."""

from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

WORDS = ("council vote bridge officials said tuesday city budget report police storm court "
         "minister plan water school road hospital market election").split()


def _run(args: list[str]) -> dict[str, Any]:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "newsfuse.cli", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    return {"exit": os.waitstatus_to_exitcode(status), "wall": time.perf_counter() - start,
            "cpu": usage.ru_utime + usage.ru_stime, "rss_mib": usage.ru_maxrss / 1024,
            "summary": out.strip().splitlines()[-1] if out.strip() else ""}


def _text(rng: random.Random, n_words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n_words))


def big_inputs(tiny: int) -> list[dict[str, Any]]:
    rng = random.Random(7)
    base = Path(tempfile.mkdtemp(prefix="nf-big-"))
    rows = []
    try:
        page = base / "page"
        page.mkdir()
        line = (_text(rng, 15) + ".\n").encode()
        with open(page / "huge.txt", "wb") as fh:
            for _ in range((100 << 20) // len(line) + 1):
                fh.write(line)
        r = _run(["ingest", str(page), "--db", str(base / "a.db"), "-q"])
        rows.append({"what": "one 100 MB plain-text capture", "result": f"exit {r['exit']}: {r['summary']}", **r})

        feed = base / "feed"
        feed.mkdir()
        n = 0
        with open(feed / "big.jsonl", "w") as fh:
            while fh.tell() < 100 << 20:
                n += 1
                fh.write(json.dumps({"url": f"https://example.org/{n}", "title": _text(rng, 6),
                                     "text": "\n\n".join(_text(rng, 60) + "." for _ in range(6))}) + "\n")
        r = _run(["ingest", str(feed), "--db", str(base / "b.db"), "-q", "--no-process"])
        rows.append({"what": f"one 100 MB JSONL feed ({n:,} records), `--no-process`",
                     "result": f"exit {r['exit']}: {r['summary']}", **r})

        many = base / "many"
        for i in range(tiny):
            d = many / f"{i // 1000:03d}"
            if i % 1000 == 0:
                d.mkdir(parents=True)
            (d / f"{i}.txt").write_text(f"Item {i}. {_text(rng, 12)}.\n")
        r = _run(["ingest", str(many), "--db", str(base / "c.db"), "-q", "--no-process"])
        rows.append({"what": f"{tiny:,} tiny files (one line each), `--no-process`",
                     "result": f"exit {r['exit']}: {r['summary']}", **r})
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return rows
