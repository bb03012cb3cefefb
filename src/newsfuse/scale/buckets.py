"""Shuffle articles into buckets of consecutive positions in an order the driver chose.

The stories stage places articles in arrival order and the synthesis stage needs each
story's members together; neither order follows the input partitions. The driver
computes the position of every article (a small id -> position table), a broadcast
join tags the articles with it, and ``set_index`` with fixed divisions moves them
into one Parquet file per bucket of positions (sorted inside), written by the workers.
The driver then handles one bucket at a time: it never holds every article.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pandas as pd

from newsfuse.scale.partitions import digest, staged

DONE = "_done"


def shrinking_divisions(n: int, workers: int, most: int, unit: int = 1, least: int = 1) -> list[int]:
    """Bucket boundaries over positions 0..n-1 for buckets that shrink towards the end.

    Each bucket holds what remains over twice the workers (guided self-scheduling):
    at most ``most``, at least ``least``, a multiple of ``unit`` (so each starts at a
    multiple of ``unit``; the last may hold one more). ``most == least == unit`` gives
    even buckets. The tasks are taken in order, so the last ones run while no others
    are left: short ones there leave no worker idle for long, and the driver, which
    uses a bucket once it is done, is not left with a big last one.
    """
    if n <= 0:
        return []
    starts: list[int] = []
    pos, per = 0, 2 * max(1, workers)
    while pos < n:
        starts.append(pos)
        size = max(least, min(most, -(-(n - pos) // per)))
        pos += -(-size // unit) * unit
    # The last position ends the bounds; a last start there joins the bucket before.
    if len(starts) == 1 or starts[-1] < n - 1:
        starts.append(n - 1)
    return starts


def content_key(files: list[str], positions: pd.DataFrame, *more: object) -> str:
    """A name for the buckets of ``files`` by ``positions``: a function of the input
    files' names (themselves named after their contents), the positions and ``more``."""
    frame_hash = hashlib.sha1(pd.util.hash_pandas_object(positions).values).hexdigest()
    return digest([Path(f).name for f in files], frame_hash, *more)


def bucket_files(files: list[str], positions: pd.DataFrame, on: str, bounds: list[int], out: Path,
                 columns: list[str] | None = None) -> list[Path]:
    """Rows of ``files`` (Parquet with an ``id`` column), tagged with their position
    ``on`` from ``positions`` (``id``, ``on``; rows without one are dropped) and moved
    into one file per bucket of ``bounds``, in bucket order, indexed and sorted by
    ``on``. ``out`` is named by the caller after its inputs: a finished shuffle there is
    reused, a killed one is done again."""
    if (out / DONE).exists():
        return sorted(out.glob("bucket-*.parquet"))
    if not files or not bounds:
        return []
    import dask.dataframe as dd

    tmp = staged(out)
    shutil.rmtree(tmp, ignore_errors=True)
    frame = dd.read_parquet(files, columns=columns)
    # One partition: a broadcast join (each input partition meets the table in place).
    tagged = frame.merge(dd.from_pandas(positions, npartitions=1), on="id", how="inner")
    tagged.set_index(on, divisions=bounds).to_parquet(
        str(tmp), name_function=lambda i: f"bucket-{i:06d}.parquet", write_index=True)
    (tmp / DONE).touch()
    shutil.rmtree(out, ignore_errors=True)
    os.replace(tmp, out)
    return sorted(out.glob("bucket-*.parquet"))
