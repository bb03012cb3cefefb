"""Synthesize given captures as one story, without a store or clustering."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .records import Article, Document, Rejection, Story, Synthesis


@dataclass
class OneShot:
    articles: list[Article] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    story: Story | None = None
    synthesis: Synthesis | None = None
    digest: dict[str, Any] = field(default_factory=dict)


def synthesize_paths(paths: Iterable[str | os.PathLike[str]], words: int = 150) -> OneShot:
    """Read, extract and de-copy the captures under ``paths``, then synthesize them as one story."""
    from .copies import find_copies
    from .extract import Extract
    from .ingest import read_paths
    from .report import article_json, relation_json, story_json
    from .synth import synthesize

    result = OneShot()
    docs: dict[str, Document] = {}
    for item in read_paths(paths):
        if isinstance(item, Rejection):
            result.rejected.append(item)
        else:
            docs.setdefault(item.id, item)
    if not docs:
        return result
    result.articles = list(Extract().run(docs.values()))
    copies = find_copies(result.articles)
    dates = sorted(d for d in (a.trusted_date for a in result.articles) if d)
    originals = {a.original or a.id for a in result.articles}
    first = min(result.articles, key=lambda a: (a.trusted_date or "9999", a.id))
    story = Story(
        id="s-given", title=first.title or (first.paragraphs[0][:120] if first.paragraphs else first.source),
        articles=[a.id for a in result.articles], first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        outlets=sorted({a.outlet for a in result.articles if a.outlet}),
        independent_sources=len(originals),
    )
    result.story = story
    result.synthesis = synthesize(story, result.articles, copies.groups, words=words)
    result.digest = {
        "articles": [article_json(a) for a in result.articles],
        "relations": [relation_json(r) for r in copies.relations],
        "stories": [story_json(story, result.synthesis)],
    }
    return result
