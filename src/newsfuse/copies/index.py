"""``CopyIndex``: an incremental copy detector whose state the store can persist.

``add(articles)`` fingerprints only the new articles, looks their LSH band keys (and
exact-text digests) up in the keys already indexed (sorted numpy segments, merged
now and then), verifies the candidates and returns the new relations; old pairs are
never compared again. ``result()`` rebuilds groups from the stored relations (cheap:
no text is compared). Everything is kept in compact columns (``table``), so a
million articles fit in a few GB; see ``state`` for the persisted form.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from typing import BinaryIO

import numpy as np

from newsfuse.copies import kernels as K
from newsfuse.copies.grouping import Assignment, DocMeta
from newsfuse.copies.kernels import MAX_RUN, REPS, CopyResult, outlet_is_wire
from newsfuse.copies.table import DIGEST_BYTES, DocTable, RelationTable, Segments
from newsfuse.copies.verify import MIN_WORDS, Fingerprint
from newsfuse.records import Article, Relation

__all__ = ["MAX_RUN", "REPS", "CopyIndex", "CopyResult", "fingerprint_article", "outlet_is_wire"]


def fingerprint_article(article: Article) -> tuple[Fingerprint, DocMeta]:
    """Canonical tokens -> shingle hashes, plus the metadata grouping needs."""
    return K.fingerprint(article)


_FP_CACHE = 4096  # fingerprints kept while verifying one batch


class CopyIndex:
    """Incremental exact/syndicated/partial copy detection (see the module docstring)."""

    def __init__(self) -> None:
        self.docs = DocTable()
        self.keys = Segments()  # LSH band keys
        self.exact = Segments()  # digest keys: equal texts, paired without a cap
        self.rels = RelationTable()
        # Identifies this index's history: a saved part only extends the state it came from.
        self.lineage = uuid.uuid4().hex

    def __len__(self) -> int:
        return len(self.docs)

    # -- adding -------------------------------------------------------------------
    def add(self, articles: Iterable[Article],
            sketch: Callable[[list[Article]], list[K.Sketch]] = K.sketch_many) -> list[Relation]:
        """Index new articles; return the relations they have (to old or new ones).

        An id already indexed is skipped: an article's text is fingerprinted once.
        ``sketch`` is ``kernels.sketch_many`` or a function giving the same, e.g. spread
        over processes (the local engine's ``parallel_sketch``).
        """
        docs = self.docs
        start = len(docs)
        fresh: dict[str, Article] = {}
        for art in articles:
            if art.id not in docs.pos and art.id not in fresh:
                fresh[art.id] = art
        if not fresh:
            return []
        sketches = sketch(list(fresh.values()))
        docs.append(sketches)
        stop = len(docs)
        keys = K.lsh_keys([s.shingles for s in sketches], [s.meta.n_tokens for s in sketches])
        lens = [len(k) for k in keys]
        new_keys = np.concatenate(keys)
        new_idx = np.repeat(np.arange(start, stop, dtype=np.int64), lens)
        ids = docs.ids
        codes = K.candidate_codes(new_keys, new_idx, stop, ids.__getitem__, self.keys.items)
        # Texts too short to be related are left out of the exact lookup too.
        didx = np.flatnonzero(np.asarray([s.meta.n_tokens >= MIN_WORDS for s in sketches], dtype=bool)) + start
        dkeys = docs.digest_keys(start, stop)[didx - start]
        equal = _equal_keys(dkeys, didx, self.exact.items, stop)
        n = max(stop, 1)
        if equal:
            codes = np.union1d(codes, np.fromiter((i * n + j for i, j in equal), dtype=np.int64, count=len(equal)))
        pair_a, pair_b = np.divmod(codes, n)  # sorted by (a, b); b is always a new row
        del codes, equal
        bitmaps = K.shingle_bitmaps([s.shingles for s in sketches])
        del sketches, keys  # their token lists are the bulk of a batch's memory
        keep = _prefilter(docs, pair_a, pair_b, bitmaps, start)
        del bitmaps
        pairs = zip(pair_a[keep].tolist(), pair_b[keep].tolist(), strict=True)
        del pair_a, pair_b, keep
        # Indexed only now: merging the largest segments is the peak of a big index.
        self.keys.add(new_keys, new_idx)
        self.exact.add(dkeys, didx)
        del new_keys, new_idx
        found: list[Relation] = []
        # Fingerprints are rebuilt from the table as pairs need them, in pair order (the
        # smaller row first, mostly an old article), with a bounded cache.
        fps: dict[int, tuple[Fingerprint, DocMeta]] = {}

        def get(d: int) -> tuple[Fingerprint, DocMeta]:
            got = fps.get(d)
            if got is None:
                if len(fps) >= _FP_CACHE:
                    fps.clear()
                got = fps[d] = (docs.fingerprint(d), docs.meta(d))
            return got

        for i, j in pairs:
            (fa, ma), (fb, mb) = get(i), get(j)
            rel = K.verify_pair(fa, ma, fb, mb)
            if rel is not None:
                found.append(rel)
        found.sort(key=lambda r: (r.a, r.b))
        self.rels.extend(found, docs.pos)
        return found

    # -- results --------------------------------------------------------------------
    def relations(self) -> list[Relation]:
        """Every relation found so far, ordered by (a, b)."""
        return self.rels.all(self.docs.ids)

    def metas(self) -> list[DocMeta]:
        return [self.docs.meta(i) for i in range(len(self.docs))]

    def assignments(self) -> tuple[CopyResult, dict[str, Assignment]]:
        """Groups over everything indexed, and each article's verdict."""
        # group() sorts them: no second sort here (at 1M relations its keys cost ~100 MB)
        return K.group(self.metas(), self.rels.all(self.docs.ids, ordered=False), copy=False)

    def result(self) -> CopyResult:
        return self.assignments()[0]

    def apply(self, articles: Iterable[Article]) -> CopyResult:
        """Compute the result and set original/copy_of/trusted_date/flags on ``articles``."""
        result, assign = self.assignments()
        K.apply_assignments(articles, assign)
        return result

    def nbytes(self) -> int:
        """Bytes held in arrays (ids and other strings not counted)."""
        return self.docs.nbytes() + self.keys.nbytes() + self.exact.nbytes() + self.rels.nbytes()

    # -- persistence ----------------------------------------------------------------
    def to_state(self) -> bytes:
        """Serialize the whole index (see ``newsfuse.copies.state``; no pickle)."""
        from newsfuse.copies.state import dump

        return dump(self)

    def write_state(self, out: BinaryIO) -> int:
        """Write ``to_state()`` to the binary file ``out`` array by array, without
        building it in memory (the whole state is about the size of the index);
        returns the number of bytes written."""
        from newsfuse.copies.state import write

        return write(self, out)

    @classmethod
    def from_state(cls, data: bytes) -> CopyIndex:
        """Rebuild an index saved by ``to_state`` (this or the previous format)."""
        from newsfuse.copies.state import load

        return load(cls(), data)

    def state_since(self, n_docs: int, n_relations: int) -> bytes:
        """A *part*: what was added after the index had ``n_docs`` articles and
        ``n_relations`` relations (incremental persistence: ``extend_state`` loads it
        onto the state it extends; its size is that of the new articles only)."""
        from newsfuse.copies.state import dump

        if n_docs == 0 and n_relations == 0:
            return dump(self)
        return dump(self, n_docs, n_relations)

    def extend_state(self, part: bytes) -> None:
        """Load a part made by ``state_since`` (``ValueError`` if it does not extend
        this index: another lineage, or rows missing in between)."""
        from newsfuse.copies.state import load

        load(self, part)


def _prefilter(docs: DocTable, a: np.ndarray, b: np.ndarray, bitmaps: np.ndarray, start: int) -> np.ndarray:
    """``kernels.may_relate`` of pairs (a, b) of table rows, b being rows from ``start``
    whose ``shingle_bitmaps`` are ``bitmaps`` (a bool mask: the pairs worth verifying)."""
    n_tok = np.frombuffer(docs.n_tokens, dtype=np.int32)
    n_a, n_b = n_tok[a], n_tok[b]
    del n_tok  # a live view would stop the array from growing
    dig = np.frombuffer(docs.digests, dtype=np.uint8).reshape(-1, DIGEST_BYTES)
    same = (dig[a] == dig[b]).all(axis=1)
    del dig
    return K.may_relate(a, n_a, n_b, same, docs.shingles.__getitem__, bitmaps, b - start)


def _equal_keys(keys: np.ndarray, idx: np.ndarray, segments: list[K.Segment], n_docs: int) -> set[tuple[int, int]]:
    """Every pair of docs with equal digest keys: new with new and new with old, uncapped."""
    pairs: set[tuple[int, int]] = set()
    for seg_keys, seg_idx in segments:
        lo = np.searchsorted(seg_keys, keys, side="left")
        hi = np.searchsorted(seg_keys, keys, side="right")
        for k in np.flatnonzero(hi > lo).tolist():
            new = int(idx[k])
            pairs.update((int(o), new) for o in seg_idx[lo[k] : hi[k]].tolist())
    order = np.argsort(keys, kind="stable")
    sk, si = keys[order], idx[order]
    starts = np.flatnonzero(np.concatenate(([True], sk[1:] != sk[:-1])))
    ends = np.concatenate((starts[1:], [len(sk)]))
    for s, e in zip(starts[ends - starts > 1].tolist(), ends[ends - starts > 1].tolist(), strict=True):
        members = sorted(si[s:e].tolist())
        pairs.update((x, y) for n, x in enumerate(members) for y in members[n + 1 :])
    return pairs
