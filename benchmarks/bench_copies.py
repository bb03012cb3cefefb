"""Benchmark of the copies stage on generated hard syndication (benchmarks/gen_syndication.py).

Measures copy-group quality (pairwise P/R/F1, ARI), relation types on the hard negatives,
date and original inference, throughput of fingerprinting + LSH candidates, and memory
of a 100k-article index. Prints a markdown section and writes benchmarks/results/copies.md.

    python benchmarks/bench_copies.py [--events 3000] [--scale 100000,1000000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import itertools
import os
import platform
import resource
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_syndication import generate  # noqa: E402

from newsfuse.copies import find_copies  # noqa: E402
from newsfuse.copies import fingerprint as fpm  # noqa: E402
from newsfuse.copies import kernels as K  # noqa: E402
from newsfuse.records import Article  # noqa: E402


def to_articles(docs: list[dict]) -> list[Article]:
    return [Article(id=d["id"], doc_id=d["id"], source=d["id"], body=d["body"], title=d["title"],
                    published=d["published"], wire=d["wire"], outlet=d["outlet"]) for d in docs]


def pairs_of(groups: dict[str, list[str]]) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    for members in groups.values():
        out.update(itertools.combinations(sorted(members), 2))
    return out


def _quoted_words(doc: dict, gold: dict[str, dict]) -> int:
    """Words of wire paragraphs that a partial report reproduces."""
    wire = gold[doc["source"]]["body"].split("\n\n")
    return sum(len(p.split()) for p in wire if p in doc["body"] or p.split(" -- ", 1)[-1] in doc["body"])


def quality(n_events: int, seed: int) -> list[str]:
    docs = generate(n_events, seed=seed)
    gold = {d["id"]: d for d in docs}
    arts = to_articles(docs)
    t = time.perf_counter()
    res = find_copies(arts)
    secs = time.perf_counter() - t
    pred_group = {m: g.original for g in res.groups for m in g.members}
    gold_groups: dict[str, list[str]] = {}
    for d in docs:
        gold_groups.setdefault(d["group"], []).append(d["id"])
    pred_groups = {g.original: g.members for g in res.groups}
    gp, pp = pairs_of(gold_groups), pairs_of(pred_groups)
    tp = len(gp & pp)
    prec = tp / len(pp) if pp else 1.0
    rec = tp / len(gp) if gp else 1.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    from sklearn.metrics import adjusted_rand_score

    ids = sorted(gold)
    ari = adjusted_rand_score([gold[i]["group"] for i in ids], [pred_group[i] for i in ids])
    kinds = Counter(d["kind"] for d in docs)
    # hard negatives
    strong = [r for r in res.relations if r.type != "partial"]
    rewrite_strong = sum(1 for r in strong if "rewrite" in (gold[r.a]["kind"], gold[r.b]["kind"]))
    rewrite_any = sum(1 for r in res.relations if "rewrite" in (gold[r.a]["kind"], gold[r.b]["kind"]))
    partial_hit = sum(
        1 for r in res.relations if r.type == "partial"
        and {gold[r.a]["kind"], gold[r.b]["kind"]} == {"partial", "wire"} and gold[r.a]["source"] == gold[r.b]["source"]
    )
    found_partial = {
        (r.a if gold[r.a]["kind"] == "partial" else r.b) for r in res.relations if r.type == "partial"
        and {gold[r.a]["kind"], gold[r.b]["kind"]} == {"partial", "wire"} and gold[r.a]["source"] == gold[r.b]["source"]
    }
    long_quotes = [d["id"] for d in docs if d["kind"] == "partial" and _quoted_words(d, gold) >= 60]
    long_hit = sum(1 for i in long_quotes if i in found_partial)
    partial_strong = sum(1 for r in strong if "partial" in (gold[r.a]["kind"], gold[r.b]["kind"]))
    # relation types of gold copy -> wire pairs
    rel = {(r.a, r.b): r for r in res.relations}
    types: Counter[str] = Counter()
    for d in docs:
        if d["kind"] not in ("wire", "rewrite", "partial"):
            r = rel.get(tuple(sorted((d["id"], d["group"]))))  # type: ignore[arg-type]
            types[f"{d['kind']}->{r.type if r else 'none'}"] += 1
    # dates and originals
    by = {a.id: a for a in arts}
    redated = [d["id"] for d in docs if d["redated"]]
    flagged = [a.id for a in arts if "date_suspect" in a.flags]
    flag_tp = len(set(redated) & set(flagged))
    multi = [g for g in res.groups if len(g.members) > 1]
    orig_ok = sum(1 for g in multi if gold[g.original]["kind"] == "wire")
    wire_dates_ok = sum(1 for i in redated if by[i].trusted_date == gold[gold[i]["group"]]["published"])
    return [
        f"Corpus: {len(docs)} articles from {n_events} fictional events (seed {seed}): "
        + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())),
        f"`find_copies` on all of them: {secs:.1f} s ({len(docs) / secs:.0f} articles/s end to end, incl. verification and grouping)",
        "",
        "| metric | value | target |",
        "|---|---|---|",
        f"| pairwise precision (same-group pairs) | {prec:.4f} | >= 0.98 |",
        f"| pairwise recall | {rec:.4f} | |",
        f"| pairwise F1 | {f1:.4f} | |",
        f"| ARI of copy groups | {ari:.4f} | >= 0.95 |",
        f"| exact/syndicated relations touching an independent rewrite | {rewrite_strong} (any relation: {rewrite_any}) of {kinds['rewrite']} rewrites | 0 |",
        f"| partial reports with a `partial` relation to their wire story | {partial_hit}/{kinds['partial']} (exact/syndicated: {partial_strong}) | |",
        f"| ... of those quoting >= 60 words of the wire story | {long_hit}/{len(long_quotes)} | |",
        f"| re-dated copies flagged `date_suspect` | {flag_tp}/{len(redated)} (false flags {len(flagged) - flag_tp}) | |",
        f"| re-dated copies whose trusted_date = wire story's date | {wire_dates_ok}/{len(redated)} | |",
        f"| multi-member groups whose original is the wire story | {orig_ok}/{len(multi)} | |",
        "",
        "Relation found between each gold copy and its wire story (copy mode -> type): "
        + ", ".join(f"{k} {v}" for k, v in sorted(types.items())),
    ]


def throughput(n_events: int, seed: int) -> list[str]:
    """CPU time per phase (``time.process_time``: the machine is shared, so wall time
    mostly measures the other jobs); wall time is reported for the total."""
    arts = to_articles(generate(n_events, seed=seed))
    words = sum(len(a.body.split()) for a in arts) / len(arts)
    clock = time.process_time
    w0 = time.perf_counter()
    t0 = clock()
    sketches = K.sketch_many(arts)
    t1 = clock()
    shingles = [s.shingles for s in sketches]
    sigs = fpm.signatures(shingles)
    t2 = clock()
    keys = fpm.band_keys(sigs)
    t3 = clock()
    ids = [a.id for a in arts]
    cands = K.candidates(keys.ravel(), np.repeat(np.arange(len(arts)), fpm.BANDS), len(arts), ids.__getitem__)
    t5 = clock()
    wall = time.perf_counter() - w0
    n = len(arts)
    cpu = t5 - t0
    ds = datasketch_reference(shingles, ids, cands, (t3 - t1, t5 - t3))
    # The same on other articles with the line cache off (no paragraph is ever seen
    # twice): the cost for text unlike anything indexed before.
    import newsfuse.copies.normalize as norm

    cold = to_articles(generate(n_events, seed=seed + 1000))
    saved, norm.LINE_CACHE = norm.LINE_CACHE, 0
    c0 = clock()
    cold_sk = K.sketch_many(cold)
    c1 = clock()
    norm.LINE_CACHE = saved
    cold_keys = fpm.band_keys(fpm.signatures([s.shingles for s in cold_sk]))
    cold_ids = [a.id for a in cold]
    K.candidates(cold_keys.ravel(), np.repeat(np.arange(len(cold)), fpm.BANDS), len(cold), cold_ids.__getitem__)
    c2 = clock()
    return [
        f"Throughput, one process ({n} articles, mean {words:.0f} words; CPU seconds of this process; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores during the run):",
        "",
        "| phase | CPU s | articles/s per CPU-second |",
        "|---|---|---|",
        f"| canonical tokens + 5-shingle hashes (`sketch_many`) | {t1 - t0:.2f} | {n / (t1 - t0):.0f} |",
        f"| MinHash, 128 permutations (numpy affine32, batched) | {t2 - t1:.2f} | {n / (t2 - t1):.0f} |",
        f"| LSH band keys (64 bands x 2 rows) | {t3 - t2:.2f} | {n / max(t3 - t2, 1e-9):.0f} |",
        f"| candidate pairs from sorted band keys ({len(cands)} pairs) | {t5 - t3:.2f} | {n / (t5 - t3):.0f} |",
        f"| **fingerprinting + candidates** | {cpu:.2f} | **{n / cpu:.0f}** (target >= 3,000; wall {n / wall:.0f}/s) |",
        f"| same, other {len(cold)} articles, paragraph cache off: sketch / **all** | {c1 - c0:.2f} / {c2 - c0:.2f} | "
        f"{len(cold) / (c1 - c0):.0f} / **{len(cold) / (c2 - c0):.0f}** |",
        "",
        *ds,
    ]


def datasketch_reference(shingles: list[np.ndarray], ids: list[str], ours: set[tuple[int, int]],
                         our_cpu: tuple[float, float]) -> list[str]:
    """datasketch's MinHash + MinHashLSH (one process) on the same shingle hashes with the
    same permutations (affine32, seed 1) and bands (64 x 2): same candidate pairs?"""
    import datasketch

    clock = time.process_time
    t0 = clock()
    lsh = datasketch.MinHashLSH(num_perm=fpm.NUM_PERM, params=(fpm.BANDS, fpm.ROWS))
    mhs = []
    for i, sh in enumerate(shingles):
        mh = datasketch.MinHash(num_perm=fpm.NUM_PERM, seed=fpm.SEED, scheme="affine32", hashfunc=lambda x: x)
        if len(sh):
            mh.update_batch(sh.tolist())
        mhs.append(mh)
        lsh.insert(i, mh)
    t1 = clock()
    theirs: set[tuple[int, int]] = set()
    for i, mh in enumerate(mhs):
        theirs.update((min(i, j), max(i, j)) for j in lsh.query(mh) if j != i)
    t2 = clock()
    # Our index gives no keys to texts under MIN_WORDS and caps boilerplate keys: compare on the rest.
    same_sigs = sum(np.array_equal(m.hashvalues, s) for m, s in zip(mhs, fpm.signatures(shingles), strict=True))
    n = len(shingles)
    return [
        f"Reference: datasketch {datasketch.__version__} `MinHash` (scheme affine32, same seed) + `MinHashLSH` "
        f"(params=({fpm.BANDS}, {fpm.ROWS})) on the same shingle hashes, one process:",
        "",
        "| | datasketch | newsfuse |",
        "|---|---|---|",
        f"| signatures (+ LSH insert / band keys), CPU s | {t1 - t0:.2f} | {our_cpu[0]:.2f} |",
        f"| candidate pairs (datasketch: query every article), CPU s | {t2 - t1:.2f} | {our_cpu[1]:.2f} |",
        f"| articles/s per CPU-second, signatures + candidates | {n / (t2 - t0):.0f} | {n / sum(our_cpu):.0f} |",
        f"| identical signatures | {same_sigs}/{n} | |",
        f"| candidate pairs | {len(theirs)} | {len(ours)} |",
        f"| pairs found by one side only | {len(theirs - ours)} datasketch-only, {len(ours - theirs)} newsfuse-only | |",
    ]


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def hwm_mb() -> float:
    """Peak RSS of this process image (``VmHWM``): unlike ``ru_maxrss``, not inherited
    from the parent that started it."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return peak_mb()


