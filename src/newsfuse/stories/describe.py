"""Turn a story aggregate into a ``Story`` record (title, summary, dates, sources)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from newsfuse.records import Story
from newsfuse.stories.features import term_tf
from newsfuse.stories.scorer import StoryState

if TYPE_CHECKING:
    from newsfuse.stories.clusterer import StoryClusterer


def central_member(clusterer: StoryClusterer, state: StoryState) -> str:
    """The member whose title is closest to the story's title centroid (ties: earliest).

    Members with a real title are preferred: an untitled article's lead stands in for
    its title in the centroid but makes a poor story title.
    """
    df = clusterer.df
    titled = [a for a in state.members if clusterer.info[a].title]
    best, best_score = (titled or state.members)[0], -1.0
    for aid in titled or state.members:
        info = clusterer.info[aid]
        tf = term_tf(info.title or info.lead)
        if not tf:
            continue
        num = sum(w * state.title_sum.get(t, 0.0) * df.idf(t) ** 2 for t, w in tf.items())
        norm = math.sqrt(sum((w * df.idf(t)) ** 2 for t, w in tf.items())) or 1.0
        score = num / (norm * state.title_norm)
        if score > best_score + 1e-12:
            best, best_score = aid, score
    return best


def describe(clusterer: StoryClusterer, state: StoryState) -> Story:
    infos = [clusterer.info[a] for a in state.members]
    central = clusterer.info[central_member(clusterer, state)]
    dates = sorted(i.date for i in infos if i.date)
    outlets: list[str] = []
    for i in infos:
        if i.outlet and i.outlet not in outlets:
            outlets.append(i.outlet)
    related: list[str] = []
    for r in state.related:
        r = clusterer.resolve(r)
        if r != state.id and r in clusterer.states and r not in related:
            related.append(r)
    summary = central.lead or next((i.lead for i in infos if i.lead), "")
    return Story(
        id=state.id,
        title=central.title or summary,
        articles=list(state.members),
        summary=summary,
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
        outlets=outlets,
        independent_sources=len({i.group for i in infos}),
        related=related,
        why={a: dict(state.why.get(a, {})) for a in state.members},
    )
