"""Run one stage function over many independent items on every core, in order.

Extraction (per document) and synthesis (per story) are pure functions of their
inputs, so the local engine can spread them over worker processes and still give
byte-identical results: the ONNX embedder computes the same vectors with one thread
as with two, and results come back in input order. Small batches stay in-process,
where a worker pool would cost more to start (each worker imports newsfuse and
loads the model) than it saves.

``NEWSFUSE_WORKERS`` sets the number of processes (default: the usable cores);
``NEWSFUSE_WORKERS=1`` turns the pool off; ``NEWSFUSE_PARALLEL_MIN`` overrides the
smallest batch worth a pool (the tests set it to 1 to drive the pool on small corpora).
When the pool breaks (a worker killed, e.g. by the out-of-memory killer, or workers
that cannot start), the items not yet done run in this process instead, after one line
on stderr: the run goes on, slower, with the same results.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: Below this many items the work runs in-process.
MIN_ITEMS = 200

_shared: Any = None


def workers() -> int:
    """Worker processes to use: ``NEWSFUSE_WORKERS`` or the cores this process may run on."""
    raw = os.environ.get("NEWSFUSE_WORKERS", "").strip()
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def shared() -> Any:
    """The object given as ``shared`` to ``map_ordered``, inside a worker (or in-process)."""
    return _shared


def map_ordered(fn: Callable[[T], R], items: Iterable[T], shared: Any = None,
                n_workers: int | None = None, min_items: int = MIN_ITEMS,
                chunksize: int = 8) -> Iterator[R]:
    """``map(fn, items)`` over worker processes, yielding results in input order.

    ``fn`` must be a module-level function; ``shared`` (e.g. a template memory) is
    sent once to each worker and read there with ``shared()``.
    """
    todo = list(items)
    n = workers() if n_workers is None else n_workers
    floor = os.environ.get("NEWSFUSE_PARALLEL_MIN", "").strip()
    if floor.isdigit():
        min_items = int(floor)
    if n <= 1 or len(todo) < max(min_items, 1):
        yield from _in_process(fn, todo, shared)
        return
    with _executor(n, shared) as pool:
        yield from _finish(pool.map(fn, todo, chunksize=chunksize), fn, todo, shared)


class Pool:
    """Worker processes kept across many batches, for a long-lived online process (a
    feed's polls): starting a pool costs about a second, a poll a fraction of that.
    ``n_workers`` processes (default: one per core; 0: everything in this process). A
    caller that keeps working while the workers compute (the clusterer places articles)
    wants one fewer than the cores.

    ``map`` is ``map_ordered`` on the kept workers (lazy, in input order: the caller
    works on the first results while the workers compute the rest). If the pool
    breaks, the batch under way and every later one run in this process, after one
    line on stderr. Use as a context manager, or ``close()`` it.
    """

    def __init__(self, n_workers: int | None = None, shared: Any = None) -> None:
        self.n = workers() if n_workers is None else n_workers
        self.shared = shared
        self._pool = _executor(self.n, shared) if self.n > 0 else None

    def map(self, fn: Callable[[T], R], items: Iterable[T], chunksize: int = 1) -> Iterator[R]:
        todo = list(items)
        if self._pool is None:
            return _in_process(fn, todo, self.shared)
        return _finish(self._pool.map(fn, todo, chunksize=chunksize), fn, todo, self.shared,
                       on_break=self.close)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def _executor(n: int, shared: Any) -> ProcessPoolExecutor:
    # spawn, not fork: the parent may hold onnxruntime's thread pool and open database
    # connections, neither of which survives a fork safely.
    return ProcessPoolExecutor(max_workers=n, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_init, initargs=(shared,))


def _finish(results: Iterator[R], fn: Callable[[T], R], todo: list[T], shared: Any,
            on_break: Callable[[], None] | None = None) -> Iterator[R]:
    """``results`` (the workers' ``map`` of ``fn`` over ``todo``), and if the pool
    breaks, the items not yet done computed in this process after one line on stderr."""
    done = 0
    try:
        for result in results:
            yield result
            done += 1
    except BrokenProcessPool as err:
        print(f"newsfuse: worker processes stopped ({err}); going on in one process "
              f"with the {len(todo) - done} items left", file=sys.stderr)
        if on_break is not None:
            on_break()
        yield from _in_process(fn, todo[done:], shared)


def _in_process(fn: Callable[[T], R], todo: list[T], shared: Any) -> Iterator[R]:
    global _shared
    previous, _shared = _shared, shared
    try:
        yield from map(fn, todo)
    finally:
        _shared = previous


def _init(value: Any) -> None:
    global _shared
    _shared = value
    # One process per core: the embedder must not also start a thread per core.
    os.environ["NEWSFUSE_EMBED_THREADS"] = "1"
