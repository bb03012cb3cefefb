"""Verification of candidate pairs: how much of one text is found in the other.

LSH only says two texts *may* share text. Here the shared word runs are measured
exactly, from the shingle hashes: a word counts as shared when it lies in a run of at
least ``MIN_RUN`` consecutive words found in the other text. Short runs (a shared name,
a date, a stock phrase, a short quote) are what independent reports of one event have
in common, so they don't count; nor, for a partial copy, do quotations: independent
reports quote the same statement word for word. Containment (the share of the shorter text that is
shared), not Jaccard, decides: a copy trimmed to a third of its original is still a copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from newsfuse.copies.fingerprint import SHINGLE

MIN_WORDS = 20  # texts shorter than this are never related (too little to tell)
MIN_RUN = 10  # words: a shared run shorter than this is a phrase, not a passage
EXACT = 0.97  # both texts (nearly) entirely shared
SYNDICATED = 0.5  # the shorter text mostly found in the longer one ...
BOTH_WAYS = 0.5  # ... and either the longer one mostly shared too,
LEAD_WORDS = 40  # or the longer text's first lines mostly shared (copies keep the lede)
LEAD_SHARE = 0.2
PARTIAL_WORDS = 40  # a partial copy shares at least this many words ...
PARTIAL_SHARE = 0.12  # ... and at least this share of the shorter text


@dataclass(slots=True)
class Fingerprint:
    """What verification needs of one article (kept by the index)."""

    uniq: np.ndarray  # sorted distinct uint32 shingle hashes
    inv: np.ndarray  # shingle i of the text is uniq[inv[i]] (uint16 when it fits)
    n_tokens: int
    digest: str
    breaks: np.ndarray  # canonical -> source word index map (see normalize.Canonical)
    offsets: np.ndarray
    quoted: np.ndarray  # bool per canonical token: inside quotation marks

    @classmethod
    def build(
        cls, shingles: np.ndarray, n_tokens: int, digest: str, breaks: np.ndarray,
        offsets: np.ndarray, quoted: np.ndarray,
    ) -> Fingerprint:
        """From shingle hashes in text order."""
        uniq, inv = np.unique(shingles, return_inverse=True)
        inv = inv.astype(np.uint16 if len(uniq) < 65536 else np.uint32)
        return cls(uniq.astype(np.uint32), inv, n_tokens, digest, breaks, offsets, quoted)

    def source_spans(self, spans: list[tuple[int, int]]) -> list[list[int]]:
        """Canonical [start, end) spans as spans of ``text.words(body)`` indices."""
        if not spans:
            return []
        idx = np.asarray([s for s, _ in spans] + [e - 1 for _, e in spans], dtype=np.int64)
        j = np.searchsorted(self.breaks, idx, side="right") - 1
        mapped = (idx + self.offsets[j]).tolist()
        n = len(spans)
        return [[mapped[i], mapped[n + i] + 1] for i in range(n)]


@dataclass(slots=True)
class Match:
    """The measured overlap of two texts (a and b as given)."""

    kind: str | None  # "exact", "syndicated", "partial" or None (not related)
    containment: float  # share of the shorter text that is shared
    share_a: float
    share_b: float
    shared_words: int  # in the shorter text
    spans_a: list[tuple[int, int]]  # canonical word spans of a
    # Which side the edits suggest is the original: "a", "b" or None (see _direction).
    original: str | None = None


def _covered(mask: np.ndarray, n_tokens: int) -> np.ndarray:
    """Words covered by a shared shingle (shingle i covers words i..i+k-1): word w is
    covered when shingles max(0, w-k+1)..w hold a hit (a difference of prefix sums)."""
    m = len(mask)
    k = n_tokens - m + 1
    hits = np.zeros(m + 1, dtype=np.int32)
    np.cumsum(mask, out=hits[1:])
    w = np.arange(n_tokens)
    return hits[np.minimum(w + 1, m)] > hits[np.maximum(w - k + 1, 0)]


def _shared(uniq: np.ndarray, common: np.ndarray) -> np.ndarray:
    """Which of the sorted distinct ``uniq`` are in ``common`` (a sorted subset of it)."""
    mask = np.zeros(len(uniq), dtype=bool)
    mask[np.searchsorted(uniq, common)] = True
    return mask


def _runs(covered: np.ndarray, min_run: int) -> list[tuple[int, int]]:
    """[start, end) runs of covered words at least ``min_run`` long."""
    if not covered.any():
        return []
    edges = np.diff(np.concatenate(([0], covered.view(np.int8), [0])))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    keep = (ends - starts) >= min_run
    return list(zip(starts[keep].tolist(), ends[keep].tolist(), strict=True))


def enough_common(common: Any, least: Any) -> Any:
    """Whether ``common`` distinct shared shingles could make any relation between two
    texts whose shorter has ``least`` tokens (numbers, or numpy arrays elementwise).

    A run of r >= MIN_RUN shared words holds r - k + 1 shared shingles, so the shared
    words are at most common * MIN_RUN / (MIN_RUN - k + 1): below the least a relation
    needs, ``compare`` rejects the pair without aligning it. The same test on an upper
    bound of ``common`` (``kernels.may_relate``) rejects only pairs ``compare`` rejects.
    """
    min_run = max(MIN_RUN, SHINGLE)
    return common * min_run / (min_run - SHINGLE + 1) >= np.minimum(PARTIAL_WORDS, SYNDICATED * least)


def compare(fa: Fingerprint, fb: Fingerprint) -> Match:
    """Measure how much text ``fa`` and ``fb`` share and label the pair."""
    none = Match(None, 0.0, 0.0, 0.0, 0, [])
    if fa.n_tokens < MIN_WORDS or fb.n_tokens < MIN_WORDS:
        return none
    if fa.digest == fb.digest:
        return Match("exact", 1.0, 1.0, 1.0, fa.n_tokens, [(0, fa.n_tokens)])
    common = np.intersect1d(fa.uniq, fb.uniq, assume_unique=True)
    if not enough_common(len(common), min(fa.n_tokens, fb.n_tokens)):
        return none  # most LSH candidates end here
    min_run = max(MIN_RUN, SHINGLE)
    cov_a = _covered(_shared(fa.uniq, common)[fa.inv], fa.n_tokens)
    cov_b = _covered(_shared(fb.uniq, common)[fb.inv], fb.n_tokens)
    runs_a = _runs(cov_a, min_run)
    runs_b = _runs(cov_b, min_run)
    shared_a = sum(e - s for s, e in runs_a)
    shared_b = sum(e - s for s, e in runs_b)
    share_a = shared_a / fa.n_tokens
    share_b = shared_b / fb.n_tokens
    if fa.n_tokens <= fb.n_tokens:
        containment, shared = share_a, shared_a
    else:
        containment, shared = share_b, shared_b
    if min(share_a, share_b) >= EXACT:
        kind: str | None = "exact"
    elif containment >= SYNDICATED and (
        min(share_a, share_b) >= BOTH_WAYS
        or (_leads(runs_b, fb.n_tokens) if fa.n_tokens <= fb.n_tokens else _leads(runs_a, fa.n_tokens))
    ):
        kind = "syndicated"
    elif shared >= PARTIAL_WORDS and containment >= PARTIAL_SHARE and _partial(fa, fb, cov_a, cov_b):
        kind = "partial"
    else:
        kind = None
    original = _direction(runs_a, runs_b, fa.n_tokens, fb.n_tokens) if kind == "syndicated" else None
    return Match(kind, containment, share_a, share_b, shared, runs_a, original)


def _direction(runs_a: list[tuple[int, int]], runs_b: list[tuple[int, int]], n_a: int, n_b: int) -> str | None:
    """Guess the original of a syndicated pair from where the longer text's own words are.

    Copies are mostly trimmed from the bottom: own words of the longer text in its tail
    make it the original of a trimmed copy. Own words between or before the shared runs
    are insertions (a standfirst, a local paragraph): the longer text is the copy.
    """
    runs, n, longer, shorter = (runs_b, n_b, "b", "a") if n_b >= n_a else (runs_a, n_a, "a", "b")
    if not runs or n_a == n_b:
        return None
    tail = n - runs[-1][1]
    inner = n - sum(e - s for s, e in runs) - tail
    if max(tail, inner) < 3:
        return None
    return shorter if inner > tail else longer


def _leads(runs: list[tuple[int, int]], n_tokens: int) -> bool:
    """At least half of the top of the text (its lede) is shared.

    A longer text that contains most of a shorter one but is mostly its own is either
    the original of a trimmed copy (the copy kept the top: the lede) or a report
    quoting a few paragraphs (its own top comes first); this tells them apart.
    """
    window = int(max(LEAD_WORDS, LEAD_SHARE * n_tokens))
    shared = sum(max(0, min(e, window) - s) for s, e in runs if s < window)
    return shared >= 0.5 * min(window, n_tokens)


def _partial(fa: Fingerprint, fb: Fingerprint, cov_a: np.ndarray, cov_b: np.ndarray) -> bool:
    """Enough shared text outside quotation marks, counted on the side that has less.

    A quote is discounted when it is quoted on either side: an outlet may have lost
    the quotation marks another kept, so each side is counted with its own marks and
    the smaller count decides.
    """
    min_run = max(MIN_RUN, SHINGLE)
    free_a = sum(e - s for s, e in _runs(cov_a & ~fa.quoted, min_run))
    free_b = sum(e - s for s, e in _runs(cov_b & ~fb.quoted, min_run))
    shorter = min(fa.n_tokens, fb.n_tokens)
    free = min(free_a, free_b)
    return free >= PARTIAL_WORDS and free / shorter >= PARTIAL_SHARE
