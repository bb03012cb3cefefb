"""The step abstraction every stage is built from.

A ``Step`` is a small class whose ``run(records)`` yields records, so the same
step runs in-process over a list or per partition on a cluster. Each step counts
what it kept and dropped and the time it spent, and says which extra to install
when an optional dependency is missing.
"""

from __future__ import annotations

import importlib
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from types import ModuleType
from typing import Generic, TypeVar

In = TypeVar("In")
Out = TypeVar("Out")


class MissingDependency(RuntimeError):
    """An optional dependency a step needs is not installed."""


def require(module: str, extra: str, step: str) -> ModuleType:
    """Import ``module`` or explain which extra to install to use ``step``."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependency(
            f"{step} needs the '{module}' package: install it with "
            f"`pip install 'newsfuse[{extra}]'`"
        ) from exc


@dataclass
class StepStats:
    name: str
    seen: int = 0
    kept: int = 0
    dropped: int = 0
    seconds: float = 0.0
    reasons: dict[str, int] = field(default_factory=dict)

    def drop(self, reason: str) -> None:
        self.dropped += 1
        self.reasons[reason] = self.reasons.get(reason, 0) + 1

    def __str__(self) -> str:
        rate = self.seen / self.seconds if self.seconds else 0.0
        return (
            f"{self.name}: {self.seen} in, {self.kept} kept, {self.dropped} dropped, "
            f"{self.seconds:.2f}s ({rate:.0f}/s)"
        )


class Step(Generic[In, Out]):
    """Base class: subclasses implement ``process`` (one in, zero or more out)
    or override ``run`` when they need the whole stream (two-pass steps)."""

    name = "step"

    def __init__(self) -> None:
        self.stats = StepStats(self.name)

    def process(self, record: In) -> Iterable[Out]:  # pragma: no cover - abstract
        raise NotImplementedError

    def run(self, records: Iterable[In]) -> Iterator[Out]:
        for record in records:
            self.stats.seen += 1
            start = time.perf_counter()
            outputs = list(self.process(record))
            self.stats.seconds += time.perf_counter() - start
            if outputs:
                self.stats.kept += 1
            else:
                self.stats.drop("no output")
            yield from outputs
