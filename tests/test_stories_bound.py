"""Placing an article skips the term similarities of stories that cannot win
(``Scorer.prob_bound``): the bound must hold for every shipped model, and placement must
come out exactly as when every candidate is scored."""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

import pytest

from newsfuse.stories import StoryClusterer
from newsfuse.stories import clusterer as clusterer_module
from newsfuse.stories import dense as dense_model
from newsfuse.stories.scorer import load_scorer, shipped_weights, sigmoid

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from gen_events import generate  # noqa: E402

# Every model ships weights; the ones whose embedder is installed also place a stream.
WEIGHTS = [(False, "minilm")] + [(True, m) for m in dense_model.WEIGHTS_KEY]
PLACED = [(False, None)] + [(True, m) for m in ("static",) if dense_model.available(m)]


@pytest.mark.parametrize(("dense", "model"), WEIGHTS)
def test_bound_is_the_best_corner_and_holds_inside_the_square(dense: bool, model: str) -> None:
    scorer = load_scorer(dense, shipped_weights(), model)
    rng = random.Random(5)
    for _ in range(3000):
        d, ent_a, ent_s = rng.random(), rng.random(), rng.random()
        t_last, t_first = rng.choice([1.0, rng.random()]), rng.choice([1.0, rng.random()])
        part = (d if dense else 0.0, ent_a, ent_s, t_last, t_first)
        bound = scorer.logit_bound(part)
        corners = []
        for body, title in ((0.0, 0.0), (1.0, 0.0), (0.0, 1.0), (1.0, 1.0)):
            sim = (part[0], body, title, ent_a, ent_s, t_last, t_first)
            corners.append(_logit(scorer, sim))
        assert bound == pytest.approx(max(corners), abs=1e-9)  # tight: a corner reaches it
        body, title = rng.random(), rng.random()
        sim = (part[0], body, title, ent_a, ent_s, t_last, t_first)
        assert scorer.prob(sim) <= scorer.prob_bound(part)
        assert _logit(scorer, sim) <= bound + 1e-9


def _logit(scorer, sim: tuple[float, ...]) -> float:
    from newsfuse.stories.scorer import expand

    return sum(c * x for c, x in zip(scorer._coef, expand(sim, scorer.dense), strict=True)) + scorer.intercept


def test_sigmoid_is_prob_of_the_logit() -> None:
    scorer = load_scorer(False, shipped_weights())
    sim = (0.0, 0.4, 0.2, 0.7, 0.5, 1.0, 0.8)
    assert scorer.prob(sim) == sigmoid(_logit(scorer, sim))


@pytest.mark.parametrize(("dense", "model"), PLACED)
def test_placement_with_the_bound_equals_scoring_every_candidate(
        dense: bool, model: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    arts, groups, _gold, _ = generate(900, seed=31, per_event=3.0, varied=True)
    calls = {"terms": 0}
    with_terms = clusterer_module.with_terms

    def counted(*args):
        calls["terms"] += 1
        return with_terms(*args)

    monkeypatch.setattr(clusterer_module, "with_terms", counted)

    def run() -> tuple[str, int]:
        calls["terms"] = 0
        c = StoryClusterer(dense=dense, model=model)
        c.register_groups(groups)
        for i in range(0, len(arts), 100):
            c.add_many(arts[i : i + 100])
        return _canonical(c), calls["terms"]

    bounded, scored_bounded = run()
    every = StoryClusterer.score
    monkeypatch.setattr(StoryClusterer, "score", lambda self, q, best_only=False: every(self, q))
    exhaustive, _ = run()
    assert bounded == exhaustive
    # Every candidate goes through with_terms when all are scored; the bound skips most.
    assert 0 < scored_bounded
    assert scored_bounded < 0.8 * _candidates_scored(arts, groups, dense, model, every, monkeypatch)


def _candidates_scored(arts, groups, dense, model, every, monkeypatch) -> int:
    n = {"open": 0}

    def score(self, q, best_only=False):
        scored, unscored = every(self, q)
        n["open"] += len(scored)
        return scored, unscored

    monkeypatch.setattr(StoryClusterer, "score", score)
    c = StoryClusterer(dense=dense, model=model)
    c.register_groups(groups)
    for i in range(0, len(arts), 100):
        c.add_many(arts[i : i + 100])
    return n["open"]


def _canonical(c: StoryClusterer) -> str:
    """Every story's members, links, reasons and span: what placement decides."""
    out = []
    for sid in sorted(c.states):
        st = c.states.peek(sid)
        out.append([sid, st.members, sorted(st.related), st.why, st.first_day, st.last_day])
    return json.dumps(out, sort_keys=True)
