"""Serialise a ``StoryClusterer`` to bytes and back (zlib-compressed JSON).

Everything a continued run needs is kept, including the cached norms, so a
clusterer restored from its state places later articles exactly as the original
would have. The inverted index is rebuilt from each story's keys.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections import Counter
from typing import TYPE_CHECKING, Any

import numpy as np

from newsfuse.stories.clusterer import MemberInfo
from newsfuse.stories.features import DocFreq
from newsfuse.stories.scorer import StoryState

if TYPE_CHECKING:
    from newsfuse.stories.clusterer import StoryClusterer

VERSION = 1


def _vec(v: np.ndarray | None) -> str | None:
    return None if v is None else base64.b64encode(v.astype(np.float32).tobytes()).decode()


def _unvec(s: str | None) -> np.ndarray | None:
    return None if s is None else np.frombuffer(base64.b64decode(s), dtype=np.float32).copy()


def _story(s: StoryState) -> dict[str, Any]:
    return {
        "id": s.id, "founder": s.founder, "members": s.members, "n": s.n,
        "title_sum": list(s.title_sum.items()), "body_sum": list(s.body_sum.items()),
        "ent_counts": s.ent_counts, "vec_sum": _vec(s.vec_sum), "first_day": s.first_day,
        "last_day": s.last_day, "groups": s.groups, "related": s.related, "why": s.why,
        "body_norm": s.body_norm, "title_norm": s.title_norm, "core": s.core, "refreshed_n": s.refreshed_n,
    }


def _unstory(d: dict[str, Any]) -> StoryState:
    s = StoryState(id=d["id"], founder=d["founder"], members=d["members"], n=d["n"])
    s.title_sum = {int(t): w for t, w in d["title_sum"]}
    s.body_sum = {int(t): w for t, w in d["body_sum"]}
    s.ent_counts = d["ent_counts"]
    s.vec_sum = _unvec(d["vec_sum"])
    if s.vec_sum is not None:
        norm = float(np.linalg.norm(s.vec_sum))
        s.vec_unit = s.vec_sum / norm if norm > 0 else None
    s.first_day, s.last_day = d["first_day"], d["last_day"]
    s.groups, s.related, s.why = d["groups"], d["related"], d["why"]
    s.body_norm, s.title_norm, s.core = d["body_norm"], d["title_norm"], d["core"]
    s.refreshed_n = d["refreshed_n"]
    return s


def dump(c: StoryClusterer) -> bytes:
    ordered = sorted(c.states.values(), key=lambda s: c.order[s.id])
    data = {
        "version": VERSION, "dense": c.dense, "window": c.window,
        "max_candidates": c.max_candidates, "max_day": c.max_day, "adds": c._adds,
        "df": {"n": c.df.n, "terms": list(c.df.terms.items()), "ents": dict(c.df.ents)},
        "stories": [_story(s) for s in ordered], "order": c.order,
        "aliases": c.aliases, "group_of": c.group_of, "group_story": c.group_story,
        "group_date": c.group_date,
        "info": {a: [i.title, i.lead, i.date, i.outlet, i.group] for a, i in c.info.items()},
        "story_keys": {s: list(k) for s, k in c.story_keys.items()},
    }
    return zlib.compress(json.dumps(data, separators=(",", ":")).encode("utf-8"), 6)


def load(cls: type[StoryClusterer], blob: bytes, weights: dict[str, Any] | None) -> StoryClusterer:
    data = json.loads(zlib.decompress(blob).decode("utf-8"))
    if data.get("version") != VERSION:
        raise ValueError(f"unsupported stories state version {data.get('version')!r}")
    c = cls(dense=data["dense"], window_days=data["window"],
            max_candidates=data["max_candidates"], weights=weights)
    c.max_day, c._adds = data["max_day"], data["adds"]
    df = DocFreq()
    df.n = data["df"]["n"]
    df.terms = Counter({int(t): n for t, n in data["df"]["terms"]})
    df.ents = Counter(data["df"]["ents"])
    c.df = df
    c.order = data["order"]
    for d in data["stories"]:
        s = _unstory(d)
        c.states[s.id] = s
        for aid in s.members:
            c.story_of[aid] = s.id
    c.aliases, c.group_of, c.group_story = data["aliases"], data["group_of"], data["group_story"]
    c.group_date = data["group_date"]
    c.info = {a: MemberInfo(*v) for a, v in data["info"].items()}
    for sid, keys in data["story_keys"].items():
        c.story_keys[sid] = dict.fromkeys(keys)
        for key in keys:
            c.index.setdefault(key, {})[sid] = None
    return c
