"""Compact, append-only storage for ``CopyIndex``: columns and arrays, no object per article.

At a million articles an object per article (a ``Fingerprint`` with five numpy arrays,
a ``DocMeta``, a ``Relation`` with nested span lists) costs several KB each; here an
article costs its text-order shingle hashes (4 bytes per word), 64 LSH keys (12 bytes
each), a few dozen bytes of metadata and its id string. Objects are made on demand.
"""

from __future__ import annotations

import bisect
from array import array
from collections.abc import Iterable, Sequence

import numpy as np

from newsfuse.copies.grouping import DocMeta
from newsfuse.copies.kernels import Segment, Sketch
from newsfuse.copies.verify import Fingerprint
from newsfuse.records import Relation

TYPES = ("exact", "syndicated", "partial")
_TYPE_CODE = {t: n for n, t in enumerate(TYPES)}
DIGEST_BYTES = 12
_INTS = list(range(1 << 16))  # span bounds (word indices) as shared objects
_SCORES = [n / 10000 for n in range(1 << 16)]  # stored scores (uint16, 1e-4) as shared floats


class Ragged:
    """Variable-length rows of one dtype, stored in blocks (one per append batch): no
    growing buffer is ever copied, and loaded state stays a view of the state bytes."""

    def __init__(self, dtype: type) -> None:
        self.dtype = np.dtype(dtype)
        self.blocks: list[np.ndarray] = []
        self.block_start: list[int] = []  # first row of each block
        self.bounds = array("q", [0])  # row r is [bounds[r], bounds[r + 1]) of its block's run
        self._block_base: list[int] = []  # bounds value at the start of each block

    def __len__(self) -> int:
        return len(self.bounds) - 1

    def extend(self, rows: Sequence[np.ndarray]) -> None:
        if not rows:
            return
        self.block_start.append(len(self))
        self._block_base.append(self.bounds[-1])
        block = np.concatenate([np.asarray(r, dtype=self.dtype) for r in rows]) if rows else np.zeros(0, self.dtype)
        self.blocks.append(block)
        ends = np.cumsum([len(r) for r in rows], dtype=np.int64) + self.bounds[-1]
        self.bounds.extend(ends.tolist())

    def add_block(self, block: np.ndarray, lengths: np.ndarray) -> None:
        """Append rows given as one block and their lengths (used when loading)."""
        if not len(lengths):
            return
        self.block_start.append(len(self))
        self._block_base.append(self.bounds[-1])
        self.blocks.append(block)
        self.bounds.extend((np.cumsum(lengths, dtype=np.int64) + self.bounds[-1]).tolist())

    def __getitem__(self, row: int) -> np.ndarray:
        b = bisect.bisect_right(self.block_start, row) - 1
        base = self._block_base[b]
        return self.blocks[b][self.bounds[row] - base : self.bounds[row + 1] - base]

    def lengths(self, start: int = 0) -> np.ndarray:
        """Lengths of rows ``start``.. (``np.diff`` of the bounds)."""
        return np.diff(np.frombuffer(self.bounds, dtype=np.int64)[start:])

    def pieces(self, start: int) -> list[np.ndarray]:
        """Rows ``start``.. as contiguous pieces (views of the blocks), in row order."""
        if start >= len(self):
            return []
        if start == 0:
            return list(self.blocks)
        b = bisect.bisect_right(self.block_start, start) - 1
        first = self.blocks[b][self.bounds[start] - self._block_base[b] :]
        return [first, *self.blocks[b + 1 :]]

    def nbytes(self) -> int:
        return sum(b.nbytes for b in self.blocks) + len(self.bounds) * 8


def merge_segments(older: Segment, newer: Segment) -> Segment:
    """One segment sorted by (key, doc) from two, every doc of ``newer`` being later than
    those of ``older``: the newer rows go after equal keys (one output allocation)."""
    return _merge_consuming([older, newer])


_POS_CHUNK = 1 << 22


