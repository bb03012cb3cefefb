"""Second pass: merge stories that are fragments of one event.

Online clustering decides on an article as it comes, from its lead; when outlets word
one event very differently (an angle piece under its own headline and lede, other
people quoted) an article can found a second story next to the first. Once the
stories have grown, fragments of one event are close as wholes: their whole bodies
name the same rare names (weighted by idf, so "the government" counts little and a
company or a person counts much) and use the same words, within a few days. Stories of
different events that share a cast (same mayor, same company, same week) share some
names but not the rest. A logistic model over these pair features, trained by
``benchmarks/train_stories.py`` on generated streams (pairs of the first pass's
stories, same event or not) and thresholded for BCubed F1 on validation streams, says
which pairs are one event; its weights ship in ``weights.json`` (``consolidate``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import repeat
from operator import mul
from typing import TYPE_CHECKING, Any

from newsfuse.stories.features import DocFreq
from newsfuse.stories.scorer import StoryState

if TYPE_CHECKING:
    from collections.abc import Collection

    from newsfuse.stories.clusterer import StoryClusterer

MAX_PAIRS_PER_ENTITY = 50  # a name written in more stories than this is not a clue
FEATURES = ("names", "names_held", "full_content", "lead_content", "small_size", "gap")
_FULL, _LEAD = FEATURES.index("full_content"), FEATURES.index("lead_content")
# Fewer shared distinct names than this is never one event: a governor opening a school
# and the same governor at a flood the next day share her name and nothing else, and
# the generated streams, whose events are full of names, do not teach that.
MIN_DISTINCT = 2


@dataclass(frozen=True)
class Params:
    """The pass's model: pair-feature weights, the merge threshold, the day gap."""

    coef: tuple[float, ...] = ()
    intercept: float = 0.0
    threshold: float = 2.0  # > 1: never merge
    max_gap: int = 2

    @classmethod
    def of(cls, d: dict[str, Any] | None) -> Params:
        if not d or "coef" not in d:  # none, or an older threshold-only pass: off
            return cls()
        return cls(tuple(float(c) for c in d["coef"]), float(d["intercept"]),
                   float(d["threshold"]), int(d.get("max_gap", 2)))

    def prob(self, x: list[float]) -> float:
        z = self.intercept + sum(c * v for c, v in zip(self.coef, x))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def content_sim(a: StoryState, b: StoryState, df: DocFreq) -> float:
    """Cosine of the dense centroids, else of the idf-weighted lead terms."""
    if a.vec_unit is not None and b.vec_unit is not None:
        return max(0.0, float(a.vec_unit @ b.vec_unit))
    small, big = (a.body_sum, b.body_sum) if len(a.body_sum) < len(b.body_sum) else (
        b.body_sum, a.body_sum)
    dot = sum(w * big[t] * df.idf(t) ** 2 for t, w in small.items() if t in big)
    return min(1.0, dot / ((a.body_norm or 1.0) * (b.body_norm or 1.0)))


class Side:
    """One story as the pass weighs it: whole-body names and (when asked) terms times
    their idf."""

    __slots__ = ("_story", "_terms", "_weigher", "names", "names_total")

    def __init__(self, s: StoryState, weigher: Weigher) -> None:
        eidf = weigher.df.full_eidf
        self.names = {e: eidf(e) for e in s.full_ents}
        self.names_total = sum(self.names.values())
        self._story, self._weigher = s, weigher
        self._terms: tuple[dict[int, float], float] | None = None

    def terms(self) -> tuple[dict[int, float], float]:
        """The weighted whole-body terms and their norm (computed once)."""
        if self._terms is None:
            sums = self._story.full_sum
            weights = map(mul, sums.values(), self._weigher.idfs(sums))
            terms = dict(zip(sums, weights))
            self._terms = (terms, math.sqrt(sum(map(mul, terms.values(), terms.values()))))
        return self._terms


