"""``run_dask``: the whole pipeline on a Dask cluster, results loaded into the store.

Stage by stage (each a set of per-partition tasks whose outputs are Parquet/JSON files
in ``workdir``, written atomically and reused by a rerun):

read (``ingest.read_file``) -> the driver loads documents and rejections into the store
-> observe (template-memory counts per partition) -> the driver sums them -> extract
(with the summed memory, broadcast) -> fingerprint + LSH keys -> shuffle by key ->
candidate pairs -> verify (pairs shuffled into blocks of two groups of partitions,
each task reading those groups' fingerprint files) -> the driver groups copies (same
grouping code, over each article's grouping metadata only) -> the verdicts are set on
the articles per partition -> a shuffle into arrival order -> text profiles and
vectors per bucket on the workers, placed by the stories stage's online clusterer on
the driver, bucket after bucket -> a shuffle of each story's members together ->
synthesis, one task per bucket of stories -> the store.

The driver never holds every article: the stages hand it files, a partition or a
bucket at a time. The store ends up as the local engine leaves it.
"""

from __future__ import annotations

import hashlib
import json
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from newsfuse.engine import INGEST_BATCH, MEMORY_KEY, IngestResult, ProgressFn, RunStats, _noop
from newsfuse.records import CopyGroup, Document, Rejection, Story
from newsfuse.scale import kernels as K
from newsfuse.scale.cluster import dask_client
from newsfuse.scale.partitions import (
    FORMAT_VERSION,
    ParquetSink,
    Partition,
    digest,
    plan,
    write_parquet,
)
from newsfuse.scale.stories import Dated
from newsfuse.store import Store

PRIOR_FILE = 20_000  # earlier runs' articles per file, read from the store


