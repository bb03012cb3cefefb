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


def shingle_hashes(tokens: list[str], k: int = SHINGLE) -> np.ndarray:
    """32-bit hash of every k-word shingle, in text order (one shingle if shorter)."""
    if not tokens:
        return np.zeros(0, dtype=np.uint32)
    hs = list(map(_TOKEN_HASH.get, tokens))
    if None in hs:
        hs = [h if h is not None else token_hash(t) for h, t in zip(hs, tokens, strict=True)]
    th = np.array(hs, dtype=np.uint64)
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


def band_keys(signature: np.ndarray) -> np.ndarray:
    """One 64-bit key per LSH band; keys of different bands never meet."""
    sig = signature.astype(np.uint64).reshape(BANDS, ROWS)
    with np.errstate(over="ignore"):
        key = np.arange(1, BANDS + 1, dtype=np.uint64) * _BAND_MULT
        for r in range(ROWS):
            key = (key ^ sig[:, r]) * _MULT[r + 1]
            key ^= key >> np.uint64(29)
    return key
