"""copies: the fast kernels and the compact index give exactly what the first version gave.

The expected hashes were computed with the first (slower, object-per-article) version
of the copies stage on the hard generator's sample (benchmarks/gen_syndication.py,
200 events, seed 5): canonical tokens and span maps, shingle hashes, MinHash
signatures and LSH keys, relations, groups and the fields set on articles.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from newsfuse.copies import CopyIndex, find_copies
from newsfuse.copies import fingerprint as fpm
from newsfuse.copies import kernels as K
from newsfuse.copies.table import Segments, merge_segments
from newsfuse.records import Article

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from gen_syndication import generate  # noqa: E402

from tests.test_copies import WIRE, art  # noqa: E402
from tests.test_copies_index import corpus, dump  # noqa: E402

FIRST_VERSION = {
    "canon": "8850fcd5ff86d3a3f763b4b9ab51e8b6c5e9b89b2059955d326c20960fbdbca4",
    "sig": "89e599d43a23926996350bbac326eb71b067c8104abf0b47810a454c508b5bbe",
    "rels": "93e407022072b3a22e977583805e05731b7686e88efb95d31cea6775585863d0",
    "groups": "39ab5338f14988a902f3a6965034142cc0ce606759572ccc5b249599f3f33cdd",
    "arts": "5dada35faa9400bca153988f7923cd3ee61a76ae563a70ef7c1b4496ae8686b6",
}


def _h(x: object) -> str:
    return hashlib.sha256(json.dumps(x, sort_keys=True).encode()).hexdigest()


def _sha1(b: bytes) -> str:
    return hashlib.sha1(b).hexdigest()


@pytest.fixture(scope="module")
def hard() -> list[Article]:
    return [Article(id=d["id"], doc_id=d["id"], source=d["id"], body=d["body"], title=d["title"],
                    published=d["published"], wire=d["wire"], outlet=d["outlet"]) for d in generate(200, seed=5)]


def test_same_tokens_signatures_relations_as_first_version(hard: list[Article]) -> None:
    sketches = K.sketch_many(hard)
    sigs = fpm.signatures([s.shingles for s in sketches])
    keys = fpm.band_keys(sigs)
    indexed = K.lsh_keys([s.shingles for s in sketches], [s.meta.n_tokens for s in sketches])
    assert all(len(x) == 0 if s.meta.n_tokens < 20 else np.array_equal(x, k)
               for x, k, s in zip(indexed, keys, sketches, strict=True))
    canon, sig = [], []
    for a, s, k, g in zip(hard, sketches, keys, sigs, strict=True):
        c = s.can
        canon.append([a.id, _sha1("\x00".join(c.tokens).encode()), c.digest, c.wire_dateline,
                      c.breaks.tolist(), c.offsets.tolist(), c.quoted.tolist()])
        sig.append([a.id, _sha1(s.shingles.tobytes()), _sha1(g.tobytes()), _sha1(k.tobytes())])
    assert _h(sorted(canon)) == FIRST_VERSION["canon"]
    assert _h(sorted(sig)) == FIRST_VERSION["sig"]
    res = find_copies(hard)
    assert len(res.relations) > 1000
    assert _h([r.to_dict() for r in res.relations]) == FIRST_VERSION["rels"]
    assert _h([g.to_dict() for g in res.groups]) == FIRST_VERSION["groups"]
    fields = [[a.id, a.original, a.copy_of, a.trusted_date, sorted(a.flags)] for a in hard]
    assert _h(fields) == FIRST_VERSION["arts"]


def test_many_small_batches_and_state_round_trips_equal_batch(hard: list[Article]) -> None:
    """Segments are merged as batches arrive, and the state is saved and loaded between
    batches: the relations are those of one batch run."""
    want = dump(find_copies(hard))
    index = CopyIndex()
    step = len(hard) // 7 + 1
    for n in range(0, len(hard), step):
        index.add(hard[n : n + step])
        if n % (2 * step) == 0:
            index = CopyIndex.from_state(index.to_state())
    assert len(index.keys.items) < 7  # merged, not one segment per batch
    assert dump(index.result()) == (want[0], want[1])


def test_merge_segments_keeps_key_then_doc_order() -> None:
    rng = np.random.default_rng(1)
    segs = Segments()
    allk, alld = [], []
    for b in range(9):
        k = rng.integers(0, 50, 40).astype(np.uint64)
        d = np.arange(b * 40, b * 40 + 40)
        segs.add(k, d)
        allk.append(k)
        alld.append(d)
    k, d = np.concatenate(allk), np.concatenate(alld)
    order = np.lexsort((d, k))
    merged = segs.items[0]
    for other in segs.items[1:]:
        merged = merge_segments(merged, other)
    assert np.array_equal(merged[0], k[order]) and np.array_equal(merged[1], d[order])


def _v1_state(index: CopyIndex) -> bytes:
    """A state in the first version's format (``.npz``), written from ``index``."""
    docs = index.docs
    fps = [docs.fingerprint(i) for i in range(len(docs))]
    metas = [docs.meta(i) for i in range(len(docs))]
    meta = {
        "version": 1, "params": {"shingle": fpm.SHINGLE, "num_perm": fpm.NUM_PERM, "rows": fpm.ROWS, "seed": fpm.SEED},
        "docs": [[m.id, m.published, m.wire, m.outlet_is_wire, m.datelined, m.n_tokens, f.digest]
                 for m, f in zip(metas, fps, strict=True)],
        "relations": [r.to_dict() for r in index.relations()],
    }
    keys = np.concatenate([k for k, _ in index.keys.items])
    kdoc = np.concatenate([d for _, d in index.keys.items])
    order = np.lexsort((kdoc, keys))

    def cat(xs: list[np.ndarray], dtype: type) -> np.ndarray:
        return np.concatenate(xs).astype(dtype)

    buf = io.BytesIO()
    np.savez(buf, meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8),
             uniq=cat([f.uniq for f in fps], np.uint32), uniq_len=np.asarray([len(f.uniq) for f in fps]),
             inv=cat([f.inv for f in fps], np.uint32), inv_len=np.asarray([len(f.inv) for f in fps]),
             quoted=np.packbits(cat([f.quoted for f in fps], bool)), q_len=np.asarray([len(f.quoted) for f in fps]),
             brk=cat([f.breaks for f in fps], np.int64), off=cat([f.offsets for f in fps], np.int64),
             brk_len=np.asarray([len(f.breaks) for f in fps]), keys=keys[order], kdoc=kdoc[order])
    return buf.getvalue()


