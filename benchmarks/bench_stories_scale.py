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

``--vectors`` picks the dense vector source: ``minilm`` (the shipped embedder, what a
real run pays), ``static`` (``newsfuse.embed.static``, zero-padded to the clusterer's
dimension, still timed per poll) or ``precomputed`` (a fixed random unit direction per
gold event plus per-article noise, made before the timed loop: the clusterer's own cost
only). ``--breakdown`` adds a sampled deep-size account of where the clusterer's memory
goes at each checkpoint (bytes per article, by component).

    python benchmarks/bench_stories_scale.py --vectors precomputed --sizes 100000 1000000
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import hashlib
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_stories import bcubed  # noqa: E402
from gen_events import generate  # noqa: E402
from machine import RESULTS, machine, peak_rss_mib, today  # noqa: E402

from newsfuse import embed as _embed  # noqa: E402

from newsfuse.parallel import Pool, workers  # noqa: E402
from newsfuse.records import Article  # noqa: E402
from newsfuse.stories import StoryClusterer  # noqa: E402
from newsfuse.stories.clusterer import EMBED_BATCH, prepare  # noqa: E402


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


def event_vector(event: str, dim: int) -> np.ndarray:
    """A fixed random unit direction per gold event (seeded by its name)."""
    seed = int.from_bytes(hashlib.sha1(event.encode()).digest()[:8], "little")
    v = np.random.default_rng(seed).standard_normal(dim).astype(np.float32)
    return v / np.linalg.norm(v)


def synthetic_vectors(arts: list[Article], dim: int, noise: float = 0.7) -> dict[str, np.ndarray]:
    """Per article: its event's direction plus Gaussian noise, unit length (cosine within
    an event ~0.65, across events ~0: about as many stories per article as MiniLM gives), a copy sharing its original's vector."""
    out: dict[str, np.ndarray] = {}
    rng = np.random.default_rng(len(arts))
    for a in arts:
        src = a.original or a.copy_of
        if src in out:
            out[a.id] = out[src]
            continue
        v = event_vector(GOLD[a.id], dim) + noise * rng.standard_normal(dim).astype(np.float32) / np.sqrt(dim)
        out[a.id] = (v / np.linalg.norm(v)).astype(np.float32)
    return out


def run(sizes: list[int], per_day: int, poll: int, slice_size: int, source: str = "minilm",
        breakdown: bool = False, report: Callable[[list[dict]], None] | None = None,
        n_workers: int = 0) -> list[dict]:
    """Feed the stream, measuring at each of ``sizes``; ``report`` gets the rows so far
    after each checkpoint (a long run keeps what it measured if stopped)."""
    with Pool(n_workers) as pool:
        return _run(sizes, per_day, poll, slice_size, source, breakdown, report, pool)


def _run(sizes: list[int], per_day: int, poll: int, slice_size: int, source: str,
         breakdown: bool, report: Callable[[list[dict]], None] | None, pool: Pool) -> list[dict]:
    # "static" is the shipped static stories model (its own vectors and weights).
    clusterer = StoryClusterer(dense=True if source == "precomputed" else None,
                               model="static" if source == "static" else "minilm")
    dim = _embed.DIM
    rows: list[dict] = []
    marks = sorted(sizes)
    done = 0
    lat: list[float] = []
    # Only the feed polls are timed (vectors, placement, second pass): generating the
    # stream and the precomputed vectors is the harness's cost, not the clusterer's.
    wall = cpu = 0.0
    start_done = 0
    base_rss = rss_mib()
    for arts in stream(marks[-1], per_day, slice_size):
        pre = synthetic_vectors(arts, dim) if source == "precomputed" else {}
        for i in range(0, len(arts), poll):
            chunk: list[Article] = arts[i : i + poll]
            w0, c0 = time.perf_counter(), time.process_time()
            # What add_many does, timed per article: the poll's vectors and text profiles
            # computed in batches on the pool's workers while this process places the
            # batches before (in-process with one worker).
            batches = [chunk[k : k + EMBED_BATCH] for k in range(0, len(chunk), EMBED_BATCH)]
            if source in ("minilm", "static"):
                prepared = clusterer.prepare_batches(batches, pool)
            else:
                prepared = ((np.stack([pre[a.id] for a in b]), profs) for b, (_v, profs) in
                            zip(batches, pool.map(prepare, [(b, "static", False) for b in batches]),
                                strict=True))
            for batch in batches:
                t1 = time.perf_counter()
                vecs, profs = next(prepared)
                share = (time.perf_counter() - t1) / len(batch)  # waiting for the workers
                for j, a in enumerate(batch):
                    t2 = time.perf_counter()
                    clusterer.add(a, None if vecs is None else vecs[j], profs[j])
                    lat.append(time.perf_counter() - t2 + share)
            clusterer.consolidate()
            wall += time.perf_counter() - w0
            cpu += time.process_time() - c0
            done += len(chunk)
            if marks and done >= marks[0]:
                gc.collect()
                rss = rss_mib()
                t2 = time.perf_counter()
                state = clusterer.to_state()
                save_s = time.perf_counter() - t2
                state_mb = len(state) / 1e6
                del state
                ms = np.array(lat) * 1000
                p, r, f1 = bcubed({a: clusterer.resolve(s) for a, s in clusterer.story_of.items()},
                                  {a: GOLD[a] for a in clusterer.story_of})
                rows.append({
                    "articles": done, "stretch": done - start_done,
                    "rate": (done - start_done) / wall, "cpu_rate": (done - start_done) / cpu,
                    "p50": float(np.percentile(ms, 50)), "p99": float(np.percentile(ms, 99)),
                    "max": float(ms.max()), "rss": rss, "growth": rss - base_rss,
                    "peak": peak_rss_mib(), "state_mb": state_mb, "save_s": save_s,
                    "stories": len(clusterer.states), "p": p, "r": r, "f1": f1,
                    "events": len({GOLD[a] for a in clusterer.story_of}),
                    "parts": footprint(clusterer) if breakdown else {},
                })
                print({k: v for k, v in rows[-1].items() if k != "parts"}, flush=True)
                if breakdown:
                    print(rows[-1]["parts"], flush=True)
                if report is not None:
                    report(rows)
                marks.pop(0)
                lat = []
                start_done = done
                wall = cpu = 0.0
    return rows


