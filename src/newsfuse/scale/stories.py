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
4. the driver places bucket after bucket as the workers finish them (``add_batches``),
   saving the clusterer after a bucket at most every ``CHECKPOINT_SECONDS``: placement is
   the one long stage that runs in a single process (at a million captures, most of an
   hour), and a rerun after a kill goes on from the last save.
"""

from __future__ import annotations

import json
import pickle
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from newsfuse.records import Article, CopyGroup
from newsfuse.stories import StoryClusterer
from newsfuse.stories.clusterer import EMBED_BATCH, prepare, slim

ORDER_BUCKET = 32 * EMBED_BATCH  # at most; a multiple of EMBED_BATCH: every bucket starts a batch
# A save costs about a minute at a million articles (a gigabyte of state), so at most
# one every quarter of an hour: a kill loses that much placement at most.
CHECKPOINT_SECONDS = 900.0

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


def place(clusterer: StoryClusterer, prepared: Sequence[Callable[[], str]],
          progress: Callable[[int], None], checkpoints: Path | None = None,
          every: float | None = None) -> tuple[StoryClusterer, dict[str, str], int]:
    """Place the prepared buckets in order (each a callable giving its file once the
    worker is done: the workers run ahead while the driver places), then ``consolidate``.

    With ``checkpoints`` (a directory named after the buckets' contents), the clusterer
    is saved there after a bucket once ``every`` seconds (``CHECKPOINT_SECONDS``) have
    passed since the last save, and a call that finds a save goes on from it; the
    clusterer is saved once more when all is placed and consolidated (a run killed in a
    later stage does neither again). Returns the clusterer (the restored one, after a
    resume), each article's story, and how many buckets a save spared."""
    every = CHECKPOINT_SECONDS if every is None else every
    placed: dict[str, str] = {}
    done, final = 0, False
    if checkpoints is not None and (saved := _last_checkpoint(checkpoints)) is not None:
        clusterer, placed, done, final = _restore(saved)
    if final:
        return clusterer, placed, done
    last = time.monotonic()
    for n in range(done, len(prepared)):
        clusterer.add_batches(load_batches(prepared[n]()), placed)
        progress(n + 1)
        if checkpoints is not None and n + 1 < len(prepared) and time.monotonic() - last >= every:
            _checkpoint(checkpoints, n + 1, clusterer, placed)
            last = time.monotonic()
    if placed:
        clusterer.consolidate()
    placed = {a: clusterer.resolve(s) for a, s in placed.items()}
    if checkpoints is not None and placed:
        _checkpoint(checkpoints, len(prepared), clusterer, placed, final=True)
    return clusterer, placed, done


def _last_checkpoint(folder: Path) -> Path | None:
    saves = sorted(folder.glob("after-*.pkl"))
    return saves[-1] if saves else None


def _checkpoint(folder: Path, buckets: int, clusterer: StoryClusterer, placed: dict[str, str],
                final: bool = False) -> None:
    from newsfuse.scale.partitions import write_bytes

    # The stories touched since the last second pass are not part of a saved state (the
    # local engine saves after that pass); mid-placement they are, so they ride along.
    save = {"buckets": buckets, "placed": placed, "touched": sorted(clusterer.touched),
            "final": final, "state": clusterer.to_state()}
    name = f"after-{buckets:06d}{'-final' if final else ''}.pkl"
    path = write_bytes(pickle.dumps(save, protocol=5), folder / name)
    for old in folder.glob("after-*.pkl"):
        if old != path:
            old.unlink(missing_ok=True)


def _restore(path: Path) -> tuple[StoryClusterer, dict[str, str], int, bool]:
    with open(path, "rb") as fh:
        save = pickle.load(fh)  # written by this stage in an earlier run
    clusterer = StoryClusterer.from_state(save["state"])
    clusterer.touched = set(save["touched"])
    return clusterer, save["placed"], save["buckets"], save.get("final", False)
