"""The Dask engine gives the local engine's results, and a killed run resumes.

One LocalCluster (2 single-threaded worker processes) serves the whole module.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from newsfuse import engine
from newsfuse.store import Store

pytest.importorskip("distributed")
pytest.importorskip("dask.dataframe")


@pytest.fixture(scope="module")
def client():
    from newsfuse.scale import dask_client

    with dask_client(None, workers=2) as c:
        yield c


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from newsfuse.synthetic import generate

    out = tmp_path_factory.mktemp("gen") / "corpus"
    generate(24, out, seed=7)
    return out


def tables(store: Store) -> dict[str, Any]:
    """Everything both engines fill, in a comparable form."""
    return {
        "documents": store.document_ids(),
        "rejections": sorted((r.source, r.locator, r.reason) for r in store.rejections()),
        "articles": [a.to_dict() for a in store.articles()],
        "relations": [r.to_dict() for r in store.relations()],
        "groups": [g.to_dict() for g in store.copy_groups()],
        "stories": sorted((s.to_dict() for s in store.stories()), key=lambda s: s["id"]),
        "syntheses": [s.to_dict() for s in store.syntheses()],
        "memory": json.loads(store.get_state(engine.MEMORY_KEY) or b"{}"),
    }


def local_run(path: Path, db: Path) -> tuple[engine.IngestResult, dict[str, Any]]:
    with Store(db) as store:
        result = engine.ingest(store, [path])
        engine.process(store)
        return result, tables(store)


def assert_same(local: dict[str, Any], dask: dict[str, Any]) -> None:
    for name in local:
        assert dask[name] == local[name], f"{name} differ between the engines"


class Stop(Exception):
    pass


def test_local_cluster_settings_reach_the_workers(client) -> None:
    """The local cluster's settings are in force where they act: the scheduler holds
    one task per worker, and the spawned workers sample no stacks and keep the embedder
    to one thread (each would otherwise take CPU from the other worker on 2 cores)."""
    import os

    import dask

    def worker_view() -> tuple[object, object, str | None]:
        return (dask.config.get("distributed.worker.profile.enabled"),
                dask.config.get("distributed.admin.tick.interval"), os.environ.get("NEWSFUSE_EMBED_THREADS"))

    seen = client.run(worker_view)
    assert len(seen) == 2 and set(seen.values()) == {(False, "1s", "1")}
    assert client.run_on_scheduler(lambda dask_scheduler: dask_scheduler.WORKER_SATURATION) == 1.0


def test_killed_run_resumes_and_equals_local(client, corpus: Path, tmp_path: Path) -> None:
    from urllib.parse import urlsplit

    import httpx

    from newsfuse.scale import run_dask

    work = tmp_path / "work"
    reads = []

    def kill_after_two(stage: str, done: int, total: int) -> None:
        if stage == "read":
            reads.append(done)
            if done == 2:
                raise Stop

    with Store(tmp_path / "dask.db") as store, pytest.raises(Stop):
        run_dask(store, [corpus], client=client, workdir=work, progress=kill_after_two, target_bytes=4000)
    assert len(list((work / "parts").glob("*/docs.parquet"))) >= 2
    logged: list[str] = []
    with Store(tmp_path / "dask.db") as store:
        res = run_dask(store, [corpus], client=client, workdir=work, target_bytes=4000, log=logged.append)
        got = tables(store)
    # The dashboard link is printed, and live: the ``scale`` extra installs bokeh, which
    # serves it, on 127.0.0.1 only.
    assert res.dashboard and f"Dask dashboard: {res.dashboard}" in logged
    assert urlsplit(res.dashboard).hostname == "127.0.0.1"
    page = httpx.get(res.dashboard, follow_redirects=True, timeout=30)
    assert page.status_code == 200 and "Dask" in page.text
    assert res.partitions >= 4, "the test corpus must span several partitions"
    assert res.reused["read"] >= 2  # what the killed run finished is not read again
    local_res, want = local_run(corpus, tmp_path / "local.db")
    assert (len(res.new), len(res.known), len(res.rejected)) == (len(local_res.new), len(local_res.known), 0)
    assert want["relations"] and len(want["stories"]) > 1  # the corpus exercises copies and stories
    assert_same(want, got)

    assert res.reused["extract"] == 0  # the killed run never got that far


def test_run_killed_after_extraction_counts_and_extracts_once(client, corpus: Path, tmp_path: Path) -> None:
    """Killed once the template memory is saved and the articles extracted: the rerun
    counts no capture into the memory twice (it equals the local engine's) and reuses
    every extracted partition."""
    from newsfuse.scale import run_dask

    work = tmp_path / "work"

    def kill_at_fingerprints(stage: str, done: int, total: int) -> None:
        if stage == "fingerprint":
            raise Stop

    with Store(tmp_path / "dask.db") as store, pytest.raises(Stop):
        run_dask(store, [corpus], client=client, workdir=work, progress=kill_at_fingerprints,
                 target_bytes=4000)
    with Store(tmp_path / "dask.db") as store:
        assert store.get_state(engine.MEMORY_KEY) and not store.article_ids()  # saved; none stored
        res = run_dask(store, [corpus], client=client, workdir=work, target_bytes=4000)
        got = tables(store)
    assert res.reused["extract"] == res.partitions >= 4
    _, want = local_run(corpus, tmp_path / "local.db")
    assert_same(want, got)


def test_partitions_cut_by_bytes_hold_about_what_file_capped_ones_do(tmp_path: Path, monkeypatch) -> None:
    """Page dumps fill a partition up to the cap on files; a run of feed files (many
    captures each) is cut at about the bytes such a partition holds, not at the far
    larger byte target alone; and partitions are dealt round the verification groups,
    so the feed partitions, consecutive in the listing, do not make one group."""
    from newsfuse.scale import partitions
    from newsfuse.scale.dedup import block_group

    monkeypatch.setattr(partitions, "MAX_FILES", 10)
    monkeypatch.setattr(partitions, "MIN_BYTES", 1)
    (tmp_path / "feeds").mkdir()
    (tmp_path / "pages").mkdir()
    record = json.dumps({"url": "https://example.org/a", "text": "word " * 40}) + "\n"
    for n in range(12):  # 12 feed files of 5 records (about 1 KB) each
        (tmp_path / "feeds" / f"f{n:02d}.jsonl").write_text(record * 5)
    for n in range(200):  # 200 page dumps of about 200 bytes each
        (tmp_path / "pages" / f"p{n:03d}.txt").write_text("A page. " * 25)
    parts = partitions.plan([tmp_path], workers=2)
    feed = [p for p in parts if "feeds" in p.files[0][0]]
    pages = [p for p in parts if "pages" in p.files[0][0]]
    assert all(len(p.files) == 10 for p in pages[:-1])
    # The byte target alone (a quarter of the bytes a worker) would put all 12 feed
    # files in one partition; the cap gives partitions of a few feed files.
    assert len(feed) >= 4 and max(p.nbytes for p in feed) <= 2 * max(p.nbytes for p in pages)
    groups = block_group(np.arange(len(parts)), len(parts), 4)
    assert sorted(set(groups[[p.index for p in feed]].tolist())) == [0, 1, 2, 3]


def test_demo_corpus_equals_local(client, demo_dir: Path, tmp_path: Path) -> None:
    """Every input format, bad inputs included, several partitions, and a store already
    holding a capture that was ingested but never processed (``ingest --no-process``)."""
    from newsfuse.scale import run_dask

    local_res, want = local_run(demo_dir, tmp_path / "local.db")
    early = sorted(demo_dir.glob("*.txt"))[0]
    with Store(tmp_path / "dask.db") as store:
        pre = engine.ingest(store, [early])
        assert pre.new
        res = run_dask(store, [demo_dir], client=client, workdir=tmp_path / "work", target_bytes=4000)
        got = tables(store)
        again = run_dask(store, [demo_dir], client=client, workdir=tmp_path / "work", target_bytes=4000)
        got_again = tables(store)
    assert res.partitions > 3
    assert sorted(res.new + pre.new) == sorted(local_res.new)
    assert set(pre.new) <= set(res.known)
    assert sorted((r.source, r.reason) for r in res.rejected) == sorted((r.source, r.reason) for r in local_res.rejected)
    assert_same(want, got)
    assert not again.new and len(again.known) == len(res.new) + len(res.known)
    assert again.reused["read"] == again.partitions  # nothing is read twice
    # The rerun takes the stored articles through every stage again and keeps every
    # synthesis whose inputs did not change.
    assert_same(want, got_again)
    synth = {s.name: s for s in again.stats.steps}["synth"]
    assert synth.seen == len(want["stories"]) and synth.made == 0


def test_merged_partial_memories_equal_one_memory(demo_dir: Path) -> None:
    from newsfuse.extract import TemplateMemory
    from newsfuse.ingest import read_paths
    from newsfuse.records import Document
    from newsfuse.scale.adapters import memory_state, merge_memories

    docs = [d for d in read_paths([demo_dir]) if isinstance(d, Document)]
    whole = TemplateMemory()
    for d in docs:
        whole.observe(d)
    parts = [TemplateMemory() for _ in range(3)]
    for n, d in enumerate(docs):
        parts[n % 3].observe(d)
    merged = merge_memories(TemplateMemory(), [memory_state(p) for p in parts])
    assert merged.to_dict() == whole.to_dict()
    assert any(n >= 2 for o in whole.outlets.values() for n in o["lines"].values())


def test_candidate_pairs_follow_the_index_cap() -> None:
    """A band key shared by more articles than the cap pairs them with representatives only."""
    from newsfuse.copies.index import MAX_RUN, REPS
    from newsfuse.scale.adapters import candidate_pairs

    ids = [f"a{n:04d}" for n in range(MAX_RUN + 5)]
    pairs = candidate_pairs(np.full(len(ids), 7, dtype=np.uint64), ids)
    reps = set(sorted(ids)[:REPS])
    assert all(a in reps or b in reps for a, b in pairs)
    assert len(pairs) == sum(len(ids) - 1 - n for n in range(REPS))
    small = candidate_pairs(np.array([1, 1, 1, 2], dtype=np.uint64), ["c", "a", "b", "d"])
    assert small == {("a", "b"), ("a", "c"), ("b", "c")}


def fingerprinted(corpus: Path, tmp_path: Path, parts: int = 3) -> tuple[list[Any], list[str], list[str]]:
    """The corpus's articles spread over ``parts`` partitions (so that copies meet
    across partition boundaries), and each partition's key and fingerprint files."""
    from newsfuse.extract import Extract
    from newsfuse.ingest import read_paths
    from newsfuse.records import Document
    from newsfuse.scale.kernels import fingerprint_partition, write_articles

    docs = sorted((d for d in read_paths([corpus]) if isinstance(d, Document)), key=lambda d: d.id)
    articles = list(Extract().run(docs))
    fps, keys = [], []
    for n in range(parts):
        path = write_articles(articles[n::parts], str(tmp_path / f"a{n}.parquet"))
        fps.append(str(tmp_path / f"fp{n}.parquet"))
        keys.append(str(tmp_path / f"k{n}.parquet"))
        fingerprint_partition(path, n, fps[n], keys[n])
    return articles, keys, fps