def scale_one(target: int, seed: int, step: int = 10_000, state_dir: str | None = None,
              keep_state: str = "") -> dict:
    """Build an index of ``target`` generated articles (~400 words: ``fill=(17, 35)``),
    added in batches of ``step`` as they are generated (only one batch's bodies exist
    at a time), stream its state to a file (``write_state``), load it back
    (``from_state``) and compute the groups. Run in its own process: peak RSS is per
    process. Progress goes to stderr. ``keep_state``: write the state there and keep it
    (``--load-one`` can then measure loading again)."""
    import tempfile

    from newsfuse.copies import CopyIndex

    cpu0, wall0 = time.process_time(), time.perf_counter()
    out: dict = {"articles": 0, "words": 0, "add_cpu": 0.0, "add_wall": 0.0, "base_mb": rss_mb()}
    index = CopyIndex()
    batch = 0
    while out["articles"] < target:
        docs = generate(2100, seed=seed + batch, fill=(17, 35))[: min(step, target - out["articles"])]
        for d in docs:
            d["id"] = f"b{batch:04d}{d['id']}"
        arts = to_articles(docs)
        del docs
        out["words"] += sum(len(a.body.split()) for a in arts)
        t, w = time.process_time(), time.perf_counter()
        index.add(arts)
        out["add_cpu"] += time.process_time() - t
        out["add_wall"] += time.perf_counter() - w
        out["articles"] += len(arts)
        batch += 1
        del arts
        if batch % 10 == 0:
            print(f"{out['articles']} articles: add CPU {out['add_cpu']:.0f} s, wall {time.perf_counter() - wall0:.0f} s, "
                  f"RSS {rss_mb():.0f} MB, peak {peak_mb():.0f} MB, segments {len(index.keys.items)}",
                  file=sys.stderr, flush=True)
    gc.collect()
    out["peak_add_mb"] = peak_mb()
    out["rss_index_mb"] = rss_mb()
    out["array_mb"] = index.nbytes() / 2**20
    out["relations"] = len(index.rels)
    with tempfile.TemporaryDirectory(dir=state_dir) as tmp:
        path = Path(keep_state) if keep_state else Path(tmp) / "copies.state"
        t = time.process_time()
        with path.open("wb") as fh:
            out["state_mb"] = index.write_state(fh) / 2**20
        out["state_cpu"] = time.process_time() - t
        out["peak_state_mb"] = peak_mb()
        del index
        gc.collect()
        # Loading runs in a fresh process, as in the engine (one process per run): in
        # this one the freed index would stay in the heap (glibc keeps freed blocks).
        import json
        import subprocess

        loaded = subprocess.run([sys.executable, __file__, "--load-one", str(path)],
                                capture_output=True, text=True, check=True).stdout
        out.update(json.loads(loaded.strip().splitlines()[-1]))
    out["peak_total_mb"] = max(out["peak_state_mb"], out["peak_load_mb"])
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    out["cpu"] = time.process_time() - cpu0 + kids.ru_utime + kids.ru_stime
    out["wall"] = time.perf_counter() - wall0
    out["date"] = f"{dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC"
    out["load_end"] = os.getloadavg()[0]
    return out


