"""Frozen stories (state.py): idle stories are compacted, and nothing changes for it.

Streams are short, so the freeze sweep is made to run often (PRUNE_EVERY lowered);
each test compares a clusterer that freezes with one that never does (FREEZE_SLICE 0).
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import sys
import zlib
from dataclasses import replace
from pathlib import Path

import pytest

from newsfuse.records import Article, CopyGroup
from newsfuse.stories import StoryClusterer
from newsfuse.stories import upkeep
from newsfuse.stories.state import _story, freeze_blob, names, thaw_blob

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
from gen_events import generate  # noqa: E402

N = 1200  # 600 events over about 50 days: the first weeks freeze


@pytest.fixture(scope="module")
def stream() -> tuple[list[Article], list[CopyGroup], dict[str, str]]:
    arts, groups, gold, _ = generate(N, seed=77, per_event=2.0, varied=True)
    return arts, groups, gold


def run(arts: list[Article], groups: list[CopyGroup], freeze: bool,
        monkeypatch: pytest.MonkeyPatch, sweep_every: int = 100) -> StoryClusterer:
    """Feed ``arts`` in polls of 100 (each followed by the second pass)."""
    monkeypatch.setattr(upkeep, "PRUNE_EVERY", sweep_every)
    monkeypatch.setattr(upkeep, "FREEZE_SLICE", 8 if freeze else 0)
    c = StoryClusterer(dense=False)
    c.register_groups(groups)
    for i in range(0, len(arts), 100):
        c.add_many(arts[i : i + 100])
    return c


@pytest.fixture(scope="module")
def pair(stream) -> tuple[StoryClusterer, StoryClusterer]:
    """The whole stream clustered without freezing and with it (tests copy them before
    changing them: ``from_state``)."""
    arts, groups, _gold = stream
    with pytest.MonkeyPatch.context() as mp:
        return run(arts, groups, False, mp), run(arts, groups, True, mp)


def frozen_ids(c: StoryClusterer) -> list[str]:
    return [s for s in c.states if c.states.is_frozen(s)]


def out(c: StoryClusterer) -> list[dict]:
    return [s.to_dict() for s in c.stories()]


def test_freezing_changes_no_result_and_bounds_live_stories(pair) -> None:
    plain, frozen = pair
    assert not frozen_ids(plain)
    assert len(frozen_ids(frozen)) > len(frozen.states) // 3
    # Measured 319 live of 622: the second pass thaws the frozen stories near a touched
    # one that shares a name, and the next sweep freezes them again.
    assert len(frozen.states.live) < 0.6 * len(plain.states.live)
    # describing a frozen story does not thaw it
    before = len(frozen_ids(frozen))
    assert out(frozen) == out(plain)
    assert len(frozen_ids(frozen)) == before
    assert {a: frozen.resolve(s) for a, s in frozen.story_of.items()} == {
        a: plain.resolve(s) for a, s in plain.story_of.items()}
    # frozen stories' names still count for the second pass
    named = sum(len(names(plain.states[s])) for s in frozen_ids(frozen))
    assert sum(frozen.states.frozen_ents.values()) == named


def test_frozen_story_takes_a_late_copy_and_a_late_article_as_before(stream, pair) -> None:
    arts, _groups, _gold = stream
    plain, frozen = (StoryClusterer.from_state(c.to_state()) for c in pair)
    assert frozen_ids(frozen) == frozen_ids(pair[1])
    sid = frozen_ids(frozen)[0]
    member = frozen.states.peek(sid).members[0]
    src = next(a for a in arts if a.id == member)
    copy = replace(src, id="late-copy", doc_id="late-copy", outlet="Late Wire", original=member)
    # a re-dated rewrite of the same article, arriving weeks after its story went quiet
    day = dt.date.fromisoformat(src.published) + dt.timedelta(days=1)
    late = replace(src, id="late-article", doc_id="late-article", original=None,
                   published=day.isoformat(), trusted_date=day.isoformat())
    for c in (plain, frozen):
        c.register_groups([CopyGroup(original=member, members=[member, "late-copy"])])
    assert frozen.add_many([copy, late]) == plain.add_many([copy, late])
    assert frozen.resolve(frozen.story_of["late-copy"]) == frozen.resolve(sid)
    assert not frozen.states.is_frozen(frozen.resolve(sid))  # touched: thawed
    assert out(frozen) == out(plain)


def test_state_round_trip_keeps_frozen_stories_and_continues_identically(stream, pair,
                                                                        monkeypatch) -> None:
    arts, groups, _gold = stream
    head, tail = arts[: N - 200], arts[N - 200 :]
    full = pair[1]
    part = run(head, groups, True, monkeypatch)
    blob = part.to_state()
    restored = StoryClusterer.from_state(blob)
    assert frozen_ids(restored) and frozen_ids(restored) == frozen_ids(part)
    assert out(restored) == out(part)
    for i in range(0, len(tail), 100):
        restored.add_many(tail[i : i + 100])
    assert out(restored) == out(full)


def test_version_1_states_still_load(stream, monkeypatch) -> None:
    arts, groups, _gold = stream
    c = run(arts[:300], groups, False, monkeypatch)
    data = json.loads(zlib.decompress(c.to_state()))
    assert data.pop("frozen") == []
    for key in ("index", "prune_queue", "freeze_queue"):  # what version 2 added
        data.pop(key)
    data["version"] = 1
    old = zlib.compress(json.dumps(data).encode())
    assert out(StoryClusterer.from_state(old)) == out(c)


def test_version_2_states_load_with_leads_standing_in_for_whole_bodies(stream, monkeypatch) -> None:
    """A state saved before the whole-body aggregates loads (its stories' leads stand in
    for their bodies) and goes on placing articles and running the second pass."""
    arts, groups, _gold = stream
    c = run(arts[:300], groups, False, monkeypatch)
    data = json.loads(zlib.decompress(c.to_state()))
    for story in data["stories"]:
        del story["full_sum"], story["full_ents"]
    del data["df"]["full_terms"], data["df"]["full_ents"]
    data["version"] = 2
    old = StoryClusterer.from_state(zlib.compress(json.dumps(data).encode()))
    assert out(old) == out(c)
    st = next(iter(old.states.values()))
    assert st.full_ents == st.ent_counts and st.full_ents is not st.ent_counts
    assert old.df.full_ents == old.df.ents
    ids = old.add_many(arts[300:400])
    assert len(ids) == 100 and set(old.story_of) >= {a.id for a in arts[:400]}


def test_expiry_empties_the_index_of_closed_stories_and_changes_no_result(stream,
                                                                         monkeypatch) -> None:
    """Index entries of stories closed before the horizon go as soon as the newest
    article passes it (not at the next sweep), and no article's story changes."""
    arts, groups, _gold = stream
    arts = sorted(arts, key=lambda a: (a.published or "", a.id))

    def stale(c: StoryClusterer) -> int:
        edge = upkeep.horizon(c)
        return sum(1 for posting in c.index.values() for s in posting
                   if (span := c.states.span(c.resolve(s))) is None or span[1] < edge)

    never = 10**9  # no sweep: only expiry cleans the index
    expiring = run(arts, groups, False, monkeypatch, sweep_every=never)
    monkeypatch.setattr(upkeep, "expire", lambda c, before: None)
    keeping = run(arts, groups, False, monkeypatch, sweep_every=never)
    assert stale(expiring) == 0 < stale(keeping)
    assert sum(map(len, expiring.index.values())) < 0.7 * sum(map(len, keeping.index.values()))
    assert out(expiring) == out(keeping)
    assert {a: expiring.resolve(s) for a, s in expiring.story_of.items()} == {
        a: keeping.resolve(s) for a, s in keeping.story_of.items()}
    # the watch list survives a state round trip
    restored = StoryClusterer.from_state(expiring.to_state())
    assert sorted(restored._expiry) == sorted(expiring._expiry)


