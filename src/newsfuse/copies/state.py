"""The persisted form of a ``CopyIndex`` (format 2), and reading format 1.

Format 2 is a small JSON header (parameters, ids, dates, wire names, where each array
lies) followed by raw little-endian arrays, 8-byte aligned. Loading makes numpy views
into the state bytes rather than copies, so a loaded index costs about the size of its
state. No pickle: a state is data only.

A *part* has the same layout but holds only the articles and relations added after
a given row (``first_doc`` / ``first_rel``), with their own sorted LSH and digest
keys, and the ``lineage`` of the index it extends: the engine saves one part per run
instead of the whole index, and loads the whole state then its parts in order.

``write`` streams the same bytes to a file array by array (``CopyIndex.write_state``):
saving a whole index then costs no second copy of it in memory.

Format 1 (an ``.npz`` of per-article unique shingles and their order, written by the
first version of the index) is converted on load. A state made with other MinHash/LSH
parameters raises ``ValueError``: the engine then rebuilds the index from the articles.
"""

from __future__ import annotations

import io
import json
import struct
from typing import TYPE_CHECKING, Any, BinaryIO

import numpy as np

from newsfuse.copies import fingerprint as fpm
from newsfuse.copies.grouping import DocMeta
from newsfuse.copies.kernels import Segment, Sketch
from newsfuse.copies.normalize import Canonical
from newsfuse.copies.table import DIGEST_BYTES, Segments
from newsfuse.copies.verify import MIN_WORDS
from newsfuse.records import Relation

if TYPE_CHECKING:
    from newsfuse.copies.index import CopyIndex

STATE_VERSION = 2
MAGIC = b"NFCOPIES\n"


def params() -> dict[str, int]:
    return {"shingle": fpm.SHINGLE, "num_perm": fpm.NUM_PERM, "rows": fpm.ROWS, "seed": fpm.SEED}


def dump(index: CopyIndex, docs_from: int = 0, rels_from: int = 0) -> bytes:
    """The index as bytes (one copy of its arrays); with ``docs_from`` > 0, a *part*:
    only the articles from row ``docs_from`` and relations from row ``rels_from`` on,
    with their own LSH and digest keys, to be loaded after the state it extends."""
    return b"".join(_pieces(index, docs_from, rels_from))


def write(index: CopyIndex, out: BinaryIO, docs_from: int = 0, rels_from: int = 0) -> int:
    """Write what ``dump`` returns to the binary file ``out``, piece by piece (no copy of
    the whole state in memory: at a million articles it is GBs); the bytes written."""
    size = 0
    for piece in _pieces(index, docs_from, rels_from):
        out.write(piece)
        size += len(piece)
    return size