def test_distributed_dedup_finds_the_local_relations(client, corpus: Path, tmp_path: Path) -> None:
    """Both verification methods, with partitions grouped or not, give ``find_copies``'
    relations over articles spread across partitions."""
    from newsfuse.copies import find_copies
    from newsfuse.scale.dedup import find_relations

    articles, keys, fps = fingerprinted(corpus, tmp_path)
    want = [r.to_dict() for r in find_copies([a for a in articles]).relations]
    # Blocks of one partition each, blocks whose groups hold several partitions, a join.
    blocks = {}
    for method, groups in (("blocks", 16), ("blocks", 2), ("merge", 16)):
        got, counts = find_relations(keys, fps, method=method, groups=groups)
        assert counts["method"] == method and counts["candidates"] >= len(want) > 0
        blocks[method, groups] = counts["blocks"]
        # Relations carry the pair verdict; group verdicts (``original``) are set by grouping.
        strip = [{k: v for k, v in r.to_dict().items() if k != "original"} for r in got]
        assert strip == [{k: v for k, v in r.items() if k != "original"} for r in want], (method, groups)
    # 3 partitions: 3 groups of one (up to 6 pairs of groups), or 2 groups (up to 3).
    assert blocks["blocks", 2] <= 3 < blocks["blocks", 16] <= 6


