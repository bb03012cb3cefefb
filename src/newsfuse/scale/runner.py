"""``run_dask``: the whole pipeline on a Dask cluster, results loaded into the store.

Stage by stage (each a set of per-partition tasks whose outputs are Parquet/JSON files
in ``workdir``, written atomically and reused by a rerun):

read (``ingest.read_file``) -> the driver loads documents and rejections into the store
-> observe (template-memory counts per partition) -> the driver sums them -> extract
(with the summed memory, broadcast) -> fingerprint + LSH keys -> shuffle by key ->
candidate pairs -> verify (pairs shuffled by partition pair, or joined with their
fingerprints when there are many partitions) -> the driver groups copies
(same grouping code), clusters stories (the stories stage's online clusterer, in the
local engine's order, with the embeddings computed on the workers in the same batches)
-> synthesis, one task per batch of stories -> the store.

The store is written in the same order and with the same calls as the local engine.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsfuse.engine import INGEST_BATCH, MEMORY_KEY, IngestResult, ProgressFn, RunStats, _noop
from newsfuse.records import Article, CopyGroup, Document, Rejection, Story, Synthesis
from newsfuse.scale import kernels as K
from newsfuse.scale.partitions import Partition, digest, plan, write_parquet
from newsfuse.store import Store

SYNTH_BATCH = 25  # stories per synthesis task: big enough to amortise task overhead


@dataclass
class DaskRun(IngestResult):
    """What ``run_dask`` did: the ingest result plus stage timings and reuse counts."""

    stats: RunStats = field(default_factory=RunStats)
    partitions: int = 0
    reused: dict[str, int] = field(default_factory=dict)  # stage -> partitions reused from workdir
    counts: dict[str, Any] = field(default_factory=dict)  # shuffle sizes: candidates, blocks, method
    dashboard: str | None = None


@contextmanager
def dask_client(scheduler: str | None = None, workers: int = 2) -> Iterator[Any]:
    """A client of ``scheduler`` (an address), or of a new LocalCluster of
    ``workers`` single-threaded processes, closed on exit."""
    import logging

    from newsfuse.pipeline import require

    require("distributed", "scale", "the Dask engine")
    require("dask.dataframe", "scale", "the Dask engine")
    from distributed import Client, LocalCluster

    if scheduler:
        client = Client(scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    # One core per worker: the embedder must not start a thread per core in every worker
    # (workers would then fight over the cores, and 1 worker would not be 1 core).
    cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                           dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR,
                           env={"NEWSFUSE_EMBED_THREADS": "1"})
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def _stderr(msg: str) -> None:
    print(msg, file=sys.stderr)


def run_dask(store: Store, paths: Sequence[str | Path], scheduler: str | None = None, workers: int = 2,
             workdir: str | Path = "newsfuse-dask", progress: ProgressFn | None = None,
             on_reject: Callable[[Rejection], None] | None = None, log: Callable[[str], None] = _stderr,
             target_bytes: int | None = None, client: Any = None, until: str = "synth") -> DaskRun:
    """Ingest ``paths`` and run every stage on Dask; fills ``store`` like the local engine.

    ``scheduler``: address of a running ``dask scheduler`` (its workers must see
    ``workdir`` and the inputs at the same paths); None starts a LocalCluster of
    ``workers`` processes. ``client``: an existing ``distributed.Client`` to use instead.
    A rerun with the same ``workdir`` reuses every partition whose files did not change.
    ``until``: the last stage to run ("extract", "copies", "stories" or "synth").
    """
    if client is not None:
        return _Run(store, client, Path(workdir), progress or _noop, on_reject, log).run(paths, target_bytes, workers, until)
    with dask_client(scheduler, workers) as own:
        return _Run(store, own, Path(workdir), progress or _noop, on_reject, log).run(paths, target_bytes, workers, until)


class _Run:
    """One run's state; each method is one stage."""

    def __init__(self, store: Store, client: Any, workdir: Path, progress: ProgressFn,
                 on_reject: Callable[[Rejection], None] | None, log: Callable[[str], None]) -> None:
        self.store, self.client, self.workdir = store, client, workdir.absolute()
        self.progress, self.on_reject, self.log = progress, on_reject, log
        self.result = DaskRun(dashboard=getattr(client, "dashboard_link", None))

    def run(self, paths: Sequence[str | Path], target_bytes: int | None, workers: int, until: str) -> DaskRun:
        import importlib.util

        local = getattr(self.client, "cluster", None) is not None
        if local and importlib.util.find_spec("bokeh") is None:
            # A local scheduler serves no dashboard without bokeh: don't print a dead link.
            self.result.dashboard = None
            self.log("Dask dashboard: not served (pip install 'bokeh>=3.1' to get one)")
        elif self.result.dashboard:
            self.log(f"Dask dashboard: {self.result.dashboard}")
        try:  # a running cluster may have more (or fewer) workers than asked for
            workers = len(self.client.scheduler_info().get("workers", {})) or workers
        except Exception:  # noqa: BLE001 - sizing is a hint; never fail a run over it
            pass
        parts = plan(paths, workers=workers, target_bytes=target_bytes)
        self.result.partitions = len(parts)
        self.read(parts)
        owned = self.load_documents(parts)
        self.add_unextracted(parts, owned)
        article_files = self.extract(parts, owned)
        if until == "extract":
            return self.result
        articles, groups = self.copies(article_files)
        if until == "copies":
            return self.result
        stories = self.stories(articles, groups)
        if until != "stories":
            self.synthesize(stories, articles, groups)
        return self.result

    # -- helpers -----------------------------------------------------------------------------
    def _dir(self, part: Partition) -> Path:
        return self.workdir / "parts" / part.key

    def _gather(self, stage: str, futures: list[Any]) -> list[Any]:
        """Results in submission order, reporting progress as tasks finish."""
        from distributed import as_completed

        index = {f.key: n for n, f in enumerate(futures)}
        out: list[Any] = [None] * len(futures)
        for done, fut in enumerate(as_completed(futures), 1):
            out[index[fut.key]] = fut.result()
            self.progress(stage, done, len(futures))
        return out

    def _save(self, name: str, rows: list[dict[str, Any]]) -> None:
        """One result table as Parquet in ``workdir/results`` (records as JSON, with their keys)."""
        import pandas as pd

        write_parquet(pd.DataFrame(rows), self.workdir / "results" / f"{name}.parquet")

    def _stage(self, name: str, seen: int, made: int, start: float, unit_in: str, unit_out: str) -> None:
        self.result.stats.add(name, seen, made, time.perf_counter() - start, unit_in, unit_out)

    # -- stages ------------------------------------------------------------------------------
    def read(self, parts: list[Partition]) -> None:
        start = time.perf_counter()
        futures = [self.client.submit(K.read_partition, p.files, str(self._dir(p) / "docs.parquet"),
                                      str(self._dir(p) / "rejections.parquet"), key=f"read-{p.key}", pure=False)
                   for p in parts]
        fresh = self._gather("read", futures)
        self.result.reused["read"] = sum(1 for f in fresh if not f)
        self._stage("read", sum(len(p.files) for p in parts), len(parts), start, "files", "partitions")

    def load_documents(self, parts: list[Partition]) -> list[list[str]]:
        """Documents and rejections into the store, in reading order; each partition's
        share of the documents still to extract (a capture belongs to its first partition)."""
        start = time.perf_counter()
        res, seen = self.result, set()
        owned: list[list[str]] = []
        extracted = self.store.extracted_doc_ids()
        for n, p in enumerate(parts, 1):
            rejections = K.load_rejections(str(self._dir(p) / "rejections.parquet"))
            if rejections:
                self.store.add_rejections(rejections)
                res.rejected.extend(rejections)
                for r in rejections:
                    if self.on_reject:
                        self.on_reject(r)
            mine: list[str] = []
            batch: list[Document] = []
            for doc in K.load_documents(str(self._dir(p) / "docs.parquet"), decode=False):
                if doc.id in seen:
                    res.known.append(doc.id)
                    continue
                seen.add(doc.id)
                batch.append(doc)
                if doc.id not in extracted:
                    mine.append(doc.id)
                if len(batch) >= INGEST_BATCH:
                    self._flush(batch)
            self._flush(batch)
            owned.append(sorted(mine))
            self.progress("ingest", n, len(parts))
        self._stage("ingest", res.total, len(res.new), start, "captures", "new documents")
        return owned

    def add_unextracted(self, parts: list[Partition], owned: list[list[str]]) -> None:
        """Documents stored by earlier runs but never extracted (``ingest --no-process``)
        become one more partition, as the local engine extracts them too."""
        mine = {i for ids in owned for i in ids}
        rest = [i for i in self.store.document_ids() if i not in mine]
        extracted = self.store.extracted_doc_ids()
        rest = [i for i in rest if i not in extracted]
        if not rest:
            return
        import pandas as pd

        part = Partition(len(parts), key=f"store-{digest(rest)}")
        rows = []
        for d in self.store.documents(rest):
            row = {c: getattr(d, c) for c in K.DOC_COLUMNS}
            row["meta"] = json.dumps(d.meta)
            rows.append(row)
        write_parquet(pd.DataFrame(rows, columns=K.DOC_COLUMNS), self._dir(part) / "docs.parquet")
        parts.append(part)
        owned.append(sorted(rest))

    def _flush(self, batch: list[Document]) -> None:
        if batch:
            new = self.store.add_documents(batch)
            for d in batch:
                (self.result.new if d.id in new else self.result.known).append(d.id)
            batch.clear()

    def extract(self, parts: list[Partition], owned: list[list[str]]) -> list[str]:
        """Two passes over the partitions (count, then extract); the article files."""
        from newsfuse.extract import TemplateMemory
        from newsfuse.scale.adapters import broadcast_memory, merge_memories

        start = time.perf_counter()
        work = [(p, ids, digest(ids)) for p, ids in zip(parts, owned, strict=True) if ids]
        obs = [self.client.submit(K.observe_partition, str(self._dir(p) / "docs.parquet"), ids,
                                  str(self._dir(p) / f"memory-{h}.json"), key=f"observe-{p.key}-{h}", pure=False)
               for p, ids, h in work]
        base_raw = self.store.get_state(MEMORY_KEY)
        memory = TemplateMemory.from_dict(json.loads(base_raw)) if base_raw else TemplateMemory()
        memory = merge_memories(memory, (json.loads(Path(f).read_text()) for f in self._gather("observe", obs)))
        # The merged memory is a function of the base memory and what each partition saw.
        mem_key = digest(hashlib.sha1(base_raw or b"").hexdigest(), [(p.key, h) for p, _, h in work])
        shared = self.client.scatter(broadcast_memory(memory), broadcast=True, hash=False)
        outs = [str(self._dir(p) / f"articles-{mem_key}.parquet") for p, _, _ in work]
        self.result.reused["extract"] = sum(1 for o in outs if Path(o).exists())
        futs = [self.client.submit(K.extract_partition, str(self._dir(p) / "docs.parquet"), ids, shared, out,
                                   key=f"extract-{p.key}-{mem_key}", pure=False)
                for (p, ids, _), out in zip(work, outs, strict=True)]
        files = self._gather("extract", futs)
        prior = [a for a in self.store.articles()]  # articles of earlier runs (before this run's)
        new = [a for f in files for a in K.load_articles(f)]
        self.store.set_state(MEMORY_KEY, json.dumps(memory.to_dict()).encode())
        self.store.put_articles(new)
        if prior:
            # Earlier runs' articles take part in copies and stories, as in the local engine.
            files.append(K.write_articles(prior, str(self.workdir / f"prior-{digest([a.id for a in prior])}.parquet")))
        self._stage("extract", sum(len(ids) for ids in owned), len(new), start, "documents", "articles")
        return files

    def copies(self, article_files: list[str]) -> tuple[list[Article], list[CopyGroup]]:
        from newsfuse.scale.adapters import group_copies
        from newsfuse.scale.dedup import find_relations

        start = time.perf_counter()
        fdir = self.workdir / "fingerprints"
        # Named after the article file (its partition and memory key): new articles, new name.
        stems = [f"{Path(f).parent.name}-{Path(f).stem}" for f in article_files]
        fp_paths = [str(fdir / f"{s}-fp.parquet") for s in stems]
        key_paths = [str(fdir / f"{s}-keys.parquet") for s in stems]
        self.result.reused["fingerprint"] = sum(1 for f in fp_paths if Path(f).exists())
        futs = [self.client.submit(K.fingerprint_partition, a, n, fp, kp, key=f"fp-{s}", pure=False)
                for n, (a, fp, kp, s) in enumerate(zip(article_files, fp_paths, key_paths, stems, strict=True))]
        self._gather("fingerprint", futs)
        lap = {"fingerprint_s": time.perf_counter() - start}
        relations, counts = find_relations(key_paths, fp_paths)
        self.result.counts.update(counts)
        lap["shuffle_verify_s"] = time.perf_counter() - start - sum(lap.values())
        metas = [m for f in fp_paths for m in K.load_metas(f)]
        articles = sorted({a.id: a for f in article_files for a in K.load_articles(f)}.values(), key=lambda a: a.id)
        result = group_copies(metas, relations, articles)
        lap["group_s"] = time.perf_counter() - start - sum(lap.values())
        self.store.replace_copies(result.relations, result.groups)
        self.store.put_articles(articles)
        lap["store_s"] = time.perf_counter() - start - sum(lap.values())
        self.result.counts.update({k: round(v, 2) for k, v in lap.items()})
        self._save("articles", [{"id": a.id, "data": json.dumps(a.to_dict())} for a in articles])
        self._save("relations", [{"a": r.a, "b": r.b, "data": json.dumps(r.to_dict())} for r in result.relations])
        self._save("copy_groups", [{"original": g.original, "data": json.dumps(g.to_dict())} for g in result.groups])
        self._stage("copies", len(articles), len(result.relations), start, "articles", "relations")
        return articles, result.groups

    def stories(self, articles: list[Article], groups: list[CopyGroup]) -> list[Story]:
        """The stories stage's online clusterer on the driver (its result depends on the
        order of arrival), fed with embeddings computed on the workers."""
        from newsfuse.engine import _now
        from newsfuse.scale.stories import cluster_prefetched

        start = time.perf_counter()

        def embed_batches(texts: list[list[str]], model: str) -> list[Any]:
            futs = [self.client.submit(K.embed_chunk, t, model, pure=False) for t in texts]
            return self._gather("embed", futs)

        stories = cluster_prefetched(articles, groups, embed_batches)
        self.store.replace_stories(stories, updated_at=_now())
        self._save("stories", [{"id": s.id, "data": json.dumps(s.to_dict())} for s in stories])
        self._stage("stories", len(articles), len(stories), start, "articles", "stories")
        return stories

    def synthesize(self, stories: list[Story], articles: list[Article], groups: list[CopyGroup]) -> list[Synthesis]:
        """As ``engine.synthesize_stories``, with the changed stories synthesized on the workers."""
        from newsfuse.engine import _fingerprint, _groups_for

        start = time.perf_counter()
        by_id = {a.id: a for a in articles}
        group_of = {m: g for g in groups for m in g.members}
        old = {s.story_id: s for s in self.store.syntheses()}
        prints = json.loads(self.store.get_state("synth.fingerprints") or b"{}")
        out: dict[str, Synthesis] = {}
        todo: list[tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]] = []
        new_prints: dict[str, str] = {}
        for story in stories:
            members = [by_id[a] for a in story.articles if a in by_id]
            story_groups = _groups_for(members, group_of)
            key = _fingerprint(members, story_groups)
            new_prints[story.id] = key
            if story.id in old and prints.get(story.id) == key:
                out[story.id] = old[story.id]
            else:
                todo.append((story.to_dict(), [a.to_dict() for a in members], [g.to_dict() for g in story_groups]))
        batches = [todo[i : i + SYNTH_BATCH] for i in range(0, len(todo), SYNTH_BATCH)]
        futs = [self.client.submit(K.synth_batch, b, pure=False) for b in batches]
        for done in self._gather("synth", futs):
            for data in done:
                syn = Synthesis.from_dict(data)
                out[syn.story_id] = syn
        ordered = [out[s.id] for s in stories]
        self.store.replace_syntheses(ordered)
        self._save("syntheses", [{"story_id": s.story_id, "data": json.dumps(s.to_dict())} for s in ordered])
        self.store.set_state("synth.fingerprints", json.dumps(new_prints).encode())
        self._stage("synth", len(stories), len(todo), start, "stories", "new syntheses")
        return ordered

