"""End-to-end benchmark: `newsfuse digest` on generated corpora.

    python benchmarks/bench_digest.py [SIZES]     # default 1000,10000 (env BENCH_DIGEST_SIZES)

For each size: generate the captures (newsfuse.synthetic), run `newsfuse digest` in a
fresh process on a fresh store, and report wall time, captures/s, peak memory (RSS of
the digest process) and each stage's own time. A second run on the same store
measures the idempotent re-run.
"""

from __future__ import annotations

import os
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
from machine import write_section  # noqa: E402

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
    sizes = [int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else os.environ.get("BENCH_DIGEST_SIZES", "1000,10000")).split(",")]
    models = os.environ.get("BENCH_DIGEST_MODELS", "minilm,static").split(",")
    rows, stage_rows = [], []
    for n in sizes:
        tmp = Path(tempfile.mkdtemp(prefix=f"nf-bench-{n}-"))
        try:
            stats = generate(n, tmp / "corpus", seed=7)
            for model in models:
                db = tmp / f"{model}.db"
                seconds, peak, output = run_digest(tmp / "corpus", db, tmp / "report", model)
                again, _, output2 = run_digest(tmp / "corpus", db, tmp / "report2", model)
                summary = re.search(r"(\d+) stories, (\d+) articles, (\d+) copy relations", output)
                stories, articles, relations = summary.groups() if summary else ("?", "?", "?")
                rows.append(f"| {n:,} | {model} | {stats.captures:,} | {seconds:.1f} | {stats.captures / seconds:.1f} | "
                            f"{peak:.0f} | {articles} | {stories} | {relations} | {again:.1f} |")
                for line in output.splitlines():
                    m = re.match(r"\s+(\w+): (\d+) (\S+(?: \S+)?) -> (\d+) (.+?) in ([\d.]+)s", line)
                    if m:
                        stage_rows.append(f"| {n:,} | {model} | {m.group(1)} | {m.group(2)} {m.group(3)} | "
                                          f"{m.group(4)} {m.group(5)} | {m.group(6)} |")
                print(rows[-1], flush=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    md = [
        "## End to end: `newsfuse digest` (benchmarks/bench_digest.py)\n",
        "Generated corpora (newsfuse.synthetic, seed 7: plain-text dumps, HTML pages and JSONL records, many events "
        "each covered by several outlets with wire copies). One `newsfuse digest` process on a fresh SQLite store; "
        "the re-run is the same command again on the same store (nothing new to do).\n",
        "| captures asked | stories model | captures | wall s | captures/s | peak RSS MiB | articles | stories | relations | re-run s |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
        "\nTime per stage (first run):\n",
        "| captures | stories model | stage | in | out | seconds |",
        "|---:|---|---|---|---|---:|",
        *stage_rows,
    ]
    path = write_section("digest", "\n".join(md))
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
