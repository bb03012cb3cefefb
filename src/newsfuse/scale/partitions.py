"""Input partitions and their restartable on-disk outputs.

The input files are listed in the local engine's order (``ingest.iter_files``) and cut
into contiguous partitions of about ``target_bytes``; contiguity keeps the reading order,
so "new" and "already known" are decided exactly as the local engine decides them.
A partition's key hashes its files' paths, sizes and mtimes: an unchanged partition has
the same key on the next run, and its outputs (written atomically) are reused.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

import pandas as pd

# Bump when a kernel's output format changes: old outputs then no longer match.
# 2: article files hold store rows, line labels in a column of their own.
FORMAT_VERSION = "2"
MIN_BYTES = 256 * 1024
MAX_BYTES = 64 * 1024 * 1024
MAX_FILES = 2000


@dataclass
class Partition:
    """A contiguous run of input files: (path, source) pairs as ``iter_files`` gives them."""

    index: int
    files: list[tuple[str, str]] = field(default_factory=list)
    nbytes: int = 0
    key: str = ""


def _stat(path: Path) -> tuple[int, int]:
    try:
        st = path.stat()
    except OSError:
        return -1, -1  # a missing file is read (and rejected) like the local engine does
    return st.st_size, st.st_mtime_ns


def plan(paths: Iterable[str | os.PathLike[str]], workers: int = 2,
         target_bytes: int | None = None) -> list[Partition]:
    """Partitions of every file under ``paths``, about ``target_bytes`` each.

    By default the target gives each worker several partitions (so a slow one does not
    hold the others up) within [256 KiB, 64 MiB], and no more than ``MAX_FILES``
    files of the average size: a partition cut by its bytes (a run of feed or archive
    files, each holding many captures) then holds about as much as one cut by its
    number of files (a run of page dumps).
    """
    from newsfuse.ingest import iter_files

    files = [(p, src, *_stat(p)) for p, src in iter_files(paths)]
    total = sum(max(f[2], 0) for f in files)
    if target_bytes is None:
        # Without the cap a corpus of a million captures, a third of them in feed files,
        # gave feed partitions of 50,000 captures beside page partitions of 2,000 (the
        # cap on files), and the work (and memory) of a task grew with them.
        full = total * MAX_FILES // max(1, len(files))
        target_bytes = min(MAX_BYTES, max(MIN_BYTES, min(total // max(1, 4 * workers), full)))
    parts: list[Partition] = []
    cur = Partition(0)
    h = hashlib.sha1()
    for path, source, size, mtime in files:
        if cur.files and (cur.nbytes + max(size, 0) > target_bytes or len(cur.files) >= MAX_FILES):
            cur.key = h.hexdigest()[:20]
            parts.append(cur)
            cur, h = Partition(len(parts)), hashlib.sha1()
        cur.files.append((str(path), source))
        cur.nbytes += max(size, 0)
        h.update(json.dumps([FORMAT_VERSION, str(Path(path).absolute()), source, size, mtime]).encode())
    if cur.files:
        cur.key = h.hexdigest()[:20]
        parts.append(cur)
    return parts


def digest(*values: Any) -> str:
    """A short stable hash of JSON-able values (keys of derived outputs)."""
    return hashlib.sha1(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()[:20]


def staged(path: Path) -> Path:
    """The temporary name a file is written under before it is renamed to ``path``
    (so a killed write leaves no file behind under the real name)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def write_parquet(frame: pd.DataFrame, path: Path) -> Path:
    """Write ``frame`` to ``path`` atomically."""
    tmp = staged(path)
    frame.to_parquet(tmp, index=False)
    os.replace(tmp, path)
    return path


def write_bytes(data: bytes, path: Path) -> Path:
    """Write ``data`` to ``path`` atomically."""
    tmp = staged(path)
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return path


def write_json(data: Any, path: Path) -> Path:
    return write_bytes(json.dumps(data, sort_keys=True).encode(), path)


class ParquetSink:
    """One Parquet file written a batch of rows at a time (so a table of millions of
    rows is never built in memory), atomically: it appears only when closed cleanly.

    ``columns``: name -> pyarrow type of every column."""

    def __init__(self, path: Path, columns: dict[str, Any]) -> None:
        import pyarrow as pa

        self.path = path
        self.schema = pa.schema(list(columns.items()))
        self._tmp = staged(path)
        self._writer: Any = None

    def write(self, rows: dict[str, list[Any]]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._writer is None:
            self._writer = pq.ParquetWriter(self._tmp, self.schema)
        self._writer.write_table(pa.table(rows, schema=self.schema))

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: object) -> None:
        if self._writer is None and kind is None:
            self.write({name: [] for name in self.schema.names})  # an empty table is still a table
        if self._writer is not None:
            self._writer.close()
        if kind is None:
            os.replace(self._tmp, self.path)
        else:
            self._tmp.unlink(missing_ok=True)