def test_verification_reports_progress_and_is_kept_for_a_rerun(client, corpus: Path, tmp_path: Path) -> None:
    """On a client, each verification task done is reported; the result kept in
    ``cache`` is what a later call returns, without the shuffle (its inputs are gone)."""
    from newsfuse.scale.dedup import find_relations

    _, keys, fps = fingerprinted(corpus, tmp_path)
    want, want_counts = find_relations(keys, fps)
    seen: list[tuple[int, int]] = []
    cache = tmp_path / "verified" / "run.parquet"
    got, counts = find_relations(keys, fps, client=client, cache=cache, progress=lambda n, t: seen.append((n, t)))
    assert want and [r.to_dict() for r in got] == [r.to_dict() for r in want] and counts == want_counts
    assert seen and [n for n, _ in seen] == list(range(1, len(seen) + 1)) and {t for _, t in seen} == {len(seen)}
    for f in keys + fps:
        Path(f).unlink()
    again, again_counts = find_relations(keys, fps, client=client, cache=cache)
    assert [r.to_dict() for r in again] == [r.to_dict() for r in want] and again_counts == want_counts


def test_verification_killed_mid_way_verifies_only_the_blocks_left(client, corpus: Path, tmp_path: Path) -> None:
    """Each verified block is kept until the whole result is: a call killed after some
    blocks (at least one holding relations) shuffles again but takes those blocks' results from the kept files (shown by
    emptying one of them: its relations stay missing), and clears them once done."""
    import pandas as pd

    from newsfuse.scale.dedup import block_count, block_groups, find_relations

    _, keys, fps = fingerprinted(corpus, tmp_path)
    want, want_counts = find_relations(keys, fps)
    cache = tmp_path / "verified" / "run.parquet"

    def kept() -> dict[Path, pd.DataFrame]:
        return {f: pd.read_parquet(f) for f in sorted((tmp_path / "verified").glob("run-blocks-*/block-*.parquet"))}

    def kill_once_a_kept_block_holds_relations(n: int, total: int) -> None:
        # Two of the six blocks hold relations, so this comes before the last block.
        if any((f["a"] != "").any() for f in kept().values()):
            raise Stop

    with pytest.raises(Stop):
        find_relations(keys, fps, client=client, cache=cache, progress=kill_once_a_kept_block_holds_relations)
    frames = kept()
    assert not cache.exists() and 1 <= len(frames) < block_count(len(fps), block_groups(len(fps))) == 6
    emptied = max(frames, key=lambda f: len(frames[f]))
    lost = {(a, b) for a, b in zip(frames[emptied]["a"], frames[emptied]["b"], strict=True) if a}
    assert lost, "a kept block must hold relations for the test to show it is read back"
    frames[emptied][frames[emptied]["a"] == ""].to_parquet(emptied, index=False)  # the trailer stays
    got, counts = find_relations(keys, fps, client=client, cache=cache)
    assert [r.to_dict() for r in got] == [r.to_dict() for r in want if (r.a, r.b) not in lost]
    assert counts == want_counts and cache.exists() and not list((tmp_path / "verified").glob("run-blocks-*"))


