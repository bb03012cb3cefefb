"""copies: exact, syndicated and partial copies, each copy group's original, false dates.

Contract used by the rest of newsfuse (keep these names and signatures):

- ``find_copies(articles: list[Article]) -> CopyResult`` where ``CopyResult`` has
  ``relations: list[Relation]`` and ``groups: list[CopyGroup]``; it also sets on each
  article ``original``, ``copy_of``, ``trusted_date`` and the ``date_suspect`` flag.
- ``CopyIndex``: the same, incrementally: ``add(articles) -> list[Relation]`` (only the
  new relations), ``result()``, ``apply(articles)``, ``to_state() -> bytes`` and
  ``CopyIndex.from_state(bytes)``.

Pipeline: canonical tokens (``normalize``: furniture, datelines, quote styles, spelling
variants folded) -> exact digest and word 5-shingle hashes -> MinHash (datasketch
"affine32"-compatible, in numpy) + LSH with a low threshold (``fingerprint``) ->
verification by shared word runs and containment (``verify``) -> star-shaped groups with
originals and trusted dates (``grouping``). ``Relation.spans`` are [start, end) indices
into ``newsfuse.text.words(article_a.body)``.
"""

from __future__ import annotations

from newsfuse.copies.index import CopyIndex, CopyResult
from newsfuse.records import Article

__all__ = ["CopyIndex", "CopyResult", "find_copies"]


def find_copies(articles: list[Article]) -> CopyResult:
    """Relations and copy groups of ``articles``; sets each article's original,
    copy_of, trusted_date and (for re-dated copies) the ``date_suspect`` flag.

    Deterministic and independent of the order of ``articles``. Articles sharing an id
    are one article (the first one's text is used).
    """
    index = CopyIndex()
    index.add(articles)
    return index.apply(articles)
