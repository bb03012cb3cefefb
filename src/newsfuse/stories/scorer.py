"""Story aggregates and the learned article-to-story scorer.

A story keeps sums of its members' term weights, entity counts and dense vectors
(its centroid); an incoming article is compared with it on several similarities
(Miranda et al. 2018 style) and a logistic model, trained on generated labelled
streams by ``benchmarks/train_stories.py``, turns them into a probability that the
article belongs to the story. Its weights and the "new story" threshold ship in
``weights.json``; nothing here is hand-tuned except the feature definitions.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import chain, compress, repeat
from operator import mul
from typing import Any

import numpy as np

from newsfuse.stories.features import DocFreq, Profile

BASE_FEATURES = ("dense", "body", "title", "ent_a", "ent_s", "t_last", "t_first")
MAX_STORY_TERMS = 300  # prune a story's term sums to its strongest terms beyond this
CORE_SHARE = 0.5  # an entity named by at least this share of members is "core"


@dataclass
class StoryState:
    """The running aggregate of one story (what centroid comparison needs)."""

    id: str
    founder: str
    members: list[str] = field(default_factory=list)
    n: int = 0  # members that contributed features (copies do not)
    title_sum: dict[int, float] = field(default_factory=dict)
    body_sum: dict[int, float] = field(default_factory=dict)
    ent_counts: dict[str, int] = field(default_factory=dict)
    vec_sum: np.ndarray | None = None
    first_day: int = 0
    last_day: int = 0
    groups: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    why: dict[str, dict[str, float]] = field(default_factory=dict)
    # Caches refreshed on every update (idf drifts slowly, so reusing them is fine).
    body_norm: float = 1.0
    title_norm: float = 1.0
    core: dict[str, float] = field(default_factory=dict)
    core_total: float = 0.0  # sum(core.values())
    ent_share: dict[str, float] = field(default_factory=dict)  # see ``name_shares``
    vec_unit: np.ndarray | None = None
    refreshed_n: int = 0  # corpus size when the caches were computed
    # Whole-body aggregates, read by the second pass only (``consolidate.py``).
    full_sum: dict[int, float] = field(default_factory=dict)
    full_ents: dict[str, int] = field(default_factory=dict)

    def absorb(self, p: Profile, df: DocFreq) -> None:
        """Add ``p``'s features to the aggregates and refresh the caches."""
        self.n += 1
        for t, w in p.title_tf.items():
            self.title_sum[t] = self.title_sum.get(t, 0.0) + w
        self.body_sum = _add_pruned(self.body_sum, p.body_tf)
        for e in p.ents:
            self.ent_counts[e] = self.ent_counts.get(e, 0) + 1
        add_full(self, p.full_tf, dict.fromkeys(p.full_ents, 1))
        if p.vec is not None:
            self.vec_sum = p.vec.astype(np.float32) if self.vec_sum is None else self.vec_sum + p.vec
        self.refresh(df)

    def refresh(self, df: DocFreq) -> None:
        self.refreshed_n = df.n
        self.body_norm = _norm(self.body_sum, df) or 1.0
        self.title_norm = _norm(self.title_sum, df) or 1.0
        need = max(1.0, CORE_SHARE * self.n)
        self.core = {e: df.eidf(e) for e, c in self.ent_counts.items() if c >= need}
        self.core_total = sum(self.core.values())
        self.ent_share = name_shares(self)
        if self.vec_sum is not None:
            norm = float(np.linalg.norm(self.vec_sum))
            self.vec_unit = self.vec_sum / norm if norm > 0 else None


def add_full(s: StoryState, terms: dict[int, float], ents: dict[str, int]) -> None:
    """Add whole-body term weights and name counts to ``s`` (pruned like ``body_sum``)."""
    s.full_sum = _add_pruned(s.full_sum, terms)
    for e, c in ents.items():
        s.full_ents[e] = s.full_ents.get(e, 0) + c


def _add_pruned(sums: dict[int, float], terms: dict[int, float]) -> dict[int, float]:
    """``sums`` plus ``terms`` (in place), cut to the ``MAX_STORY_TERMS`` strongest once it
    holds twice as many: a long story's tail of rare terms decides nothing."""
    for t, w in terms.items():
        sums[t] = sums.get(t, 0.0) + w
    if len(sums) > 2 * MAX_STORY_TERMS:
        return dict(sorted(sums.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_STORY_TERMS])
    return sums


def _norm(weights: dict[int, float], df: DocFreq) -> float:
    scaled = list(map(mul, weights.values(), df.idfs(weights)))
    return math.sqrt(sum(map(mul, scaled, scaled)))


def weighted(tf: dict[int, float], idf: dict[int, float]) -> tuple[dict[int, float], float]:
    """An article's terms weighted by idf squared (one idf for each side of the dot
    product, so a story's raw sums can be used as they are) and the article's norm."""
    # The same products in the same order as per-term arithmetic, in C.
    idfs = list(map(idf.__getitem__, tf))
    scaled = list(map(mul, tf.values(), idfs))
    norm = math.sqrt(sum(map(pow, scaled, repeat(2)))) or 1.0
    return dict(zip(tf, map(mul, scaled, idfs))), norm


