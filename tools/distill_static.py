"""Distil the static token table shipped as ``newsfuse/embed/static.npz``.

Each WordPiece token of all-MiniLM-L6-v2 is run through the int8 ONNX model alone
(``[CLS] token [SEP]``, mean-pooled), the table is centred and reduced to 256
dimensions by PCA, and each row is scaled by a SIF weight ``a / (a + p)`` with ``p``
a Zipf estimate from the token's vocabulary rank (WordPiece vocabularies list
frequent words first), so that a sentence vector is just the mean of its rows.
This is the model2vec recipe, done with onnxruntime so no torch is needed.
Rows are stored as int8 with one float16 scale each (7.8 MB).

Run once, offline: ``python tools/distill_static.py`` (about a minute on 2 cores).
The output is deterministic for a given model file.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

from newsfuse import embed

DIM = 256
SIF = 1e-4
FIRST_WORD = 999  # ids below are [PAD], [unused*] and specials: not used to fit the PCA
OUT = Path(embed.__file__).with_name("static.npz")


def token_table() -> np.ndarray:
    session, tokenizer = embed._load()
    size = tokenizer.get_vocab_size()
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    table = np.zeros((size, embed.DIM), np.float32)
    for start in range(0, size, 1024):
        ids = np.arange(start, min(size, start + 1024))
        x = np.stack([np.full(len(ids), cls), ids, np.full(len(ids), sep)], 1).astype(np.int64)
        (hidden,) = session.run(
            ["last_hidden_state"],
            {"input_ids": x, "attention_mask": np.ones_like(x), "token_type_ids": np.zeros_like(x)},
        )
        table[ids] = hidden.mean(axis=1)
    return table


def distil(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    centred = table - table[FIRST_WORD:].mean(axis=0)
    _, _, vt = np.linalg.svd(centred[FIRST_WORD:], full_matrices=False)
    reduced = centred @ vt[:DIM].T
    rank = np.arange(len(table), dtype=np.float64)
    p = 1.0 / (rank + 10.0)
    p /= p.sum()
    reduced *= (SIF / (SIF + p))[:, None]
    scale = np.abs(reduced).max(axis=1) / 127.0
    scale[scale == 0] = 1.0
    q = np.round(reduced / scale[:, None]).astype(np.int8)
    return q, scale.astype(np.float16)


def main() -> int:
    q, scale = distil(token_table())
    np.savez_compressed(OUT, rows=q, scale=scale, sif=np.float64(SIF), model=np.str_(embed.MODEL_SHA256))
    print(f"wrote {OUT} ({OUT.stat().st_size / 1e6:.1f} MB, {q.shape[0]} tokens x {q.shape[1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
