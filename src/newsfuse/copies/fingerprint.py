"""Word-shingle hashes, MinHash signatures and LSH band keys, in numpy.

The MinHash is datasketch 2.0's ``scheme="affine32"`` computed for all permutations
at once: each 32-bit shingle hash is pre-mixed with the MurmurHash3 finalizer, then
permuted by ``a * h + b mod 2**32``. With the same seed it gives bit-identical
signatures to ``datasketch.MinHash(num_perm, seed=1, scheme="affine32")`` fed the same
integer hashes (checked in the tests), without a Python call per shingle.
"""

from __future__ import annotations

import zlib

import numpy as np

SHINGLE = 5  # words per shingle: long enough that independent wording rarely matches
NUM_PERM = 128
ROWS = 2  # rows per LSH band: a low threshold (~0.12 Jaccard) so trimmed copies meet
BANDS = NUM_PERM // ROWS
SEED = 1

_U32 = np.uint32
_TOKEN_HASH: dict[str, int] = {}
# Multipliers of the rolling shingle hash (odd 64-bit constants).
_MULT = np.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0x27D4EB2F165667C5,
     0x85EBCA77C2B2AE63, 0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53, 0x94D049BB133111EB],
    dtype=np.uint64,
)
_BAND_MULT = np.uint64(0x9E3779B97F4A7C15)


def _permutations(num_perm: int = NUM_PERM, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) parameters datasketch draws for scheme "affine32" with this seed."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


_A, _B = _permutations()


def token_hash(token: str) -> int:
    """Stable 32-bit hash of a token (the same in every process, unlike ``hash``)."""
    h = _TOKEN_HASH.get(token)
    if h is None:
        h = zlib.crc32(token.encode("utf-8"))
        if len(_TOKEN_HASH) < 1_000_000:
            _TOKEN_HASH[token] = h
    return h


def _token_hashes(tokens: list[str]) -> list[int]:
    hs = list(map(_TOKEN_HASH.get, tokens))
    if None in hs:
        hs = [h if h is not None else token_hash(t) for h, t in zip(hs, tokens, strict=True)]
    return hs  # type: ignore[return-value]


def shingle_hashes_many(texts: list[list[str]], k: int = SHINGLE) -> list[np.ndarray]:
    """``shingle_hashes`` of many token lists, hashed as one concatenated array (the
    windows that straddle two texts are dropped), so numpy is called per batch."""
    out: list[np.ndarray] = [np.zeros(0, dtype=np.uint32)] * len(texts)
    long = [i for i, t in enumerate(texts) if len(t) >= k]
    for i, t in enumerate(texts):
        if 0 < len(t) < k:
            out[i] = shingle_hashes(t, k)
    if not long:
        return out
    flat: list[int] = []
    for i in long:
        flat += _token_hashes(texts[i])
    th = np.array(flat, dtype=np.uint64)
    n = len(th) - k + 1
    acc = np.zeros(n, dtype=np.uint64)
    with np.errstate(over="ignore"):
        for j in range(k):
            acc += th[j : j + n] * _MULT[j]
    sh = (acc ^ (acc >> np.uint64(32))).astype(np.uint32)
    pos = 0
    for i in long:
        m = len(texts[i])
        out[i] = sh[pos : pos + m - k + 1]
        pos += m
    return out


def shingle_hashes(tokens: list[str], k: int = SHINGLE) -> np.ndarray:
    """32-bit hash of every k-word shingle, in text order (one shingle if shorter)."""
    if not tokens:
        return np.zeros(0, dtype=np.uint32)
    th = np.array(_token_hashes(tokens), dtype=np.uint64)
    k = min(k, len(th))
    n = len(th) - k + 1
    acc = np.zeros(n, dtype=np.uint64)
    for j in range(k):
        acc += th[j : j + n] * _MULT[j]
    return (acc ^ (acc >> np.uint64(32))).astype(np.uint32)


def _fmix32(h: np.ndarray) -> np.ndarray:
    h = h ^ (h >> _U32(16))
    h = h * _U32(0x85EBCA6B)
    h = h ^ (h >> _U32(13))
    h = h * _U32(0xC2B2AE35)
    return h ^ (h >> _U32(16))


def minhash(hashes: np.ndarray) -> np.ndarray:
    """MinHash signature (``NUM_PERM`` uint32) of 32-bit shingle hashes (duplicates are
    harmless; pass distinct values to save work)."""
    if len(hashes) == 0:
        return np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    with np.errstate(over="ignore"):
        mixed = _fmix32(np.asarray(hashes, dtype=np.uint32))
        return (mixed[:, None] * _A[None, :] + _B[None, :]).min(axis=0)


_CHUNK = 8192  # shingles per MinHash block: the (NUM_PERM, chunk) product stays in cache


def signatures(shingles: list[np.ndarray]) -> np.ndarray:
    """``minhash`` of many articles at once: a (len(shingles), NUM_PERM) uint32 array.

    Permutations run along rows of a (NUM_PERM, shingles) block and each article's
    minimum is one ``minimum.reduceat`` over its columns: a few numpy calls per block
    of articles instead of several per article.
    """
    n = len(shingles)
    out = np.full((n, NUM_PERM), np.iinfo(np.uint32).max, dtype=np.uint32)
    lens = np.fromiter((len(s) for s in shingles), dtype=np.int64, count=n)
    full = np.flatnonzero(lens)
    if not len(full):
        return out
    lens = lens[full]
    with np.errstate(over="ignore"):
        mixed = _fmix32(np.concatenate([shingles[i] for i in full.tolist()]).astype(np.uint32, copy=False))
    ends = np.cumsum(lens)
    starts = ends - lens
    a, b = _A[:, None], _B[:, None]
    i = 0
    while i < len(full):
        j = max(i + 1, int(np.searchsorted(ends, starts[i] + _CHUNK, side="right")))
        lo, hi = int(starts[i]), int(ends[j - 1])
        with np.errstate(over="ignore"):
            prod = mixed[None, lo:hi] * a
            prod += b
        out[full[i:j]] = np.minimum.reduceat(prod, starts[i:j] - lo, axis=1).T
        i = j
    return out


def band_keys(signature: np.ndarray) -> np.ndarray:
    """One 64-bit key per LSH band; keys of different bands never meet.

    ``signature`` is one signature (-> ``BANDS`` keys) or a (n, NUM_PERM) array of
    them (-> (n, BANDS) keys).
    """
    sig = signature.astype(np.uint64).reshape(-1, BANDS, ROWS)
    with np.errstate(over="ignore"):
        key = np.broadcast_to(np.arange(1, BANDS + 1, dtype=np.uint64) * _BAND_MULT, sig.shape[:2])
        for r in range(ROWS):
            key = (key ^ sig[:, :, r]) * _MULT[r + 1]
            key ^= key >> np.uint64(29)
    return key if signature.ndim > 1 else key[0]
