"""scale: the batch engine on Dask (``newsfuse digest --engine dask``).

``run_dask(store, paths, scheduler=None, workers=2, workdir=..., progress=None)`` runs
ingest -> extract -> copies -> stories -> synth over partitions of the input files on a
Dask cluster (a LocalCluster by default) and fills the store exactly as the local
engine does: the same stage functions run per partition, and the order-dependent
steps (copy grouping, online story clustering) run on the driver over small rows.
Per-partition outputs are Parquet files in ``workdir`` (a rerun reuses them), and so
are the final tables (``workdir/results/*.parquet``) besides the store.
"""

from newsfuse.scale.runner import DaskRun, dask_client, run_dask

__all__ = ["DaskRun", "dask_client", "run_dask"]