def deep_size(obj: object, seen: set[int] | None = None) -> int:
    """Bytes held by ``obj`` and everything it references (not shared singletons)."""
    seen = set() if seen is None else seen
    stack, total = [obj], 0
    while stack:
        o = stack.pop()
        if id(o) in seen or o is None or isinstance(o, bool):
            continue
        seen.add(id(o))
        total += sys.getsizeof(o)
        if isinstance(o, np.ndarray):
            continue  # getsizeof counts an owning array's buffer
        if isinstance(o, dict):
            stack.extend(o.keys())
            stack.extend(o.values())
        elif isinstance(o, list | tuple | set | frozenset):
            stack.extend(o)
        elif hasattr(o, "__dict__"):
            stack.append(vars(o))
        elif hasattr(o, "__slots__"):
            stack.extend(getattr(o, k) for k in o.__slots__ if hasattr(o, k))
    return total


def sampled(d: dict, k: int = 3000) -> float:
    """Deep size of a big dict, estimated from ``k`` evenly spaced entries."""
    if not d:
        return float(sys.getsizeof(d))
    items = list(d.items())
    step = max(1, len(items) // k)
    part = items[::step]
    seen: set[int] = set()
    body = sum(deep_size(kv, seen) - sys.getsizeof(kv) for kv in part)
    return sys.getsizeof(d) + body * len(items) / len(part)


def footprint(c: StoryClusterer) -> dict[str, float]:
    """Bytes per article in the clusterer, by component (sampled deep sizes; strings
    shared between components are counted in each, so the parts overlap slightly)."""
    n = max(1, len(c.story_of))
    parts: dict[str, float] = {}
    for name in ("story_of", "group_story", "group_of", "group_date", "info", "index",
                 "story_keys", "aliases", "order"):
        parts[name] = sampled(getattr(c, name, {}) or {})
    parts["df.terms"] = sampled(c.df.terms)
    parts["df.ents"] = sampled(c.df.ents)
    # Stored values as they are (a frozen story is not thawed to be measured).
    table = getattr(c.states, "_all", c.states)
    parts["states (tables)"] = sys.getsizeof(table) + sys.getsizeof(getattr(c.states, "live", {}))
    states = list(table.values())
    step = max(1, len(states) // 3000)
    sample = states[::step]
    fields: dict[str, float] = {}
    for st in sample:
        if hasattr(st, "blob"):  # a frozen story
            fields["frozen"] = fields.get("frozen", 0.0) + deep_size(st)
            continue
        for f in vars(st):
            fields[f] = fields.get(f, 0.0) + deep_size(getattr(st, f))
    for f, b in fields.items():
        parts[f"story.{f}"] = b * len(states) / max(1, len(sample))
    out = {k: round(v / n) for k, v in sorted(parts.items(), key=lambda kv: -kv[1])}
    out["total"] = round(sum(parts.values()) / n)
    return out


def merge_section(path: Path, heading: str, body: str) -> None:
    """Replace the section under ``heading`` in ``path`` (or append it), keeping the rest."""
    text = path.read_text() if path.exists() else ""
    chunks = [c for c in ("\n" + text).split("\n## ") if c.strip()]
    kept = ["## " + c.strip("\n") for c in chunks if not c.startswith(heading[3:])]
    path.write_text("\n\n".join(kept + [body.rstrip()]) + "\n")


SOURCES = {
    "minilm": "MiniLM int8 vectors computed per poll (timed)",
    "static": "the static stories model (`--stories-model static`: its vectors, computed per poll and timed, and its weights)",
    "precomputed": "synthetic vectors (a random unit direction per gold event plus noise, "
                   "made before the timed loop: the clusterer's own cost only; B3 figures are "
                   "not comparable with real vectors)",
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--per-day", type=int, default=0,
                    help="squeeze each slice to this many articles a day (0: the generator's own pace)")
    ap.add_argument("--poll", type=int, default=500)
    ap.add_argument("--slice", type=int, default=50_000)
    ap.add_argument("--vectors", choices=sorted(SOURCES), default="minilm",
                    help="dense vector source (see the module docstring)")
    ap.add_argument("--breakdown", action="store_true",
                    help="also account the clusterer's memory per article by component")
    ap.add_argument("--note", default="", help="a line on the machine's load, for the report")
    ap.add_argument("--workers", type=int, default=max(0, workers() - 1),
                    help="processes computing vectors and text profiles ahead of placement "
                         "(0: all in this process; default: one per core but the placing one)")
    args = ap.parse_args()
    run(args.sizes, args.per_day, args.poll, args.slice, args.vectors, args.breakdown,
        lambda rows: report(args, rows), args.workers)


def report(args: argparse.Namespace, rows: list[dict]) -> None:
    """Write the rows measured so far to results/stories_scale.md (this source's section)."""
    clusterer = StoryClusterer(dense=True if args.vectors != "minilm" else None)
    dense = "dense + lexical" if clusterer.dense else "lexical only (no embedder)"
    pace = f", {args.per_day} articles a day" if args.per_day else ""
    procs = f", {args.workers} worker{'s' if args.workers > 1 else ''}" if args.workers else ""
    heading = f"## Stories at scale, {args.vectors} vectors{pace}{procs} (benchmarks/bench_stories_scale.py)"
    lines = [
        heading,
        "",
        f"One online clusterer ({dense}; {SOURCES[args.vectors]}), varied generated "
        f"streams ({f'squeezed to {args.per_day}' if args.per_day else 'about 70'} articles/day), "
        f"feed polls of {args.poll} articles (vectors, placement, second pass"
        + (f"; vectors and text profiles computed on {args.workers} worker processes ahead of "
           "placement, as `add_many` does with a kept `parallel.Pool`" if args.workers
           else "; everything in one process") + "). Rates are over "
        "the stretch since the previous checkpoint, counting only the polls (not the stream's "
        "generation); per CPU-s counts the placing process only; latency = one article's "
        "placement plus its share of the wait for its batch's vectors and profiles. "
        "RSS is the whole process after a gc (the harness holds the current 50k-article slice "
        "and the gold map too); peak includes the state save.",
        "",
        "| articles in store | articles/s (wall) | per CPU-s | p50 ms | p99 ms | max ms | RSS MiB | "
        "growth MiB | peak MiB | state MB | state save s | stories / events | B3 P | B3 R | B3 F1 |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['articles']:,} | {r['rate']:.0f} | {r['cpu_rate']:.0f} | {r['p50']:.2f} | "
            f"{r['p99']:.2f} | {r['max']:.0f} | {r['rss']:.0f} | {r['growth']:.0f} | "
            f"{r['peak']:.0f} | {r['state_mb']:.1f} | {r['save_s']:.1f} | "
            f"{r['stories']:,} / {r['events']:,} | {r['p']:.3f} | {r['r']:.3f} | {r['f1']:.3f} |"
        )
    if args.breakdown:
        lines += ["", "Clusterer memory, bytes per article in store (sampled deep sizes):", ""]
        for r in rows:
            top = ", ".join(f"{k} {v:,}" for k, v in r["parts"].items() if k != "total" and v >= 20)
            lines.append(f"- {r['articles']:,}: total {r['parts']['total']:,} B/article ({top})")
    if args.note:
        lines += ["", args.note]
    lines += ["", f"_Measured {today()} on {machine()}._"]
    merge_section(RESULTS / "stories_scale.md", heading, "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