class Weigher:
    """Weighs stories with the corpus's current idf, once each: one per pass (the
    document frequencies do not move during a pass; a merge calls ``forget``)."""

    def __init__(self, df: DocFreq) -> None:
        self.df = df
        self._sides: dict[str, Side] = {}
        self._idf: dict[int, float] = {}

    def side(self, s: StoryState) -> Side:
        hit = self._sides.get(s.id)
        if hit is None:
            hit = self._sides[s.id] = Side(s, self)
        return hit

    def idfs(self, terms: Collection[int]) -> list[float]:
        """``idf`` of each of ``terms`` (read twice: a collection), in order: one call,
        not one per term."""
        known, full_idf = self._idf, self.df.full_idf
        for t in [t for t in terms if t not in known]:
            known[t] = full_idf(t)
        return list(map(known.__getitem__, terms))

    def forget(self, *sids: str) -> None:
        for sid in sids:
            self._sides.pop(sid, None)


def full_content(a: Side, b: Side) -> float:
    """Cosine of the idf-weighted whole-body terms."""
    (ta, na), (tb, nb) = a.terms(), b.terms()
    if not na or not nb:
        return 0.0
    small, big = (ta, tb) if len(ta) < len(tb) else (tb, ta)
    # sum(w * big.get(t, 0.0)) over the smaller story's terms in order, in C.
    dot = sum(map(mul, small.values(), map(big.get, small, repeat(0.0))))
    return min(1.0, dot / (na * nb))


def shared_names(a: StoryState, b: StoryState, sa: Side, sb: Side, df: DocFreq
                 ) -> tuple[float, float, int]:
    """Shared whole-body names (idf-weighted) as a share of the smaller story's name
    weight; the same share with each shared name counted by how much of its use the two
    stories hold (a name both fragments of one event carry, "the Orla Mae", is rarely
    written elsewhere, while a name that recurs across many stories, a busy minister or
    a big firm, proves little); and how many distinct names they share (a surname and
    the full name are one).

    The share of the larger story's names is left out on purpose: measured, it carried
    the generated streams (whose coined names are all rare) but merged a company's fire
    with its tower project in the demo corpus, where 28 articles make every name rare."""
    least = min(sa.names_total, sb.names_total)
    if least <= 0:
        return 0.0, 0.0, 0
    shared = held = 0.0
    common = []
    wb = sb.names
    for e, w in sa.names.items():
        if e in wb:
            common.append(e)
            shared += w
            uses = a.full_ents[e] + b.full_ents[e]
            held += w * min(1.0, uses / max(1, df.full_ents.get(e, 0)))
    return shared / least, held / least, len(distinct_names(common))


def distinct_names(found: list[str]) -> list[str]:
    """``found`` without the names that are words of a longer one ("varnak" of "ilse
    varnak", "ridge" of "calder ridge"): one person or place, however written."""
    words = {w for e in found if " " in e for w in e.split()}
    return [e for e in found if " " in e or e not in words]


def gap(a: StoryState, b: StoryState) -> int:
    """Days between the two stories' spans (0 when they overlap)."""
    return max(0, max(a.first_day, b.first_day) - min(a.last_day, b.last_day))


def pair_features(a: StoryState, b: StoryState, weigher: Weigher) -> list[float] | None:
    """The model's input for one pair of stories, in ``FEATURES`` order; None when the
    two share too few names to be one event whatever else they share."""
    known = _without_content(a, b, weigher)
    if known is None:
        return None
    sa, sb, x = known
    x[_FULL], x[_LEAD] = full_content(sa, sb), content_sim(a, b, weigher.df)
    return x


def merge_prob(a: StoryState, b: StoryState, weigher: Weigher, params: Params) -> float:
    """The model's probability that ``a`` and ``b`` are one event (0 if they cannot be,
    or cannot reach ``params.threshold`` whatever their content similarities)."""
    if gap(a, b) > params.max_gap:
        return 0.0
    known = _without_content(a, b, weigher)
    if known is None:
        return 0.0
    sa, sb, x = known
    # Both content similarities lie in [0, 1]: with each at its most favourable end, a
    # pair that still falls short is skipped before the costly part (same decisions).
    best = list(x)
    for i in (_FULL, _LEAD):
        best[i] = 1.0 if params.coef[i] > 0 else 0.0
    if params.prob(best) < params.threshold:
        return 0.0
    x[_FULL], x[_LEAD] = full_content(sa, sb), content_sim(a, b, weigher.df)
    return params.prob(x)


