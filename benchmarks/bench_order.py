"""Idempotence and order: does the way a corpus arrives change the stories and relations?

    python benchmarks/bench_order.py [CAPTURES] [--batches 10] [--orders 3]   # default 600 captures

On a generated corpus (newsfuse.synthetic, one file per capture), against one run over
everything:
- twice: the same corpus ingested again into the same store must change nothing
  (stories with their ids, relations, syntheses);
- two halves: the corpus in two runs, each processed, must give the same stories and
  relations modulo ids (stories compared as sets of captures);
- shuffled: the files in a random order, ingested and processed in BATCHES runs, for
  ORDERS orders: relations must be equal; stories are compared by the Rand agreement over
  all pairs of articles (same story / not), and the stories that differ are described.
Online clustering places each batch's articles given the stories so far, so a different
arrival order can move articles at the margins; within one run the order is (date, id).
"""

from __future__ import annotations

import argparse
import itertools
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from machine import write_section  # noqa: E402

import newsfuse  # noqa: E402
from newsfuse.synthetic import generate  # noqa: E402


def snapshot(nf: newsfuse.Newsfuse) -> dict[str, Any]:
    """Relations and stories by capture source (ids aside), and the raw records."""
    src = {a.id: a.source for a in nf.articles()}
    return {
        "relations": {(*sorted((src[r.a], src[r.b])), r.type) for r in nf.relations()},
        "stories": {frozenset(src[a] for a in s.articles) for s in nf.stories()},
        "records": ([s.to_dict() for s in nf.stories()], [r.to_dict() for r in nf.relations()],
                    [s.to_dict() for s in nf.store.syntheses()]),
    }


def run_batches(db: Path, batches: list[list[Path]], work: Path) -> tuple[dict[str, Any], float, float]:
    """Ingest and process each batch in turn; returns (snapshot, wall s, CPU s)."""
    wall, cpu = time.perf_counter(), time.process_time()
    with newsfuse.open(db) as nf:
        for n, files in enumerate(batches):
            batch = work / f"{db.stem}-b{n}"
            batch.mkdir()
            for f in files:
                (batch / f.name).symlink_to(f)
            nf.ingest([batch])
            nf.process()
        assert nf.check() == []
        snap = snapshot(nf)
    return snap, time.perf_counter() - wall, time.process_time() - cpu


def pairs(stories: set[frozenset[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for s in stories for p in itertools.combinations(s, 2)}  # type: ignore[misc]


def agreement(a: set[frozenset[str]], b: set[frozenset[str]]) -> float:
    """Rand index: share of article pairs on which both groupings agree (same story or not)."""
    n = sum(len(s) for s in a)
    total = n * (n - 1) // 2
    return 1 - len(pairs(a) ^ pairs(b)) / total if total else 1.0


def where(ref: set[frozenset[str]], got: set[frozenset[str]]) -> str:
    """Which stories differ: how many, their sizes, and how the articles moved."""
    lost, new = ref - got, got - ref
    if not lost and not new:
        return "identical"
    moved = sum(len(s) for s in lost)
    return (f"{len(ref & got)} of {len(ref)} stories identical; {len(lost)} reference stories "
            f"({moved} articles, sizes {sorted(len(s) for s in lost)[:8]}) became {len(new)} "
            f"(sizes {sorted(len(s) for s in new)[:8]})")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("captures", type=int, nargs="?", default=600)
    ap.add_argument("--batches", type=int, default=10)
    ap.add_argument("--orders", type=int, default=3)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="nf-order-"))
    try:
        corpus = work / "corpus"
        generate(args.captures, corpus, seed=5, formats=("txt", "html"), gold=work / "gold.jsonl")
        files = sorted(p for p in corpus.rglob("*") if p.is_file())
        rows = []
        ref, wall, cpu = run_batches(work / "once.db", [files], work)
        n_art = sum(len(s) for s in ref["stories"])
        rows.append(("one run (reference)", "—", "—", "—", wall, cpu))

        start, cpu0 = time.perf_counter(), time.process_time()
        with newsfuse.open(work / "once.db") as nf:
            again = nf.ingest([corpus])
            nf.process()
            same = snapshot(nf)["records"] == ref["records"] and not again.new
        rows.append(("the same corpus again, same store", "yes" if same else "NO",
                     "identical" if same else "changed", "1.000" if same else "—",
                     time.perf_counter() - start, time.process_time() - cpu0))

        half = len(files) // 2
        snap, wall, cpu = run_batches(work / "halves.db", [files[:half], files[half:]], work)
        rows.append(("two halves", "yes" if snap["relations"] == ref["relations"] else "NO",
                     where(ref["stories"], snap["stories"]),
                     f"{agreement(ref['stories'], snap['stories']):.4f}", wall, cpu))
        for seed in range(1, args.orders + 1):
            order = files[:]
            random.Random(seed).shuffle(order)
            size = -(-len(order) // args.batches)
            batches = [order[i : i + size] for i in range(0, len(order), size)]
            snap, wall, cpu = run_batches(work / f"shuffled{seed}.db", batches, work)
            rows.append((f"shuffled (seed {seed}), {len(batches)} batches",
                         "yes" if snap["relations"] == ref["relations"] else
                         f"NO ({len(snap['relations'] ^ ref['relations'])} differ)",
                         where(ref["stories"], snap["stories"]),
                         f"{agreement(ref['stories'], snap['stories']):.4f}", wall, cpu))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    lines = [
        "## Idempotence and arrival order (benchmarks/bench_order.py)\n",
        f"{len(files)} generated captures (`newsfuse.synthetic`, seed 5, txt + html), {n_art} articles, "
        f"{len(ref['stories'])} stories and {len(ref['relations'])} copy relations in one run. Each line is "
        "a fresh store unless said; stories are compared as sets of captures (ids aside), agreement is the "
        "Rand index over all article pairs.\n",
        "| arrival | relations equal | stories | pair agreement | wall | CPU |",
        "|---|---|---|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} | {d} | {w:.0f} s | {c_:.0f} s |" for a, b, c, d, w, c_ in rows]
    lines.append("\nThe machine was shared with other workers (2 cores): wall times are high.")
    text = "\n".join(lines)
    write_section("order", text)
    print(text)


if __name__ == "__main__":
    main()
