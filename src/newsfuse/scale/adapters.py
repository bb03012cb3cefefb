"""Thin adapters onto the stage kernels, in the shapes the Dask tasks use.

Nothing here decides anything: each function hands its inputs to the very code the
local engine runs (``TemplateMemory``'s counters; for copies the public kernels of
``newsfuse.copies.kernels``, which ``CopyIndex`` calls too: fingerprint, LSH keys, the
candidate rule, verification and grouping), so the two engines cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np

from newsfuse.copies import kernels as K
from newsfuse.copies.grouping import Assignment, DocMeta
from newsfuse.copies.kernels import CopyResult
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
    """An article's fingerprint, grouping metadata and (sorted) LSH band keys."""
    sk = K.sketch_many([article])[0]
    keys = K.lsh_keys([sk.shingles], [sk.meta.n_tokens])[0]
    return sk.fingerprint(), sk.meta, np.sort(keys)


def candidate_pairs(keys: np.ndarray, ids: list[str]) -> set[tuple[str, str]]:
    """(a, b) id pairs, a < b, sharing an LSH band key, by the copies stage's rule
    (a key shared by too many articles pairs them with a few representatives only).

    ``keys[n]`` belongs to ``ids[n]``; every row of a key must be present.
    """
    uniq = sorted(set(ids))
    pos = {i: n for n, i in enumerate(uniq)}
    idx = np.fromiter((pos[i] for i in ids), dtype=np.int64, count=len(ids))
    pairs = K.candidates(keys.astype(np.uint64), idx, len(uniq), uniq.__getitem__)
    return {(uniq[i], uniq[j]) if uniq[i] < uniq[j] else (uniq[j], uniq[i]) for i, j in pairs}


def verify_pair(fa: Fingerprint, ma: DocMeta, fb: Fingerprint, mb: DocMeta) -> Relation | None:
    """The relation of two candidate articles, exactly as ``CopyIndex`` verifies it."""
    return K.verify_pair(fa, ma, fb, mb)


def apply_copies(articles: Iterable[Article], assign: dict[str, Assignment]) -> None:
    """Set each article's copies verdict (original, copy_of, trusted date, flag), as
    ``CopyIndex.apply`` does."""
    K.apply_assignments(articles, assign)


def assignments(metas: list[DocMeta], relations: Iterable[Relation]) -> tuple[CopyResult, dict[str, Assignment]]:
    return K.group(metas, relations)