@dataclass
class Query:
    """An article prepared once for comparison with many candidate stories."""

    p: Profile
    body: dict[int, float]
    body_norm: float
    title: dict[int, float]
    title_norm: float
    ent_w: dict[str, float]
    ent_total: float
    idf: dict[int, float]  # of the article's title and lead terms
    # The weights as parallel tuples: dot products then run in C (same terms, same order).
    body_t: tuple[tuple[int, ...], tuple[float, ...]] = ((), ())
    title_t: tuple[tuple[int, ...], tuple[float, ...]] = ((), ())
    ent_t: tuple[tuple[str, ...], tuple[float, ...]] = ((), ())

    def __post_init__(self) -> None:
        self.body_t = (tuple(self.body), tuple(self.body.values()))
        self.title_t = (tuple(self.title), tuple(self.title.values()))
        self.ent_t = (tuple(self.ent_w), tuple(self.ent_w.values()))

    @classmethod
    def of(cls, p: Profile, df: DocFreq) -> Query:
        terms = list(chain(p.body_tf, p.title_tf))
        idf = dict(zip(terms, df.idfs(terms), strict=True))
        body, bn = weighted(p.body_tf, idf)
        title, tn = weighted(p.title_tf, idf)
        ent_w = {e: df.eidf(e) for e in p.ents}
        return cls(p, body, bn, title, tn, ent_w, sum(ent_w.values()) or 1.0, idf)


def keep_fresh(s: StoryState, df: DocFreq) -> None:
    """Recompute ``s``'s cached norms once idf has drifted since they were cached."""
    if df.n > 1.1 * s.refreshed_n + 1:
        s.refresh(df)


def name_shares(s: StoryState) -> dict[str, float]:
    """The share of ``s``'s members naming each of its names (at most 1)."""
    n = max(s.n, 1)
    return {e: min(1.0, c / n) for e, c in s.ent_counts.items()}


def name_share(q: Query, s: StoryState) -> float:
    """``ent_a``: the idf-weighted share of the article's names that the story's members
    name (each name counted by the share of members naming it)."""
    # sum(w * story.ent_share.get(e, 0.0)) over the article's names, in C.
    shares = map(s.ent_share.get, q.ent_t[0], repeat(0.0))
    return sum(map(mul, q.ent_t[1], shares)) / q.ent_total


def sim_values(q: Query, s: StoryState, df: DocFreq) -> tuple[float, ...]:
    """The base similarities of an article and a story, each in [0, 1], in
    ``BASE_FEATURES`` order (a tuple: the hot path scores ~15 stories per article)."""
    return with_terms(q, s, partial_values(q, s, df))


def partial_values(q: Query, s: StoryState, df: DocFreq) -> tuple[float, float, float, float, float]:
    """The similarities that read no term sums: (dense, ent_a, ent_s, t_last, t_first).
    With ``Scorer.logit_bound`` they tell whether a story can win before its term
    similarities, most of the cost of ``sim_values``, are computed."""
    p = q.p
    keep_fresh(s, df)
    core_total = s.core_total
    # The story's core weights of the names the article writes, in the story's order.
    ent_s = sum(compress(s.core.values(), map(q.ent_w.__contains__, s.core))
                ) / core_total if core_total else 0.0
    dense = 0.0
    if p.vec is not None and s.vec_unit is not None:
        dense = max(0.0, float(p.vec.dot(s.vec_unit)))  # ndarray.dot: @'s result, sooner
    # An undated article could be from any day: time neither helps nor hurts it, so it
    # is placed on content alone (as if it were the story's own day).
    if not p.dated:
        return dense, name_share(q, s), ent_s, 1.0, 1.0
    return (dense, name_share(q, s), ent_s, math.exp(-abs(p.day - s.last_day) / 2.0),
            math.exp(-max(0, p.day - s.first_day) / 5.0))


def with_terms(q: Query, s: StoryState, part: tuple[float, float, float, float, float]
               ) -> tuple[float, ...]:
    """``sim_values`` from ``partial_values``: the body and title similarities added."""
    # sum(w * story.get(t, 0.0)) over the article's terms in order, in C.
    body = sum(map(mul, q.body_t[1], map(s.body_sum.get, q.body_t[0], repeat(0.0))))
    title = sum(map(mul, q.title_t[1], map(s.title_sum.get, q.title_t[0], repeat(0.0))))
    dense, ent_a, ent_s, t_last, t_first = part
    return (dense, min(1.0, body / (q.body_norm * s.body_norm)),
            min(1.0, title / (q.title_norm * s.title_norm)), ent_a, ent_s, t_last, t_first)


def similarities(q: Query, s: StoryState, df: DocFreq) -> dict[str, float]:
    """``sim_values`` by feature name."""
    return dict(zip(BASE_FEATURES, sim_values(q, s, df), strict=True))