def _merge_consuming(pair: list[Segment]) -> Segment:
    """``merge_segments`` of the two segments in ``pair``, emptying it: when the caller
    keeps no other reference, the older keys are freed before the doc column is built,
    so merging the largest segments of a million articles costs about 1.6x, not 2.5x,
    their size in transient memory."""
    (ka, da), (kb, db) = pair
    pair.clear()
    pos = np.searchsorted(ka, kb, side="right")
    for c in range(0, len(pos), _POS_CHUNK):  # pos += arange(len(kb)), without that temporary
        pos[c : c + _POS_CHUNK] += np.arange(c, min(c + _POS_CHUNK, len(pos)), dtype=pos.dtype)
    total = len(ka) + len(kb)
    rest = np.ones(total, dtype=bool)
    rest[pos] = False
    keys = np.empty(total, dtype=np.uint64)
    keys[pos] = kb
    keys[rest] = ka
    del ka, kb
    docs = np.empty(total, dtype=np.int32)
    docs[pos] = db
    docs[rest] = da
    return keys, docs


class Segments:
    """Sorted (key, doc) segments: new keys go into a new segment; the last two are
    merged while the older is not larger than twice the newer, so there are about
    log2(batches) segments and each row is merged about log2(batches) times."""

    def __init__(self) -> None:
        self.items: list[Segment] = []

    def add(self, keys: np.ndarray, docs: np.ndarray) -> None:
        """Index ``keys`` of ``docs`` (every doc later than those already indexed)."""
        if not len(keys):
            return
        order = np.argsort(keys, kind="stable")
        self.push((keys[order], docs[order].astype(np.int32)))

    def push(self, segment: Segment) -> None:
        """Append a sorted segment of later docs, merging as the size rule asks."""
        if not len(segment[0]):
            return
        self.items.append(segment)
        while len(self.items) > 1 and len(self.items[-2][0]) <= 2 * len(self.items[-1][0]):
            pair = [self.items.pop(-2), self.items.pop()]
            self.items.append(_merge_consuming(pair))

    def nbytes(self) -> int:
        return sum(k.nbytes + d.nbytes for k, d in self.items)


class DocTable:
    """Per-article columns: id, grouping metadata, digest, shingles, span map, quotes."""

    def __init__(self) -> None:
        self.ids: list[str] = []
        self.pos: dict[str, int] = {}
        self.published: list[str | None] = []
        self.wire: list[str | None] = []
        self.bits = bytearray()  # 1: outlet is the wire, 2: datelined
        self.n_tokens = array("i")
        self.digests = bytearray()
        self.shingles = Ragged(np.uint32)
        # per article: breaks, offsets (canonical -> source map), quoted run starts, ends
        self.aux = Ragged(np.int32)
        self.n_breaks = array("i")
        self._interned: dict[str, str] = {}

    def __len__(self) -> int:
        return len(self.ids)

    def _intern(self, value: str | None) -> str | None:
        # Dates and wire names repeat: one string object each instead of one per article.
        return None if value is None else self._interned.setdefault(value, value)

    def append(self, sketches: Sequence[Sketch]) -> None:
        aux: list[np.ndarray] = []
        for sk in sketches:
            m, c = sk.meta, sk.can
            self.pos[m.id] = len(self.ids)
            self.ids.append(m.id)
            self.published.append(self._intern(m.published))
            self.wire.append(self._intern(m.wire))
            self.bits.append((1 if m.outlet_is_wire else 0) | (2 if m.datelined else 0))
            self.n_tokens.append(m.n_tokens)
            self.digests += bytes.fromhex(c.digest)
            q = np.diff(np.concatenate(([0], c.quoted.view(np.int8), [0])))
            aux.append(np.concatenate((c.breaks, c.offsets, np.flatnonzero(q == 1), np.flatnonzero(q == -1))))
            self.n_breaks.append(len(c.breaks))
        self.shingles.extend([sk.shingles for sk in sketches])
        self.aux.extend(aux)

    def digest(self, i: int) -> str:
        return bytes(self.digests[i * DIGEST_BYTES : (i + 1) * DIGEST_BYTES]).hex()

    def digest_keys(self, start: int, stop: int) -> np.ndarray:
        """The first 8 digest bytes of rows start..stop-1 as uint64 (exact-copy lookup keys)."""
        raw = np.frombuffer(self.digests, dtype=np.uint8)[start * DIGEST_BYTES : stop * DIGEST_BYTES]
        return raw.reshape(-1, DIGEST_BYTES)[:, :8].copy().view(np.uint64).ravel()

    def meta(self, i: int) -> DocMeta:
        b = self.bits[i]
        return DocMeta(self.ids[i], self.published[i], self.wire[i], bool(b & 1), bool(b & 2), self.n_tokens[i])

    def fingerprint(self, i: int) -> Fingerprint:
        aux = self.aux[i].astype(np.int64)
        nb = self.n_breaks[i]
        n = self.n_tokens[i]
        runs = aux[2 * nb :].reshape(2, -1)
        quoted = np.zeros(n, dtype=bool)
        for s, e in zip(runs[0].tolist(), runs[1].tolist(), strict=True):
            quoted[s:e] = True
        return Fingerprint.build(self.shingles[i], n, self.digest(i), aux[:nb], aux[nb : 2 * nb], quoted)

    def nbytes(self) -> int:
        return (self.shingles.nbytes() + self.aux.nbytes() + len(self.digests) + len(self.bits)
                + 8 * len(self.n_tokens) + 8 * len(self.n_breaks))