def test_first_format_state_still_loads_and_continues() -> None:
    items = corpus()
    index = CopyIndex()
    index.add(items[:5])
    old = CopyIndex.from_state(_v1_state(index))
    assert len(old) == 5 and dump(old.result()) == dump(index.result())
    assert [r.to_dict() for r in old.add(items[5:])] == [r.to_dict() for r in index.add(items[5:])]
    assert dump(old.result()) == dump(find_copies(corpus()))
    with pytest.raises(ValueError):
        CopyIndex.from_state(b"NFCOPIES\n" + b"\xff" * 20)


def test_link_copies_writes_only_changed_articles(tmp_path: Path) -> None:
    from newsfuse.engine import COPIES_KEY, _load_copy_index, link_copies
    from newsfuse.store import Store

    other = ("Unrelated words about a harbour festival, boats, music and food stalls that drew crowds "
             "all weekend long in the town.")
    base = [art("w1", WIRE, published="2026-03-03"), art("u1", [other] * 3)]
    with Store(tmp_path / "s.db") as store:
        store.put_articles(base)
        link_copies(store)
        written: list[str] = []
        saved: list[str] = []
        real = store.put_articles
        full = store.get_state(COPIES_KEY)

        def spy(articles, states=None, labels=True):  # type: ignore[no-untyped-def]
            written.extend(a.id for a in articles)
            saved.extend(states or {})
            return real(articles, states, labels)

        store.put_articles = spy  # type: ignore[method-assign]
        link_copies(store)
        assert written == [] and saved == [], "nothing new: nothing rewritten"
        # An earlier-dated copy arrives: it becomes the original of w1; u1 is untouched.
        real([art("c0", WIRE[:6], published="2026-03-01")])
        link_copies(store)
        assert sorted(written) == ["c0", "w1"]
        assert saved == [f"{COPIES_KEY}.part1"] and store.get_state(COPIES_KEY) == full, "only a part is saved"
        stored = {a.id: a for a in store.articles()}
        assert stored["w1"].copy_of == "c0" and stored["c0"].original == "c0"
        batch = [a for a in store.articles()]
        for a in batch:
            a.original = a.copy_of = None
        res = find_copies(batch)
        assert [r.to_dict() for r in store.relations()] == [r.to_dict() for r in res.relations]
        index, parts = _load_copy_index(store)
        assert parts == 1 and len(index) == 3 and index.relations() == res.relations
        # A newer whole state makes the old part stale: it is not loaded on top of it.
        store.set_state(COPIES_KEY, index.to_state())
        again, parts = _load_copy_index(store)
        assert parts == 0 and again.relations() == res.relations


def test_parts_extend_only_their_own_state() -> None:
    items = corpus()
    index = CopyIndex()
    index.add(items[:3])
    base = index.to_state()
    index.add(items[3:6])
    part1 = index.state_since(3, len(CopyIndex.from_state(base).rels))
    index.add(items[6:])
    loaded = CopyIndex.from_state(base)
    loaded.extend_state(part1)
    with pytest.raises(ValueError):
        loaded.extend_state(part1)  # rows already there
    loaded.extend_state(index.state_since(6, len(loaded.rels)))
    assert dump(loaded.result()) == dump(index.result()) == dump(find_copies(corpus()))
    assert [r.to_dict() for r in loaded.add(items)] == []
    other = CopyIndex()
    other.add(items[:3])
    with pytest.raises(ValueError):
        CopyIndex.from_state(other.to_state()).extend_state(part1)  # another lineage
