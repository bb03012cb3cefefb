"""The local engine's worker pool gives exactly what one process gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsfuse import parallel
from newsfuse.cli import app

runner = CliRunner()


def _square(x: int) -> int:
    return x * x + (parallel.shared() or 0)


def test_map_ordered_keeps_order_and_shares_a_value(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSFUSE_PARALLEL_MIN", "1")
    got = list(parallel.map_ordered(_square, range(50), shared=7, n_workers=2, chunksize=3))
    assert got == [x * x + 7 for x in range(50)]
    assert parallel.shared() is None  # nothing leaks into the parent


def _square_or_die(x: int) -> int:
    import multiprocessing
    import os

    if x == 30 and multiprocessing.current_process().name != "MainProcess":
        os._exit(1)  # a worker killed mid-run (as by the out-of-memory killer)
    return _square(x)


def test_broken_pool_finishes_in_process(monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("NEWSFUSE_PARALLEL_MIN", "1")
    got = list(parallel.map_ordered(_square_or_die, range(50), shared=7, n_workers=2,
                                    chunksize=3))
    assert got == [x * x + 7 for x in range(50)]
    err = capsys.readouterr().err
    assert "worker processes stopped" in err and "going on in one process" in err
    assert parallel.shared() is None


def test_pool_digest_equals_one_process(tmp_path: Path, demo_dir: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    digests = []
    for workers in ("1", "2"):
        monkeypatch.setenv("NEWSFUSE_WORKERS", workers)
        monkeypatch.setenv("NEWSFUSE_PARALLEL_MIN", "1")
        out = tmp_path / f"w{workers}"
        result = runner.invoke(app, ["digest", str(demo_dir), "--out", str(out),
                                     "--db", str(tmp_path / f"w{workers}.db"), "-q"])
        assert result.exit_code in (0, 3), result.output
        digests.append(json.loads((out / "digest.json").read_text()))
    assert digests[0]["stories"] and digests[0]["articles"]
    assert digests[0] == digests[1]


def test_story_embedding_pool_places_articles_as_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stories stage embeds its chunks on worker processes; placing stays sequential,
    so the stories are the same as with one process (several chunks, out-of-order dates)."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from gen_events import generate

    from newsfuse.stories import StoryClusterer
    from newsfuse.stories.clusterer import EMBED_BATCH

    articles, groups, gold, _ = generate(260, seed=41, varied=True)
    assert len(articles) > 3 * EMBED_BATCH
    placed = []
    for workers in ("1", "2"):
        monkeypatch.setenv("NEWSFUSE_WORKERS", workers)
        monkeypatch.setenv("NEWSFUSE_PARALLEL_MIN", "1")
        clusterer = StoryClusterer()
        clusterer.register_groups(groups)
        clusterer.add_many(clusterer.arrival_order(articles))
        placed.append({a: clusterer.resolve(s) for a, s in clusterer.story_of.items()})
    assert placed[0] == placed[1]
    assert len(placed[0]) == len(articles)
    assert 1 < len(set(placed[0].values())) < len(articles)  # real grouping, not all-in-one


def test_kept_pool_serves_a_feed_of_polls_as_one_process() -> None:
    """An online feed keeps one ``parallel.Pool`` across ``add_many`` polls: vectors and
    text profiles come from its workers, and the stories are those of one process."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from gen_events import generate

    from newsfuse.stories import StoryClusterer

    articles, groups, _gold, _ = generate(400, seed=43, varied=True)
    placed = []
    for n_workers in (0, 1):
        clusterer = StoryClusterer(model="static")
        clusterer.register_groups(groups)
        with parallel.Pool(n_workers) as pool:
            assert (pool._pool is not None) == (n_workers > 0)
            assert list(pool.map(_square, range(5))) == [0, 1, 4, 9, 16]
            for i in range(0, len(articles), 150):
                clusterer.add_many(articles[i : i + 150], pool=pool)
        placed.append({a: clusterer.resolve(s) for a, s in clusterer.story_of.items()})
    assert placed[0] == placed[1] and len(placed[0]) == len(articles)
    assert 1 < len(set(placed[0].values())) < len(articles)


def test_parallel_sketch_equals_one_process(tmp_path: Path, demo_dir: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The copies stage sketches chunks of articles on the workers: the same sketches, in
    the same order, as one ``sketch_many`` call (chunks smaller than the corpus)."""
    from newsfuse import engine
    from newsfuse.copies.kernels import sketch_many
    from newsfuse.store import Store

    with Store(tmp_path / "s.db") as store:
        engine.ingest(store, [demo_dir])
        engine.extract_new(store)
        articles = store.articles(labels=False)
    monkeypatch.setenv("NEWSFUSE_WORKERS", "2")
    monkeypatch.setenv("NEWSFUSE_PARALLEL_MIN", "1")
    monkeypatch.setattr(engine, "SKETCH_CHUNK", 3)
    assert len(articles) > 4 * engine.SKETCH_CHUNK

    def view(sketches: list) -> list:
        return [(s.meta, s.shingles.tolist(), s.can.tokens, s.can.digest, s.can.wire_dateline,
                 s.can.breaks.tolist(), s.can.offsets.tolist(), s.can.quoted.tolist()) for s in sketches]

    assert view(engine.parallel_sketch(articles)) == view(sketch_many(articles))
