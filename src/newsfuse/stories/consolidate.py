"""Second pass: merge stories that are fragments of one event.

Online clustering decides on an article as it comes; when outlets word one event very
differently (other headline, other lede, other people quoted) an article can found a
second story next to the first. Once the stories have grown, fragments of one event
are close as wholes: similar content (centroid of dense vectors, or tf-idf of leads
without them) and the same rare names (weighted by idf, so "the government" counts
little and a company or a person counts much), within a few days. Stories of different
events that share a cast (same mayor, same company, same week) share names but not
content, so both conditions must hold. The thresholds ship in ``weights.json``
(``consolidate``), picked by ``benchmarks/train_stories.py`` on generated streams.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsfuse.stories.features import DocFreq
from newsfuse.stories.scorer import StoryState

if TYPE_CHECKING:
    from newsfuse.stories.clusterer import StoryClusterer

MAX_PAIRS_PER_ENTITY = 50  # an entity shared by more stories than this is not a clue


@dataclass(frozen=True)
class Params:
    """When two stories are one: content similarity, rare-name overlap, day gap."""

    content: float = 2.0  # > 1: never merge
    names: float = 1.0
    max_gap: int = 2

    @classmethod
    def of(cls, d: dict[str, Any] | None) -> Params:
        if not d:
            return cls()
        return cls(float(d.get("content", 2.0)), float(d.get("names", 1.0)),
                   int(d.get("max_gap", 2)))


def content_sim(a: StoryState, b: StoryState, df: DocFreq) -> float:
    """Cosine of the dense centroids, else of the idf-weighted lead terms."""
    if a.vec_unit is not None and b.vec_unit is not None:
        return max(0.0, float(a.vec_unit @ b.vec_unit))
    small, big = (a.body_sum, b.body_sum) if len(a.body_sum) < len(b.body_sum) else (
        b.body_sum, a.body_sum)
    dot = sum(w * big[t] * df.idf(t) ** 2 for t, w in small.items() if t in big)
    return min(1.0, dot / ((a.body_norm or 1.0) * (b.body_norm or 1.0)))


def name_overlap(a: StoryState, b: StoryState, df: DocFreq) -> float:
    """Share of the smaller story's name weight (idf) that the other story also names,
    each shared name counted by how much of its use the two stories hold: a name both
    fragments of one event carry ("the Orla Mae") is rarely written elsewhere, while a
    name that recurs across many stories (a busy minister, a big firm) proves little."""
    wa = {e: df.eidf(e) for e in a.ent_counts}
    wb = {e: df.eidf(e) for e in b.ent_counts}
    total = min(sum(wa.values()), sum(wb.values()))
    if total <= 0:
        return 0.0
    shared = 0.0
    for e, w in wa.items():
        if e in wb:
            held = (a.ent_counts[e] + b.ent_counts[e]) / max(1, df.ents.get(e, 0))
            shared += w * min(1.0, held)
    return shared / total


def gap(a: StoryState, b: StoryState) -> int:
    """Days between the two stories' spans (0 when they overlap)."""
    return max(0, max(a.first_day, b.first_day) - min(a.last_day, b.last_day))


def consolidate(c: StoryClusterer, params: Params, touched_only: bool = True) -> int:
    """Merge fragment stories of ``c`` in place, most similar pair first; returns merges.

    With ``touched_only`` a pair is only looked at when one of its stories got articles
    (or a merge) since the last pass."""
    if params.content > 1.0:
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
    # Only live stories are walked; frozen ones (idle beyond the horizon, so too far in
    # time from every touched story) still count towards how common a name is.
    by_ent: dict[str, list[str]] = {}
    for sid, st in states.live.items():
        for e in st.ent_counts:
            by_ent.setdefault(e, []).append(sid)
    frozen_ents = states.frozen_ents
    pairs: set[tuple[str, str]] = set()
    for x in touched:
        for e in states[x].ent_counts:
            sids = by_ent[e]
            if len(sids) + frozen_ents.get(e, 0) > MAX_PAIRS_PER_ENTITY:
                continue
            for y in sids:
                if y != x:
                    pairs.add((x, y) if c.order[x] < c.order[y] else (y, x))
    scored = []
    for x, y in pairs:
        a, b = c.states[x], c.states[y]
        if gap(a, b) > params.max_gap:
            continue
        sim = content_sim(a, b, c.df)
        if sim < params.content:
            continue
        if name_overlap(a, b, c.df) >= params.names:
            scored.append((sim, c.order[x], c.order[y], x, y))
    scored.sort(key=lambda s: (-s[0], s[1], s[2]))
    merges = 0
    for _sim, _ox, _oy, x, y in scored:
        x, y = c.resolve(x), c.resolve(y)
        if x == y:
            continue
        a, b = c.states[x], c.states[y]
        # Re-check on the current (possibly merged) stories: a merge moves centroids.
        if (gap(a, b) <= params.max_gap and content_sim(a, b, c.df) >= params.content
                and name_overlap(a, b, c.df) >= params.names):
            c.merge(x, y)
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
             and any(0 < fe.get(e, 0) <= MAX_PAIRS_PER_ENTITY for e in st.ent_counts)]
    if not spans:
        return
    early = min(first for first, _last in spans) - max_gap
    late = max(last for _first, last in spans) + max_gap
    near = [s for s, f in states.frozen_items() if f.last_day >= early and f.first_day <= late]
    for sid in near:
        states.thaw(sid)


def describe_pair(a: StoryState, b: StoryState, df: DocFreq) -> dict[str, float]:
    """The pass's view of two stories (for diagnostics and tuning)."""
    return {"content": round(content_sim(a, b, df), 3), "names": round(name_overlap(a, b, df), 3),
            "gap": float(gap(a, b))}