def load_one(path: str) -> dict:
    """``from_state`` of a saved state file, then ``result()``: CPU and peak RSS of a
    fresh process (what an engine run costs before it adds anything)."""
    from newsfuse.copies import CopyIndex

    out: dict = {"base_load_mb": rss_mb()}
    t = time.process_time()
    index = CopyIndex.from_state(Path(path).read_bytes())  # views into the bytes
    out["load_cpu"] = time.process_time() - t
    out["rss_loaded_mb"] = rss_mb()
    t = time.process_time()
    res = index.result()
    out["result_cpu"] = time.process_time() - t
    out["groups"] = len(res.groups)
    out["peak_load_mb"] = hwm_mb()
    return out


def scale(sizes: list[int], seed: int, done: list[str] | None = None) -> list[str]:
    """``scale_one`` of each size in a fresh process (or the JSON lines of earlier
    ``--scale-one`` runs, given as files in ``done``: the 1M run takes long)."""
    import json
    import subprocess

    lines = [
        "Each size built in a fresh process (`nice`): generated articles (~400 words, fill=(17, 35)) added to a "
        "`CopyIndex` in batches of 10,000 (one batch's bodies at a time), then `write_state()` to a file "
        "(streamed, array by array), then, in a fresh process as in an engine run, `from_state()` of the "
        "file's bytes and `result()` (groups over everything). Peak RSS = `ru_maxrss` of that process (Python + numpy baseline included); "
        "CPU = `time.process_time`; the machine (2 cores) was shared with other jobs.",
        "",
        "| articles | mean words | add: articles/s per CPU-s (wall) | relations | peak RSS while adding | "
        "index arrays | persisted state | peak RSS incl. saving the state | peak RSS of from_state + result() | "
        "save / from_state / result CPU s | whole run: CPU s / wall s |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    runs = [Path(f).read_text() for f in done] if done else [
        subprocess.run([sys.executable, __file__, "--scale-one", str(n), "--seed", str(seed)],
                       capture_output=True, text=True, check=True).stdout for n in sizes]
    for text in runs:
        r = json.loads(text.strip().splitlines()[-1])
        lines.append(
            f"| {r['articles']:,} | {r['words'] / r['articles']:.0f} | {r['articles'] / r['add_cpu']:.0f} "
            f"({r['articles'] / r['add_wall']:.0f}) | {r['relations']:,} | {r['peak_add_mb'] / 1024:.2f} GiB | "
            f"{r['array_mb']:.0f} MB | {r['state_mb']:.0f} MB | {r['peak_state_mb'] / 1024:.2f} GiB | "
            f"{r.get('peak_load_mb', r['peak_total_mb']) / 1024:.2f} GiB | {r['state_cpu']:.1f} / {r['load_cpu']:.1f} / {r['result_cpu']:.1f} | "
            f"{r.get('cpu', 0):,.0f} / {r.get('wall', 0):,.0f} ({r.get('date', '')}) |"
        )
        print(lines[-1], flush=True)
    return lines


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=3000)
    ap.add_argument("--speed-events", type=int, default=3000)
    ap.add_argument("--scale", default="100000,1000000", help="comma-separated sizes ('' or 0: skip)")
    ap.add_argument("--scale-one", type=int, default=0, help="(internal) one scale run, JSON out")
    ap.add_argument("--load-one", default="", help="(internal) load a state file, JSON out")
    ap.add_argument("--keep-state", default="", help="with --scale-one: keep the state in this file")
    ap.add_argument("--scale-results", default="", help="comma-separated JSON outputs of --scale-one runs")
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    if args.load_one:
        import json

        print(json.dumps(load_one(args.load_one)))
        return
    if args.scale_one:
        import json

        print(json.dumps(scale_one(args.scale_one, args.seed, keep_state=args.keep_state)))
        return
    sizes = [int(x) for x in str(args.scale).split(",") if x.strip() and int(x)]
    lines = [
        "## copies",
        "",
        f"Measured {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC on {platform.machine()} "
        f"({os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start), Python {platform.python_version()}, "
        f"numpy {np.__version__}.",
        "",
        "### Quality on hard synthetic syndication",
        "",
    ]
    print("\n".join(lines), flush=True)
    sections = [lambda: quality(args.events, args.seed), lambda: ["", "### Throughput", ""],
                lambda: throughput(args.speed_events, args.seed + 1)]
    if sizes:
        done = [f for f in args.scale_results.split(",") if f] or None
        sections += [lambda: ["", "### Scale", ""], lambda: scale(sizes, args.seed + 100, done)]
    for section in sections:
        part = section()
        print("\n".join(part), flush=True)
        lines += part
    text = "\n".join(lines) + "\n"
    out = Path(__file__).resolve().parent / "results" / "copies.md"
    out.parent.mkdir(exist_ok=True)
    if not sizes and out.exists() and "\n### Scale\n" in (old := out.read_text()):
        # Without --scale the long scale runs are not redone: their section (dated per run) stays.
        text += "\n" + old[old.index("### Scale\n"):]
    out.write_text(text)


if __name__ == "__main__":
    main()
