"""Measure the synth stage: conflicts, unique details, citations, seeds, speed.

Planted stories come from ``gen_planted.py`` (exact gold). Prints a markdown section
of measured figures and writes it to ``benchmarks/results/synth.md``.

    python benchmarks/bench_synth.py [--stories 40]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from gen_planted import Planted, generate, generate_story

from newsfuse.records import Article, CopyGroup, Story, Synthesis
from newsfuse.synth import align, synthesize

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def _fact_of(p: Planted, text: str) -> str | None:
    if text in p.sentence_fact:
        return p.sentence_fact[text]
    return next((k for t, k in p.sentence_fact.items() if text in t or t in text), None)


def _conflict_match(pred, gold: dict, p: Planted) -> bool:
    blob = (pred.topic + " " + " ".join(s.text + " " + s.value for s in pred.sides)).lower()
    if gold["keyword"].lower() not in blob:
        return False
    side_of = {s: k for k, side in enumerate(gold["sides"]) for s in side}
    seen_gold_sides = set()
    for side in pred.sides:
        ks = {side_of[s] for s in side.sources if s in side_of}
        if len(ks) > 1:
            return False  # a predicted side mixes sources that disagree
        seen_gold_sides |= ks
    return len(seen_gold_sides) >= 2


def score(planted: list[Planted], use_embeddings: bool) -> dict[str, float]:
    tp_c = n_pred_c = n_gold_c = 0
    u_ok = u_pred = u_gold = u_found = 0
    cite_ok = cite_n = cite_gold = cite_hit = unsupported = acc_n = 0
    by_kind: dict[str, list[int]] = {}
    for p in planted:
        s = synthesize(p.story, p.articles, p.groups, use_embeddings=use_embeddings)
        gold_c = p.gold["conflicts"]
        n_gold_c += len(gold_c)
        n_pred_c += len(s.conflicts)
        matched_pred = {
            i for i, c in enumerate(s.conflicts) if any(_conflict_match(c, g, p) for g in gold_c)
        }
        tp_c += len(matched_pred)
        for g in gold_c:
            hit = any(_conflict_match(c, g, p) for c in s.conflicts)
            by_kind.setdefault(g["kind"], [0, 0])
            by_kind[g["kind"]][0] += hit
            by_kind[g["kind"]][1] += 1
        facts = p.gold["facts"]
        truly_unique = {(next(iter(v)), k) for k, v in facts.items() if len(v) == 1}
        found = set()
        for src, texts in s.unique.items():
            for t in texts:
                u_pred += 1
                k = _fact_of(p, t)
                if k is not None and facts.get(k) == [src]:
                    u_ok += 1
                    found.add((src, k))
        u_gold += len(truly_unique)
        u_found += len(found & truly_unique)
        for a in s.account:
            acc_n += 1
            k = _fact_of(p, a.text)
            if k is None:
                unsupported += 1
                continue
            gold_srcs = set(facts[k])
            cite_n += len(a.sources)
            cite_ok += len(set(a.sources) & gold_srcs)
            cite_gold += len(gold_srcs)
            cite_hit += len(set(a.sources) & gold_srcs)
    out = {
        "conflict_precision": tp_c / max(n_pred_c, 1),
        "conflict_recall": sum(v[0] for v in by_kind.values()) / max(n_gold_c, 1),
        "gold_conflicts": n_gold_c,
        "predicted_conflicts": n_pred_c,
        "unique_precision": u_ok / max(u_pred, 1),
        "unique_recall": u_found / max(u_gold, 1),
        "citation_precision": cite_ok / max(cite_n, 1),
        "citation_recall": cite_hit / max(cite_gold, 1),
        "account_sentences": acc_n,
        "unsupported_sentences": unsupported,
    }
    for kind, (hit, n) in sorted(by_kind.items()):
        out[f"recall_{kind}"] = hit / max(n, 1)
    return out


def _seed_synthesis() -> Synthesis | None:
    gold_path = SHARED / "gold" / "seeds.json"
    if not gold_path.exists():
        return None
    gold = json.loads(gold_path.read_text())
    arts = []
    for name, doc in gold["docs"].items():
        lines = (SHARED / "seeds" / name).read_text(encoding="utf-8").splitlines()
        paras = [x.strip() for a, b in doc["body_lines"] for x in lines[a - 1 : b] if x.strip()]
        d = doc.get("published_true") or doc.get("published")
        arts.append(
            Article(
                id=name[:3],
                doc_id=name,
                source=name,
                body="\n\n".join(paras),
                published=d,
                trusted_date=d,
                original="000" if name[:3] == "001" else name[:3],
            )
        )
    groups = [CopyGroup("000", ["000", "001"])]
    s = synthesize(Story("seed", "seed", [a.id for a in arts]), arts, groups)
    return s


def seeds_report() -> list[str]:
    s = _seed_synthesis()
    if s is None:
        return ["- seeds not available"]
    gold = json.loads((SHARED / "gold" / "seeds.json").read_text())
    lines = []
    real = 0
    for number, g in enumerate(gold["conflicts"], 1):
        kws = [k.lower() for k in g["keywords"]]
        hit = [
            c
            for c in s.conflicts
            if all(
                k in (c.topic + " ".join(x.text + x.value for x in c.sides)).lower() for k in kws
            )
        ]
        real += bool(hit)
        # Sources and kinds only: the report must not quote the seeds' text.
        sides = " and ".join(str(x.sources) for c in hit for x in c.sides)
        lines.append(f"- gold conflict {number}: {'FOUND' if hit else 'MISSED'} (sides credited to {sides})")
    lines.append(f"- conflicts reported: {len(s.conflicts)}, false: {len(s.conflicts) - real}")
    n = ok = 0
    for name, kws in gold["unique"].items():
        mine = " ".join(s.unique.get(name[:3], [])).lower()
        for k in kws:
            n += 1
            ok += k.lower() in mine
    lines.append(
        f"- unique keywords found for their source: {ok}/{n}; unique sentences reported: "
        f"{sum(len(v) for v in s.unique.values())}"
    )
    cited = {x for a in s.account for x in a.sources} | {x for c in s.claims for x in c.support}
    lines.append(f"- copy 001 cited separately: {'YES (bad)' if '001' in cited else 'no'}")
    lines.append(
        f"- account: {len(s.account)} sentences, {sum(len(a.text.split()) for a in s.account)} words; "
        f"quotes: {len(s.quotes)}; timeline events: {len(s.timeline)}"
    )
    return lines


def timing(use_embeddings: bool) -> tuple[float, float, int, int]:
    """(cold seconds, re-synthesis seconds with cached sentence vectors, articles, sentences)."""
    import random

    p = generate_story(random.Random(11), "big", 40, 10, padding=14)
    synthesize(p.story, p.articles[:5], p.groups, use_embeddings=use_embeddings)  # load models once
    align._CACHE.clear()  # cold: no sentence vector known yet
    t = time.perf_counter()
    synthesize(p.story, p.articles, p.groups, use_embeddings=use_embeddings)
    cold = time.perf_counter() - t
    t = time.perf_counter()
    synthesize(p.story, p.articles, p.groups, use_embeddings=use_embeddings)
    return (
        cold,
        time.perf_counter() - t,
        len(p.articles),
        sum(len(a.body.split("\n\n")) for a in p.articles),
    )


def _embed_rate() -> float:
    """Sentences/s of the static sentence embedder right now (the machine is shared with other jobs)."""
    try:
        from newsfuse.embed import static
    except ImportError:
        return float("nan")
    if not static.available():
        return float("nan")
    texts = [f"Sentence number {i} about the harbour talks and the accord." for i in range(2000)]
    static.embed_static(texts[:8])
    t = time.perf_counter()
    static.embed_static(texts)
    return len(texts) / (time.perf_counter() - t)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--stories", type=int, default=40)
    args = ap.parse_args()
    planted = generate(args.stories)
    out = [
        (
            f"## synth benchmark ({datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.machine()}, "
            f"{os.cpu_count()} cores, Python {platform.python_version()})"
        ),
        "",
    ]
    out.append(
        f"Planted stories: {len(planted)} (3-6 independent sources, some copies; gen_planted.py seed 7)."
    )
    out.append(
        "Caveat: the planted stories are template-built (3 paraphrases per fact, invented names), "
        "so they check each mechanism end to end but are easier than real prose; the seeds below "
        "are the real-text check."
    )
    out.append("")
    out.append(
        "| similarity | conflict P | conflict R | R date/number/speaker | unique P | unique R "
        "| citation P | citation R | unsupported |"
    )
    out.append("|---|---|---|---|---|---|---|---|---|")
    for mode in (True, False):
        r = score(planted, mode)
        kinds = "/".join(
            f"{r.get('recall_' + k, float('nan')):.2f}" for k in ("date", "number", "speaker")
        )
        out.append(
            f"| {'static embedding+lexical' if mode else 'lexical only'} | {r['conflict_precision']:.2f} "
            f"({r['predicted_conflicts']}) | {r['conflict_recall']:.2f} ({r['gold_conflicts']}) | {kinds} | "
            f"{r['unique_precision']:.2f} | {r['unique_recall']:.2f} | {r['citation_precision']:.2f} | "
            f"{r['citation_recall']:.2f} | {r['unsupported_sentences']}/{r['account_sentences']} |"
        )
    out += ["", "Seeds (gold in ../shared/gold/seeds.json):", ""] + seeds_report()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says
    out += [
        "",
        (
            "Time to synthesize one 50-article story (40 independent + 10 copies, ~23 sentences "
            "each), pinned to one core (the machine is shared: see the load average):"
        ),
        "",
    ]
    out.append(f"- embedder throughput at the time: {_embed_rate():.0f} sentences/s (one core)")
    for mode in (True, False):
        secs, warm, n, n_sents = timing(mode)
        out.append(
            f"- {'static embedding+lexical' if mode else 'lexical only'}: {secs:.2f} s for {n} articles "
            f"({n_sents} sentences), {warm:.2f} s when re-synthesized (vectors cached); "
            f"load average {os.getloadavg()[0]:.1f}"
        )
    text = "\n".join(out) + "\n"
    print(text)
    res = ROOT / "benchmarks" / "results"
    res.mkdir(parents=True, exist_ok=True)
    (res / "synth.md").write_text(text)


if __name__ == "__main__":
    main()
