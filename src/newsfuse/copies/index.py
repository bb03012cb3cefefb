"""``CopyIndex``: an incremental copy detector whose state the store can persist.

``add(articles)`` fingerprints only the new articles, looks their LSH band keys up in
the keys already indexed (sorted numpy segments, merged now and then), verifies the
candidates and returns the new relations; old pairs are never compared again.
``result()`` rebuilds groups from the stored relations (cheap: no text is compared).
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from newsfuse.copies import fingerprint as fpm
from newsfuse.copies.grouping import Assignment, DocMeta, build_groups, pair_original
from newsfuse.copies.normalize import canonical
from newsfuse.copies.verify import MIN_WORDS, Fingerprint, compare
from newsfuse.records import Article, CopyGroup, Relation

STATE_VERSION = 1
MAX_RUN = 200  # docs sharing one band key: beyond this the key is boilerplate ...
REPS = 16  # ... and new docs are compared only with this many of them
_MAX_SEGMENTS = 6


@dataclass
class CopyResult:
    """Relations between articles and the copy groups they form."""

    relations: list[Relation] = field(default_factory=list)
    groups: list[CopyGroup] = field(default_factory=list)


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", name)).lower()


def outlet_is_wire(outlet: str | None, wire: str | None) -> bool:
    """True when the outlet is the credited wire itself ("Associated Press" / "AP")."""
    if not outlet or not wire:
        return False
    o = re.sub(r"[^a-z]", "", outlet.lower())
    w = re.sub(r"[^a-z]", "", wire.lower())
    return bool(w) and (o == w or _initials(outlet) == w or _initials(wire) == o)


def fingerprint_article(article: Article) -> tuple[Fingerprint, DocMeta]:
    """Canonical tokens -> shingle hashes, plus the metadata grouping needs."""
    can = canonical(article.body or "")
    fp = Fingerprint.build(
        fpm.shingle_hashes(can.tokens), len(can.tokens), can.digest, can.breaks, can.offsets, can.quoted
    )
    datelined = bool(can.wire_dateline) or bool(
        article.dateline and article.wire and article.wire.lower() in article.dateline.lower()
    )
    meta = DocMeta(
        id=article.id,
        published=article.published or article.trusted_date,
        wire=article.wire,
        outlet_is_wire=outlet_is_wire(article.outlet, article.wire),
        datelined=datelined,
        n_tokens=len(can.tokens),
    )
    return fp, meta


class CopyIndex:
    """Incremental exact/syndicated/partial copy detection (see the module docstring)."""

    def __init__(self) -> None:
        self._metas: list[DocMeta] = []
        self._fps: list[Fingerprint] = []
        self._pos: dict[str, int] = {}
        self._digests: dict[str, list[int]] = {}
        self._segments: list[tuple[np.ndarray, np.ndarray]] = []  # (sorted keys, doc index)
        self._relations: dict[tuple[str, str], Relation] = {}

    def __len__(self) -> int:
        return len(self._metas)

    # -- adding -------------------------------------------------------------------
    def add(self, articles: Iterable[Article]) -> list[Relation]:
        """Index new articles; return the relations they have (to old or new ones).

        An id already indexed is skipped: an article's text is fingerprinted once.
        """
        start = len(self._metas)
        keys: list[np.ndarray] = []
        for art in articles:
            if art.id in self._pos:
                continue
            fp, meta = fingerprint_article(art)
            self._pos[art.id] = len(self._metas)
            self._metas.append(meta)
            self._fps.append(fp)
            # Texts too short to be related get no band keys (they stay singletons).
            indexed = fp.n_tokens >= MIN_WORDS
            keys.append(fpm.band_keys(fpm.minhash(fp.uniq)) if indexed else np.zeros(0, np.uint64))
        if not keys:
            return []
        new_idx = np.concatenate(
            [np.full(len(k), start + i, dtype=np.int64) for i, k in enumerate(keys)]
        )
        new_keys = np.concatenate(keys)
        pairs = self._candidates(start, new_keys, new_idx)
        for i in range(start, len(self._metas)):
            self._digests.setdefault(self._fps[i].digest, []).append(i)
        for i in range(start, len(self._metas)):
            same = self._digests[self._fps[i].digest]
            pairs.update((j, i) for j in same if j < i)
        self._insert_segment(new_keys, new_idx)
        found = [r for r in (self._verify(i, j) for i, j in pairs) if r is not None]
        found.sort(key=lambda r: (r.a, r.b))
        for r in found:
            self._relations[(r.a, r.b)] = r
        return found

    def _candidates(self, start: int, keys: np.ndarray, idx: np.ndarray) -> set[tuple[int, int]]:
        """Doc index pairs (old, new) and (new, new) sharing an LSH band key.

        Vectorized: pairs are built as int64 codes ``i * n + j`` in numpy and
        deduplicated once; only band keys shared by more than ``MAX_RUN`` documents
        (boilerplate) go through Python, paired with ``REPS`` representatives only.
        """
        n = np.int64(len(self._metas))
        codes: list[np.ndarray] = []
        pairs: set[tuple[int, int]] = set()
        if not len(keys):
            return pairs
        for seg_keys, seg_idx in self._segments:
            lo = np.searchsorted(seg_keys, keys, side="left")
            cnt = np.searchsorted(seg_keys, keys, side="right") - lo
            hit = np.flatnonzero(cnt)
            if not len(hit):
                continue
            cnt = np.minimum(cnt[hit], np.where(cnt[hit] > MAX_RUN, REPS, MAX_RUN))
            lo = lo[hit]
            new = np.repeat(idx[hit].astype(np.int64), cnt)
            # positions lo[k] .. lo[k] + cnt[k] - 1 for every hit, flattened
            first = np.repeat(lo - np.concatenate(([0], np.cumsum(cnt)[:-1])), cnt)
            old = seg_idx[first + np.arange(len(first))].astype(np.int64)
            codes.append(np.minimum(old, new) * n + np.maximum(old, new))
        order = np.argsort(keys, kind="stable")
        sk, si = keys[order], idx[order].astype(np.int64)
        same = sk[1:] == sk[:-1]
        run_id = np.concatenate(([0], np.cumsum(~same)))
        sizes = np.bincount(run_id)
        big = sizes[run_id] > MAX_RUN
        if big.any():
            for rid in np.unique(run_id[big]).tolist():
                members = sorted(set(si[run_id == rid].tolist()), key=lambda d: self._metas[d].id)
                pairs.update((min(r, m), max(r, m)) for r in members[:REPS] for m in members if r != m)
        small_k, small_i = sk[~big], si[~big]
        for d in range(1, int(sizes[sizes <= MAX_RUN].max(initial=1))):
            ok = np.flatnonzero(small_k[d:] == small_k[:-d])
            if not len(ok):
                break
            x, y = small_i[ok], small_i[ok + d]
            codes.append(np.minimum(x, y) * n + np.maximum(x, y))
        if codes:
            u = np.unique(np.concatenate(codes))
            i, j = np.divmod(u, n)
            keep = i != j
            pairs.update(zip(i[keep].tolist(), j[keep].tolist(), strict=True))
        return pairs

    def _insert_segment(self, keys: np.ndarray, idx: np.ndarray) -> None:
        order = np.argsort(keys, kind="stable")
        self._segments.append((keys[order], idx[order].astype(np.int32)))
        if len(self._segments) > _MAX_SEGMENTS:
            self._compact()

    def _compact(self) -> None:
        if len(self._segments) <= 1:
            return
        k = np.concatenate([s[0] for s in self._segments])
        d = np.concatenate([s[1] for s in self._segments])
        order = np.lexsort((d, k))
        self._segments = [(k[order], d[order])]

    def _verify(self, i: int, j: int) -> Relation | None:
        ma, mb = self._metas[i], self._metas[j]
        if ma.id > mb.id:
            i, j, ma, mb = j, i, mb, ma
        fa, fb = self._fps[i], self._fps[j]
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

    # -- results --------------------------------------------------------------------
    def relations(self) -> list[Relation]:
        """Every relation found so far, ordered by (a, b)."""
        return [self._relations[k] for k in sorted(self._relations)]

    def assignments(self) -> tuple[CopyResult, dict[str, Assignment]]:
        """Groups over everything indexed, and each article's verdict."""
        metas = {m.id: m for m in self._metas}
        rels = [Relation.from_dict(r.to_dict()) for r in self.relations()]
        groups, assign = build_groups(metas, rels)
        for r in rels:
            # Inside a group the group's verdict (which saw every member's date) wins.
            ga, gb = assign[r.a], assign[r.b]
            if r.type != "partial" and ga.original == gb.original and ga.original in (r.a, r.b):
                r.original = ga.original
        return CopyResult(relations=rels, groups=groups), assign

    def result(self) -> CopyResult:
        return self.assignments()[0]

    def apply(self, articles: Iterable[Article]) -> CopyResult:
        """Compute the result and set original/copy_of/trusted_date/flags on ``articles``."""
        result, assign = self.assignments()
        for art in articles:
            a = assign.get(art.id)
            if a is None:
                continue
            art.original = a.original
            art.copy_of = a.copy_of
            art.trusted_date = a.trusted_date
            if a.suspect:
                art.flag("date_suspect", a.suspect)
        return result

    # -- persistence ----------------------------------------------------------------
    def to_state(self) -> bytes:
        """Serialize the whole index (numpy ``.npz``, no pickle)."""
        self._compact()
        fps = self._fps
        meta = {
            "version": STATE_VERSION,
            "params": _params(),
            "docs": [[m.id, m.published, m.wire, m.outlet_is_wire, m.datelined, m.n_tokens, f.digest]
                     for m, f in zip(self._metas, fps, strict=True)],
            "relations": [r.to_dict() for r in self.relations()],
        }
        seg = self._segments[0] if self._segments else (np.zeros(0, np.uint64), np.zeros(0, np.int32))
        arrays = {
            "meta": np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8),
            "uniq": _cat([f.uniq for f in fps], np.uint32),
            "uniq_len": np.asarray([len(f.uniq) for f in fps], dtype=np.int64),
            "inv": _cat([f.inv for f in fps], np.uint32),
            "inv_len": np.asarray([len(f.inv) for f in fps], dtype=np.int64),
            "quoted": np.packbits(_cat([f.quoted for f in fps], bool)),
            "q_len": np.asarray([len(f.quoted) for f in fps], dtype=np.int64),
            "brk": _cat([f.breaks for f in fps], np.int64),
            "off": _cat([f.offsets for f in fps], np.int64),
            "brk_len": np.asarray([len(f.breaks) for f in fps], dtype=np.int64),
            "keys": seg[0],
            "kdoc": seg[1],
        }
        buf = io.BytesIO()
        np.savez(buf, **arrays)  # type: ignore[arg-type]
        return buf.getvalue()

    @classmethod
    def from_state(cls, data: bytes) -> CopyIndex:
        """Rebuild an index saved by ``to_state``."""
        z = np.load(io.BytesIO(data), allow_pickle=False)
        meta = json.loads(z["meta"].tobytes().decode())
        if meta.get("version") != STATE_VERSION or meta.get("params") != _params():
            raise ValueError("copy index state was made with other parameters: rebuild it")
        idx = cls()
        uniqs = np.split(z["uniq"], np.cumsum(z["uniq_len"])[:-1]) if len(z["uniq_len"]) else []
        invs = np.split(z["inv"], np.cumsum(z["inv_len"])[:-1]) if len(z["inv_len"]) else []
        q_all = np.unpackbits(z["quoted"])[: int(z["q_len"].sum())].astype(bool)
        qs = np.split(q_all, np.cumsum(z["q_len"])[:-1]) if len(z["q_len"]) else []
        cut = np.cumsum(z["brk_len"])[:-1]
        brks = np.split(z["brk"], cut) if len(z["brk_len"]) else []
        offs = np.split(z["off"], cut) if len(z["brk_len"]) else []
        for n, doc in enumerate(meta["docs"]):
            did, pub, wire, is_wire, datelined, n_tok, digest = doc
            idx._pos[did] = n
            idx._metas.append(DocMeta(did, pub, wire, is_wire, datelined, n_tok))
            inv = invs[n].astype(np.uint16 if len(uniqs[n]) < 65536 else np.uint32)
            idx._fps.append(Fingerprint(uniqs[n], inv, n_tok, digest, brks[n], offs[n], qs[n]))
            idx._digests.setdefault(digest, []).append(n)
        if len(z["keys"]):
            idx._segments = [(z["keys"], z["kdoc"])]
        for r in meta["relations"]:
            rel = Relation.from_dict(r)
            idx._relations[(rel.a, rel.b)] = rel
        return idx


def _cat(arrays: list[np.ndarray], dtype: type) -> np.ndarray:
    return np.concatenate(arrays).astype(dtype) if arrays else np.zeros(0, dtype=dtype)


def _params() -> dict[str, int]:
    return {"shingle": fpm.SHINGLE, "num_perm": fpm.NUM_PERM, "rows": fpm.ROWS, "seed": fpm.SEED}