def _without_content(a: StoryState, b: StoryState, weigher: Weigher
                     ) -> tuple[Side, Side, list[float]] | None:
    """The pair's weighed sides and its features with the content similarities left at
    0; None when the two share fewer than ``MIN_DISTINCT`` names."""
    sa, sb = weigher.side(a), weigher.side(b)
    share, held, distinct = shared_names(a, b, sa, sb, weigher.df)
    if distinct < MIN_DISTINCT:
        return None
    return sa, sb, [share, held, 0.0, 0.0, math.log(max(1, min(a.n, b.n))), float(gap(a, b))]


def candidate_pairs(c: StoryClusterer, touched: set[str]) -> set[tuple[str, str]]:
    """Pairs of a touched story and a live story writing one of its names, where the
    name is not so common (in live and frozen stories) that it proves nothing. Only
    live stories are walked: frozen ones are idle beyond the horizon, too far in time
    from every touched story, but still count towards how common a name is."""
    states = c.states
    by_ent: dict[str, list[str]] = {}
    for sid, st in states.live.items():
        for e in st.full_ents:
            by_ent.setdefault(e, []).append(sid)
    frozen_ents = states.frozen_ents
    pairs: set[tuple[str, str]] = set()
    for x in touched:
        for e in states[x].full_ents:
            sids = by_ent[e]
            if len(sids) + frozen_ents.get(e, 0) > MAX_PAIRS_PER_ENTITY:
                continue
            for y in sids:
                if y != x:
                    pairs.add((x, y) if c.order[x] < c.order[y] else (y, x))
    return pairs


def consolidate(c: StoryClusterer, params: Params, touched_only: bool = True) -> int:
    """Merge fragment stories of ``c`` in place, most likely pair first; returns merges.

    With ``touched_only`` a pair is only looked at when one of its stories got articles
    (or a merge) since the last pass."""
    if params.threshold > 1.0:
        return 0
    # Only pairs with a story that changed since the last pass: the others were settled
    # by it, and skipping them keeps a pass's cost bounded on long streams.
    states = c.states
    touched = {c.resolve(s) for s in c.touched} if touched_only else set(states)
    c.touched.clear()
    touched = {x for x in touched if x in states}
    for x in touched:
        states.thaw(x)  # touched stories are live already, unless not touched_only
    _thaw_near(c, touched, params.max_gap)
    scored = []
    weigher = Weigher(c.df)
    for x, y in candidate_pairs(c, touched):
        prob = merge_prob(states[x], states[y], weigher, params)
        if prob >= params.threshold:
            scored.append((prob, c.order[x], c.order[y], x, y))
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    merges = 0
    for _prob, _ox, _oy, x, y in scored:
        x, y = c.resolve(x), c.resolve(y)
        if x == y:
            continue
        # Re-check on the current (possibly merged) stories: a merge moves centroids.
        prob = merge_prob(states[x], states[y], weigher, params)
        if prob >= params.threshold:
            founders = {x: states[x].founder, y: states[y].founder}
            keep = c.merge(x, y)
            weigher.forget(x, y)
            # The merged story's founder says why it is here (``Story.why``).
            why = states[keep].why.setdefault(founders[y if keep == x else x], {})
            why["second_pass_p"] = round(prob, 3)
            merges += 1
    return merges


def _thaw_near(c: StoryClusterer, touched: set[str], max_gap: int) -> None:
    """Thaw every frozen story that could pair with a touched one, so the pass sees it:
    one within ``max_gap`` days of it (only a late article's story or a long-running one
    reaches back that far) naming a name that some frozen story names and that is not
    too common to be a clue. Walks the frozen stories only when such a story exists."""
    states = c.states
    fe = states.frozen_ents
    spans = [(st.first_day, st.last_day) for x in touched
             if (st := states[x]).first_day - max_gap <= states.frozen_last
             and any(0 < fe.get(e, 0) <= MAX_PAIRS_PER_ENTITY for e in st.full_ents)]
    if not spans:
        return
    early = min(first for first, _last in spans) - max_gap
    late = max(last for _first, last in spans) + max_gap
    near = [s for s, f in states.frozen_items() if f.last_day >= early and f.first_day <= late]
    for sid in near:
        states.thaw(sid)


def describe_pair(a: StoryState, b: StoryState, df: DocFreq) -> dict[str, float]:
    """The pass's view of two stories (for diagnostics and tuning)."""
    x = pair_features(a, b, Weigher(df))
    return {} if x is None else {f: round(v, 3) for f, v in zip(FEATURES, x)}
