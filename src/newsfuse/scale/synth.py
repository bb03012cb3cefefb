"""Synthesis for the Dask engine: one worker task per bucket of stories.

Members of a story are spread over the input partitions, so a shuffle (``buckets``)
first brings each bucket of consecutive stories' members together (``SYNTH_BUCKET``
stories at most).
A task then does, per story, what ``engine.synthesize_stories`` does: the same member
order, copy groups and fingerprint; a story whose fingerprint equals the one stored
with its synthesis is not synthesized again (its row says so, with no data).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from newsfuse.records import Article, CopyGroup, Story

SYNTH_BUCKET = 200  # stories per task at most: big enough to amortise task overhead
OUT_COLUMNS = ["story_id", "print", "data"]


def member_positions(stories: list[Story]) -> pd.DataFrame:
    """Every member article with its story's position (``sidx``) in ``stories``."""
    ids = [a for s in stories for a in s.articles]
    sidx = [n for n, s in enumerate(stories) for _ in s.articles]
    return pd.DataFrame({"id": pd.Series(ids, dtype=object), "sidx": pd.Series(sidx, dtype="int64")})


def groups_of(stories: Iterable[Story], group_of: dict[str, CopyGroup]) -> list[dict[str, Any]]:
    """The copy groups the members of ``stories`` belong to (each once)."""
    seen: dict[str, dict[str, Any]] = {}
    for s in stories:
        for a in s.articles:
            g = group_of.get(a)
            if g is not None and g.original not in seen:
                seen[g.original] = g.to_dict()
    return list(seen.values())


def synth_bucket(path: str | None, stories: list[dict[str, Any]], prints: dict[str, str],
                 groups: list[dict[str, Any]], out: str) -> str:
    """Synthesize the stories of one bucket (their members in the Parquet file ``path``,
    None when the bucket has none); ``prints``: the fingerprint each already stored
    synthesis was made from. Rows (story_id, print, data) to ``out``, data empty
    when the stored synthesis still holds."""
    from newsfuse.engine import _fingerprint, _groups_for
    from newsfuse.scale.partitions import write_parquet
    from newsfuse.synth import synthesize

    if Path(out).exists():
        return out
    by_id: dict[str, Article] = {}
    if path is not None:
        for d in pd.read_parquet(path, columns=["data"])["data"]:
            a = Article.from_dict(json.loads(d))
            by_id[a.id] = a
    group_of = {m: g for g in map(CopyGroup.from_dict, groups) for m in g.members}
    rows = []
    for data in stories:
        story = Story.from_dict(data)
        members = [by_id[a] for a in story.articles if a in by_id]
        story_groups = _groups_for(members, group_of)
        key = _fingerprint(members, story_groups)
        fresh = "" if prints.get(story.id) == key else json.dumps(synthesize(story, members, story_groups).to_dict())
        rows.append({"story_id": story.id, "print": key, "data": fresh})
    write_parquet(pd.DataFrame(rows, columns=OUT_COLUMNS), Path(out))
    return out
