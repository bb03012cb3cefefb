"""The stories stage at scale: online throughput, assignment latency and memory.

A generated event stream (benchmarks/gen_events.py, varied outlets) is fed to one
``StoryClusterer`` in feed polls of ``--poll`` articles, as the engine does on each
run: the poll's dense vectors are computed, every article is placed, then the
fragment-merging second pass runs. Measured at checkpoints (10k, 100k, ... articles
in the clusterer): articles/s over the last stretch (wall and per CPU-second, dense
vectors included), per-article latency percentiles of the last stretch, resident
memory, and the size of the persisted state.

Streams are generated in slices of ``--slice`` articles whose dates follow on, and
squeezed to ``--per-day`` articles a day (a large national aggregator's volume), so
that many stories are open at once.

    python benchmarks/bench_stories_scale.py --sizes 10000 100000 [1000000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_stories import bcubed  # noqa: E402
from gen_events import generate  # noqa: E402
from machine import write_section  # noqa: E402

from newsfuse.records import Article  # noqa: E402
from newsfuse.stories import StoryClusterer  # noqa: E402


GOLD: dict[str, str] = {}


def rss_mib() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def stream(total: int, per_day: int, slice_size: int):
    """Articles of ``total``, in arrival order, slice by slice (ids stay unique)."""
    base = dt.date(2031, 1, 1).toordinal()
    offset = 0
    made = 0
    k = 0
    while made < total:
        n = min(slice_size, total - made)
        arts, _groups, gold, _ = generate(n, seed=5000 + k, varied=True)
        days = [dt.date.fromisoformat(a.published).toordinal() for a in arts]
        first = min(days)
        natural = max(1, max(days) - first)
        span = max(1, n // per_day) if per_day else natural
        scale = span / natural
        for a, d in zip(arts, days, strict=True):
            GOLD[f"s{k}-{a.id}"] = f"s{k}-{gold[a.id]}"
            new = dt.date.fromordinal(base + offset + int((d - first) * scale)).isoformat()
            a.id = f"s{k}-{a.id}"
            a.doc_id = a.id
            a.original = f"s{k}-{a.original}" if a.original else None
            a.copy_of = f"s{k}-{a.copy_of}" if a.copy_of else None
            a.published = a.trusted_date = new
        offset += span + 1
        made += n
        k += 1
        yield arts


def run(sizes: list[int], per_day: int, poll: int, slice_size: int) -> list[dict]:
    clusterer = StoryClusterer()
    rows: list[dict] = []
    marks = sorted(sizes)
    done = 0
    lat: list[float] = []
    wall0, cpu0 = time.perf_counter(), time.process_time()
    start_done = 0
    base_rss = rss_mib()
    for arts in stream(marks[-1], per_day, slice_size):
        for i in range(0, len(arts), poll):
            chunk: list[Article] = arts[i : i + poll]
            t0 = time.perf_counter()
            vecs = clusterer._vectors(chunk)  # the poll's dense vectors, as add_many does
            share = (time.perf_counter() - t0) / len(chunk)
            for j, a in enumerate(chunk):
                t1 = time.perf_counter()
                clusterer.add(a, None if vecs is None else vecs[j])
                lat.append(time.perf_counter() - t1 + share)
            clusterer.consolidate()
            done += len(chunk)
            if marks and done >= marks[0]:
                wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
                gc.collect()
                t2 = time.perf_counter()
                state = clusterer.to_state()
                save_s = time.perf_counter() - t2
                ms = np.array(lat) * 1000
                p, r, f1 = bcubed({a: clusterer.resolve(s) for a, s in clusterer.story_of.items()},
                                  {a: GOLD[a] for a in clusterer.story_of})
                rows.append({
                    "articles": done, "stretch": done - start_done,
                    "rate": (done - start_done) / wall, "cpu_rate": (done - start_done) / cpu,
                    "p50": float(np.percentile(ms, 50)), "p99": float(np.percentile(ms, 99)),
                    "max": float(ms.max()), "rss": rss_mib(), "growth": rss_mib() - base_rss,
                    "state_mb": len(state) / 1e6, "save_s": save_s,
                    "stories": len(clusterer.states), "p": p, "r": r, "f1": f1,
                    "events": len({GOLD[a] for a in clusterer.story_of}),
                })
                print(rows[-1], flush=True)
                del state
                marks.pop(0)
                lat = []
                start_done = done
                wall0, cpu0 = time.perf_counter(), time.process_time()
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--per-day", type=int, default=0,
                    help="squeeze each slice to this many articles a day (0: the generator's own pace)")
    ap.add_argument("--poll", type=int, default=500)
    ap.add_argument("--slice", type=int, default=50_000)
    args = ap.parse_args()
    rows = run(args.sizes, args.per_day, args.poll, args.slice)
    clusterer = StoryClusterer()
    dense = "dense + lexical" if clusterer.dense else "lexical only (no embedder)"
    lines = [
        "## Stories at scale (benchmarks/bench_stories_scale.py)",
        "",
        f"One online clusterer ({dense}), varied generated "
        f"streams ({f'squeezed to {args.per_day}' if args.per_day else 'about 70'} articles/day), feed polls of {args.poll} articles "
        "(vectors, placement, second pass). Rates are over the stretch since the previous "
        "checkpoint, vectors included; latency = one article's placement plus its share of the "
        "poll's vectors.",
        "",
        "| articles in store | articles/s (wall) | per CPU-s | p50 ms | p99 ms | max ms | RSS MiB | "
        "growth MiB | state MB | state save s | stories / events | B3 P | B3 R | B3 F1 |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['articles']:,} | {r['rate']:.0f} | {r['cpu_rate']:.0f} | {r['p50']:.2f} | "
            f"{r['p99']:.2f} | {r['max']:.0f} | {r['rss']:.0f} | {r['growth']:.0f} | "
            f"{r['state_mb']:.1f} | {r['save_s']:.1f} | {r['stories']:,} / {r['events']:,} | "
            f"{r['p']:.3f} | {r['r']:.3f} | {r['f1']:.3f} |"
        )
    write_section("stories_scale", "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
