"""The copies stage's kernels, as plain functions: fingerprint, LSH keys, candidates,
verification, grouping.

``CopyIndex`` (one process, incremental) and the Dask engine (``newsfuse.scale``) both
call these, so the two engines cannot drift apart:

- ``sketch_many(articles)``: canonical tokens -> text-order shingle hashes + metadata;
  ``fingerprint(article)``: the same as the ``Fingerprint`` verification reads;
- ``lsh_keys(shingles, n_tokens)``: MinHash signatures -> LSH band keys (batched);
- ``candidates(keys, docs, ...)``: the candidate rule (capped runs for boilerplate keys);
  ``candidate_codes``: the same pairs as a sorted int64 array (millions at 1M articles);
- ``shingle_bitmaps`` + ``may_relate``: an exact prefilter dropping candidates that
  ``verify_pair`` would reject for too few common shingles, without fingerprints;
- ``verify_pair(fa, ma, fb, mb)``: the relation of two candidates, or None;
- ``group(metas, relations)``: copy groups, originals, trusted dates.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np

from newsfuse.copies import fingerprint as fpm
from newsfuse.copies.grouping import Assignment, DocMeta, build_groups, pair_original
from newsfuse.copies.normalize import Canonical, canonical
from newsfuse.copies.verify import MIN_WORDS, Fingerprint, compare, enough_common
from newsfuse.records import Article, CopyGroup, Relation

MAX_RUN = 200  # docs sharing one band key: beyond this the key is boilerplate ...
REPS = 16  # ... and new docs are compared only with this many of them


@dataclass
class CopyResult:
    """Relations between articles and the copy groups they form."""

    relations: list[Relation] = field(default_factory=list)
    groups: list[CopyGroup] = field(default_factory=list)


@dataclass(slots=True)
class Sketch:
    """One article fingerprinted: what the index keeps of it, before any sorting."""

    can: Canonical
    shingles: np.ndarray  # uint32 hash of every 5-word shingle, in text order
    meta: DocMeta

    def fingerprint(self) -> Fingerprint:
        c = self.can
        return Fingerprint.build(self.shingles, len(c.tokens), c.digest, c.breaks, c.offsets, c.quoted)


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", name)).lower()


def outlet_is_wire(outlet: str | None, wire: str | None) -> bool:
    """True when the outlet is the credited wire itself ("Associated Press" / "AP")."""
    if not outlet or not wire:
        return False
    o = re.sub(r"[^a-z]", "", outlet.lower())
    w = re.sub(r"[^a-z]", "", wire.lower())
    return bool(w) and (o == w or _initials(outlet) == w or _initials(wire) == o)


def _meta(article: Article, can: Canonical) -> DocMeta:
    datelined = bool(can.wire_dateline) or bool(
        article.dateline and article.wire and article.wire.lower() in article.dateline.lower()
    )
    return DocMeta(
        id=article.id,
        published=article.published or article.trusted_date,
        wire=article.wire,
        outlet_is_wire=outlet_is_wire(article.outlet, article.wire),
        datelined=datelined,
        n_tokens=len(can.tokens),
    )


def sketch_many(articles: Sequence[Article]) -> list[Sketch]:
    """Canonical tokens, shingle hashes and grouping metadata of each article."""
    cans = [canonical(a.body or "") for a in articles]
    shingles = fpm.shingle_hashes_many([c.tokens for c in cans])
    return [Sketch(c, s, _meta(a, c)) for a, c, s in zip(articles, cans, shingles, strict=True)]


def fingerprint(article: Article) -> tuple[Fingerprint, DocMeta]:
    """What verification needs of an article, and what grouping needs."""
    sk = sketch_many([article])[0]
    return sk.fingerprint(), sk.meta


def lsh_keys(shingles: Sequence[np.ndarray], n_tokens: Sequence[int]) -> list[np.ndarray]:
    """The LSH band keys of each text (``BANDS`` uint64, in band order); texts shorter
    than ``MIN_WORDS`` get none: they are never related, so they stay singletons."""
    rows = [i for i, n in enumerate(n_tokens) if n >= MIN_WORDS]
    out = [np.zeros(0, np.uint64)] * len(n_tokens)
    if rows:
        keys = fpm.band_keys(fpm.signatures([shingles[i] for i in rows]))
        for r, i in enumerate(rows):
            out[i] = keys[r]
    return out


Segment = tuple[np.ndarray, np.ndarray]  # (sorted uint64 keys, int32 doc index), sorted by (key, doc)


def candidates(
    keys: np.ndarray, docs: np.ndarray, n_docs: int, id_of: Callable[[int], str],
    segments: Iterable[Segment] = (),
) -> set[tuple[int, int]]:
    """Doc index pairs (i < j) sharing an LSH band key: new docs (``docs[n]`` has key
    ``keys[n]``) with each other and with the docs of already indexed ``segments``.

    A key shared by more than ``MAX_RUN`` documents is boilerplate: within a segment
    only its first ``REPS`` docs are paired with a newcomer, and among the new docs
    only the ``REPS`` first by id are paired with the others. ``n_docs`` bounds every
    doc index; ``id_of`` gives a doc's id. (``candidate_codes`` as a set of tuples.)
    """
    n = np.int64(max(n_docs, 1))
    i, j = np.divmod(candidate_codes(keys, docs, n_docs, id_of, segments), n)
    return set(zip(i.tolist(), j.tolist(), strict=True))


def candidate_codes(
    keys: np.ndarray, docs: np.ndarray, n_docs: int, id_of: Callable[[int], str],
    segments: Iterable[Segment] = (),
) -> np.ndarray:
    """The ``candidates`` pairs as sorted distinct int64 codes ``i * max(n_docs, 1) + j``.

    Vectorized: at a million articles a batch has millions of candidate pairs, too
    many for Python tuples; codes are deduplicated per segment to bound the transient.
    """
    n = np.int64(max(n_docs, 1))
    codes: list[np.ndarray] = []
    if not len(keys):
        return np.zeros(0, dtype=np.int64)
    # Sorted needles: each binary search starts near the last one (fewer cache misses
    # in segments of tens of millions of keys).
    order = np.argsort(keys, kind="stable")
    keys, idx = keys[order], docs[order].astype(np.int64)
    for seg_keys, seg_idx in segments:
        lo = np.searchsorted(seg_keys, keys, side="left")
        cnt = np.searchsorted(seg_keys, keys, side="right") - lo
        hit = np.flatnonzero(cnt)
        if not len(hit):
            continue
        cnt = np.minimum(cnt[hit], np.where(cnt[hit] > MAX_RUN, REPS, MAX_RUN))
        lo = lo[hit]
        new = np.repeat(idx[hit], cnt)
        # positions lo[k] .. lo[k] + cnt[k] - 1 for every hit, flattened
        first = np.repeat(lo - np.concatenate(([0], np.cumsum(cnt)[:-1])), cnt)
        old = seg_idx[first + np.arange(len(first))].astype(np.int64)
        codes.append(np.unique(np.minimum(old, new) * n + np.maximum(old, new)))
        del new, first, old
    sk, si = keys, idx
    same = sk[1:] == sk[:-1]
    run_id = np.concatenate(([0], np.cumsum(~same)))
    sizes = np.bincount(run_id)
    big = sizes[run_id] > MAX_RUN
    if big.any():
        for rid in np.unique(run_id[big]).tolist():
            members = sorted(set(si[run_id == rid].tolist()), key=id_of)
            pairs = [min(r, m) * int(n) + max(r, m) for r in members[:REPS] for m in members if r != m]
            codes.append(np.asarray(pairs, dtype=np.int64))
    small_k, small_i = sk[~big], si[~big]
    for d in range(1, int(sizes[sizes <= MAX_RUN].max(initial=1))):
        ok = np.flatnonzero(small_k[d:] == small_k[:-d])
        if not len(ok):
            break
        x, y = small_i[ok], small_i[ok + d]
        codes.append(np.minimum(x, y) * n + np.maximum(x, y))
    if not codes:
        return np.zeros(0, dtype=np.int64)
    u = np.unique(np.concatenate(codes))
    return u[u // n != u % n]


BOUND_BITS = 1 << 15  # bits of the per-text shingle bitmap of ``may_relate`` (4 KB a text)
_WORDS = BOUND_BITS // 64
_PAIR_CHUNK = 4096  # pairs bounded at once (a few MB of temporaries)


def shingle_bitmaps(shingles: Sequence[np.ndarray], chunk: int = 256) -> np.ndarray:
    """A (len(shingles), BOUND_BITS / 64) uint64 array: bit ``h mod BOUND_BITS`` of row r
    (bit k of word w is bit 64 w + k) is set for every shingle hash h of text r."""
    out = np.empty((len(shingles), _WORDS), dtype="<u8")
    # Set bools, then pack: several times faster than ``bitwise_or.at`` on the words.
    buf = np.zeros((min(chunk, len(shingles)), BOUND_BITS), dtype=bool)
    for c in range(0, len(shingles), chunk):
        part = shingles[c : c + chunk]
        lens = np.fromiter((len(x) for x in part), dtype=np.int64, count=len(part))
        rows = np.repeat(np.arange(len(part)), lens)
        cols = (np.concatenate([np.zeros(0, np.uint32), *part]) & (BOUND_BITS - 1)).astype(np.int64)
        buf[rows, cols] = True
        out[c : c + len(part)] = np.packbits(buf[: len(part)], axis=1, bitorder="little").view("<u8")
        buf[rows, cols] = False
    return out


def may_relate(
    a: np.ndarray, n_a: np.ndarray, n_b: np.ndarray, same_digest: np.ndarray,
    shingles_of: Callable[[int], np.ndarray], bitmaps: np.ndarray, b_rows: np.ndarray,
) -> np.ndarray:
    """Which candidate pairs ``verify_pair`` may relate (a bool mask): the others are
    certainly unrelated, so dropping them changes no result.

    Pair p is doc ``a[p]`` (``n_a[p]`` tokens, shingles ``shingles_of(a[p])``) and a doc
    of ``n_b[p]`` tokens whose ``shingle_bitmaps`` row is ``bitmaps[b_rows[p]]``.
    ``compare`` rejects a pair with different digests when its distinct common
    shingles are too few for a shared passage (its fast reject). The number of a's
    shingles whose bit is set in b's bitmap is at least that common count (each common
    shingle sets its bit), so the same test on it rejects only pairs ``compare``
    rejects. It costs a few numpy operations per shingle instead of building both
    fingerprints: at a million articles most candidates share a stray band key only.
    """
    keep = (n_a >= MIN_WORDS) & (n_b >= MIN_WORDS)
    test = np.flatnonzero(keep & ~same_digest)
    flat_maps = bitmaps.reshape(-1)
    for c in range(0, len(test), _PAIR_CHUNK):
        sel = test[c : c + _PAIR_CHUNK]
        docs, inv = np.unique(a[sel], return_inverse=True)
        rows = [shingles_of(d) for d in docs.tolist()]
        lens = np.fromiter((len(r) for r in rows), dtype=np.int64, count=len(rows))
        starts = np.cumsum(lens) - lens
        flat = np.concatenate(rows).astype(np.uint32, copy=False)
        plen = lens[inv]
        pstart = np.cumsum(plen) - plen
        gather = np.repeat(starts[inv] - pstart, plen) + np.arange(int(plen.sum()))
        h = flat[gather]
        word = np.repeat(b_rows[sel].astype(np.int64) * _WORDS, plen) + ((h >> 6) & (_WORDS - 1))
        bits = (flat_maps[word] >> (h & 63).astype(np.uint64)) & np.uint64(1)
        bound = np.add.reduceat(bits, pstart).astype(np.int64)
        keep[sel] = enough_common(bound, np.minimum(n_a[sel], n_b[sel]))
    return keep


def verify_pair(fa: Fingerprint, ma: DocMeta, fb: Fingerprint, mb: DocMeta) -> Relation | None:
    """The relation of two candidate articles (a = the smaller id), or None."""
    if ma.id > mb.id:
        fa, ma, fb, mb = fb, mb, fa, ma
    m = compare(fa, fb)
    if m.kind is None:
        return None
    score = 1.0 if m.kind == "exact" else round(m.containment, 4)
    return Relation(
        a=ma.id,
        b=mb.id,
        type=m.kind,  # type: ignore[arg-type]
        score=score,
        original=pair_original(ma, mb, m.kind, {"a": ma.id, "b": mb.id}.get(m.original or "")),
        containment=round(m.containment, 4),
        spans=fa.source_spans(m.spans_a),
    )


def group(metas: Iterable[DocMeta], relations: Iterable[Relation],
          copy: bool = True) -> tuple[CopyResult, dict[str, Assignment]]:
    """Copy groups over ``metas`` from verified relations, and each article's verdict.

    Relations are sorted by (a, b) and, unless ``copy`` is False (the caller's objects
    may then be changed), copied; inside a group the group's verdict on the original
    (which saw every member's date) replaces the pairwise one.
    """
    by_id = {m.id: m for m in metas}
    rels = sorted((Relation.from_dict(r.to_dict()) for r in relations) if copy else relations,
                  key=lambda r: (r.a, r.b))
    groups, assign = build_groups(by_id, rels)
    for r in rels:
        ga, gb = assign[r.a], assign[r.b]
        if r.type != "partial" and ga.original == gb.original and ga.original in (r.a, r.b):
            r.original = ga.original
    return CopyResult(relations=rels, groups=groups), assign


def apply_assignments(articles: Iterable[Article], assign: dict[str, Assignment]) -> None:
    """Set original / copy_of / trusted_date and the date_suspect flag on articles."""
    for art in articles:
        a = assign.get(art.id)
        if a is None:
            continue
        art.original = a.original
        art.copy_of = a.copy_of
        art.trusted_date = a.trusted_date
        if a.suspect:
            art.flag("date_suspect", a.suspect)
