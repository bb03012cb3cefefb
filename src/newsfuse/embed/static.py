"""A static sentence embedder distilled from all-MiniLM-L6-v2 (see tools/distill_static.py).

``embed_static(texts)`` tokenises with the model's own WordPiece tokenizer and averages
one shipped row per token: no transformer runs, so it embeds thousands of texts per
second on one core (MiniLM does about 70 article leads per CPU-second). It is weaker on
paraphrase than the full model, so it suits retrieval-like signals over long text (which
story an article belongs to), not deciding whether two sentences say the same thing.

Needs only ``tokenizers`` and numpy (the ``embed`` extra); the table ships in the package.
"""

from __future__ import annotations

import threading
from importlib import resources
from typing import Any

import numpy as np

from newsfuse.embed import load_tokenizer, loads
from newsfuse.pipeline import MissingDependency

DIM = 256
MAX_TOKENS = 512
_STEP = "the static embedder"

_lock = threading.Lock()
_table: tuple[np.ndarray, Any, frozenset[int]] | None = None


def available() -> bool:
    """True when the table and the tokenizer load."""
    return loads(_load)


def embed_static(texts: list[str]) -> np.ndarray:
    """``(n, 256)`` float32 unit vectors; a text with no known token gets a zero vector."""
    rows, tokenizer, specials = _load()
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    if not texts:
        return out
    encodings = tokenizer.encode_batch([t or "" for t in texts])
    for i, enc in enumerate(encodings):
        ids = [t for t in enc.ids if t not in specials]
        if ids:
            out[i] = rows[ids].mean(axis=0)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.clip(norms, 1e-12, None)


def _load() -> tuple[np.ndarray, Any, frozenset[int]]:
    global _table
    if _table is not None:
        return _table
    with _lock:
        if _table is None:
            _table = _build()
    return _table


def _build() -> tuple[np.ndarray, Any, frozenset[int]]:
    tokenizer = load_tokenizer(MAX_TOKENS, _STEP)
    try:
        with resources.files(__package__).joinpath("static.npz").open("rb") as fh:
            data = np.load(fh)
            rows = data["rows"].astype(np.float32) * data["scale"].astype(np.float32)[:, None]
    except (OSError, KeyError, ValueError) as exc:
        raise MissingDependency(f"{_STEP}: the shipped table static.npz cannot be read: {exc}") from exc
    specials = frozenset(
        i for i in (tokenizer.token_to_id(t) for t in ("[CLS]", "[SEP]", "[PAD]", "[UNK]")) if i is not None
    )
    return rows, tokenizer, specials
