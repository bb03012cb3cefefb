"""stories: group articles into events (online, as they arrive).

Contract used by the rest of newsfuse (keep these names and signatures):

- ``cluster(articles: list[Article], groups: list[CopyGroup]) -> list[Story]``
  deterministic for a given input order; stable story ids.
- ``StoryClusterer``: the online path (``add``/``add_many``, ``stories()``,
  ``merge``/``split``/``resolve`` with an alias map, ``to_state``/``from_state``).

Articles are compared with active story centroids on a dense embedding (when the
``embed`` extra is installed; lexical features otherwise), hashed tf-idf of title
and lead, named-entity overlap and time, combined by a learned logistic scorer. After
each ``add_many`` (and so in ``cluster``) a second pass merges stories that are
fragments of one event, judged on their whole bodies (the same rare names and words
within days) by a second learned model (``consolidate.py``).
"""

from newsfuse.stories.clusterer import StoryClusterer, cluster, story_id

__all__ = ["StoryClusterer", "cluster", "story_id"]
