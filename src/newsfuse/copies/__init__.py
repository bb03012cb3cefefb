"""copies: exact, syndicated and partial copies, each copy group's original, false dates.

Contract used by the rest of newsfuse (keep these names and signatures):

- ``find_copies(articles: list[Article]) -> CopyResult`` where ``CopyResult`` has
  ``relations: list[Relation]`` and ``groups: list[CopyGroup]``; it also sets on each
  article ``original``, ``copy_of``, ``trusted_date`` and the ``date_suspect`` flag.
- ``CopyIndex``: the same, incrementally: ``add(articles) -> list[Relation]`` (only the
  new relations), ``result()``, ``apply(articles)``, ``to_state() -> bytes`` and
  ``CopyIndex.from_state(bytes)`` (format 2, ``state``; format 1 still loads), and for
  incremental persistence ``state_since(n_docs, n_relations) -> bytes`` (a part: only
  what was added since) and ``extend_state(part)``. The index is kept in compact
  columns (``table``): about 4 bytes per word plus ~1 KB per article.
- Kernels shared with the Dask engine (``kernels``): ``kernels.fingerprint`` (here
  ``fingerprint_article``: the name ``fingerprint`` is the submodule), ``sketch_many``,
  ``lsh_keys``, ``candidates``, ``verify_pair``, ``group``, ``apply_assignments``.

Pipeline: canonical tokens (``normalize``: furniture, datelines, quote styles, spelling
variants folded) -> exact digest and word 5-shingle hashes -> MinHash (datasketch
"affine32"-compatible, in numpy) + LSH with a low threshold (``fingerprint``) ->
verification by shared word runs and containment (``verify``) -> star-shaped groups with
originals and trusted dates (``grouping``). ``Relation.spans`` are [start, end) indices
into ``newsfuse.text.words(article_a.body)``.
"""

from __future__ import annotations

from newsfuse.copies.index import CopyIndex, fingerprint_article
from newsfuse.copies.kernels import (
    CopyResult,
    apply_assignments,
    candidates,
    group,
    lsh_keys,
    sketch_many,
    verify_pair,
)
from newsfuse.records import Article

__all__ = [
    "CopyIndex", "CopyResult", "apply_assignments", "candidates", "find_copies", "fingerprint_article", "group",
    "lsh_keys", "sketch_many", "verify_pair",
]


def find_copies(articles: list[Article]) -> CopyResult:
    """Relations and copy groups of ``articles``; sets each article's original,
    copy_of, trusted_date and (for re-dated copies) the ``date_suspect`` flag.

    Deterministic and independent of the order of ``articles``. Articles sharing an id
    are one article (the first one's text is used).
    """
    index = CopyIndex()
    index.add(articles)
    return index.apply(articles)