class RelationTable:
    """Verified relations as columns (doc rows, type code, scores in 1e-4, span list)."""

    def __init__(self) -> None:
        self.a = array("i")
        self.b = array("i")
        self.type = bytearray()
        self.score = array("H")
        self.containment = array("H")
        self.original = array("i")  # doc row, -1 for none
        self.spans = Ragged(np.int32)  # flattened [start, end) pairs

    def __len__(self) -> int:
        return len(self.a)

    def extend(self, relations: Iterable[Relation], pos: dict[str, int]) -> None:
        spans: list[np.ndarray] = []
        for r in relations:
            self.a.append(pos[r.a])
            self.b.append(pos[r.b])
            self.type.append(_TYPE_CODE[r.type])
            self.score.append(round(r.score * 10000))
            self.containment.append(round(r.containment * 10000))
            self.original.append(-1 if r.original is None else pos[r.original])
            spans.append(np.asarray(r.spans, dtype=np.int32).reshape(-1))
        self.spans.extend(spans)

    def get(self, k: int, ids: list[str]) -> Relation:
        row = self.spans[k]
        flat = row.tolist()
        if len(flat) and int(row.max()) < len(_INTS):
            # Shared int objects: at a million relations, their own ints are ~200 MB.
            flat = [_INTS[x] for x in flat]
        o = self.original[k]
        # n / 10000 is the double nearest to the 4-decimal value: equal to round(x, 4)
        # (``_SCORES`` holds exactly those doubles, one object each).
        return Relation(
            a=ids[self.a[k]], b=ids[self.b[k]], type=TYPES[self.type[k]],  # type: ignore[arg-type]
            score=_SCORES[self.score[k]], original=None if o < 0 else ids[o],
            containment=_SCORES[self.containment[k]],
            spans=[flat[i : i + 2] for i in range(0, len(flat), 2)],
        )

    def all(self, ids: list[str], ordered: bool = True) -> list[Relation]:
        """Every relation, ordered by (a, b) unless ``ordered`` is False (the caller sorts)."""
        rels = [self.get(k, ids) for k in range(len(self))]
        if ordered:
            rels.sort(key=lambda r: (r.a, r.b))
        return rels

    def nbytes(self) -> int:
        return 19 * len(self.a) + self.spans.nbytes()
