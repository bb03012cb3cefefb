"""Benchmark the synthetic capture generator: captures/s written, memory, bytes.

Run: ``python benchmarks/bench_synthetic.py [--sizes 10000,100000] [--dir DIR] [--million]``.
Each size runs in a fresh child process so that its peak RSS is its own. Prints a
markdown section and writes it to ``benchmarks/results/synthetic.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CHILD = """
import json, resource, sys, time
from pathlib import Path
from newsfuse.synthetic import generate, iter_articles
mode, n, out = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3])
formats = tuple(sys.argv[4].split(","))
if mode == "iter":
    t = time.perf_counter()
    k = sum(1 for _ in iter_articles(n, 1, formats))
    s = time.perf_counter() - t
    res = {"captures": k, "seconds": s, "bytes": 0, "files": 0}
else:
    st = generate(n, out, seed=1, formats=formats)
    res = {"captures": st.captures, "seconds": st.seconds, "bytes": st.bytes, "files": st.files}
res["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps(res))
"""


def run(mode: str, n: int, base: Path, formats: str) -> dict:
    if mode == "generate-shm":  # the same run in RAM: separates the generator from the disk
        base, mode = Path(tempfile.mkdtemp(dir="/dev/shm")), "generate"
    out = base / f"out_{mode}_{n}_{formats.replace(',', '-')}"
    proc = subprocess.run([sys.executable, "-c", CHILD, mode, str(n), str(out), formats],
                          check=True, capture_output=True, text=True)
    res = json.loads(proc.stdout)
    gold = out.parent / f"{out.name}.gold.jsonl"
    res["gold_mb"] = gold.stat().st_size / 1e6 if gold.exists() else 0.0
    shutil.rmtree(out, ignore_errors=True)
    gold.unlink(missing_ok=True)
    if str(base).startswith("/dev/shm/"):
        shutil.rmtree(base, ignore_errors=True)
    return res


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--dir", type=Path, default=None, help="where to write (default: a temp dir)")
    ap.add_argument("--million", action="store_true", help="also write 1,000,000 JSONL captures")
    a = ap.parse_args()
    base = Path(tempfile.mkdtemp(dir=a.dir))
    rows = []
    plan = [("iter", 20_000, "txt,html,jsonl")]
    for n in (int(x) for x in a.sizes.split(",")):
        plan += [("generate", n, "txt,html,jsonl"), ("generate", n, "jsonl")]
    if Path("/dev/shm").is_dir():
        plan.append(("generate-shm", 10_000, "txt,html,jsonl"))
    if a.million:
        plan.append(("generate", 1_000_000, "jsonl"))
    for mode, n, fmts in plan:
        load = os.getloadavg()[0]
        t = time.perf_counter()
        r = run(mode, n, base, fmts)
        rows.append((mode, n, fmts, r, load, time.perf_counter() - t))
        print(f"{mode} {n} {fmts}: {r['captures'] / r['seconds']:,.0f}/s", file=sys.stderr)
    shutil.rmtree(base, ignore_errors=True)
    lines = [
        "## Synthetic captures (`newsfuse.synthetic`)",
        "",
        f"Measured {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; written under "
        f"`{a.dir or tempfile.gettempdir()}`. One process. The machine is shared: the 1-minute "
        "load average at the start of each run is given (2 cores: a load of 6 means the "
        "generator got about a third of a core's time).",
        "",
        "| what | captures | formats | captures/s | files | MB written | gold MB | peak RSS MB | "
        "load |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    for mode, _n, fmts, r, load, _ in rows:
        what = {"iter": "in memory (`iter_articles`)", "generate": "`generate` to disk",
                "generate-shm": "`generate` to RAM (`/dev/shm`)"}[mode]
        rate = r["captures"] / r["seconds"]
        lines.append(f"| {what} | {r['captures']:,} | {fmts} | {rate:,.0f} | {r['files']:,} | "
                     f"{r['bytes'] / 1e6:,.1f} | {r['gold_mb']:,.1f} | "
                     f"{r['rss_mb']:,.0f} | {load:.1f} |")
    text = "\n".join(lines) + "\n"
    print(text)
    out = Path(__file__).parent / "results" / "synthetic.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
