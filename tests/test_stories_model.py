"""Choosing the stories stage's dense model (MiniLM or the static table)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from newsfuse.cli import app
from newsfuse.stories import StoryClusterer
from newsfuse.stories import dense as dense_model
from newsfuse.stories.scorer import shipped_weights

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from gen_events import generate  # noqa: E402

runner = CliRunner()


def test_each_model_has_its_own_trained_weights() -> None:
    w = shipped_weights()
    for model in dense_model.MODELS:
        key = dense_model.WEIGHTS_KEY[model]
        assert len(w[key]["coef"]) == len(w["dense"]["coef"]), key
        assert "consolidate" in w[key]
    assert w["static"]["coef"] != w["dense"]["coef"]


def test_texts_and_vectors_differ_by_model() -> None:
    articles, _, _, _ = generate(20, seed=5)
    a = articles[0]
    static_text, minilm_text = dense_model.text(a, "static"), dense_model.text(a, "minilm")
    assert static_text.splitlines()[0] == a.title == minilm_text.splitlines()[0]
    assert len(static_text.splitlines()) == 2 and len(minilm_text.splitlines()) == 3
    assert minilm_text.startswith(static_text)
    static = dense_model.vectors(articles[:4], "static")
    assert static.shape == (4, 256)
    assert np.allclose(np.linalg.norm(static, axis=1), 1.0, atol=1e-5)
    with pytest.raises(ValueError, match="unknown stories model"):
        dense_model.check("bert")


def test_model_is_kept_in_the_saved_state(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEWSFUSE_STORIES_MODEL", raising=False)
    articles, groups, _, _ = generate(150, seed=6)
    c = StoryClusterer(model="static")
    c.register_groups(groups)
    c.add_many(c.arrival_order(articles))
    back = StoryClusterer.from_state(c.to_state())
    assert back.model == "static" and back.dense
    assert back.scorer.coef.tolist() == c.scorer.coef.tolist()
    more, _, _, _ = generate(40, seed=7, start="2030-03-01")
    assert back.add_many(more) == c.add_many(more)


def test_switching_model_regroups_the_store(tmp_path: Path, demo_dir: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """A re-run with another model regroups every article with it (not only new ones),
    and switching back gives the first stories again."""
    monkeypatch.delenv("NEWSFUSE_STORIES_MODEL", raising=False)
    db = str(tmp_path / "s.db")
    digests = []
    for model in ("minilm", "static", "minilm"):
        out = tmp_path / model
        result = runner.invoke(app, ["digest", str(demo_dir), "--out", str(out), "--db", db,
                                     "--stories-model", model, "-q"])
        assert result.exit_code in (0, 3), result.output
        digests.append(json.loads((out / "digest.json").read_text()))
        monkeypatch.delenv("NEWSFUSE_STORIES_MODEL", raising=False)  # the CLI sets it
    stories = [sorted(sorted(s["articles"]) for s in d["stories"]) for d in digests]
    assert stories[0] == stories[2]
    assert stories[0] != stories[1]  # measured: static splits angle pieces of the demo
    assert all(len(d["articles"]) == len(digests[0]["articles"]) for d in digests)
    result = runner.invoke(app, ["digest", str(demo_dir), "--out", str(tmp_path / "x"), "--db", db,
                                 "--stories-model", "bert", "-q"])
    assert result.exit_code == 2 and "Unknown stories model" in result.output
