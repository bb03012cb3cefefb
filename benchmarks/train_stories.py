"""Learn the story scorer's weights and thresholds from generated labelled streams.

1. Teacher forcing: run the clusterer over training streams, but place every article
   in its gold story; record (similarities with each candidate, same-event?) pairs.
2. Fit a logistic regression on the expanded features (dense and lexical-only sets).
3. Pick the "new story" threshold that maximises BCubed F1 of real (untaught) runs on
   validation streams, then the storyline link threshold that maximises link F1.
4. Pick the fragment-merge threshold the same way, then (``--consolidate-only`` redoes
   just this) the second, fragment-merging pass (``consolidate.py``): a logistic model
   over pairs of the first pass's stories on uniform and varied streams, thresholded on
   validation streams of both kinds; then the online fragment-merge threshold again,
   with the second pass in place (``--merge-only`` redoes just this; 2.0 = off).
5. Write src/newsfuse/stories/weights.json.

Training/validation seeds (1-6) are disjoint from the benchmark seeds (101+).

    python benchmarks/train_stories.py
"""

from __future__ import annotations

import copy
import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_stories import MODEL, bcubed, link_scores, run, vectors  # noqa: E402
from gen_events import generate  # noqa: E402

from newsfuse.stories import StoryClusterer  # noqa: E402
from newsfuse.stories import dense as dense_model  # noqa: E402
from newsfuse.stories.consolidate import (  # noqa: E402
    FEATURES,
    Params,
    Weigher,
    candidate_pairs,
    gap,
    pair_features,
)
from newsfuse.stories.features import day_number, profile  # noqa: E402
from newsfuse.stories.scorer import Query, expand  # noqa: E402

OUT = Path(__file__).resolve().parents[1] / "src" / "newsfuse" / "stories" / "weights.json"
# (seed, articles, varied). Uniform streams only: adding varied ones (1, 2000, True),
# (2, 2000, True) was measured worse (uniform dense F1 0.93 instead of 0.96, varied only
# +0.02, and a same-person hard negative merged with the seeds), and training on varied
# streams alone leaned on names so much that uniform precision fell to 0.5. The
# varied streams tune the second pass instead (see merge_only).
TRAIN = [(1, 2000, False), (2, 2000, False), (3, 1500, False)]
DENSE_KEY = dense_model.WEIGHTS_KEY[MODEL]  # NEWSFUSE_STORIES_MODEL=static trains "static"
STATS = {"reachable": 0, "retrieved": 0}
VALID = [(4, 1500), (5, 1500)]


def teacher_pairs(seed: int, n: int, dense: bool, varied: bool = False
                  ) -> tuple[list[list[float]], list[int]]:
    arts, groups, gold, _ = generate(n, seed=seed, varied=varied)
    vecs = vectors(arts, f"t{seed}_{n}") if dense else None
    c = StoryClusterer(dense=dense, model=MODEL)
    c.register_groups(groups)
    event_story: dict[str, str] = {}
    story_event: dict[str, str] = {}
    X: list[list[float]] = []
    y: list[int] = []
    arts = sorted(arts, key=lambda a: (a.trusted_date or a.published or "", a.id))
    for a in arts:
        group = c.group_of.get(a.id) or a.original or a.id
        if group in c.group_story:
            c.add(a)
            continue
        day = day_number(a.trusted_date or a.published) or 0
        c.max_day = day if c.max_day is None else max(c.max_day, day)
        p = profile(a, day, None if vecs is None else vecs[a.id], group)
        c.df.add(p)
        q = Query.of(p, c.df)
        scored, _older = c.score(q)
        for _prob, sim, st in scored:
            X.append(list(expand(sim, dense)))
            y.append(int(story_event[st.id] == gold[a.id]))
        target = event_story.get(gold[a.id])
        cand = {st.id for _, _, st in scored}
        if target is not None and target in c.states and c.states[target].last_day >= day - c.window:
            STATS["reachable"] += 1
            STATS["retrieved"] += target in cand
        if target is not None and target in cand:
            c._join(p, c.states[target], {})
        else:
            st = c._found(p, 0.0)
            event_story[gold[a.id]] = st.id
            story_event[st.id] = gold[a.id]
    return X, y


