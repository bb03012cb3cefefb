"""Thin adapters onto the stage kernels that the stage packages do not export.

Nothing here decides anything: each function hands its inputs to the very code the
local engine runs (``TemplateMemory``'s counters, ``CopyIndex``'s candidate rule,
verification and grouping), so the two engines cannot drift apart. Where that code is
a private method, a minimal ``CopyIndex`` is filled with just what the method reads;
the engine-equality tests fail if those internals change.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from newsfuse.copies.grouping import Assignment, DocMeta
from newsfuse.copies.index import CopyIndex, CopyResult
from newsfuse.copies.verify import Fingerprint
from newsfuse.extract import TemplateMemory
from newsfuse.records import Article, Relation

# -- template memory: partial counts per partition, summed on the driver -----------------


def memory_state(memory: TemplateMemory) -> dict[str, Any]:
    """Everything a memory counted (no singleton pruning: partial counts must add up)."""
    return {"outlets": memory.outlets, "sentences": memory.sentences, "seen": sorted(memory.seen)}


def merge_memories(base: TemplateMemory, partials: Iterable[dict[str, Any]]) -> TemplateMemory:
    """``base`` plus every partial: line counts and capture counts add, a sentence keeps
    its earliest date. Equal to one memory that observed all those captures, because
    observing is per-capture counting (order free) and the partials saw disjoint captures."""
    for part in partials:
        for key, entry in part["outlets"].items():
            mine = base.outlets.setdefault(key, {"docs": 0, "lines": {}})
            mine["docs"] += entry["docs"]
            lines = mine["lines"]
            for h, n in entry["lines"].items():
                lines[h] = lines.get(h, 0) + n
        sents = base.sentences
        for sk, when in part["sentences"].items():
            if sk not in sents or when < sents[sk]:
                sents[sk] = when
        base.seen.update(part["seen"])
    return base


def broadcast_memory(memory: TemplateMemory) -> TemplateMemory:
    """The memory workers extract with: lines seen in one capture only are dropped.

    ``is_template`` needs a line in at least two captures of an outlet, so a count of
    one and no count decide alike; dropping them shrinks what is sent to every worker.
    """
    out = TemplateMemory()
    out.outlets = {
        k: {"docs": v["docs"], "lines": {h: n for h, n in v["lines"].items() if n >= 2}}
        for k, v in memory.outlets.items()
    }
    out.sentences = memory.sentences
    out.seen = memory.seen
    return out


# -- copies --------------------------------------------------------------------------------


def index_one(article: Article) -> tuple[Fingerprint, DocMeta, np.ndarray]:
    """An article's fingerprint, grouping metadata and LSH band keys, made by
    ``CopyIndex.add`` itself (an index of one article compares nothing)."""
    index = CopyIndex()
    index.add([article])
    keys = index._segments[0][0] if index._segments else np.zeros(0, np.uint64)
    return index._fps[0], index._metas[0], keys


def candidate_pairs(keys: np.ndarray, ids: list[str]) -> set[tuple[str, str]]:
    """(a, b) id pairs, a < b, sharing an LSH band key, by ``CopyIndex``'s own rule
    (a key shared by too many articles pairs them with a few representatives only).

    ``keys[n]`` belongs to ``ids[n]``; every row of a key must be present.
    """
    uniq = sorted(set(ids))
    pos = {i: n for n, i in enumerate(uniq)}
    index = CopyIndex()
    index._metas = [DocMeta(id=i) for i in uniq]
    idx = np.fromiter((pos[i] for i in ids), dtype=np.int64, count=len(ids))
    pairs = index._candidates(0, keys.astype(np.uint64), idx)
    return {(uniq[i], uniq[j]) if uniq[i] < uniq[j] else (uniq[j], uniq[i]) for i, j in pairs}


def verify_pair(fa: Fingerprint, ma: DocMeta, fb: Fingerprint, mb: DocMeta) -> Relation | None:
    """The relation of two candidate articles, exactly as ``CopyIndex`` verifies it."""
    index = CopyIndex()
    index._metas = [ma, mb]
    index._fps = [fa, fb]
    return index._verify(0, 1)


class _Grouped(CopyIndex):
    """A ``CopyIndex`` holding only what grouping reads: every article's meta and the
    verified relations (found by the distributed shuffle instead of ``add``)."""

    def __init__(self, metas: list[DocMeta], relations: Iterable[Relation]) -> None:
        super().__init__()
        self._metas = sorted(metas, key=lambda m: m.id)
        self._relations = {(r.a, r.b): r for r in relations}


def group_copies(metas: list[DocMeta], relations: Iterable[Relation],
                 articles: list[Article]) -> CopyResult:
    """Groups, originals and trusted dates, set on ``articles`` (``CopyIndex.apply``)."""
    return _Grouped(metas, relations).apply(articles)


def assignments(metas: list[DocMeta], relations: Iterable[Relation]) -> tuple[CopyResult, dict[str, Assignment]]:
    return _Grouped(metas, relations).assignments()