def test_run_killed_after_verification_verifies_once(client, corpus: Path, tmp_path: Path) -> None:
    """A run killed in the stories stage keeps its copies verification: the rerun does
    not shuffle again, and the store still equals the local engine's."""
    from newsfuse.scale import run_dask

    work = tmp_path / "work"
    stages: list[str] = []

    def kill_in_stories(stage: str, done: int, total: int) -> None:
        stages.append(stage)
        if stage == "stories":
            raise Stop

    with Store(tmp_path / "dask.db") as store, pytest.raises(Stop):
        run_dask(store, [corpus], client=client, workdir=work, progress=kill_in_stories, target_bytes=4000)
    assert "verify" in stages and len(list((work / "verified").glob("*.parquet"))) == 1
    with Store(tmp_path / "dask.db") as store:
        res = run_dask(store, [corpus], client=client, workdir=work, target_bytes=4000)
        got = tables(store)
    assert res.reused["verify"] == 1 and res.counts["candidates"] > 0
    _, want = local_run(corpus, tmp_path / "local.db")
    assert_same(want, got)


def test_buckets_hold_consecutive_positions_in_order(client, tmp_path: Path) -> None:
    """The shuffle behind the stories' arrival order and the synthesis buckets."""
    import pandas as pd

    from newsfuse.scale.buckets import bucket_files, shrinking_divisions

    def divisions(n: int, size: int) -> list[int]:  # even buckets of ``size``
        return shrinking_divisions(n, 1, size, size, size)

    assert divisions(0, 64) == [] and divisions(1, 64) == [0, 0] and divisions(129, 64) == [0, 64, 128]
    assert divisions(130, 64) == [0, 64, 128, 129]
    # Buckets shrink towards the end (what remains over twice the workers), within the
    # cap and the floor, each starting at a multiple of the unit; they cover every position.
    for n, workers in [(10_000, 2), (10_000, 1), (1_000_000, 2), (100, 2), (1, 1)]:
        bounds = shrinking_divisions(n, workers, 2048, 64, 64)
        sizes = np.diff(bounds[:-1]).tolist()
        assert bounds[0] == 0 and bounds[-1] == n - 1 and all(b % 64 == 0 for b in bounds[:-1])
        assert sizes == sorted(sizes, reverse=True) and all(64 <= s <= 2048 for s in sizes)
    assert np.diff(shrinking_divisions(10_000, 2, 2048, 64, 64)).tolist()[:4] == [2048, 2048, 1536, 1152]
    assert np.diff(shrinking_divisions(10_000, 2, 2048, 64, 64)).tolist()[-3:] == [64, 64, 15]
    assert shrinking_divisions(28, 2, 2048, 64, 64) == [0, 27] and shrinking_divisions(0, 2, 9) == []
    assert shrinking_divisions(100, 2, 200, least=25) == [0, 25, 50, 75, 99]
    n = 129  # the last bucket takes the one position past two full buckets
    rng = np.random.default_rng(3)
    ids = [f"a{i:04d}" for i in range(n)]
    files = []
    for p, part in enumerate(np.array_split(rng.permutation(ids + ["unranked"]), 3)):
        files.append(str(tmp_path / f"in{p}.parquet"))
        pd.DataFrame({"id": part, "data": [f"<{i}>" for i in part], "other": 1}).to_parquet(files[-1])
    order = [str(i) for i in rng.permutation(ids)]
    positions = pd.DataFrame({"id": order, "rank": np.arange(n)})
    out = bucket_files(files, positions, "rank", divisions(n, 64), tmp_path / "b", columns=["id", "data"])
    frames = [pd.read_parquet(f) for f in out]
    assert [len(f) for f in frames] == [64, 65]
    assert [i for f in frames for i in f["id"]] == order  # in order; the unranked row is dropped
    assert frames[1].index.tolist() == list(range(64, n)) and list(frames[0].columns) == ["id", "data"]
    assert all(d == f"<{i}>" for f in frames for i, d in zip(f["id"], f["data"], strict=True))
    for f in files:  # a finished shuffle is reused, not done again
        Path(f).unlink()
    assert bucket_files(files, positions, "rank", divisions(n, 64), tmp_path / "b") == out


