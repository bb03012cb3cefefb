"""ingest: raw captures in, ``Document``s (or ``Rejection``s) out, with provenance.

Inputs: directories (recursive), plain-text captures, HTML, JSONL/JSON feeds, WARC,
and gzip of any of these. Identity is the content hash, so the same capture read
twice is one document.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..records import Document, Rejection
from .decode import BadInput, decode
from .readers import MAX_ITEM_BYTES, Item, kind_of, read_file

__all__ = ["BadInput", "Document", "Rejection", "count_files", "Item", "MAX_ITEM_BYTES", "decode", "iter_files", "kind_of", "read_file", "read_paths"]


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, str]]:
    """(file, source) for every file under ``paths``, in a stable order.

    ``source`` is the file's path relative to the directory it was found under, or
    its name when a file was given directly. Hidden files and folders are skipped.
    """
    for given in paths:
        root = Path(given)
        if root.is_dir():
            for dirpath, dirnames, filenames in os.walk(root):
                dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
                for name in sorted(filenames):
                    if name.startswith("."):
                        continue
                    path = Path(dirpath) / name
                    yield path, path.relative_to(root).as_posix()
        else:
            yield root, root.name


def read_paths(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Item]:
    """Every document and rejection found under ``paths``."""
    for path, source in iter_files(paths):
        if not path.exists():
            yield Rejection(source=str(path), reason="no such file or directory", origin=str(path))
            continue
        yield from read_file(path, source)


def count_files(paths: Iterable[str | os.PathLike[str]]) -> int:
    return sum(1 for _ in iter_files(paths))

