"""Online story clustering: each article joins the best active story or founds one.

Candidates come from an inverted index over an article's rarest entities and terms,
restricted to stories active in a time window (a story stays open while it keeps
getting articles), so the cost per article does not grow with the number of
stories. A learned scorer decides join vs. new story; a copy joins its original's
story by construction. Merges keep an alias map so old story ids still resolve.
Stories idle beyond the index's prune horizon are frozen into compressed blobs
(``state.Stories``) and thawed, exactly, whenever something touches them, so memory
goes to the few weeks of open stories rather than to every story ever seen.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import chain, islice
from operator import mul, neg
from typing import Any

import numpy as np

from newsfuse.parallel import Pool, map_ordered
from newsfuse.records import Article, CopyGroup, Story
from newsfuse.stories import dense as dense_model
from newsfuse.stories import repair, upkeep
from newsfuse.stories.features import (
    DocFreq,
    Profile,
    day_number,
    locate,
    term_tf,
    text_profile,
)
from newsfuse.stories.scorer import (
    BASE_FEATURES,
    Query,
    Scorer,
    StoryState,
    keep_fresh,
    load_scorer,
    name_share,
    partial_values,
    sim_values,
    similarities,
    with_terms,
)
from newsfuse.stories.state import Stories
from newsfuse.stories.upkeep import LINK_WINDOW

KEYS_PER_KIND = 10  # rarest entities / title terms / body terms used to find candidates
# Stories read per key when gathering candidates: the latest to take the key. A key most
# open stories share says little about any one of them, and at the pace of a large
# crawl (2,740 articles a day) reading whole postings was most of placing an article.
MAX_POSTING = 64
MAX_STORY_KEYS = 240
EMBED_BATCH = 64
EMBED_PARALLEL_MIN = 8  # chunks; fewer are embedded in-process (a worker pool takes ~1 s to start)
# Story sizes at which a story checks whether it is a fragment of another open story.
MERGE_CHECKS = frozenset({2, 3, 5, 8, 13, 21, 34})


def story_id(founder: str) -> str:
    """Stable story id: derived from the id of the article that founded it."""
    return "s" + hashlib.sha1(founder.encode("utf-8")).hexdigest()[:10]


@dataclass(slots=True)
class MemberInfo:
    """What a story needs to describe itself, per member article."""

    title: str
    lead: str
    date: str | None
    outlet: str | None
    group: str


class StoryClusterer:
    """Online clusterer; ``add`` articles in arrival order, read ``stories()``."""

    def __init__(self, dense: bool | None = None, window_days: int = 4,
                 max_candidates: int = 50, weights: dict[str, Any] | None = None,
                 model: str | None = None) -> None:
        # ``model``: which embedder gives the dense signal (stories/dense.py); ``dense``
        # False (or the embedder missing) clusters on lexical features alone.
        self.model = dense_model.check(model or dense_model.default_model())
        self.dense = dense_model.available(self.model) if dense is None else dense
        self.scorer: Scorer = load_scorer(self.dense, weights, self.model)
        self.window = window_days
        self.max_candidates = max_candidates
        self.df = DocFreq()
        self.story_keys: dict[str, dict[str, None]] = {}
        # Stories idle beyond the prune horizon are frozen (state.py): thawed on access.
        self.states: Stories = Stories(self.story_keys)
        self.order: dict[str, int] = {}  # story id -> creation sequence (tie-breaks)
        self.aliases: dict[str, str] = {}
        self.story_of: dict[str, str] = {}
        self.group_of: dict[str, str] = {}
        self.group_story: dict[str, str] = {}
        self.group_date: dict[str, str] = {}  # member -> its copy group's trusted date
        self.info: dict[str, MemberInfo] = {}
        self.index: dict[str, dict[str, None]] = {}
        self.max_day: int | None = None
        self._adds = 0
        self._prune_queue: list[str] = []
        self._freeze_queue: list[str] = []
        # (day, story id): when each story's index entries may expire (upkeep.py).
        self._expiry: list[tuple[int, str]] = []
        # Expired entries, for articles whose time filter reaches past the horizon.
        self.cold: dict[str, dict[str, None]] = {}
        self.touched: set[str] = set()  # stories changed since the last second pass

    # ---- input -----------------------------------------------------------------------
    def register_groups(self, groups: Iterable[CopyGroup]) -> None:
        """Tell the clusterer which articles are copies of one text."""
        for g in groups:
            for m in g.members:
                self.group_of[m] = g.original
                if g.trusted_date:
                    self.group_date[m] = g.trusted_date

    def date_of(self, article: Article) -> str | None:
        """The date clustering believes: trusted, else the copy group's, else claimed."""
        return article.trusted_date or self.group_date.get(article.id) or article.published

    def arrival_order(self, articles: Iterable[Article]) -> list[Article]:
        """The order a batch of articles is added in, by every engine: (date, id), with
        undated articles last (by then every story they could belong to exists)."""
        return sorted(articles, key=lambda a: (self.date_of(a) is None, self.date_of(a) or "", a.id))

    def add_many(self, articles: list[Article], pool: Pool | None = None) -> list[str]:
        """``add`` each article in order (undated ones after the dated: by then every story
        they could belong to exists), then run the fragment-merging second pass
        (``consolidate``). Returns each article's story id.

        The articles' vectors and text profiles are computed in batches ahead of
        placement, on the other cores (``prepare_batches``): ``pool`` keeps the workers
        across calls (an online feed's polls); without it a big call starts its own."""
        ordered = [a for a in articles if self.date_of(a)] + [
            a for a in articles if not self.date_of(a)]
        chunks = [ordered[start : start + EMBED_BATCH] for start in range(0, len(ordered), EMBED_BATCH)]
        placed = self.add_prepared(
            (chunk, vecs, profiles)
            for chunk, (vecs, profiles) in zip(chunks, self.prepare_batches(chunks, pool), strict=True))
        return [placed[a.id] for a in articles]

    def add_prepared(self, batches: Iterable[tuple[list[Article], np.ndarray | None, list[Profile]]]
                     ) -> dict[str, str]:
        """``add`` the articles of ``batches`` (each: articles, their vectors or None, their
        text profiles, as ``prepare`` computes them) in order, then ``consolidate``.
        Returns each article's story id. ``add_many`` prepares its own batches; an engine
        that prepares them elsewhere (the Dask workers) streams them in here."""
        placed = self.add_batches(batches, {})
        if placed:
            self.consolidate()
        return {a: self.resolve(s) for a, s in placed.items()}

    def add_batches(self, batches: Iterable[tuple[list[Article], np.ndarray | None, list[Profile]]],
                    placed: dict[str, str]) -> dict[str, str]:
        """``add_prepared`` without its closing second pass: records in ``placed`` the story
        each article joined (as it was then: ``resolve`` reads it later) and returns it."""
        for chunk, vecs, profiles in batches:
            for i, a in enumerate(chunk):
                placed[a.id] = self.add(a, None if vecs is None else vecs[i], profiles[i])
        return placed

    def add(self, article: Article, vec: np.ndarray | None = None,
            prepared: Profile | None = None) -> str:
        """Place one article; returns its story id. Adding an article twice is a no-op.
        ``prepared``: the article's ``text_profile``, if computed ahead."""
        if article.id in self.story_of:
            return self.resolve(self.story_of[article.id])
        group = self.group_of.get(article.id) or article.original or article.id
        date = self.date_of(article)
        day = day_number(date)
        dated = day is not None
        if day is None:
            day = self.max_day if self.max_day is not None else 0
        self.max_day = day if self.max_day is None else max(self.max_day, day)
        self._adds += 1
        upkeep.step(self)  # expire and freeze long-closed stories, a slice per add
        if group in self.group_story:
            return self._join_copy(article, day, group, date, dated, prepared)
        if self.dense and vec is None:
            vec = self._vectors([article])[0]  # type: ignore[index]
        p = locate(prepared or text_profile(article), day, vec, group, date, dated)
        self.df.add(p)
        q = Query.of(p, self.df)
        scored, unscored = self.score(q, best_only=True)
        best = scored[0] if scored else None
        if best is not None and best[0] >= self.scorer.threshold:
            prob, sim, state = best
            why = self.scorer.top_signals(sim)
            why["p"] = round(prob, 3)
            self._join(p, state, why)
            if state.n in MERGE_CHECKS and self.scorer.merge_threshold <= 1.0:
                return repair.merge_fragment(self, state)
            return state.id
        state = self._found(p, best[0] if best else 0.0)
        # Storyline: the earlier story (ended on an earlier day) that shares most of
        # this one's core entities is the same affair; a concurrent story naming the
        # same people is a different event, not a storyline.
        feat, need = BASE_FEATURES.index(self.scorer.link_feature), self.scorer.link_threshold
        # Unscored stories (closed, or open but beaten) are only ever linked, so only the
        # link feature is computed for them, and only now that the article founds a story.
        link = self._link_overlap
        overlaps = [(sim[feat], o) for _p, sim, o in scored] + [(link(q, o), o) for o in unscored]
        earlier = [(v, self.order[o.id], o) for v, o in overlaps
                   if o.last_day < p.day and o.id != state.id and v >= need]
        if earlier:
            _link(state, max(earlier, key=lambda x: (x[0], -x[1]))[2])
        return state.id

    def score(self, q: Query, best_only: bool = False
              ) -> tuple[list[tuple[float, tuple[float, ...], StoryState]], list[StoryState]]:
        """Scored candidates: open stories best first (ties: older story) with their
        probability and ``sim_values``, and, unscored, stories closed within the
        storyline window (only ever linked, never joined).

        ``best_only``: only the best open story matters (placing an article), so an open
        story whose probability bound (``Scorer.prob_bound``) is below the best exact
        probability so far is not scored either: it joins the unscored list. The best
        story and its probability are the same as with every story scored."""
        scored, unscored, bounded = [], [], []
        scorer, df = self.scorer, self.df
        for state in self._candidates(q):
            if q.p.dated and state.last_day < q.p.day - self.window:
                keep_fresh(state, df)  # caches refresh when they would if scored
                unscored.append(state)
            elif best_only:
                part = partial_values(q, state, df)
                bounded.append((scorer.prob_bound(part), self.order[state.id], part, state))
            else:
                sim = sim_values(q, state, df)
                scored.append((scorer.prob(sim), sim, state))
        best = -1.0
        for bound, _order, part, state in sorted(bounded, key=lambda x: (-x[0], x[1])):
            if bound < best:  # so is every later bound: none of them can win
                unscored.append(state)
                continue
            sim = with_terms(q, state, part)
            prob = scorer.prob(sim)
            best = max(best, prob)
            scored.append((prob, sim, state))
        scored.sort(key=lambda x: (-x[0], self.order[x[2].id]))
        return scored, unscored

    def _link_overlap(self, q: Query, state: StoryState) -> float:
        """The storyline link feature of an article and an earlier story."""
        if self.scorer.link_feature == "ent_a":
            return name_share(q, state)
        return similarities(q, state, self.df)[self.scorer.link_feature]

    # ---- internals -------------------------------------------------------------------
    def _vectors(self, articles: list[Article]) -> np.ndarray | None:
        if not self.dense:
            return None
        return dense_model.vectors(articles, self.model)

    def prepare_batches(self, chunks: list[list[Article]], pool: Pool | None = None
                        ) -> Iterator[tuple[np.ndarray | None, list[Profile]]]:
        """Each chunk's vectors (None without the dense signal) and text profiles, in
        order. Both are pure functions of the articles, and embedding is the stage's main
        cost, so they are computed on worker processes while this process places the
        chunks before (the same chunks give the same numbers). Without ``pool``, long
        runs start a pool of their own and short ones compute in-process."""
        jobs = [([slim(a) for a in chunk], self.model, self.dense) for chunk in chunks]
        if pool is not None:
            return pool.map(prepare, jobs)
        return map_ordered(prepare, jobs, min_items=EMBED_PARALLEL_MIN, chunksize=1)

    def _keys(self, p: Profile, q: Query | None = None) -> list[str]:
        """The index keys of ``p``: its rarest names and strongest title and lead terms
        (weights read from ``q``, ``p``'s query, made here if not given)."""
        q = q or Query.of(p, self.df)
        idf, eidf = q.idf, q.ent_w
        # Strongest first, ties by name: sorting (-weight, name) pairs, in C.
        ents = sorted(zip(map(neg, map(eidf.__getitem__, p.ents)), p.ents))
        title = sorted(zip(map(neg, map(mul, p.title_tf.values(), map(idf.__getitem__, p.title_tf))),
                           p.title_tf))
        body = sorted(zip(map(neg, map(mul, p.body_tf.values(), map(idf.__getitem__, p.body_tf))),
                          p.body_tf))
        return [f"e:{e}" for _w, e in ents[:KEYS_PER_KIND]] + [
            f"t:{t}" for _w, t in title[:KEYS_PER_KIND]] + [
            f"t:{t}" for _w, t in body[:KEYS_PER_KIND]]

    def _candidates(self, q: Query) -> list[StoryState]:
        p = q.p
        p.keys = self._keys(p, q)
        index, empty, most = self.index, {}, MAX_POSTING
        hits = Counter(chain.from_iterable(islice(reversed(index.get(key, empty)), most) for key in p.keys))
        if upkeep.reads_cold(self, p.day, p.dated):  # stories expired may be in reach
            hits.update(chain.from_iterable(islice(reversed(self.cold.get(key, empty)), most) for key in p.keys))
        raw, states = self.states.raw, self.states
        # An undated article's time filter lets every story through.
        lo, hi = (p.day - LINK_WINDOW, p.day + self.window) if p.dated else (-(1 << 62), 1 << 62)
        # Most hits first, ties: the older story (creation numbers are unique, so one
        # int64 key orders them); stories outside the time filter are skipped (a frozen
        # story's days are read without thawing it). At 2,740 articles a day, thousands
        # of hits each, sorting (hits, order) tuples was a fifth of placing an article.
        sids = list(hits)
        rank = np.fromiter(map(self.order.__getitem__, sids), np.int64, len(sids))
        rank -= np.fromiter(hits.values(), np.int64, len(sids)) << 40
        out: list[StoryState] = []
        for i in np.argsort(rank).tolist():
            sid = sids[i]
            st = raw(sid)
            if st is None or st.last_day < lo or st.first_day > hi:
                continue
            out.append(st if type(st) is StoryState else states[sid])
            if len(out) == self.max_candidates:
                break
        return out

    def _index(self, state: StoryState, keys: list[str]) -> None:
        own = self.story_keys.setdefault(state.id, {})
        for key in keys:
            if key in own or len(own) >= MAX_STORY_KEYS:
                continue
            own[key] = None
            self.index.setdefault(key, {})[state.id] = None

    def _remember(self, p: Profile) -> None:
        self.info[p.id] = MemberInfo(p.title, p.lead, p.date, p.outlet, p.group)

    def _found(self, p: Profile, best_p: float) -> StoryState:
        sid = self._fresh_id(p.id)
        state = StoryState(id=sid, founder=p.id, first_day=p.day, last_day=p.day)
        self.states[sid] = state
        self.order[sid] = len(self.order)
        upkeep.watch(self, sid, p.day)
        state.why[p.id] = {"new_story": 1.0, "best_p": round(best_p, 3)}
        self._attach(p, state)
        return state

    def _join(self, p: Profile, state: StoryState, why: dict[str, float]) -> None:
        state.why[p.id] = why
        self._attach(p, state)

    def _attach(self, p: Profile, state: StoryState) -> None:
        state.members.append(p.id)
        self.touched.add(state.id)
        state.absorb(p, self.df)
        if p.dated:  # an undated member says nothing about when the story happened
            state.first_day = min(state.first_day, p.day)
            state.last_day = max(state.last_day, p.day)
        if p.group not in state.groups:
            state.groups.append(p.group)
        self.story_of[p.id] = state.id
        self.group_story.setdefault(p.group, state.id)
        self._remember(p)
        self._index(state, p.keys or self._keys(p))

    def _join_copy(self, article: Article, day: int, group: str, date: str | None,
                   dated: bool = True, prepared: Profile | None = None) -> str:
        state = self.states[self.resolve(self.group_story[group])]
        title = article.title or ""
        p = locate(prepared or text_profile(article), day, None, group, date)
        state.members.append(article.id)
        if dated:
            state.first_day = min(state.first_day, day)
            state.last_day = max(state.last_day, day)
        state.why[article.id] = {"copy": 1.0}
        self.story_of[article.id] = state.id
        self.info[article.id] = MemberInfo(title, p.lead, p.date, p.outlet, group)
        return state.id

    def _fresh_id(self, founder: str) -> str:
        sid = story_id(founder)
        n = 0
        while sid in self.states:
            n += 1
            sid = story_id(f"{founder}:{n}")
        self.aliases.pop(sid, None)  # an id merged away earlier is reborn by a split
        return sid

    # ---- repair ----------------------------------------------------------------------
    def consolidate(self, params: Any = None) -> int:
        """Second pass: merge stories that are fragments of one event (see
        ``consolidate.py``); ``params`` overrides the shipped thresholds. Returns merges."""
        from newsfuse.stories.consolidate import Params, consolidate

        if params is None:
            params = Params.of(self.scorer.consolidate)
        return consolidate(self, params)

    def resolve(self, sid: str) -> str:
        """Follow the alias map: the live story an (old) story id now belongs to."""
        seen = 0
        while sid in self.aliases and seen < 100:
            sid = self.aliases[sid]
            seen += 1
        return sid

    def merge(self, a: str, b: str) -> str:
        """Merge two stories; the older id survives and the other becomes its alias."""
        return repair.merge(self, a, b)

    def regroup_copies(self, groups: Iterable[CopyGroup],
                       articles: Iterable[Article] | Callable[[list[str]], Iterable[Article]]) -> int:
        """Move every copy into its original's story; returns how many moved
        (``repair.regroup_copies``: ``articles`` may be a lookup by ids)."""
        return repair.regroup_copies(self, groups, articles)

    def split(self, sid: str, article_ids: Iterable[str], articles: Iterable[Article]) -> str:
        """Move ``article_ids`` out of story ``sid`` into a new story; returns its id.

        The aggregates of both stories are rebuilt, so ``articles`` must hold every
        member of the story (the store has them); the two stories stay ``related``.
        """
        return repair.rebuild(self, self.resolve(sid), set(article_ids), articles)

    # ---- output ----------------------------------------------------------------------
    def stories(self) -> list[Story]:
        """Every live story, in order of foundation."""
        from newsfuse.stories.describe import describe

        ordered = sorted(self.states, key=lambda s: self.order[s])
        # A frozen story is described from a decoded copy and stays frozen.
        return [describe(self, self.states.peek(s)) for s in ordered]

    def to_state(self) -> bytes:
        from newsfuse.stories.state import dump

        return dump(self)

    @classmethod
    def from_state(cls, data: bytes, weights: dict[str, Any] | None = None) -> StoryClusterer:
        from newsfuse.stories.state import load

        return load(cls, data, weights)


