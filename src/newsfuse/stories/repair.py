"""Story repair: merging two stories into one (by hand, by the second pass, online
fragments, a copy's story joining its original's) and splitting one in two (by hand:
both stories' aggregates are rebuilt from their articles).

A merged-away id stays an alias of the story it joined, so links never break; its
index entries move to that story at once (postings hold live story ids only)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from newsfuse.records import Article, CopyGroup
from newsfuse.stories import upkeep
from newsfuse.stories.features import Profile, day_number, profile
from newsfuse.stories.scorer import Query, StoryState, add_full

if TYPE_CHECKING:
    from newsfuse.stories.clusterer import StoryClusterer


def rebuild(c: StoryClusterer, sid: str, moved: set[str], articles: Iterable[Article]) -> str:
    """Split ``moved`` out of story ``sid``; returns the new story's id."""
    state = c.states[sid]
    by_id = {a.id: a for a in articles}
    missing = [m for m in state.members if m not in by_id]
    if missing:
        raise ValueError(f"split needs every member of {sid}; missing {missing[:3]}")
    stay = [m for m in state.members if m not in moved]
    go = [m for m in state.members if m in moved]
    if not go or not stay:
        raise ValueError("split must leave at least one article on each side")
    unindex(c, sid, c.story_keys.pop(sid, {}))
    kept = _build(c, sid, state.founder if state.founder in stay else stay[0], stay, by_id, state)
    c.states[sid] = kept
    founder = min(go, key=lambda m: (c.info[m].date or "", m))
    new_id = c._fresh_id(founder)
    new = _build(c, new_id, founder, go, by_id, state)
    c.states[new_id] = new
    c.order[new_id] = len(c.order)
    upkeep.watch(c, new_id, new.last_day)
    for m in go:
        new.why[m] = dict(state.why.get(m, {}), split=1.0)
    kept.related = [r for r in state.related if r != new_id] + [new_id]
    new.related = [sid]
    return new_id


def unindex(c: StoryClusterer, sid: str, keys: Iterable[str]) -> None:
    """Take ``sid`` out of the postings of ``keys``, hot and cold: postings hold live
    story ids only, so finding candidates never resolves an alias."""
    for key in keys:
        for table in (c.index, c.cold):
            posting = table.get(key)
            if posting is not None and sid in posting:
                del posting[sid]
                if not posting:
                    del table[key]


def _build(c: StoryClusterer, sid: str, founder: str, members: list[str],
           by_id: dict[str, Article], old: StoryState) -> StoryState:
    state = StoryState(id=sid, founder=founder)
    profiles: list[Profile] = []
    copies: list[str] = []
    for m in members:
        info = c.info[m]
        if "copy" in old.why.get(m, {}):
            copies.append(m)
            continue
        day = day_number(info.date)
        if day is None:
            day = c.max_day or 0
        profiles.append(profile(by_id[m], day, None, info.group, info.date))
    vecs = c._vectors([by_id[p.id] for p in profiles]) if profiles else None
    days = []
    for i, p in enumerate(profiles):
        p.vec = None if vecs is None else vecs[i]
        state.members.append(p.id)
        state.absorb(p, c.df)
        days.append(p.day)
        if p.group not in state.groups:
            state.groups.append(p.group)
        c.group_story[p.group] = sid
        c._index(state, c._keys(p))
    for m in copies:
        d = day_number(c.info[m].date)
        if d is not None:
            days.append(d)
    state.members = list(members)  # arrival order, copies included
    for m in members:
        c.story_of[m] = sid
        state.why[m] = dict(old.why.get(m, {}))
    state.first_day = min(days) if days else old.first_day
    state.last_day = max(days) if days else old.last_day
    return state


def merge_fragment(c: StoryClusterer, state: StoryState) -> str:
    """Merge ``state`` into the open story it most looks like, if the scorer is sure
    enough: online clustering founds a second story when an event's first reports
    differ, and the fragments converge as articles accrue."""
    n = float(state.n)
    p = Profile(
        id=state.id, day=state.last_day, date=None, title="", lead="",
        title_tf={t: w / n for t, w in state.title_sum.items()},
        body_tf={t: w / n for t, w in state.body_sum.items()},
        ents=set(state.core), vec=state.vec_unit,
    )
    scored, _older = c.score(Query.of(p, c.df))
    for prob, _sim, other in scored:
        if other.id != state.id and prob >= c.scorer.merge_threshold:
            return c.merge(state.id, other.id)
    return state.id


def merge(c: StoryClusterer, a: str, b: str) -> str:
    """Merge two stories; the older id survives and the other becomes its alias."""
    a, b = c.resolve(a), c.resolve(b)
    if a == b:
        return a
    keep, gone = sorted((a, b), key=lambda s: c.order[s])
    k, g = c.states[keep], c.states.pop(gone)
    for aid in g.members:
        k.members.append(aid)
        c.story_of[aid] = keep
    for t, w in g.title_sum.items():
        k.title_sum[t] = k.title_sum.get(t, 0.0) + w
    for t, w in g.body_sum.items():
        k.body_sum[t] = k.body_sum.get(t, 0.0) + w
    for e, n in g.ent_counts.items():
        k.ent_counts[e] = k.ent_counts.get(e, 0) + n
    add_full(k, g.full_sum, g.full_ents)
    if g.vec_sum is not None:
        k.vec_sum = g.vec_sum.copy() if k.vec_sum is None else k.vec_sum + g.vec_sum
    k.n += g.n
    k.first_day, k.last_day = min(k.first_day, g.first_day), max(k.last_day, g.last_day)
    k.groups += [x for x in g.groups if x not in k.groups]
    k.related += [r for r in g.related if r not in k.related and r not in (keep, gone)]
    k.why.update(g.why)
    # A group's story always lists the group (``_attach``, ``rebuild``, here), so
    # only the merged story's groups can point at it: no walk over every group.
    for grp in g.groups:
        if c.group_story.get(grp) == gone:
            c.group_story[grp] = keep
    c.aliases[gone] = keep
    c.touched.add(keep)
    gone_keys = list(c.story_keys.pop(gone, {}))
    unindex(c, gone, gone_keys)
    c._index(k, gone_keys)
    k.refresh(c.df)
    return keep


def regroup_copies(c: StoryClusterer, groups: Iterable[CopyGroup],
                   articles: Iterable[Article] | Callable[[list[str]], Iterable[Article]]) -> int:
    """Move every copy into its original's story; returns how many moved.

    Online, a copy can arrive before its original: it then founds or joins a story
    of its own, and when the original arrives later it is placed on content. A
    copy's story is its original's by construction, so the copy follows it (the
    copy's old story, if that was all it held, becomes an alias of the original's).
    ``articles``: every article, or a function giving the articles of a list of ids
    (a store's), asked only for the members of a story the copy leaves behind others in.
    """
    by_id: dict[str, Article] | None = None
    moved = 0
    for g in groups:
        if len(g.members) < 2 or g.original not in c.story_of:
            continue
        for m in g.members:
            home = c.resolve(c.story_of[g.original])
            if m not in c.story_of or c.resolve(c.story_of[m]) == home:
                continue
            sid = c.resolve(c.story_of[m])
            members = c.states[sid].members
            if not set(members) <= set(g.members):  # others stay: split the group's out first
                if callable(articles):
                    have = list(articles(list(members)))
                else:
                    if by_id is None:
                        by_id = {a.id: a for a in articles}
                    have = [by_id[x] for x in members if x in by_id]
                sid = c.split(sid, [x for x in members if x in g.members], have)
            c.merge(home, sid)
            moved += 1
    return moved