def fit(dense: bool) -> dict:
    X: list[list[float]] = []
    y: list[int] = []
    for seed, n, varied in TRAIN:
        xs, ys = teacher_pairs(seed, n, dense, varied)
        X += xs
        y += ys
    model = LogisticRegression(C=10.0, max_iter=2000)
    model.fit(np.asarray(X), np.asarray(y))
    acc = model.score(np.asarray(X), np.asarray(y))
    print(f"candidate retrieval: {STATS['retrieved']}/{STATS['reachable']} open gold stories found")
    print(f"{'dense' if dense else 'lexical'}: {len(y)} pairs, {sum(y)} positive, train acc {acc:.4f}")
    w = {"coef": [round(float(v), 5) for v in model.coef_[0]],
         "intercept": round(float(model.intercept_[0]), 5), "threshold": 0.5, "link_threshold": 0.5}
    streams = []
    for seed, n in VALID:
        arts, groups, gold, lines = generate(n, seed=seed)
        streams.append((arts, groups, gold, lines, vectors(arts, f"v{seed}_{n}") if dense else None))
    key = DENSE_KEY if dense else "lexical"
    best = (-1.0, 0.5)
    for th in [0.15, 0.25, 0.35, 0.45, 0.55, 0.7]:
        weights = {key: dict(w, threshold=th)}
        f = np.mean([bcubed(run(a, g, v, weights)[1], gold)[2] for a, g, gold, _, v in streams])
        print(f"  threshold {th}: B3 F1 {f:.4f}")
        best = max(best, (float(f), th))
    w["threshold"] = best[1]
    best_link = (-1.0, w["threshold"])
    for lt in [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]:
        weights = {key: dict(w, link_threshold=lt)}
        fs = []
        for a, g, gold, lines, v in streams:
            c, pred = run(a, g, v, weights)
            lp, lr = link_scores(c, pred, gold, lines)
            fs.append(2 * lp * lr / (lp + lr) if lp + lr else 0.0)
        print(f"  link threshold {lt}: link F1 {np.mean(fs):.3f}")
        best_link = max(best_link, (float(np.mean(fs)), lt))
    w["link_threshold"] = best_link[1]
    w["merge_threshold"] = tune_merge(w, key, streams)
    return w


# The second pass learns from pairs of the first pass's stories on streams of its own
# (uniform and varied, seeds disjoint from the scorer's and the benchmark's), and its
# threshold is picked on the validation seeds, uniform and varied alike: a pass that
# mends varied streams must not cost uniform ones.
PASS_TRAIN = [(11, 2000), (12, 2000), (13, 2000)]
PASS_THRESHOLDS = [0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]


def story_pairs(c: StoryClusterer, gold: dict[str, str], max_gap: int
                ) -> tuple[list[list[float]], list[int]]:
    """The pass's features on every candidate pair of ``c``'s stories, and whether the
    two stories' main events are one."""
    for sid in list(c.states):
        c.states.thaw(sid)
    major = {sid: Counter(gold[a] for a in st.members).most_common(1)[0][0]
             for sid, st in c.states.items()}
    X, y = [], []
    weigher = Weigher(c.df)  # no merges here: each story is weighed once
    for a, b in sorted(candidate_pairs(c, set(c.states))):
        sa, sb = c.states[a], c.states[b]
        x = pair_features(sa, sb, weigher) if gap(sa, sb) <= max_gap else None
        if x is not None:
            X.append(x)
            y.append(int(major[a] == major[b]))
    return X, y


