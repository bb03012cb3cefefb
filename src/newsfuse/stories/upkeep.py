"""Index upkeep of the online clusterer: expire long-closed stories, freeze idle ones.

A story last seen more than ``LINK_WINDOW + HORIZON_SLACK`` days before the newest
article can no longer be a candidate of an article of the newest days (``_candidates``
filters it), so its index entries only cost time: every article counts hits on them
before the time filter drops them. They move to a cold index as soon as the newest
article passes that horizon (a heap of the days stories were last seen, checked on every
add: each entry moves once, in O(1)). Articles whose time filter reaches below the
horizon (undated ones, and ones that arrive days late) read the cold index too, so they
find what they found before expiry existed. A periodic sweep over every key empties the
cold index, removes what expiry cannot see (ids restored from old states) and freezes
stories idle beyond ``LINK_WINDOW + FREEZE_SLACK`` days (``state.Stories``), a slice per
add so no single add pays for a whole sweep.
"""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from newsfuse.stories.clusterer import StoryClusterer

LINK_WINDOW = 14  # days back a new story looks for earlier stories of the same affair
HORIZON_SLACK = 1  # days of lateness an article may have and still not need the cold index
FREEZE_SLACK = 7  # stories idle this much beyond the link window are frozen
PRUNE_EVERY = 2000
PRUNE_SLICE = 64
FREEZE_SLICE = 8  # stories frozen per add while a sweep runs (a freeze costs ~0.1 ms)


def horizon(c: StoryClusterer) -> int:
    """Stories last seen before this day are out of every in-order article's reach."""
    return (c.max_day or 0) - LINK_WINDOW - HORIZON_SLACK


def reads_cold(c: StoryClusterer, day: int, dated: bool) -> bool:
    """Whether an article of ``day`` may need expired stories (its time filter reaches
    below the horizon)."""
    return not dated or day - LINK_WINDOW < horizon(c)


def watch(c: StoryClusterer, sid: str, day: int) -> None:
    """Have ``sid``'s index entries expire once it has been quiet past the horizon."""
    heapq.heappush(c._expiry, (day, sid))


def rewatch_all(c: StoryClusterer) -> None:
    """Watch every live story (a state saved before expiry existed)."""
    c._expiry = [(st.last_day, sid) for sid, st in c.states.live.items()]
    heapq.heapify(c._expiry)


def expire(c: StoryClusterer, before: int) -> None:
    """Move the index entries of every watched story last seen before ``before`` to the
    cold index."""
    heap, index, cold = c._expiry, c.index, c.cold
    while heap and heap[0][0] < before:
        _day, sid = heapq.heappop(heap)
        st = c.states.raw(sid)
        if st is None or sid in c.aliases:  # merged away: the story it joined is watched
            continue
        if st.last_day >= before:  # seen since it was watched: watch its new last day
            heapq.heappush(heap, (st.last_day, sid))
            continue
        # A frozen story's keys are left to the sweep.
        for key in c.story_keys.get(sid, ()):
            posting = index.get(key)
            if posting is None or sid not in posting:
                continue
            del posting[sid]
            if not posting:
                del index[key]
            cold.setdefault(key, {})[sid] = None


def step(c: StoryClusterer) -> None:
    """One add's share of upkeep: expiry, then a slice of the sweep under way (a sweep
    starts every PRUNE_EVERY adds)."""
    if c.max_day is None:
        return
    edge = horizon(c)
    expire(c, edge)
    frost = (c.max_day or 0) - LINK_WINDOW - FREEZE_SLACK
    if not c._prune_queue and not c._adds % PRUNE_EVERY:
        c.cold = {}
        c._prune_queue = list(c.index)
        c._freeze_queue = [s for s, st in c.states.live.items() if st.last_day < frost]
    for _ in range(min(FREEZE_SLICE, len(c._freeze_queue))):
        sid = c._freeze_queue.pop()
        st = c.states.live.get(sid)
        # A story the second pass is about to look at stays live.
        if st is not None and st.last_day < frost and sid not in c.touched:
            c.states.freeze(sid)
    for _ in range(min(PRUNE_SLICE, len(c._prune_queue))):
        key = c._prune_queue.pop()
        posting = c.index.get(key)
        if posting is None:
            continue
        for sid in [s for s in posting if (span := c.states.span(c.resolve(s))) is None
                    or span[1] < edge]:
            del posting[sid]
        if not posting:
            del c.index[key]
