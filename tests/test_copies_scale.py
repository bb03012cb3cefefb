"""copies at scale: the exact candidate prefilter, candidate codes, the streamed state."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import numpy as np
import pytest

from newsfuse.copies import CopyIndex
from newsfuse.copies import kernels as K
from newsfuse.copies.table import DIGEST_BYTES
from newsfuse.records import Article

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from gen_syndication import generate

from tests.test_copies_index import corpus, dump


@pytest.fixture(scope="module")
def hard() -> list[Article]:
    return [Article(id=d["id"], doc_id=d["id"], source=d["id"], body=d["body"], title=d["title"],
                    published=d["published"], wire=d["wire"], outlet=d["outlet"])
            for d in generate(150, seed=23, fill=(17, 35))]


def test_shingle_bitmaps_set_one_bit_per_hash_modulo_size() -> None:
    maps = K.shingle_bitmaps([np.array([0, 1, 64, K.BOUND_BITS - 1, K.BOUND_BITS], dtype=np.uint32),
                              np.zeros(0, dtype=np.uint32)])
    assert maps.shape == (2, K.BOUND_BITS // 64)
    assert maps[0, 0] == 3 and maps[0, 1] == 1 and maps[0, -1] == 1 << 63  # 0 and BOUND_BITS share bit 0
    assert int(np.bitwise_count(maps).sum()) == 4


def test_candidate_codes_are_the_candidate_pairs(hard: list[Article]) -> None:
    sk = K.sketch_many(hard)
    keys = K.lsh_keys([s.shingles for s in sk], [s.meta.n_tokens for s in sk])
    flat = np.concatenate(keys)
    docs = np.repeat(np.arange(len(sk)), [len(k) for k in keys])
    half = int(docs[len(docs) // 2])  # older docs in a segment, newer ones as the batch
    old = docs < half
    order = np.argsort(flat[old], kind="stable")
    seg = [(flat[old][order], docs[old][order].astype(np.int32))]
    ids = [a.id for a in hard]
    codes = K.candidate_codes(flat[~old], docs[~old], len(sk), ids.__getitem__, seg)
    pairs = K.candidates(flat[~old], docs[~old], len(sk), ids.__getitem__, seg)
    assert np.all(np.diff(codes) > 0) and len(codes) == len(pairs) > 100
    assert {(int(c) // len(sk), int(c) % len(sk)) for c in codes} == pairs


def test_prefilter_drops_only_unrelated_pairs(hard: list[Article]) -> None:
    """Every pair ``verify_pair`` relates passes ``may_relate``; most others do not."""
    sk = K.sketch_many(hard)
    keys = K.lsh_keys([s.shingles for s in sk], [s.meta.n_tokens for s in sk])
    ids = [a.id for a in hard]
    codes = K.candidate_codes(np.concatenate(keys), np.repeat(np.arange(len(sk)), [len(k) for k in keys]),
                              len(sk), ids.__getitem__)
    # every pair of a slice of the corpus too, not only LSH candidates (more stray pairs)
    everything = np.asarray([i * len(sk) + j for i in range(80) for j in range(i + 1, 80)], dtype=np.int64)
    a, b = np.divmod(np.union1d(codes, everything), len(sk))
    n_tok = np.asarray([s.meta.n_tokens for s in sk])
    dig = np.asarray([bytes.fromhex(s.can.digest) for s in sk])
    assert len(dig[0]) == DIGEST_BYTES
    keep = K.may_relate(a, n_tok[a], n_tok[b], dig[a] == dig[b], lambda d: sk[d].shingles,
                        K.shingle_bitmaps([s.shingles for s in sk]), b)
    fps = [(s.fingerprint(), s.meta) for s in sk]
    related = np.asarray([K.verify_pair(*fps[i], *fps[j]) is not None for i, j in zip(a.tolist(), b.tolist())])
    assert related.sum() > 300
    assert not (related & ~keep).any()
    assert (~keep).sum() > 0.8 * (~related).sum()  # it does reject the stray pairs


def test_write_state_streams_the_same_bytes(tmp_path: Path) -> None:
    items = corpus()
    index = CopyIndex()
    index.add(items[:4])
    index.add(items[4:])
    buf = io.BytesIO()
    size = index.write_state(buf)
    state = index.to_state()
    assert size == len(state) and buf.getvalue() == state
    path = tmp_path / "copies.state"
    with path.open("wb") as fh:
        index.write_state(fh)
    restored = CopyIndex.from_state(path.read_bytes())
    assert dump(restored.result()) == dump(index.result())
    assert restored.to_state() == state
