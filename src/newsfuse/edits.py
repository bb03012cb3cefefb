"""Manual story edits: merge two stories or split articles out of one, by hand.

The edits are made on the clusterer persisted in the store, so later runs keep them,
and the stories and their syntheses are rewritten at once.
"""

from __future__ import annotations

from .engine import STORIES_KEY, _now, load_clusterer, synthesize_stories
from .store import Store


class StoryEditError(ValueError):
    """A manual merge or split that cannot be done (unknown story, article not in it)."""


def edit_stories(store: Store, merge: tuple[str, str] | None = None,
                 split: tuple[str, list[str]] | None = None) -> str:
    """Merge two stories, or split articles out of one, by hand; returns the story id
    that results (the merged story, or the new story split off).

    The edit is made on the persisted clusterer, so it survives later runs, and the
    old id of a merged story stays an alias of the survivor (links do not break).
    """
    clusterer = load_clusterer(store)
    if merge is not None:
        a, b = (clusterer.resolve(x) for x in merge)
        for sid in (a, b):
            if sid not in clusterer.states:
                raise StoryEditError(f"no story '{sid}'")
        result = clusterer.merge(a, b)
    elif split is not None:
        sid = clusterer.resolve(split[0])
        if sid not in clusterer.states:
            raise StoryEditError(f"no story '{split[0]}'")
        members = set(clusterer.states[sid].members)
        moving = [a for a in split[1] if a in members]
        if not moving or len(moving) == len(members):
            raise StoryEditError("name some, but not all, of the story's articles to split off")
        result = clusterer.split(sid, moving, store.articles(members, labels=False))
    else:
        raise StoryEditError("nothing to do: give merge or split")
    stories = clusterer.stories()
    store.set_state(STORIES_KEY, clusterer.to_state())
    store.replace_stories(stories, updated_at=_now())
    articles = store.articles(labels=False)
    synthesize_stories(store, stories, articles, store.copy_groups())
    return clusterer.resolve(result)


def resolve_story(store: Store, story_id: str) -> str:
    """The live id of a story id that may since have been merged into another."""
    return load_clusterer(store).resolve(story_id)
