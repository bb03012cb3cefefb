"""Manual split: rebuild two stories' aggregates from their articles."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from newsfuse.records import Article
from newsfuse.stories import upkeep
from newsfuse.stories.features import Profile, day_number, profile
from newsfuse.stories.scorer import StoryState

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
    _unindex(c, sid)
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


def _unindex(c: StoryClusterer, sid: str) -> None:
    for key in c.story_keys.pop(sid, {}):
        c.index.get(key, {}).pop(sid, None)


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
