"""End-to-end benchmark: `newsfuse digest` on generated corpora.

    python benchmarks/bench_digest.py [SIZES] [--models M,M]
    # defaults: 1000,10000 (env BENCH_DIGEST_SIZES); minilm,static (env BENCH_DIGEST_MODELS)

Rows are kept in results/digest.json: a run replaces the rows of the sizes and models it
measures on the same machine (kernel release: the hosting VM) and keeps the others, so a
figure from a faster or slower VM stays beside this one. Each row says when and where it
was measured.

For each size: generate the captures (newsfuse.synthetic), run `newsfuse digest` in a
fresh process on a fresh store, and report wall time, captures/s, peak memory (RSS of
the digest process) and each stage's own time. A second run on the same store
measures the idempotent re-run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from machine import RESULTS, today, write_section  # noqa: E402

from newsfuse.synthetic import generate  # noqa: E402


def run_digest(corpus: Path, db: Path, out: Path, model: str = "minilm") -> tuple[float, float, str]:
    """(seconds, peak RSS MiB, stdout) of one `newsfuse digest` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "newsfuse.cli", "digest", str(corpus), "--out", str(out), "--db", str(db),
         "--stories-model", model],
        capture_output=True, text=True,
    )
    seconds = time.perf_counter() - start
    if proc.returncode not in (0, 3):
        raise SystemExit(f"digest failed ({proc.returncode}): {proc.stderr[-2000:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    # ru_maxrss of children is the max over all children so far: only a new maximum is this run's.
    return seconds, max(peak, before) / 1024, proc.stdout


def main() -> None:
    ap = argparse.ArgumentParser(description="`newsfuse digest` end to end on generated corpora")
    ap.add_argument("sizes", nargs="?", default=os.environ.get("BENCH_DIGEST_SIZES", "1000,10000"),
                    help="comma-separated corpus sizes (default: %(default)s)")
    ap.add_argument("--models", default=os.environ.get("BENCH_DIGEST_MODELS", "minilm,static"),
                    help="comma-separated stories models (default: %(default)s)")
    args = ap.parse_args()
    try:
        sizes = [int(s) for s in args.sizes.split(",")]
    except ValueError:
        ap.error(f"sizes must be comma-separated integers, not {args.sizes!r}")
    models = args.models.split(",")
    vm = platform.release()
    store = RESULTS / "digest.json"
    kept = json.loads(store.read_text()) if store.exists() else []
    fresh: list[dict] = []
    for n in sizes:
        tmp = Path(tempfile.mkdtemp(prefix=f"nf-bench-{n}-"))
        try:
            stats = generate(n, tmp / "corpus", seed=7)
            for model in models:
                db = tmp / f"{model}.db"
                load = os.getloadavg()[0]
                seconds, peak, output = run_digest(tmp / "corpus", db, tmp / "report", model)
                again, _, output2 = run_digest(tmp / "corpus", db, tmp / "report2", model)
                summary = re.search(r"(\d+) stories, (\d+) articles, (\d+) copy relations", output)
                stories, articles, relations = summary.groups() if summary else ("?", "?", "?")
                stages = []
                for line in output.splitlines():
                    m = re.match(r"\s+(\w+): (\d+) (\S+(?: \S+)?) -> (\d+) (.+?) in ([\d.]+)s", line)
                    if m:
                        stages.append([m.group(1), f"{m.group(2)} {m.group(3)}", f"{m.group(4)} {m.group(5)}",
                                       m.group(6)])
                row = {"n": n, "model": model, "captures": stats.captures, "seconds": round(seconds, 1),
                       "peak_mib": round(peak), "articles": articles, "stories": stories, "relations": relations,
                       "rerun_s": round(again, 1), "stages": stages, "when": today(), "load": round(load, 2),
                       "vm": vm}
                fresh.append(row)
                print(_row(row), flush=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    done = {_key(r) for r in fresh}
    rows = sorted([r for r in kept if _key(r) not in done] + fresh,
                  key=lambda r: (r["n"], r["model"], r["when"]))
    store.write_text(json.dumps(rows, indent=1) + "\n")
    print(f"wrote {render(rows)}")


def render(rows: list[dict]) -> Path:
    """Write results/digest.md from the kept rows."""
    md = [
        "## End to end: `newsfuse digest` (benchmarks/bench_digest.py)\n",
        "Generated corpora (newsfuse.synthetic, seed 7: plain-text dumps, HTML pages and JSONL records, many events "
        "each covered by several outlets with wire copies). One `newsfuse digest` process on a fresh SQLite store; "
        "the re-run is the same command again on the same store (nothing new to do). The load average is the "
        "machine's (2 cores) just before the run; the VM is the kernel release, which names the hosting VM "
        "(the same code has run up to 1.8x slower on one VM than on another, and on one VM from hour to hour).\n",
        "| captures asked | stories model | captures | wall s | captures/s | peak RSS MiB | articles | stories | relations | re-run s | finished | load before | VM |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---|",
        *(_row(r) for r in rows),
        "\nTime per stage (first run):\n",
        "| captures | stories model | VM | stage | in | out | seconds |",
        "|---:|---|---|---|---|---|---:|",
        *(f"| {r['n']:,} | {r['model']} | {r.get('vm') or 'not recorded'} | {' | '.join(st)} |"
          for r in rows for st in r["stages"]),
    ]
    return write_section("digest", "\n".join(md))


def _row(r: dict) -> str:
    return (f"| {r['n']:,} | {r['model']} | {r['captures']:,} | {r['seconds']:.1f} | {r['captures'] / r['seconds']:.1f} | "
            f"{r['peak_mib']} | {r['articles']} | {r['stories']} | {r['relations']} | {r['rerun_s']:.1f} | "
            f"{r['when']} | {'n/a' if r['load'] is None else r['load']} | {r.get('vm') or 'not recorded'} |")


def _key(r: dict) -> tuple:
    return r["n"], r["model"], r.get("vm") or ""


if __name__ == "__main__":
    main()
