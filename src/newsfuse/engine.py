"""The local engine: runs the stages in order over the store.

ingest -> extract -> copies -> stories -> synth. Each stage reads what the store
holds and writes its results in one transaction, so a killed run leaves the store
consistent and running again completes it. The Dask engine (``newsfuse.scale``)
calls the same stage functions per partition.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import parallel
from .records import Article, CopyGroup, Document, Rejection, Story
from .store import Store

if TYPE_CHECKING:
    from .extract.memory import Observation

# (stage, done, total): total 0 when unknown.
ProgressFn = Callable[[str, int, int], None]
INGEST_BATCH = 200
MEMORY_KEY = "extract.template_memory"


def _noop(stage: str, done: int, total: int) -> None:
    return None


@dataclass
class IngestResult:
    """What one ingest run did."""

    new: list[str] = field(default_factory=list)
    known: list[str] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)

    @property
    def doc_ids(self) -> list[str]:
        return self.new + self.known

    @property
    def total(self) -> int:
        return len(self.new) + len(self.known) + len(self.rejected)

    def summary(self) -> str:
        line = f"{self.total} captures: {len(self.new)} new, {len(self.known)} already known, {len(self.rejected)} rejected"
        if self.rejected:
            line += " (see `newsfuse errors`)"
        return line


@dataclass
class StageStats:
    """What one stage took in and gave out, and how long it took."""

    name: str
    seen: int
    made: int
    unit_in: str
    unit_out: str
    seconds: float

    def __str__(self) -> str:
        rate = f", {self.seen / self.seconds:.0f} {self.unit_in}/s" if self.seconds > 0 and self.seen else ""
        return f"{self.name}: {self.seen} {self.unit_in} -> {self.made} {self.unit_out} in {self.seconds:.2f}s{rate}"


@dataclass
class RunStats:
    steps: list[StageStats] = field(default_factory=list)

    def add(self, name: str, seen: int, made: int, seconds: float, unit_in: str = "in", unit_out: str = "out") -> None:
        self.steps.append(StageStats(name, seen, made, unit_in, unit_out, seconds))


def ingest(store: Store, paths: Iterable[str | os.PathLike[str]], progress: ProgressFn = _noop,
           on_reject: Callable[[Rejection], None] | None = None, total: int = 0) -> IngestResult:
    """Read every capture under ``paths`` into the store, in committed batches."""
    from .ingest import read_paths

    result = IngestResult()
    batch: list[Document] = []
    seen_in_run: set[str] = set()

    def flush() -> None:
        if not batch:
            return
        new = store.add_documents(batch)
        for d in batch:
            (result.new if d.id in new else result.known).append(d.id)
        batch.clear()

    done = 0
    for item in read_paths(paths):
        if isinstance(item, Rejection):
            result.rejected.append(item)
            store.add_rejections([item])
            if on_reject:
                on_reject(item)
        elif item.id in seen_in_run:
            result.known.append(item.id)
        else:
            seen_in_run.add(item.id)
            batch.append(item)
            if len(batch) >= INGEST_BATCH:
                flush()
        done += 1
        progress("ingest", done, total)
    flush()
    return result


def extract_new(store: Store, progress: ProgressFn = _noop, stats: RunStats | None = None) -> int:
    """Extract every stored document that has no article yet (template memory first);
    returns how many articles were made."""
    from .extract import TemplateMemory

    done_docs = store.extracted_doc_ids()
    todo = [i for i in store.document_ids() if i not in done_docs]
    if not todo:
        return 0
    raw_memory = store.get_state(MEMORY_KEY)
    memory = TemplateMemory.from_dict(json.loads(raw_memory)) if raw_memory else TemplateMemory()
    start = time.perf_counter()
    rows: list[dict[str, Any]] = []
    docs = list(store.documents(todo))
    for doc in docs:
        doc.raw = b""  # extraction reads the decoded text: the bytes need not go to the workers
    # Two passes, as the Extract step does: the memory must have seen every page of an
    # outlet before any of them is cut, and it is read-only while pages are extracted.
    fresh = [d for d in docs if d.id not in memory.seen]
    for obs in parallel.map_ordered(_observe_one, fresh, chunksize=32):
        memory.absorb(obs)
    # The workers hand back store rows: encoding there spares this process decoding and
    # re-encoding every article (its line labels are most of its bytes).
    for n, row in enumerate(parallel.map_ordered(_extract_one, docs, shared=memory), 1):
        rows.append(row)
        progress("extract", n, len(docs))
    # One transaction: the memory must not count these documents unless their articles
    # are stored too, or a run killed in between would count them twice on its rerun.
    store.put_article_rows(rows, states={MEMORY_KEY: json.dumps(memory.to_dict()).encode()})
    if stats is not None:
        stats.add("extract", len(docs), len(rows), time.perf_counter() - start, "documents", "articles")
    return len(rows)


def _observe_one(doc: Document) -> Observation:
    from .extract.memory import observation

    return observation(doc)


def _extract_one(doc: Document) -> dict[str, Any]:
    from .extract import extract
    from .store import codec

    return codec.encode(extract(doc, parallel.shared()))


COPIES_KEY = "copies.index"
STORIES_KEY = "stories.clusterer"


def link_copies(store: Store, stats: RunStats | None = None) -> tuple[list[Article], list[CopyGroup]]:
    """Index new articles in the persisted copy index; update relations, groups, articles.

    Only new articles are fingerprinted and compared (to the index, never all pairs);
    the groups are then re-derived over everything, since a newcomer can be the
    original of an old article. Only the articles whose copy fields changed are
    written back, and only the new part of the index state (``_copy_index_states``),
    in one transaction.
    """
    # Without line labels: no later stage reads them, and the write below keeps them.
    articles = store.articles(labels=False)
    start = time.perf_counter()
    index, parts = _load_copy_index(store)
    before, rels_before = len(index), len(index.rels)
    index.add(sorted(articles, key=lambda a: a.id), sketch=parallel_sketch)
    old = [_copy_fields(a) for a in articles]
    result = index.apply(articles)
    changed = [a for a, was in zip(articles, old, strict=True) if _copy_fields(a) != was]
    states = _copy_index_states(index, before, rels_before, parts) if len(index) != before else {}
    if changed or states:
        store.put_articles(changed, states=states, labels=False)
    store.replace_copies(result.relations, result.groups)
    if stats is not None:
        stats.add("copies", len(index) - before, len(result.relations), time.perf_counter() - start,
                  "new articles", "relations")
    return articles, result.groups


SKETCH_CHUNK = 250  # articles a worker sketches per task


def parallel_sketch(articles: list[Article]) -> list[Any]:
    """``copies.kernels.sketch_many`` on every core, in order (the same sketches)."""
    from .copies.kernels import sketch_many

    chunks = [articles[i : i + SKETCH_CHUNK] for i in range(0, len(articles), SKETCH_CHUNK)]
    # Below ~8 chunks, starting the workers costs more than they save.
    return [s for part in parallel.map_ordered(sketch_many, chunks, min_items=8, chunksize=1) for s in part]


COPIES_MAX_PARTS = 32  # beyond this many parts, the whole index is saved again as one state


def _copies_part_key(n: int) -> str:
    return f"{COPIES_KEY}.part{n}"


def _load_copy_index(store: Store) -> tuple[Any, int]:
    """The persisted copy index (a ``CopyIndex``) and how many parts were loaded: the
    state under ``COPIES_KEY`` plus the parts saved after it (``COPIES_KEY.part1``, ...)
    up to the first missing, empty or foreign one. A state that cannot be read gives a
    new index (it is rebuilt from the articles)."""
    from .copies import CopyIndex

    raw = store.get_state(COPIES_KEY)
    if not raw:
        return CopyIndex(), 0
    try:
        index = CopyIndex.from_state(raw)
    except ValueError:
        return CopyIndex(), 0
    del raw
    n = 0
    while part := store.get_state(_copies_part_key(n + 1)):
        try:
            index.extend_state(part)
        except ValueError:
            break  # a part of an earlier lineage: the state was saved whole since
        n += 1
    return index, n


def _copy_index_states(index: Any, before: int, rels_before: int, parts: int) -> dict[str, bytes]:
    """What to write: a new part holding only what this run added, or, for a new index
    or after ``COPIES_MAX_PARTS`` parts, the whole index (later parts of the old
    lineage are then ignored on load and overwritten in time)."""
    if before == 0 or parts >= COPIES_MAX_PARTS:
        import uuid

        index.lineage = uuid.uuid4().hex  # the parts saved so far extend nothing any more
        return {COPIES_KEY: index.to_state()}
    return {_copies_part_key(parts + 1): index.state_since(before, rels_before)}


def _copy_fields(article: Article) -> tuple[Any, ...]:
    """What the copies stage sets on an article (to write back only what changed)."""
    return (article.original, article.copy_of, article.trusted_date, tuple(article.flags),
            tuple(sorted(article.flag_reasons.items())))


def _load_state(store: Store, key: str, cls: Any) -> Any:
    """``cls.from_state`` of the state stored under ``key``, or a new ``cls()`` when there
    is none or it was made by another version (it is then rebuilt from the articles)."""
    raw = store.get_state(key)
    if raw:
        try:
            return cls.from_state(raw)
        except (ValueError, KeyError):
            pass
    return cls()


def load_clusterer(store: Store):  # noqa: ANN201 - newsfuse.stories.StoryClusterer
    """The store's clusterer; a new one when the stories model changed since it was
    saved (its vectors and scorer belong to the old model: the stories are rebuilt
    from the articles, keeping the ids of stories whose founder is unchanged)."""
    from .stories import StoryClusterer
    from .stories.dense import default_model

    clusterer = _load_state(store, STORIES_KEY, StoryClusterer)
    return clusterer if clusterer.model == default_model() else StoryClusterer()


def group_stories(store: Store, articles: list[Article], groups: list[CopyGroup],
                  stats: RunStats | None = None) -> list[Story]:
    """Place new articles into stories online (the clusterer's state persists in the store).

    New articles are added in (date, id) order, so one run over a corpus gives the
    same stories as the batch ``cluster`` over it.
    """
    start = time.perf_counter()
    clusterer = load_clusterer(store)
    clusterer.register_groups(groups)
    new = clusterer.arrival_order(a for a in articles if a.id not in clusterer.story_of)
    clusterer.add_many(new)
    clusterer.regroup_copies(groups, articles)
    stories = clusterer.stories()
    store.set_state(STORIES_KEY, clusterer.to_state())
    store.replace_stories(stories, updated_at=_now())
    if stats is not None:
        stats.add("stories", len(new), len(stories), time.perf_counter() - start, "new articles", "stories")
    return stories


def synthesize_stories(store: Store, stories: Sequence[Story], articles: list[Article],
                       groups: list[CopyGroup], progress: ProgressFn = _noop,
                       stats: RunStats | None = None) -> int:
    """Synthesize every story whose inputs changed since its last synthesis (on every
    core when there are many: see ``newsfuse.parallel``); returns how many were made."""
    by_id = {a.id: a for a in articles}
    group_of = {m: g for g in groups for m in g.members}
    # Syntheses stay in their stored JSON form here: the workers encode the new ones,
    # and the ones that still hold are written back as they were read.
    old = store.synthesis_data()
    fingerprints = json.loads(store.get_state("synth.fingerprints") or b"{}")
    start = time.perf_counter()
    fresh = 0
    new_prints: dict[str, str] = {}
    todo: list[tuple[Story, list[Article], list[CopyGroup]]] = []
    for story in stories:
        members = [by_id[a] for a in story.articles if a in by_id]
        story_groups = _groups_for(members, group_of)
        key = _fingerprint(members, story_groups)
        new_prints[story.id] = key
        if story.id not in old or fingerprints.get(story.id) != key:
            todo.append((story, members, story_groups))
    done = len(stories) - len(todo)
    progress("synth", done, len(stories))
    made: dict[str, str] = {}
    for (story, _, _), data in zip(todo, parallel.map_ordered(_synthesize_one, todo, min_items=64, chunksize=4),
                                   strict=True):
        made[story.id] = data
        fresh += 1
        progress("synth", done + fresh, len(stories))
    store.replace_synthesis_data([(s.id, made.get(s.id) or old[s.id]) for s in stories])
    store.set_state("synth.fingerprints", json.dumps(new_prints).encode())
    if stats is not None:
        stats.add("synth", len(stories), fresh, time.perf_counter() - start, "stories", "new syntheses")
    return fresh


def _synthesize_one(job: tuple[Story, list[Article], list[CopyGroup]]) -> str:
    """A story's synthesis, encoded as the store keeps it."""
    from .synth import synthesize

    return json.dumps(synthesize(*job).to_dict())


def _groups_for(members: list[Article], group_of: dict[str, CopyGroup]) -> list[CopyGroup]:
    ids = {a.id for a in members}
    seen: dict[str, CopyGroup] = {}
    for a in members:
        g = group_of.get(a.id)
        if g is None:
            g = CopyGroup(original=a.id, members=[a.id], trusted_date=a.trusted_date)
        # Only the members inside this story matter for its synthesis.
        seen.setdefault(g.original, CopyGroup(original=g.original if g.original in ids else a.id,
                                              members=[m for m in g.members if m in ids],
                                              trusted_date=g.trusted_date))
    return list(seen.values())


def _fingerprint(members: list[Article], groups: list[CopyGroup]) -> str:
    import hashlib

    h = hashlib.sha1()
    for a in sorted(members, key=lambda a: a.id):
        h.update(f"{a.id}|{a.trusted_date}|{a.original}|{len(a.body)}\n".encode())
    for g in sorted(groups, key=lambda g: g.original):
        h.update(f"{g.original}:{','.join(sorted(g.members))}\n".encode())
    return h.hexdigest()


PROCESSED_KEY = "engine.processed"


def process(store: Store, progress: ProgressFn = _noop, force: bool = False) -> RunStats:
    """Run every stage after ingest over the store's contents.

    When the articles are exactly those the last complete run processed, copies, stories
    and syntheses are already in the store and are not computed again. The marker is
    written last, so a run killed before the end redoes the later stages next time.
    """
    stats = RunStats()
    extract_new(store, progress, stats)
    marker = _articles_marker(store)
    if not force and store.get_state(PROCESSED_KEY) == marker:
        return stats
    articles, groups = link_copies(store, stats)
    stories = group_stories(store, articles, groups, stats)
    synthesize_stories(store, stories, articles, groups, progress, stats)
    store.set_state(PROCESSED_KEY, marker)
    return stats


def _articles_marker(store: Store) -> bytes:
    """What the later stages were last run on: the articles and the stories model
    (switching model must regroup even when no article is new)."""
    import hashlib

    from .stories.dense import DEFAULT, default_model

    h = hashlib.sha256()
    for article_id in sorted(store.article_ids()):
        h.update(article_id.encode())
    model = default_model()
    # The default model leaves the marker as it always was, so stores stay processed.
    return h.hexdigest().encode() + (b"" if model == DEFAULT else b"|" + model.encode())


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="seconds")
