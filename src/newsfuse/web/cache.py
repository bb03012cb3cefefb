"""A small cache of derived views keyed by the store's version.

The store changes only when someone commits (an ingest here, or the CLI on the
same file). For SQLite the version is the size and mtime of the database file and
its WAL, which every commit changes, so a cached page is never older than the last
commit; for PostgreSQL it is a sequence every write transaction bumps
(``Store.change_counter``). Other databases fall back to a short time bucket.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy.engine import make_url

V = TypeVar("V")
TTL_SECONDS = 2.0


class StoreVersion:
    """A cheap token that changes whenever the store commits (SQLite) or every TTL seconds."""

    def __init__(self, url: str, counter: Callable[[], int | None] | None = None) -> None:
        parsed = make_url(url)
        self.files: list[Path] = []
        self.counter = counter
        if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
            db = Path(parsed.database)
            self.files = [db, db.with_name(db.name + "-wal")]

    def __call__(self) -> Hashable:
        if not self.files:
            value = self.counter() if self.counter is not None else None
            return ("n", value) if value is not None else int(time.monotonic() / TTL_SECONDS)
        out = []
        for f in self.files:
            try:
                st = os.stat(f)
                out.append((st.st_size, st.st_mtime_ns))
            except OSError:
                out.append(None)
        return tuple(out)


class ViewCache:
    """LRU of values computed from the store, each valid for one store version.

    One lock per key stops 50 concurrent requests from all rebuilding the same view.
    """

    def __init__(self, version: Callable[[], Hashable], size: int = 256) -> None:
        self.version = version
        self.size = size
        self._data: OrderedDict[Hashable, tuple[Hashable, Any]] = OrderedDict()
        self._lock = threading.Lock()
        self._key_locks: dict[Hashable, threading.Lock] = {}

    def peek(self, key: Hashable) -> Any:
        """The cached value of ``key`` if it is current, else None (never builds)."""
        ver = self.version()
        with self._lock:
            hit = self._data.get(key)
            if hit is not None and hit[0] == ver:
                self._data.move_to_end(key)
                return hit[1]
        return None

    def get(self, key: Hashable, build: Callable[[], V]) -> V:
        ver = self.version()
        with self._lock:
            hit = self._data.get(key)
            if hit is not None and hit[0] == ver:
                self._data.move_to_end(key)
                return hit[1]  # type: ignore[no-any-return]
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                hit = self._data.get(key)
                if hit is not None and hit[0] == ver:
                    return hit[1]  # type: ignore[no-any-return]
            value = build()
            with self._lock:
                self._data[key] = (ver, value)
                self._data.move_to_end(key)
                while len(self._data) > self.size:
                    old, _ = self._data.popitem(last=False)
                    self._key_locks.pop(old, None)
            return value

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