@dataclass
class DaskRun(IngestResult):
    """What ``run_dask`` did: the ingest result plus stage timings and reuse counts."""

    stats: RunStats = field(default_factory=RunStats)
    partitions: int = 0
    reused: dict[str, int] = field(default_factory=dict)  # stage -> partitions reused from workdir
    counts: dict[str, Any] = field(default_factory=dict)  # shuffle sizes: candidates, blocks, method
    dashboard: str | None = None


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
        self.workers = 1

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
        self.workers = workers
        parts = plan(paths, workers=workers, target_bytes=target_bytes)
        self.result.partitions = len(parts)
        self.read(parts)
        owned = self.load_documents(parts)
        self.add_unextracted(parts, owned)
        article_files = self.extract(parts, owned, keep=until == "extract")
        if until == "extract":
            return self.result
        copied, groups, dated = self.copies(article_files)
        if until == "copies":
            return self.result
        stories = self.stories(copied, groups, dated)
        if until != "stories":
            self.synthesize(stories, copied, groups)
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
        write_parquet(pd.DataFrame(rows), self._result(name))

    def _result(self, name: str) -> Path:
        return self.workdir / "results" / f"{name}.parquet"

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
        part = Partition(len(parts), key=f"store-{digest(FORMAT_VERSION, rest)}")
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

    def extract(self, parts: list[Partition], owned: list[list[str]], keep: bool) -> list[str]:
        """Two passes over the partitions (count, then extract); the article files.
        ``keep``: write the articles to the store now (the copies stage writes them
        otherwise, with its verdicts set)."""
        from newsfuse.extract import TemplateMemory
        from newsfuse.scale.adapters import broadcast_memory, merge_memories

        start = time.perf_counter()
        work = [(p, ids) for p, ids in zip(parts, owned, strict=True) if ids]
        base_raw = self.store.get_state(MEMORY_KEY)
        memory = TemplateMemory.from_dict(json.loads(base_raw)) if base_raw else TemplateMemory()
        # Captures the stored memory counted already (a run killed after saving it) are not
        # counted twice, as the local engine's memory observes a capture once.
        fresh = [(p, new, digest(new)) for p, ids in work if (new := [i for i in ids if i not in memory.seen])]
        obs = [self.client.submit(K.observe_partition, str(self._dir(p) / "docs.parquet"), new,
                                  str(self._dir(p) / f"memory-{h}.json"), key=f"observe-{p.key}-{h}", pure=False)
               for p, new, h in fresh]
        memory = merge_memories(memory, (json.loads(Path(f).read_text()) for f in self._gather("observe", obs)))
        state = json.dumps(memory.to_dict()).encode()
        self.store.set_state(MEMORY_KEY, state)
        # Articles are a function of the memory they are extracted with, whichever run counted it.
        mem_key = digest(hashlib.sha1(state).hexdigest())
        shared = self.client.scatter(broadcast_memory(memory), broadcast=True, hash=False)
        outs = [str(self._dir(p) / f"articles-{digest(mem_key, ids)}.parquet") for p, ids in work]
        self.result.reused["extract"] = sum(1 for o in outs if Path(o).exists())
        futs = [self.client.submit(K.extract_partition, str(self._dir(p) / "docs.parquet"), ids, shared, out,
                                   key=f"extract-{p.key}-{Path(out).stem}", pure=False)
                for (p, ids), out in zip(work, outs, strict=True)]
        files = self._gather("extract", futs)
        prior = sorted(self.store.article_ids())  # articles of earlier runs (before this run's)
        made = sum(_rows(f) for f in files)
        if keep:
            for f in files:
                self.store.put_article_rows(K.article_rows(f))
        # Earlier runs' articles take part in copies and stories, as in the local engine.
        pdir = self.workdir / f"prior-{digest(FORMAT_VERSION, prior)}"
        for n in range(0, len(prior), PRIOR_FILE):
            name = pdir / f"{n // PRIOR_FILE:06d}.parquet"
            if not name.exists():
                K.write_articles(self.store.articles(prior[n : n + PRIOR_FILE], labels=False), str(name))
            files.append(str(name))
        self._stage("extract", sum(len(ids) for ids in owned), made, start, "documents", "articles")
        return files

    def copies(self, article_files: list[str]) -> tuple[list[str], list[CopyGroup], list[Dated]]:
        """Relations and copy groups; the article files with the verdicts set (and in the
        store), and every article's dates (for the stories' order)."""
        from newsfuse.scale.adapters import assignments
        from newsfuse.scale.dedup import find_relations, grouping_inputs

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
        ids_of, metas, content = grouping_inputs(fp_paths)
        lap["group_s"] = time.perf_counter() - start - sum(lap.values())  # reading what grouping needs
        verified = self.workdir / "verified" / f"{digest(FORMAT_VERSION, content)}.parquet"
        self.result.reused["verify"] = int(verified.exists())
        relations, counts = find_relations(key_paths, fp_paths, client=self.client, cache=verified,
                                           progress=lambda n, total: self.progress("verify", n, total))
        self.result.counts.update(counts)
        lap["shuffle_verify_s"] = time.perf_counter() - start - sum(lap.values())
        result, assign = assignments(metas, relations)
        del metas
        lap["group_s"] += time.perf_counter() - start - sum(lap.values())
        # The verdicts are a function of every article file and the relations.
        key = digest(stems, [r.to_dict() for r in result.relations])
        outs = [str(self.workdir / "copied" / f"{s}-{key}.parquet") for s in stems]
        futs = [self.client.submit(K.apply_copies_partition, a, {i: assign[i] for i in ids if i in assign}, out,
                                   key=f"copied-{s}-{key}", pure=False)
                for a, ids, out, s in zip(article_files, ids_of, outs, stems, strict=True)]
        del assign
        copied = self._gather("verdicts", futs)
        self.store.replace_copies(result.relations, result.groups)
        dated: list[Dated] = []
        with ParquetSink(self._result("articles"), {c: pa.string() for c in ("id", "data", "labels")}) as sink:
            for n, f in enumerate(copied, 1):
                rows = K.article_rows(f)  # pyarrow: a missing date stays None (pandas may make it NaN)
                dated.extend(Dated(r["id"], r["trusted_date"], r["published"]) for r in rows)
                self.store.put_article_rows(rows)  # earlier runs' articles: no labels, theirs stay
                sink.write({c: [r.get(c) for r in rows] for c in ("id", "data", "labels")})
                self.progress("store", n, len(copied))
        lap["store_s"] = time.perf_counter() - start - sum(lap.values())
        self.result.counts.update({k: round(v, 2) for k, v in lap.items()})
        self._save("relations", [{"a": r.a, "b": r.b, "data": json.dumps(r.to_dict())} for r in result.relations])
        self._save("copy_groups", [{"original": g.original, "data": json.dumps(g.to_dict())} for g in result.groups])
        self._stage("copies", len(dated), len(result.relations), start, "articles", "relations")
        return copied, result.groups, dated

    def stories(self, copied: list[str], groups: list[CopyGroup], dated: list[Dated]) -> list[Story]:
        """Placement on the driver, in the local engine's order; the articles reach it a
        bucket at a time, prepared by the workers (``scale.stories``)."""
        from newsfuse.engine import _now
        from newsfuse.scale.buckets import bucket_files, content_key, shrinking_divisions
        from newsfuse.scale.stories import ORDER_BUCKET, arrival_ranks, place, prepare_bucket
        from newsfuse.stories import StoryClusterer
        from newsfuse.stories.clusterer import EMBED_BATCH

        start = time.perf_counter()
        ranks = arrival_ranks(dated, groups)
        del dated
        bounds = shrinking_divisions(len(ranks), self.workers, ORDER_BUCKET, EMBED_BATCH, EMBED_BATCH)
        key = content_key(copied, ranks, bounds)
        buckets = bucket_files(copied, ranks, "rank", bounds,
                               self.workdir / "stories" / f"order-{key}", columns=["id", "data"])
        del ranks
        clusterer = StoryClusterer()
        clusterer.register_groups(groups)
        pdir = self.workdir / "stories" / f"prepared-{key}-{clusterer.model}-{int(clusterer.dense)}"
        futs = [self.client.submit(prepare_bucket, str(b), clusterer.model, clusterer.dense,
                                   str(pdir / f"{b.stem}.pkl"), key=f"prepare-{key}-{b.stem}", pure=False)
                for b in buckets]
        clusterer, placed, spared = place(clusterer, [f.result for f in futs],
                                          lambda n: self.progress("stories", n, len(futs)),
                                          checkpoints=self.workdir / "stories" / f"placed-{pdir.name}")
        self.result.reused["stories"] = spared
        # Only the members of a story to split are read: the driver never holds every article.
        clusterer.regroup_copies(groups, lambda ids: self.store.articles(ids, labels=False))
        stories = clusterer.stories()
        self.store.replace_stories(stories, updated_at=_now())
        self._save("stories", [{"id": s.id, "data": json.dumps(s.to_dict())} for s in stories])
        self._stage("stories", len(placed), len(stories), start, "articles", "stories")
        return stories

    def synthesize(self, stories: list[Story], copied: list[str], groups: list[CopyGroup]) -> None:
        """As ``engine.synthesize_stories``: a worker task per bucket of stories
        (``scale.synth``); the driver streams the new syntheses into the store."""
        from newsfuse.scale.buckets import bucket_files, content_key, shrinking_divisions
        from newsfuse.scale.synth import SYNTH_BUCKET, groups_of, member_positions, synth_bucket

        start = time.perf_counter()
        stored = self.store.synthesis_ids()
        prints = json.loads(self.store.get_state("synth.fingerprints") or b"{}")
        prints = {k: v for k, v in prints.items() if k in stored}
        members = member_positions(stories)
        bounds = shrinking_divisions(len(stories), self.workers, SYNTH_BUCKET, least=SYNTH_BUCKET // 8)
        key = content_key(copied, members, bounds)
        found = {b.name: b for b in bucket_files(copied, members, "sidx", bounds,
                                                  self.workdir / "synth" / f"members-{key}", columns=["id", "data"])}
        del members
        group_of = {m: g for g in groups for m in g.members}
        sdir = self.workdir / "synth" / f"out-{key}-{digest(prints)}"
        futs = []
        for n in range(max(len(bounds) - 1, 0)):
            chunk = stories[bounds[n] : bounds[n + 1]] if n < len(bounds) - 2 else stories[bounds[n] :]
            path = found.get(f"bucket-{n:06d}.parquet")
            futs.append(self.client.submit(
                synth_bucket, None if path is None else str(path), [s.to_dict() for s in chunk],
                {s.id: prints[s.id] for s in chunk if s.id in prints}, groups_of(chunk, group_of),
                str(sdir / f"{n:06d}.parquet"), key=f"synth-{key}-{n}", pure=False))
        new_prints: dict[str, str] = {}

        def fresh() -> Iterator[tuple[str, str]]:
            with ParquetSink(self._result("syntheses"), {"story_id": pa.string(), "data": pa.string()}) as sink:
                for n, fut in enumerate(futs, 1):
                    frame = pd.read_parquet(fut.result())
                    new_prints.update(zip(frame["story_id"], frame["print"], strict=True))
                    reuse = frame["data"] == ""
                    yield from zip(frame.loc[~reuse, "story_id"], frame.loc[~reuse, "data"], strict=True)
                    old = self.store.synthesis_data(frame.loc[reuse, "story_id"])
                    sink.write({"story_id": frame["story_id"].tolist(),
                                "data": [d or old[i] for i, d in zip(frame["story_id"], frame["data"], strict=True)]})
                    self.progress("synth", n, len(futs))

        written = self.store.update_synthesis_data(fresh(), live=[s.id for s in stories])
        self.store.set_state("synth.fingerprints", json.dumps(new_prints).encode())
        self._stage("synth", len(stories), written, start, "stories", "new syntheses")


def _rows(path: str) -> int:
    return pq.ParquetFile(path).metadata.num_rows