def _pieces(index: CopyIndex, d0: int, r0: int) -> list[bytes | memoryview]:
    """The state as pieces: the header, then each array (views, not copies) and its padding."""
    docs, rels = index.docs, index.rels
    arrays: list[tuple[str, list[np.ndarray]]] = [
        ("bits", [np.frombuffer(docs.bits, dtype=np.uint8)[d0:]]),
        ("n_tokens", [np.frombuffer(docs.n_tokens, dtype=np.int32)[d0:]]),
        ("digests", [np.frombuffer(docs.digests, dtype=np.uint8)[d0 * DIGEST_BYTES :]]),
        ("n_breaks", [np.frombuffer(docs.n_breaks, dtype=np.int32)[d0:]]),
        ("shingles", docs.shingles.pieces(d0)),
        ("shingle_len", [docs.shingles.lengths(d0).astype(np.int32)]),
        ("aux", docs.aux.pieces(d0)),
        ("aux_len", [docs.aux.lengths(d0).astype(np.int32)]),
        ("rel_a", [np.frombuffer(rels.a, dtype=np.int32)[r0:]]),
        ("rel_b", [np.frombuffer(rels.b, dtype=np.int32)[r0:]]),
        ("rel_type", [np.frombuffer(rels.type, dtype=np.uint8)[r0:]]),
        ("rel_score", [np.frombuffer(rels.score, dtype=np.uint16)[r0:]]),
        ("rel_cont", [np.frombuffer(rels.containment, dtype=np.uint16)[r0:]]),
        ("rel_orig", [np.frombuffer(rels.original, dtype=np.int32)[r0:]]),
        ("rel_spans", rels.spans.pieces(r0)),
        ("rel_span_len", [rels.spans.lengths(r0).astype(np.int32)]),
    ]
    if d0 == 0:
        key_segs, exact_segs = index.keys.items, index.exact.items
    else:
        key_segs, exact_segs = _part_keys(index, d0)
    for name, segs in (("key", key_segs), ("exact", exact_segs)):
        for n, (k, d) in enumerate(segs):
            arrays += [(f"{name}{n}.k", [k]), (f"{name}{n}.d", [d])]
    table: dict[str, list[Any]] = {}
    body: list[Any] = []
    offset = 0
    for name, blocks in arrays:
        dtype = blocks[0].dtype if blocks else np.dtype(np.uint8)
        count = sum(len(b) for b in blocks)
        table[name] = [dtype.str, count, offset]
        for b in blocks:
            body.append(memoryview(np.ascontiguousarray(b, dtype=dtype)).cast("B"))
            offset += b.nbytes
        pad = -offset % 8
        body.append(b"\0" * pad)
        offset += pad
    header = json.dumps({
        "version": STATE_VERSION, "params": params(), "lineage": index.lineage, "first_doc": d0,
        "first_rel": r0, "ids": docs.ids[d0:], "published": docs.published[d0:], "wire": docs.wire[d0:],
        "segments": [len(key_segs), len(exact_segs)], "arrays": table,
    }).encode()
    head = MAGIC + struct.pack("<Q", len(header)) + header
    head += b"\0" * (-len(head) % 8)
    return [head, *body]


def _part_keys(index: CopyIndex, start: int) -> tuple[list[Segment], list[Segment]]:
    """Sorted LSH and digest keys of rows ``start``.. (recomputed from their shingles:
    in memory they may already be merged with older rows' keys)."""
    from newsfuse.copies.kernels import lsh_keys

    docs = index.docs
    rows = range(start, len(docs))
    if not rows:
        return [], []
    n_tok = [docs.n_tokens[i] for i in rows]
    keys = lsh_keys([docs.shingles[i] for i in rows], n_tok)
    out = Segments()
    out.add(np.concatenate(keys), np.repeat(np.arange(start, len(docs)), [len(k) for k in keys]))
    exact = Segments()
    long = np.flatnonzero(np.asarray(n_tok, dtype=np.int64) >= MIN_WORDS)
    exact.add(docs.digest_keys(start, len(docs))[long], long + start)
    return out.items, exact.items


def load(index: CopyIndex, data: bytes) -> CopyIndex:
    """Fill an empty ``index`` from ``dump`` output (or a format-1 state), or extend it
    with a part; ``ValueError`` for anything else (the caller rebuilds the index from
    the articles) or for a part that does not extend this index."""
    try:
        return _load_v2(index, data) if data.startswith(MAGIC) else _load_v1(index, data)
    except ValueError:
        raise
    except Exception as exc:  # a truncated or foreign blob: zip, json, struct, key errors
        raise ValueError(f"not a copy index state: {exc}") from exc


