"""Stories for the Dask engine: the stories stage's own clusterer, on the driver.

The online clusterer's result depends on the order articles arrive in, so it runs in
one process over the articles in ``stories.cluster``'s order; that is what makes the
Dask engine's stories equal the local engine's. What is worth spreading, the dense
embeddings, is computed on the workers in exactly the batches ``add_many`` would form
(the int8 model's numbers depend on the batch), then handed to the same ``add_many``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from newsfuse.records import Article, CopyGroup, Story
from newsfuse.stories import StoryClusterer
from newsfuse.stories import dense as dense_model
from newsfuse.stories.clusterer import EMBED_BATCH

EmbedBatches = Callable[[list[list[str]], str], list[Any]]


class _Prefetched(StoryClusterer):
    """A clusterer whose embedding batches were computed elsewhere."""

    def __init__(self, vectors: dict[tuple[str, ...], np.ndarray], dense: bool | None,
                 model: str | None) -> None:
        super().__init__(dense=dense, model=model)
        self._prefetched = vectors

    def _vector_batches(self, chunks: list[list[Article]]) -> Iterator[np.ndarray | None]:
        for chunk in chunks:
            got = self._prefetched.get(tuple(a.id for a in chunk)) if self.dense else None
            yield got if got is not None else self._vectors(chunk)


def cluster_prefetched(articles: list[Article], groups: list[CopyGroup],
                       embed_batches: EmbedBatches | None = None, dense: bool | None = None,
                       model: str | None = None) -> list[Story]:
    """``stories.cluster(articles, groups)``, with ``embed_batches`` computing the
    embeddings of every batch (a list of text lists and the model -> a list of arrays)
    in parallel."""
    order = StoryClusterer(dense=False, model=model)
    order.register_groups(groups)
    ordered = order.arrival_order(articles)
    vectors: dict[tuple[str, ...], np.ndarray] = {}
    clusterer = _Prefetched(vectors, dense, order.model)
    if clusterer.dense and embed_batches is not None and ordered:
        chunks = [ordered[i : i + EMBED_BATCH] for i in range(0, len(ordered), EMBED_BATCH)]
        texts = [[dense_model.text(a, clusterer.model) for a in c] for c in chunks]
        done = embed_batches(texts, clusterer.model)
        vectors.update({tuple(a.id for a in c): v for c, v in zip(chunks, done, strict=True)})
    clusterer.register_groups(groups)
    clusterer.add_many(ordered)
    clusterer.regroup_copies(groups, articles)
    return clusterer.stories()