def prepare(job: tuple[list[Article], str, bool]) -> tuple[np.ndarray | None, list[Profile]]:
    """One chunk's dense vectors and text profiles (module level: runs in a worker)."""
    articles, model, dense = job
    vecs = dense_model.vectors(articles, model) if dense else None
    return vecs, [text_profile(a) for a in articles]


def slim(a: Article) -> Article:
    """What ``prepare`` and ``add`` read of an article (workers need not get its line
    labels)."""
    return Article(id=a.id, doc_id=a.doc_id, source="", body=a.body, title=a.title,
                   outlet=a.outlet, published=a.published, trusted_date=a.trusted_date,
                   original=a.original)


def _link(a: StoryState, b: StoryState) -> None:
    if b.id not in a.related:
        a.related.append(b.id)
    if a.id not in b.related:
        b.related.append(a.id)


def cluster(articles: list[Article], groups: list[CopyGroup], dense: bool | None = None,
            model: str | None = None) -> list[Story]:
    """Batch clustering: the online path over articles sorted by (date, id)."""
    clusterer = StoryClusterer(dense=dense, model=model)
    clusterer.register_groups(groups)
    clusterer.add_many(clusterer.arrival_order(articles))
    clusterer.regroup_copies(groups, articles)
    return clusterer.stories()


def articles_by_id(articles: Iterable[Article]) -> Mapping[str, Article]:
    return {a.id: a for a in articles}


__all__ = ["StoryClusterer", "cluster", "story_id", "term_tf"]
