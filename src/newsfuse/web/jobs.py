"""The ingest worker: uploaded captures are ingested and processed in one background thread.

One job runs at a time (the pipeline writes the whole store); the web server keeps
answering meanwhile because SQLite runs in WAL mode, and the real pipeline runs in a
child process so that its CPU work does not compete with requests for the GIL. Uploaded files are written only
under a temporary directory this module creates, with sanitised names, and removed
when their job ends.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import re
import shutil
import tempfile
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..records import Rejection
from ..store import Store

log = logging.getLogger("newsfuse.web")
MAX_PENDING = 8
KEEP_JOBS = 50
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_name(name: str | None, taken: set[str]) -> str:
    """A file name safe to create in our directory: no path, no leading dot, unique."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = _UNSAFE.sub("_", base).lstrip("._-")[:120] or "capture"
    candidate, n = base, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{n}-{base}"
    taken.add(candidate.lower())
    return candidate


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class Job:
    """One upload's trip through ingest and processing."""

    id: str
    files: list[str]
    state: str = "queued"  # queued, running, done, failed
    stage: str = ""
    done: int = 0
    total: int = 0
    message: str = ""
    created: str = field(default_factory=_now)
    started: str | None = None
    finished: str | None = None
    new: int = 0
    known: int = 0
    rejected: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


Processor = Callable[..., Any]


class IngestWorker:
    """Runs upload jobs one after another in a daemon thread."""

    def __init__(self, store: Store, root: Path, process: Processor | None = None) -> None:
        from .. import engine

        self.store = store
        self.root = root
        self.ingest: Processor = engine.ingest
        self.process: Processor = process or engine.process
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self._queue: queue.Queue[Job | None] = queue.Queue(maxsize=MAX_PENDING)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._proc: Any = None  # the child process of the running job, if any

    def submit(self, files: list[tuple[str | None, bytes]]) -> Job:
        """Save the files and queue a job; raises ``queue.Full`` when too many are waiting."""
        job = Job(id=uuid.uuid4().hex[:16], files=[])
        folder = self.root / job.id
        folder.mkdir(parents=True)
        taken: set[str] = set()
        for name, data in files:
            target = folder / safe_name(name, taken)
            # Belt and braces: the sanitised name cannot leave the folder.
            if target.resolve().parent != folder.resolve():
                raise ValueError("unsafe file name")
            target.write_bytes(data)
            job.files.append(target.name)
        try:
            self._queue.put_nowait(job)
        except queue.Full:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        with self._lock:
            self.jobs[job.id] = job
            while len(self.jobs) > KEEP_JOBS:
                self.jobs.popitem(last=False)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._loop, name="newsfuse-ingest", daemon=True)
                self._thread.start()
        return job

    def job(self, job_id: str) -> Job | None:
        with self._lock:
            return self.jobs.get(job_id)

    def recent(self) -> list[Job]:
        with self._lock:
            return list(reversed(self.jobs.values()))

    @property
    def busy(self) -> bool:
        return any(j.state in ("queued", "running") for j in self.recent())

    def close(self, timeout: float = 5.0) -> None:
        """Stop the worker; a job still running is killed (its committed batches stay)."""
        proc = self._proc
        if proc is not None and proc.is_alive():
            proc.terminate()
        if self._thread is not None and self._thread.is_alive():
            try:
                self._queue.put(None, timeout=timeout)
            except queue.Full:
                pass
            self._thread.join(timeout)

    def _loop(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            self._run(job)

    def _run(self, job: Job) -> None:
        folder = self.root / job.id
        job.state, job.started = "running", _now()
        try:
            if self._default_pipeline():
                self._run_in_child(job, folder)
            else:
                self._run_here(job, folder)
            job.state = "done"
            job.message = (f"{job.new} new, {job.known} already known, {len(job.rejected)} rejected; "
                           "stories updated")
        except Exception as exc:  # the worker must survive any failure of one job
            log.exception("ingest job %s failed", job.id)
            job.state = "failed"
            job.message = f"processing failed: {type(exc).__name__}: {str(exc)[:300]}"
        finally:
            job.finished = _now()
            shutil.rmtree(folder, ignore_errors=True)

    def _default_pipeline(self) -> bool:
        from .. import engine

        return self.ingest is engine.ingest and self.process is engine.process

    def _run_here(self, job: Job, folder: Path) -> None:
        """Run the (replaced) pipeline functions in this thread: what tests use."""

        def progress(stage: str, done: int, total: int) -> None:
            job.stage, job.done, job.total = stage, done, total

        def on_reject(r: Rejection) -> None:
            job.rejected.append({"source": r.source, "locator": r.locator, "reason": r.reason})

        result = self.ingest(self.store, [folder], progress, on_reject, len(job.files))
        job.new, job.known = len(result.new), len(result.known)
        job.stage, job.done, job.total = "process", 0, 0
        self.process(self.store, progress)

    def _run_in_child(self, job: Job, folder: Path) -> None:
        """Run the real pipeline in a child process, so its CPU work never holds this
        server's GIL: pages stay fast while a big upload is processed."""
        ctx = multiprocessing.get_context("spawn")
        parent, child = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_child, args=(self.store.url, str(folder), len(job.files), child), daemon=True)
        proc.start()
        self._proc = proc
        child.close()
        finished = False
        try:
            while True:
                try:
                    msg = parent.recv()
                except EOFError:
                    break
                kind = msg[0]
                if kind == "progress":
                    job.stage, job.done, job.total = msg[1], msg[2], msg[3]
                elif kind == "reject":
                    job.rejected.append({"source": msg[1], "locator": msg[2], "reason": msg[3]})
                elif kind == "ingested":
                    job.new, job.known = msg[1], msg[2]
                elif kind == "error":
                    raise RuntimeError(msg[1])
                elif kind == "done":
                    finished = True
        finally:
            parent.close()
            proc.join(30)
            self._proc = None
        if not finished:
            raise RuntimeError(f"the processing process ended without finishing (exit code {proc.exitcode})")


def _child(url: str, folder: str, n_files: int, conn: Any) -> None:
    """Child process body: ingest ``folder`` into the store at ``url`` and process it."""
    import os
    import time

    from .. import engine

    server = os.getppid()

    def orphan_watch() -> None:
        # A server killed hard cannot stop us: leave when our parent is gone.
        while True:
            time.sleep(1.0)
            if os.getppid() != server:
                os._exit(1)

    threading.Thread(target=orphan_watch, daemon=True).start()

    last = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] > 0.1 or done == total:
            last[0] = now
            conn.send(("progress", stage, done, total))

    def on_reject(r: Rejection) -> None:
        conn.send(("reject", r.source, r.locator, r.reason))

    try:
        with Store(url) as store:
            result = engine.ingest(store, [folder], progress, on_reject, n_files)
            conn.send(("ingested", len(result.new), len(result.known)))
            conn.send(("progress", "process", 0, 0))
            engine.process(store, progress)
        conn.send(("done",))
    except Exception as exc:  # reported to the parent, which marks the job failed
        conn.send(("error", f"{type(exc).__name__}: {str(exc)[:300]}"))
    finally:
        conn.close()


def make_root() -> Path:
    return Path(tempfile.mkdtemp(prefix="newsfuse-web-"))
