"""Benchmark of the copies stage on generated hard syndication (benchmarks/gen_syndication.py).

Measures copy-group quality (pairwise P/R/F1, ARI), relation types on the hard negatives,
date and original inference, throughput of fingerprinting + LSH candidates, and memory
of a 100k-article index. Prints a markdown section and writes benchmarks/results/copies.md.

    python benchmarks/bench_copies.py [--events 3000] [--scale 100000]
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

from newsfuse.copies import CopyIndex, find_copies  # noqa: E402
from newsfuse.copies import fingerprint as fpm  # noqa: E402
from newsfuse.copies.grouping import DocMeta  # noqa: E402
from newsfuse.copies.index import fingerprint_article  # noqa: E402
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
    fps = [fingerprint_article(a)[0] for a in arts]
    t1 = clock()
    sigs = [fpm.minhash(f.uniq) for f in fps]
    t2 = clock()
    keys = [fpm.band_keys(s) for s in sigs]
    t3 = clock()
    index = CopyIndex()
    allk = np.concatenate(keys)
    idx = np.repeat(np.arange(len(keys)), [len(k) for k in keys])
    for a in arts:  # register ids so the candidate step can order documents
        index._pos[a.id] = len(index._metas)
        index._metas.append(DocMeta(a.id))
    t4 = clock()
    cands = index._candidates(0, allk, idx)
    t5 = clock()
    wall = time.perf_counter() - w0
    n = len(arts)
    cpu = (t3 - t0) + (t5 - t4)
    return [
        f"Throughput, one process ({n} articles, mean {words:.0f} words; CPU seconds of this process; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores during the run):",
        "",
        "| phase | CPU s | articles/s per core |",
        "|---|---|---|",
        f"| canonical tokens + 5-shingle hashes | {t1 - t0:.2f} | {n / (t1 - t0):.0f} |",
        f"| MinHash, 128 permutations (numpy affine32) | {t2 - t1:.2f} | {n / (t2 - t1):.0f} |",
        f"| LSH band keys (64 bands x 2 rows) | {t3 - t2:.2f} | {n / (t3 - t2):.0f} |",
        f"| candidate pairs from sorted band keys ({len(cands)} pairs) | {t5 - t4:.2f} | {n / (t5 - t4):.0f} |",
        f"| **fingerprinting + candidates** | {cpu:.2f} | **{n / cpu:.0f}** (target >= 3,000; wall {n / wall:.0f}/s) |",
    ]


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def memory(target: int, seed: int) -> list[str]:
    docs: list[dict] = []
    ev = 0
    while len(docs) < target:
        docs += generate(2000, seed=seed + ev)
        ev += 1
    docs = docs[:target]
    # unique ids across generator batches
    for k, d in enumerate(docs):
        d["id"] = f"{k:07d}-{d['id']}"
    arts = to_articles(docs)
    del docs
    gc.collect()
    before = rss_mb()
    index = CopyIndex()
    t = time.perf_counter()
    step = 10_000
    for i in range(0, len(arts), step):
        index.add(arts[i : i + step])
    add_secs = time.perf_counter() - t
    gc.collect()
    after = rss_mb()
    t = time.perf_counter()
    res = index.result()
    group_secs = time.perf_counter() - t
    state = index.to_state()
    per_doc = (after - before) * 1024 * 1024 / len(arts)
    return [
        f"Index of {len(arts)} articles, added in batches of {step}: {add_secs:.1f} s "
        f"({len(arts) / add_secs:.0f} articles/s incl. verification), groups in {group_secs:.1f} s, "
        f"{len(res.relations)} relations, {len(res.groups)} groups.",
        f"Memory: RSS grew by {after - before:.0f} MB while indexing ({per_doc / 1024:.1f} KB/article); "
        f"persisted state {len(state) / 2**20:.0f} MB. At 1M articles, extrapolated linearly (not measured): "
        f"~{per_doc * 1e6 / 2**30:.1f} GB RSS, ~{len(state) / len(arts) * 1e6 / 2**30:.1f} GB state.",
    ]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--events", type=int, default=3000)
    ap.add_argument("--speed-events", type=int, default=3000)
    ap.add_argument("--scale", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    lines = [
        "## copies",
        "",
        f"Measured {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC on {platform.machine()} "
        f"({os.cpu_count()} cores shared with other jobs), Python {platform.python_version()}, "
        f"numpy {np.__version__}.",
        "",
        "### Quality on hard synthetic syndication",
        "",
    ]
    print("\n".join(lines), flush=True)
    sections = [lambda: quality(args.events, args.seed), lambda: ["", "### Throughput", ""],
                lambda: throughput(args.speed_events, args.seed + 1)]
    if args.scale:
        sections += [lambda: ["", "### Scale", ""], lambda: memory(args.scale, args.seed + 100)]
    for section in sections:
        part = section()
        print("\n".join(part), flush=True)
        lines += part
    text = "\n".join(lines) + "\n"
    out = Path(__file__).resolve().parent / "results" / "copies.md"
    out.parent.mkdir(exist_ok=True)
    out.write_text(text)


if __name__ == "__main__":
    main()
