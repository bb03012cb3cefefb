"""How much this machine's two cores give: one process alone against two at once.

    python benchmarks/bench_cores.py [--rounds N]

Every "2 workers against 1" figure (benchmarks/bench_scale.py) is bounded by what two
processes doing independent work get from the machine. On a VM the two cores may share
a physical core, caches or memory bandwidth with each other and with neighbours, so
this measures that bound for the kinds of work newsfuse does, each as many rounds as
asked (the figure moves from round to round on a shared host):

- ``python``: a pure-Python loop (the interpreter alone: extraction and placement);
- ``profiles``: the stories stage's text profiles and static-model vectors;
- ``minilm``: MiniLM embedding with one thread per process (a Dask worker's stories
  work), when the embedder is installed.

Scaling = 2 x (time alone) / (time of the slower of two at once): 2.00 is perfect.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from machine import write_section  # noqa: E402

N_ARTICLES = 256


def work(kind: str) -> float:
    """Seconds one process takes for a fixed amount of ``kind`` work."""
    from gen_events import generate

    from newsfuse.stories.clusterer import prepare, slim

    arts = [slim(a) for a in generate(N_ARTICLES, seed=3, varied=True)[0]]
    if kind == "minilm":
        prepare((arts[:64], "minilm", True))  # the model loads outside the timing
    start = time.perf_counter()
    if kind == "python":
        total = 0
        for i in range(30_000_000):
            total += i * i
    elif kind == "profiles":
        for _ in range(6):
            prepare((arts, "static", True))
    else:
        for k in range(0, len(arts), 64):
            prepare((arts[k : k + 64], "minilm", True))
    return time.perf_counter() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3, help="rounds per kind of work (default: 3)")
    args = ap.parse_args()
    from newsfuse.stories import dense

    os.environ["NEWSFUSE_EMBED_THREADS"] = "1"  # inherited by the spawned processes
    kinds = ["python", "profiles"] + (["minilm"] if dense.available("minilm") else [])
    ctx = mp.get_context("spawn")
    rows = []
    for kind in kinds:
        ratios, alone_s, pair_s = [], [], []
        for _ in range(args.rounds):
            with ctx.Pool(1) as pool:
                alone = pool.map(work, [kind])[0]
            with ctx.Pool(2) as pool:
                pair = pool.map(work, [kind, kind], chunksize=1)
            ratios.append(2 * alone / max(pair))
            alone_s.append(alone)
            pair_s.append(max(pair))
            print(f"{kind}: alone {alone:.2f} s, two at once {pair[0]:.2f} / {pair[1]:.2f} s "
                  f"-> {ratios[-1]:.2f}x", flush=True)
        rows.append(f"| {kind} | {args.rounds} | {' / '.join(f'{r:.2f}' for r in ratios)} | "
                    f"{statistics.median(ratios):.2f} | {statistics.median(alone_s):.2f} | "
                    f"{statistics.median(pair_s):.2f} |")
    md = [
        "## Two cores against one (benchmarks/bench_cores.py)\n",
        "What two processes doing the same independent work get from this machine, against one "
        "alone: 2 x (time alone) / (time of the slower of the two at once); 2.00 is perfect "
        "scaling. It bounds every \"2 workers against 1\" figure (`bench_scale.py`). "
        "`python` is a pure-Python loop, `profiles` the stories stage's text profiles and "
        f"static vectors of {N_ARTICLES} generated articles (6 times), `minilm` their MiniLM "
        "vectors with one thread per process.\n",
        "| work | rounds | scaling per round | median | median s alone | median s, slower of two |",
        "|---|---:|---|---:|---:|---:|",
        *rows,
    ]
    print(f"wrote {write_section('cores', chr(10).join(md))}")


if __name__ == "__main__":
    main()