def test_placement_killed_mid_way_goes_on_from_its_last_save(tmp_path: Path) -> None:
    """Story placement (the Dask engine's one single-process stage) saves its clusterer
    between buckets; killed after any bucket, a rerun restores the last save, places only
    the buckets after it, and ends with the stories and placements of a run never killed."""
    import pandas as pd

    from newsfuse.scale.stories import place, prepare_bucket
    from newsfuse.stories import StoryClusterer
    from newsfuse.synthetic import generate

    generate(160, tmp_path / "corpus", seed=5)
    with Store(tmp_path / "local.db") as store:
        engine.ingest(store, [tmp_path / "corpus"])
        engine.process(store)
        articles, groups = store.articles(), store.copy_groups()
        want_stories = sorted((s.to_dict() for s in store.stories()), key=lambda s: s["id"])
    assert groups and len(want_stories) > 10

    def fresh() -> StoryClusterer:
        c = StoryClusterer()
        c.register_groups(groups)
        return c

    ordered = fresh().arrival_order(articles)
    files = []
    for n, start in enumerate(range(0, len(ordered), 12)):
        src = tmp_path / "order" / f"{n:03d}.parquet"
        src.parent.mkdir(exist_ok=True)
        pd.DataFrame({"data": [json.dumps(a.to_dict()) for a in ordered[start : start + 12]]}).to_parquet(src)
        c = fresh()
        files.append(prepare_bucket(str(src), c.model, c.dense, str(tmp_path / "prepared" / f"{n:03d}.pkl")))
    assert len(files) > 8

    def as_bucket(n: int, loaded: list[int], kill_at: int | None = None) -> Any:
        def wait() -> str:
            if n == kill_at:
                raise Stop
            loaded.append(n)
            return files[n]
        return wait

    def result(c: StoryClusterer) -> list[dict[str, Any]]:
        return sorted((s.to_dict() for s in c.stories()), key=lambda s: s["id"])

    whole, whole_placed, spared = place(fresh(), [as_bucket(n, []) for n in range(len(files))], lambda n: None)
    # The local engine's stories: placement fed bucket by bucket is the same placement.
    assert spared == 0 and result(whole) == want_stories
    for kill_at in (1, len(files) // 2, len(files) - 1):
        saves = tmp_path / f"saves-{kill_at}"
        with pytest.raises(Stop):
            place(fresh(), [as_bucket(n, [], kill_at) for n in range(len(files))], lambda n: None,
                  checkpoints=saves, every=0)
        assert [p.name for p in saves.iterdir()] == [f"after-{kill_at:06d}.pkl"]  # the last save only
        loaded: list[int] = []
        again, placed, spared = place(fresh(), [as_bucket(n, loaded) for n in range(len(files))],
                                      lambda n: None, checkpoints=saves, every=0)
        assert spared == kill_at and loaded == list(range(kill_at, len(files)))
        assert placed == whole_placed and result(again) == result(whole)
    # Once all is placed, the last save holds the consolidated clusterer: a rerun (killed
    # in a later stage) places nothing.
    assert [p.name for p in saves.iterdir()] == [f"after-{len(files):06d}-final.pkl"]
    loaded = []
    again, placed, spared = place(fresh(), [as_bucket(n, loaded) for n in range(len(files))],
                                  lambda n: None, checkpoints=saves, every=0)
    assert spared == len(files) and not loaded and placed == whole_placed and result(again) == result(whole)
