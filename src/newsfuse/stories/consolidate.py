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
    touched = {c.resolve(s) for s in c.touched} if touched_only else set(c.states)
    c.touched.clear()
    by_ent: dict[str, list[str]] = {}
    for sid, st in c.states.items():
        for e in st.ent_counts:
            by_ent.setdefault(e, []).append(sid)
    pairs: set[tuple[str, str]] = set()
    for sids in by_ent.values():
        if len(sids) > MAX_PAIRS_PER_ENTITY:
            continue
        for x in sids:
            if x not in touched:
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


def describe_pair(a: StoryState, b: StoryState, df: DocFreq) -> dict[str, float]:
    """The pass's view of two stories (for diagnostics and tuning)."""
    return {"content": round(content_sim(a, b, df), 3), "names": round(name_overlap(a, b, df), 3),
            "gap": float(gap(a, b))}
