"""Stories for the Dask engine: the stories stage's own clusterer, fed a bucket at a time.

The online clusterer's result depends on the order articles arrive in, so placement
runs in one process (the driver), over the articles in ``arrival_order``: that is what
makes the Dask engine's stories equal the local engine's. Everything else moves off the
driver, which never holds the articles:

1. the driver orders the articles by their dates alone (``arrival_ranks``);
2. a shuffle writes them into buckets of consecutive ranks (``ORDER_BUCKET`` at most,
   shrinking towards the end so that the last tasks are short: ``shrinking_divisions``);
3. a worker task per bucket computes what ``add_many`` would compute ahead of placing
   (``prepare``: dense vectors and text profiles) in the same batches of
   ``EMBED_BATCH`` (the int8 model's numbers depend on the batch), written to a file;
4. the driver places bucket after bucket as the workers finish them (``add_prepared``).
"""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from newsfuse.records import Article, CopyGroup
from newsfuse.stories import StoryClusterer
from newsfuse.stories.clusterer import EMBED_BATCH, prepare, slim

ORDER_BUCKET = 32 * EMBED_BATCH  # at most; a multiple of EMBED_BATCH: every bucket starts a batch

Batch = tuple[list[Article], Any, list[Any]]


class Dated(NamedTuple):
    """What arrival order reads of an article."""

    id: str
    trusted_date: str | None
    published: str | None


def arrival_ranks(dated: Iterable[Dated], groups: list[CopyGroup]) -> pd.DataFrame:
    """Each article's position (``rank``) in the order the clusterer adds them."""
    order = StoryClusterer(dense=False)
    order.register_groups(groups)
    ordered = order.arrival_order(dated)  # type: ignore[arg-type]  # reads only Dated's fields
    return pd.DataFrame({"id": pd.Series([a.id for a in ordered], dtype=object),
                         "rank": np.arange(len(ordered), dtype=np.int64)})


def prepare_bucket(path: str, model: str, dense: bool, out: str) -> str:
    """``prepare`` every ``EMBED_BATCH`` batch of one bucket of ranks; pickled to ``out``
    as (articles, vectors, profiles) batches, the articles slimmed to what placing reads."""
    from newsfuse.scale.partitions import write_bytes

    if not Path(out).exists():
        frame = pd.read_parquet(path, columns=["data"])
        articles = [slim(Article.from_dict(json.loads(d))) for d in frame["data"]]
        batches = []
        for start in range(0, len(articles), EMBED_BATCH):
            chunk = articles[start : start + EMBED_BATCH]
            vecs, profiles = prepare((chunk, model, dense))
            batches.append((chunk, vecs, profiles))
        write_bytes(pickle.dumps(batches, protocol=5), Path(out))
    return out


def load_batches(path: str) -> list[Batch]:
    with open(path, "rb") as fh:
        return pickle.load(fh)  # written by this run's own workers


def place(clusterer: StoryClusterer, prepared: Iterable[Callable[[], str]],
          progress: Callable[[int], None]) -> dict[str, str]:
    """Place the prepared buckets in order (each a callable giving its file once the
    worker is done: the workers run ahead while the driver places)."""

    def batches() -> Iterator[Batch]:
        for n, wait in enumerate(prepared, 1):
            yield from load_batches(wait())
            progress(n)

    return clusterer.add_prepared(batches())