def _version_3_blob(blob: bytes) -> bytes:
    """A frozen story's blob as version 3 wrote it: compressed JSON throughout."""
    state, keys = thaw_blob(blob)
    d = _story(state)
    d["vec_sum"] = None
    if state.vec_sum is not None:
        d["vec"] = [state.vec_sum.dtype.str, base64.b64encode(state.vec_sum.tobytes()).decode()]
    d["keys"] = keys
    return zlib.compress(json.dumps(d, separators=(",", ":")).encode("utf-8"), 1)


def test_postings_hold_live_stories_only_and_version_3_states_load(stream, pair) -> None:
    """A merge moves the merged-away story's index entries to the story it joined, so
    finding candidates never resolves an alias. A version-3 state (JSON frozen blobs,
    merged-away ids left in postings until expiry) loads into the same clusterer."""
    arts, _groups, _gold = stream
    c = pair[1]
    assert c.aliases  # the stream has merges
    for table in (c.index, c.cold):
        assert not [s for posting in table.values() for s in posting if s in c.aliases]
    current = StoryClusterer.from_state(c.to_state())

    data = json.loads(zlib.decompress(c.to_state()))
    data["version"] = 3
    frozen = data["frozen"]
    assert frozen
    for f in frozen:
        f[3] = base64.b64encode(_version_3_blob(base64.b64decode(f[3]))).decode()
    # Version 3 left a merged-away id in the postings of its keys (counted for its story).
    alias_keys = {}
    for gone, keep in c.aliases.items():
        keys = data["story_keys"].get(c.resolve(keep), [])[:3]
        alias_keys[gone] = keys
        for k in keys:
            data["index"].setdefault(k, []).append(gone)
    data["alias_keys"] = alias_keys
    old = StoryClusterer.from_state(zlib.compress(json.dumps(data).encode()))
    assert not [s for posting in old.index.values() for s in posting if s in old.aliases]
    assert {k: list(p) for k, p in old.index.items()} == {
        k: list(p) for k, p in current.index.items()}
    assert out(old) == out(current)
    sid = frozen_ids(old)[0]
    assert _story(old.states.peek(sid)) == _story(current.states.peek(sid))
    more = [replace(a, id=f"again-{a.id}", doc_id=f"again-{a.doc_id}", original=None)
            for a in arts[-100:]]
    assert old.add_many(more) == current.add_many(more)
    assert out(old) == out(current)


def test_frozen_blob_round_trip_is_exact(pair) -> None:
    c = pair[0]
    for state in list(c.states.live.values())[:200]:
        keys = list(c.story_keys.get(state.id, {}))
        back, back_keys = thaw_blob(freeze_blob(state, keys))
        assert back_keys == keys
        assert _story(back) == _story(state)
        assert (back.body_norm, back.core_total, back.ent_share) == (
            state.body_norm, state.core_total, state.ent_share)
        if state.vec_sum is not None:
            assert back.vec_sum.dtype == state.vec_sum.dtype
            assert back.vec_sum.tobytes() == state.vec_sum.tobytes()
        old_back, _keys = thaw_blob(_version_3_blob(freeze_blob(state, keys)))
        assert _story(old_back) == _story(state)
