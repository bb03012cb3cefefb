"""Crash safety: SIGKILL `newsfuse digest` at random moments, then finish the run.

    python benchmarks/bench_reliability.py [KILLS] [CAPTURES]     # default 50 kills, 300 captures

One uninterrupted run gives the reference digest and its duration. Then, on a second
store, the same command is started again and again and killed with SIGKILL at a random
moment of that duration (so kills land in ingest, extraction, copies, stories, synthesis
and report writing), until KILLS kills have happened; after each kill `newsfuse check`
must pass. A last run completes the store, whose digest must equal the reference, with
every capture present once.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from machine import write_section  # noqa: E402

from newsfuse.store import Store  # noqa: E402
from newsfuse.synthetic import generate  # noqa: E402


def digest_cmd(corpus: Path, db: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "newsfuse.cli", "digest", str(corpus), "--db", str(db), "--out", str(out), "-q"]


def main() -> None:
    kills_wanted = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    rng = random.Random(11)
    tmp = Path(tempfile.mkdtemp(prefix="nf-kill-"))
    try:
        generate(n, tmp / "corpus", seed=5)
        start = time.perf_counter()
        subprocess.run(digest_cmd(tmp / "corpus", tmp / "ref.db", tmp / "ref"), check=True, capture_output=True)
        duration = time.perf_counter() - start
        reference = json.loads((tmp / "ref" / "digest.json").read_text())
        with Store(tmp / "ref.db") as store:
            n_docs = store.counts()["documents"]
        kills, finished_early, problems, moments = 0, 0, [], []
        db = tmp / "killed.db"
        while kills < kills_wanted:
            proc = subprocess.Popen(digest_cmd(tmp / "corpus", db, tmp / "out"), stdout=subprocess.DEVNULL,
                                    stderr=subprocess.DEVNULL, start_new_session=True)
            at = rng.uniform(0.3, duration)  # a process start takes ~0.3 s before any write
            try:
                proc.wait(timeout=at)
                finished_early += 1
                # The run completed: start over on a fresh store so later kills still land mid-run.
                for p in tmp.glob("killed.db*"):
                    p.unlink()
                continue
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
            kills += 1
            moments.append(at / duration)
            with Store(db) as store:
                bad = store.integrity_problems()
            if bad:
                problems.append(f"kill {kills} at {at:.1f}s: {bad}")
        final = subprocess.run(digest_cmd(tmp / "corpus", db, tmp / "final"), capture_output=True, text=True)
        result = json.loads((tmp / "final" / "digest.json").read_text())
        with Store(db) as store:
            counts = store.counts()
            bad = store.integrity_problems()
            sources = [d.source for d in store.documents()]
        same = result == reference
        lost = n_docs - counts["documents"]
        dup = len(sources) - len(set(sources))
        quartiles = [sum(1 for m in moments if q / 4 <= m < (q + 1) / 4) for q in range(4)]
        md = "\n".join([
            "## Crash safety: random SIGKILLs (benchmarks/bench_reliability.py)\n",
            f"{n} generated captures; an uninterrupted `newsfuse digest` takes {duration:.1f}s. "
            f"{kills} runs were killed with SIGKILL at random moments (spread over the run: "
            f"{quartiles[0]}/{quartiles[1]}/{quartiles[2]}/{quartiles[3]} kills in its four quarters; "
            f"{finished_early} runs finished before their kill and were restarted on a fresh store), "
            "`newsfuse check` after every kill, then one run to completion.\n",
            "| measure | result |", "|---|---|",
            f"| kills survived | {kills} |",
            f"| integrity problems after a kill | {len(problems)} |",
            f"| final run exit code | {final.returncode} |",
            f"| captures lost / duplicated | {lost} / {dup} |",
            f"| final digest equals the uninterrupted one | {'yes' if same else 'NO'} |",
            f"| final integrity problems | {len(bad)} |",
        ] + [f"\n- {p}" for p in problems[:10]])
        print(md)
        write_section("reliability", md)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
