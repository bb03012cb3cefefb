"""The Dask cluster a run uses: a client of a running scheduler, or a local cluster
set up for CPU-bound stage code on few cores."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# Dask settings of a local cluster (docs/cluster.md gives them for a real one).
LOCAL_CLUSTER_CONFIG = {
    # A worker holds one task at a time (Dask's default queues two on a one-thread
    # worker): the driver uses the stories' buckets in order, and a bucket queued behind
    # a busy worker would keep it waiting while the other worker runs later ones.
    "distributed.scheduler.worker-saturation": 1.0,
    # Diagnostics that cost CPU all the time: the workers' stack sampler (every 10 ms),
    # every server's event-loop tick (20 ms) and system monitor (0.5 s), the nannies'
    # memory polls (0.1 s). Measured on 2 workers idling: 8.7 CPU-seconds a minute with
    # Dask's defaults, 0.9 with these; on 2 cores the workers would lose that time.
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}


@contextmanager
def dask_client(scheduler: str | None = None, workers: int = 2) -> Iterator[Any]:
    """A client of ``scheduler`` (an address), or of a new LocalCluster of
    ``workers`` single-threaded processes, closed on exit."""
    import logging

    from newsfuse.pipeline import require

    require("distributed", "scale", "the Dask engine")
    require("dask.dataframe", "scale", "the Dask engine")
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        client = Client(scheduler)
        try:
            yield client
        finally:
            client.close()
        return
    # One core per worker: the embedder must not start a thread per core in every worker
    # (workers would then fight over the cores, and 1 worker would not be 1 core).
    with dask.config.set(LOCAL_CLUSTER_CONFIG):
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address="127.0.0.1:0", silence_logs=logging.ERROR,
                               env={"NEWSFUSE_EMBED_THREADS": "1"})
        client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()
