"""Incremental runs: new articles join the persisted copy index and story clusterer."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

import newsfuse
from newsfuse.store import Store


def _by_source(nf: newsfuse.Newsfuse) -> tuple[set[tuple[str, str, str]], list[set[str]]]:
    src = {a.id: a.source for a in nf.articles()}
    rels = {(*sorted((src[r.a], src[r.b])), r.type) for r in nf.relations()}
    stories = [{src[a] for a in s.articles} for s in nf.stories()]
    return rels, stories


def _pairs(stories: list[set[str]]) -> set[tuple[str, str]]:
    return {tuple(sorted(p)) for s in stories for p in itertools.combinations(s, 2)}


@pytest.fixture(scope="module")
def once(tmp_path_factory: pytest.TempPathFactory, demo_dir: Path) -> tuple[set[tuple[str, str, str]], list[set[str]]]:
    """Relations and stories of the demo corpus ingested in one run."""
    with newsfuse.open(tmp_path_factory.mktemp("once") / "once.db") as nf:
        nf.ingest([demo_dir])
        nf.process()
        return _by_source(nf)


def _agreement(a: list[set[str]], b: list[set[str]]) -> float:
    """Share of article pairs on which two groupings agree (same story or not)."""
    n = sum(len(s) for s in a)
    return 1 - len(_pairs(a) ^ _pairs(b)) / (n * (n - 1) // 2)


def test_two_halves_equal_one_run(tmp_path: Path, demo_dir: Path, once: tuple) -> None:
    files = sorted(p for p in demo_dir.iterdir() if p.is_file())
    halves = tmp_path / "h1", tmp_path / "h2"
    for n, half in enumerate(halves):
        half.mkdir()
        for f in files[n::2]:
            (half / f.name).symlink_to(f)
    with newsfuse.open(tmp_path / "twice.db") as nf:
        for half in halves:
            nf.ingest([half])
            stats = nf.process()
        copies = next(s for s in stats.steps if s.name == "copies")
        assert 0 < copies.seen < len(nf.articles()), "only the new half is fingerprinted"
        twice = _by_source(nf)
        assert nf.check() == []
    assert twice[0] == once[0], "copy relations do not depend on how the corpus arrived"
    assert _agreement(once[1], twice[1]) >= 0.98


def test_shuffled_arrival_keeps_relations_and_nearly_all_stories(tmp_path: Path, demo_dir: Path,
                                                                  once: tuple) -> None:
    """The demo corpus in a random order, in three runs: the same copy relations, and
    stories that agree with one run on at least 98% of article pairs (online clustering
    may place an article differently at the margins; benchmarks/bench_order.py measures it)."""
    import random

    files = sorted(p for p in demo_dir.iterdir() if p.is_file())
    random.Random(3).shuffle(files)
    with newsfuse.open(tmp_path / "shuffled.db") as nf:
        for n in range(3):
            batch = tmp_path / f"b{n}"
            batch.mkdir()
            for f in files[n::3]:
                (batch / f.name).symlink_to(f)
            nf.ingest([batch])
            nf.process()
        got = _by_source(nf)
        assert nf.check() == []
    assert sum(len(s) for s in got[1]) == sum(len(s) for s in once[1])
    assert got[0] == once[0], "copy relations do not depend on the arrival order"
    assert _agreement(once[1], got[1]) >= 0.98


def test_large_state_is_chunked(store_url: str) -> None:
    with Store(store_url) as store:
        store.STATE_CHUNK = 10
        store.set_state("big", b"0123456789abcdefghij_xyz")
        store.set_state("big_other", b"other")
        assert store.get_state("big") == b"0123456789abcdefghij_xyz"
        assert store.get_state("big_other") == b"other"
        store.STATE_CHUNK = 100
        store.set_state("big", b"small")
        assert store.get_state("big") == b"small" and store.get_state("missing") is None


def test_manual_merge_and_split_survive_later_runs(store_url: str, demo_dir: Path, seeds_dir: Path) -> None:
    from typer.testing import CliRunner

    from newsfuse.cli import app

    db = store_url
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(demo_dir), "--db", db, "-q"]).exit_code == 0
    with newsfuse.open(db) as nf:
        first, second = nf.stories()[:2]
    result = runner.invoke(app, ["merge", first.id, second.id, "--db", db])
    assert result.exit_code == 0, result.output
    with newsfuse.open(db) as nf:
        merged = nf.story(first.id) or nf.story(second.id)
        assert merged is not None and set(first.articles) | set(second.articles) == set(merged.articles)
        gone = second.id if merged.id == first.id else first.id
        assert nf.story(gone).id == merged.id, "the old id still finds the merged story"
        assert nf.synthesis(merged.id) is not None
    # A later ingest keeps the hand merge.
    assert runner.invoke(app, ["ingest", str(seeds_dir), "--db", db, "-q"]).exit_code == 0
    with newsfuse.open(db) as nf:
        assert set(merged.articles) <= set(nf.story(merged.id).articles)
    moving = sorted(second.articles)
    result = runner.invoke(app, ["split", merged.id, *moving, "--db", db])
    assert result.exit_code == 0, result.output
    with newsfuse.open(db) as nf:
        story_of = nf.store.story_of(merged.articles)
        assert len({story_of[a] for a in moving}) == 1
        assert story_of[moving[0]] != story_of[sorted(first.articles)[0]]
        assert nf.check() == []
    result = runner.invoke(app, ["merge", "nope", merged.id, "--db", db])
    assert result.exit_code == 1 and "no story" in result.output


def test_a_copy_that_arrives_first_follows_its_original(store_url: str, demo_dir: Path) -> None:
    import json

    gold = json.loads((demo_dir.parent / "gold.json").read_text())
    group = gold["copies"][0]
    copy = next(m for m in group["members"] if m != group["original"])
    with newsfuse.open(store_url) as nf:
        nf.ingest([demo_dir / copy])
        nf.process()
        nf.ingest([demo_dir / group["original"]])
        nf.process()
        story_of = {a.source: nf.store.story_of([a.id])[a.id] for a in nf.articles()}
    assert story_of[copy] == story_of[group["original"]]


def test_streaming_reads_and_synthesis_updates(store_url: str, demo_dir: Path) -> None:
    """What the Dask driver uses to avoid holding a whole store: articles read a batch
    at a time, and syntheses updated from a stream (the rest kept or dropped)."""
    import dataclasses

    with newsfuse.open(store_url) as nf:
        nf.ingest([demo_dir])
        nf.process()
        store = nf.store
        whole = [a.to_dict() for a in store.articles()]
        assert len(whole) > 5
        assert [a.to_dict() for a in store.iter_articles(batch=5)] == whole  # across batch boundaries
        syntheses = store.syntheses()
        assert len(syntheses) >= 3
        first, second, third = syntheses[:3]
        assert [s.story_id for s in store.syntheses([third.story_id, first.story_id])] == sorted(
            [first.story_id, third.story_id])
        changed = dataclasses.replace(first, quotes=[], timeline=[], unique={"x": ["changed"]})

        def stream():  # a generator: the store must consume it inside its transaction
            yield changed.story_id, json.dumps(changed.to_dict())

        written = store.update_synthesis_data(stream(), live=[first.story_id, second.story_id, third.story_id])
        assert written == 1
        after = {s.story_id: s.to_dict() for s in store.syntheses()}
        assert after == {first.story_id: changed.to_dict(), second.story_id: second.to_dict(),
                         third.story_id: third.to_dict()}
