"""copies: numpy MinHash against datasketch, the incremental index, its persisted state."""

from __future__ import annotations

import random

import numpy as np
import pytest

from newsfuse.copies import CopyIndex, find_copies
from newsfuse.copies import fingerprint as fpm
from newsfuse.records import Article

from tests.test_copies import OWN_REPORT, REWRITE, WIRE, americanize, art


def corpus() -> list[Article]:
    """A small mixed corpus: a wire story, copies, a partial, a rewrite, unrelated text."""
    rng = random.Random(3)
    filler = [
        " ".join(rng.choice(["alpha", "tram", "orchard", "ledger", "violet", "canal", "mosaic", "beacon",
                             "quarry", "lantern", "saddle", "meadow", "copper", "thistle"]) for _ in range(60))
        for _ in range(6)
    ]
    return [
        art("w1", WIRE, outlet="NWS", wire="NWS"),
        art("c1", WIRE[:5], published="2026-03-04"),
        art("c2", [americanize(p) for p in WIRE], published="2026-03-03"),
        art("c3", WIRE[:6] + ["An extra closing paragraph that only this outlet printed about the weather."], published="2027-06-01"),
        art("r1", OWN_REPORT, published="2026-03-04"),
        art("x1", REWRITE),
        art("u1", filler[:3]),
        art("u2", filler[3:]),
    ]


def dump(res: object) -> tuple[list[dict], list[dict]]:
    return ([r.to_dict() for r in res.relations], [g.to_dict() for g in res.groups])  # type: ignore[attr-defined]


def test_numpy_minhash_matches_datasketch_affine32() -> None:
    datasketch = pytest.importorskip("datasketch")
    hashes = fpm.shingle_hashes([w.lower() for p in WIRE for w in p.split()])
    ref = datasketch.MinHash(num_perm=fpm.NUM_PERM, seed=fpm.SEED, scheme="affine32", hashfunc=lambda x: x)
    ref.update_batch([int(h) for h in hashes])
    assert np.array_equal(ref.hashvalues, fpm.minhash(hashes))


def test_minhash_estimates_jaccard() -> None:
    rng = np.random.default_rng(0)
    a = rng.integers(0, 2**32, 2000, dtype=np.uint64).astype(np.uint32)
    b = np.concatenate([a[:1000], rng.integers(0, 2**32, 1000, dtype=np.uint64).astype(np.uint32)])
    est = float((fpm.minhash(a) == fpm.minhash(b)).mean())
    assert abs(est - 1000 / 3000) < 0.12


def test_find_copies_is_order_independent() -> None:
    items = corpus()
    base = dump(find_copies(items))
    for seed in range(3):
        shuffled = corpus()
        random.Random(seed).shuffle(shuffled)
        assert dump(find_copies(shuffled)) == base
    kinds = {(r["a"], r["b"]): r["type"] for r in base[0]}
    assert kinds[("c2", "w1")] == "exact"
    assert kinds[("c1", "w1")] == "syndicated"
    assert kinds[("r1", "w1")] == "partial"
    assert not any("x1" in pair or "u1" in pair or "u2" in pair for pair in kinds)


def test_incremental_index_equals_batch() -> None:
    items = corpus()
    batch = dump(find_copies(corpus()))
    index = CopyIndex()
    seen: list[dict] = []
    for chunk in (items[:3], items[3:4], [], items[4:]):
        new = index.add(chunk)
        ids = {a.id for a in chunk}
        assert all(r.a in ids or r.b in ids for r in new)  # only relations of the new articles
        seen += [r.to_dict() for r in new]
    assert index.add(items[:2]) == []  # re-adding known ids finds nothing new
    assert dump(index.apply(items)) == batch
    assert sorted(seen, key=lambda r: (r["a"], r["b"])) == sorted(
        [r.to_dict() for r in index.relations()], key=lambda r: (r["a"], r["b"])
    )


def test_state_round_trip_and_continue() -> None:
    items = corpus()
    index = CopyIndex()
    index.add(items[:5])
    state = index.to_state()
    assert isinstance(state, bytes)
    restored = CopyIndex.from_state(state)
    assert len(restored) == 5
    assert dump(restored.result()) == dump(index.result())
    assert restored.to_state() == state
    new_a = index.add(items[5:])
    new_b = restored.add(items[5:])
    assert [r.to_dict() for r in new_a] == [r.to_dict() for r in new_b]
    assert dump(restored.result()) == dump(find_copies(corpus()))


def test_state_rejects_garbage() -> None:
    with pytest.raises(Exception):
        CopyIndex.from_state(b"not a state")


def test_empty_and_textless_state_round_trip() -> None:
    empty = CopyIndex.from_state(CopyIndex().to_state())
    assert len(empty) == 0 and empty.result().groups == []
    index = CopyIndex()
    index.add([Article(id="x", doc_id="x", source="x", body="")])
    again = CopyIndex.from_state(index.to_state())
    assert [g.to_dict() for g in again.result().groups] == [{"original": "x", "members": ["x"], "trusted_date": None}]