def expand(sim: tuple[float, ...], dense: bool) -> tuple[float, ...]:
    """The model's input: base similarities (``sim_values``) plus time interactions.
    (``Scorer.logit_bound`` spells out the same terms: change both together.)"""
    d, body, title, ent_a, ent_s, t_last, t_first = sim
    if dense:
        return (d, body, title, ent_a, ent_s, t_last, t_first, body * t_last, ent_a * ent_s,
                title * body, d * t_last, d * body)
    return (body, title, ent_a, ent_s, t_last, t_first, body * t_last, ent_a * ent_s,
            title * body)


# Added to a logit bound before comparing: the bound's arithmetic differs from ``prob``'s,
# and a rounding must never skip a story whose exact probability would tie or win.
BOUND_SLACK = 1e-9


def sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


class Scorer:
    """Logistic model over ``expand(similarities)`` with a learned "new story" threshold.

    ``link_threshold`` is the entity overlap (``link_feature``: ``ent_a`` or ``ent_s``)
    above which a new story is linked to an earlier one as the same affair (storyline);
    both are picked on validation streams for storyline-link F1.
    """

    def __init__(self, coef: list[float], intercept: float, threshold: float,
                 link_threshold: float, dense: bool, merge_threshold: float = 2.0,
                 link_feature: str = "ent_a", consolidate: dict[str, Any] | None = None
                 ) -> None:
        self.coef = np.asarray(coef, dtype=np.float64)
        self._coef = [float(c) for c in coef]  # plain floats: faster than numpy for ~12 terms
        self.intercept = float(intercept)
        self.threshold = float(threshold)
        self.link_threshold = float(link_threshold)
        self.link_feature = link_feature
        # Story-to-story probability above which two open stories are merged (> 1: never).
        self.merge_threshold = float(merge_threshold)
        self.dense = dense
        # Thresholds of the fragment-merging second pass (see consolidate.py).
        self.consolidate = dict(consolidate or {})

    def prob(self, sim: tuple[float, ...]) -> float:
        """The probability that the article belongs to the story (``sim``: ``sim_values``)."""
        return sigmoid(sum(map(mul, self._coef, expand(sim, self.dense))) + self.intercept)

    def prob_bound(self, part: tuple[float, float, float, float, float]) -> float:
        """At least ``prob`` of every ``sim_values`` whose other similarities are ``part``
        (``partial_values``), whatever the body and title similarities in [0, 1]."""
        return sigmoid(self.logit_bound(part) + BOUND_SLACK)

    def logit_bound(self, part: tuple[float, float, float, float, float]) -> float:
        """The largest logit over body and title similarities in [0, 1]. The logit is
        z0 + a*body + b*title + ab*body*title (``expand``'s terms grouped by the two), so
        its maximum over the square is at one of the four corners."""
        c = self._coef
        d, ent_a, ent_s, t_last, t_first = part
        if self.dense:
            z0 = (self.intercept + c[0] * d + c[3] * ent_a + c[4] * ent_s + c[5] * t_last
                  + c[6] * t_first + c[8] * ent_a * ent_s + c[10] * d * t_last)
            a, b, ab = c[1] + c[7] * t_last + c[11] * d, c[2], c[9]
        else:
            z0 = (self.intercept + c[2] * ent_a + c[3] * ent_s + c[4] * t_last + c[5] * t_first
                  + c[7] * ent_a * ent_s)
            a, b, ab = c[0] + c[6] * t_last, c[1], c[8]
        return z0 + max(0.0, a, b, a + b + ab)

    def top_signals(self, values: tuple[float, ...], k: int = 3) -> dict[str, float]:
        """The base similarities that pushed the decision most (for ``Story.why``)."""
        sim = dict(zip(BASE_FEATURES, values, strict=True))
        names = BASE_FEATURES if self.dense else BASE_FEATURES[1:]
        contrib = {f: self.coef[i] * sim[f] for i, f in enumerate(names)}
        best = sorted(contrib, key=lambda f: (-contrib[f], f))[:k]
        return {f: round(sim[f], 3) for f in best}

    def to_dict(self) -> dict[str, Any]:
        return {"coef": self.coef.tolist(), "intercept": self.intercept,
                "threshold": self.threshold, "link_threshold": self.link_threshold,
                "merge_threshold": self.merge_threshold, "link_feature": self.link_feature,
                "consolidate": self.consolidate}


@lru_cache(maxsize=1)
def shipped_weights() -> dict[str, Any]:
    text = resources.files(__package__).joinpath("weights.json").read_text("utf-8")
    return json.loads(text)


def load_scorer(dense: bool, weights: dict[str, Any] | None = None, model: str = "minilm") -> Scorer:
    """The shipped (or given) model for the lexical-only feature set, or for the dense
    one with ``model``'s vectors (each embedder has weights of its own)."""
    from newsfuse.stories.dense import WEIGHTS_KEY

    w = (weights or shipped_weights())[WEIGHTS_KEY[model] if dense else "lexical"]
    return Scorer(w["coef"], w["intercept"], w["threshold"], w["link_threshold"], dense,
                  w.get("merge_threshold", 2.0), w.get("link_feature", "ent_a"),
                  w.get("consolidate"))
