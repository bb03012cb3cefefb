"""stories: group articles into events (online, as they arrive).

Contract used by the rest of newsfuse (keep these names and signatures):

- ``cluster(articles: list[Article], groups: list[CopyGroup]) -> list[Story]``
  deterministic for a given input order; stable story ids.
"""