def _load_v2(index: CopyIndex, data: bytes) -> CopyIndex:
    (size,) = struct.unpack_from("<Q", data, len(MAGIC))
    start = len(MAGIC) + 8
    head = json.loads(bytes(data[start : start + size]).decode())
    if head.get("version") != STATE_VERSION or head.get("params") != params():
        raise ValueError("copy index state was made with other parameters: rebuild it")
    d0, r0 = head["first_doc"], head["first_rel"]
    part = d0 > 0 or r0 > 0
    if (d0, r0) != (len(index.docs), len(index.rels)) or (part and head["lineage"] != index.lineage):
        raise ValueError("this state part does not extend this index")
    base = start + size + (-(start + size) % 8)
    buf = memoryview(data)

    def arr(name: str) -> np.ndarray:
        dtype, count, offset = head["arrays"][name]
        a = np.frombuffer(buf, dtype=np.dtype(dtype), count=count, offset=base + offset)
        # A whole state stays a view of its bytes; a part's rows are copied so that its
        # bytes (which also hold keys about to be merged) can be freed.
        return a.copy() if part else a

    index.lineage = head["lineage"]
    docs = index.docs
    for n, i in enumerate(head["ids"], len(docs.ids)):
        docs.pos[i] = n
    docs.ids += head["ids"]
    docs.published += [docs._intern(p) for p in head["published"]]
    docs.wire += [docs._intern(w) for w in head["wire"]]
    docs.bits += arr("bits").tobytes()
    docs.n_tokens.frombytes(arr("n_tokens").tobytes())
    docs.digests += arr("digests").tobytes()
    docs.n_breaks.frombytes(arr("n_breaks").tobytes())
    docs.shingles.add_block(arr("shingles"), arr("shingle_len"))
    docs.aux.add_block(arr("aux"), arr("aux_len"))
    rels = index.rels
    rels.a.frombytes(arr("rel_a").tobytes())
    rels.b.frombytes(arr("rel_b").tobytes())
    rels.type += arr("rel_type").tobytes()
    rels.score.frombytes(arr("rel_score").tobytes())
    rels.containment.frombytes(arr("rel_cont").tobytes())
    rels.original.frombytes(arr("rel_orig").tobytes())
    rels.spans.add_block(arr("rel_spans"), arr("rel_span_len"))
    n_key, n_exact = head["segments"]
    for segs, name, n_segs in ((index.keys, "key", n_key), (index.exact, "exact", n_exact)):
        loaded = [(arr(f"{name}{n}.k"), arr(f"{name}{n}.d")) for n in range(n_segs)]
        if part:
            for seg in loaded:
                segs.push(seg)
        else:
            segs.items = loaded  # as saved: the size rule already holds
    return index


def _load_v1(index: CopyIndex, data: bytes) -> CopyIndex:
    """Convert a format-1 state (``.npz``): unique shingles + order -> text-order shingles."""
    z = np.load(io.BytesIO(data), allow_pickle=False)
    meta = json.loads(z["meta"].tobytes().decode())
    if meta.get("version") != 1 or meta.get("params") != params():
        raise ValueError("copy index state was made with other parameters: rebuild it")

    def split(name: str, lens: np.ndarray) -> list[np.ndarray]:
        return np.split(z[name], np.cumsum(lens)[:-1]) if len(lens) else []

    uniqs = split("uniq", z["uniq_len"])
    invs = split("inv", z["inv_len"])
    q_all = np.unpackbits(z["quoted"])[: int(z["q_len"].sum())].astype(bool)
    qs = np.split(q_all, np.cumsum(z["q_len"])[:-1]) if len(z["q_len"]) else []
    brks = split("brk", z["brk_len"])
    offs = split("off", z["brk_len"])
    sketches = []
    for n, (did, pub, wire, is_wire, datelined, n_tok, digest) in enumerate(meta["docs"]):
        can = Canonical([], brks[n], offs[n], digest, None, qs[n])
        shingles = uniqs[n].astype(np.uint32)[invs[n].astype(np.int64)]
        sketches.append(Sketch(can, shingles, DocMeta(did, pub, wire, is_wire, datelined, n_tok)))
    docs = index.docs
    docs.append(sketches)
    if len(z["keys"]):
        index.keys.items = [(z["keys"], z["kdoc"].astype(np.int32))]
    short = np.asarray([s.meta.n_tokens >= MIN_WORDS for s in sketches], dtype=bool)
    rows = np.flatnonzero(short)
    index.exact.add(docs.digest_keys(0, len(docs))[rows], rows)
    index.rels.extend((Relation.from_dict(r) for r in meta["relations"]), docs.pos)
    return index