def fit_consolidate(w: dict, key: str, valid: list, max_gap: int = 2) -> dict:
    """Fit the second pass's model on pairs, then pick its threshold for BCubed F1.

    Each stream is clustered once; the pass runs on copies of the finished clusterer.
    Ties (within 0.001 F1) go to the stricter threshold (never, if it does not help)."""
    dense = key != "lexical"
    X: list[list[float]] = []
    y: list[int] = []
    for seed, n in PASS_TRAIN:
        for varied in (False, True):
            arts, groups, gold, _ = generate(n, seed=seed, varied=varied)
            vecs = vectors(arts, f"p{seed}_{n}_{int(varied)}") if dense else None
            xs, ys = story_pairs(run(arts, groups, vecs, {key: w})[0], gold, max_gap)
            X += xs
            y += ys
    model = LogisticRegression(C=10.0, max_iter=2000).fit(np.asarray(X), np.asarray(y))
    print(f"  second pass: {len(y)} pairs, {sum(y)} one event, "
          f"train acc {model.score(np.asarray(X), np.asarray(y)):.4f}")
    coef = [round(float(v), 5) for v in model.coef_[0]]
    intercept = round(float(model.intercept_[0]), 5)
    runs = [(run(a, g, v, {key: w})[0], gold) for a, g, gold, _, v in valid]
    scored = []
    for th in [2.0] + PASS_THRESHOLDS:
        fs = []
        for c0, gold in runs:
            c = copy.deepcopy(c0)
            c.consolidate(Params(tuple(coef), intercept, th, max_gap))
            fs.append(bcubed({a: c.resolve(s) for a, s in c.story_of.items()}, gold)[2])
        print(f"  second pass threshold {th}: B3 F1 {np.mean(fs):.4f} ({', '.join(f'{f:.3f}' for f in fs)})")
        scored.append((float(np.mean(fs)), th))
    best = max(f for f, _ in scored)
    pick = max(th for f, th in scored if f >= best - 0.001)
    print(f"  second pass: best F1 {best:.4f}, without {scored[0][0]:.4f}, picked {pick}")
    return {"features": list(FEATURES), "coef": coef, "intercept": intercept,
            "threshold": pick, "max_gap": max_gap}


MERGE_TIE = 0.002  # F1 this close to the best is a tie, and a tie means no online merge


def tune_merge(w: dict, key: str, streams: list) -> float:
    """Pick the online fragment-merge threshold (2.0 = never merge) for BCubed F1.

    The online merge re-scores a story against its neighbours at sizes 2, 3, 5, ...:
    measured 15-20% of the clusterer's time at 70 articles/day. Unless it beats never
    merging by more than MERGE_TIE on validation, it stays off (with the second pass in
    place, it gained 0.0007-0.0014 F1 on validation and nothing on the held-out seeds)."""
    scored = []
    for mt in [2.0, 0.95, 0.85, 0.7, 0.5]:
        weights = {key: dict(w, merge_threshold=mt)}
        f = np.mean([bcubed(run(a, g, v, weights)[1], gold)[2] for a, g, gold, _, v in streams])
        print(f"  merge threshold {mt}: B3 F1 {f:.4f}")
        scored.append((float(f), mt))
    best = max(scored)
    return 2.0 if scored[0][0] >= best[0] - MERGE_TIE else best[1]


def merge_only(consolidate_only: bool = False) -> None:
    """Re-tune only the online merge threshold (with the shipped second pass in place:
    the two overlap) or, ``--consolidate-only``, only the second pass (fast paths)."""
    out = json.loads(OUT.read_text())
    keys = ["lexical"] if MODEL == dense_model.DEFAULT else []
    for key in keys + ([DENSE_KEY] if dense_model.available(MODEL) else []):
        dense = key == DENSE_KEY
        streams = []
        for seed, n in VALID:
            # The second pass exists for outlets that word one event differently: it is
            # tuned on uniform and varied streams (angle pieces, partial name overlap).
            for varied in (False, True):
                arts, groups, gold, lines = generate(n, seed=seed, varied=varied)
                vecs = vectors(arts, f"v{seed}_{n}_{int(varied)}") if dense else None
                streams.append((arts, groups, gold, lines, vecs))
        print(key)
        if not consolidate_only:
            out[key]["merge_threshold"] = tune_merge(out[key], key, streams)
        else:
            out[key].pop("consolidate", None)  # tune the pass on the clusterer without it
            out[key]["consolidate"] = fit_consolidate(out[key], key, streams)
    OUT.write_text(json.dumps(out, indent=1) + "\n")


def main() -> None:
    out = json.loads(OUT.read_text()) if OUT.exists() else {}
    if MODEL == dense_model.DEFAULT:  # the lexical model does not depend on the embedder
        out["lexical"] = fit(False)
    if dense_model.available(MODEL):
        out[DENSE_KEY] = fit(True)
    out["trained_by"] = "benchmarks/train_stories.py"
    OUT.write_text(json.dumps(out, indent=1) + "\n")
    merge_only(consolidate_only=True)  # the second pass, on varied streams
    merge_only()  # the online merge, now that the second pass exists
    print(OUT.read_text())


if __name__ == "__main__":
    if "--merge-only" in sys.argv or "--consolidate-only" in sys.argv:
        merge_only("--consolidate-only" in sys.argv)
    else:
        main()
