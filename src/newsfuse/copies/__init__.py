"""copies: exact, syndicated and partial copies, each copy group's original, false dates.

Contract used by the rest of newsfuse (keep these names and signatures):

- ``find_copies(articles: list[Article]) -> CopyResult`` where ``CopyResult`` has
  ``relations: list[Relation]`` and ``groups: list[CopyGroup]``; it also sets on each
  article ``original``, ``copy_of``, ``trusted_date`` and the ``date_suspect`` flag.
"""
