"""scale: the batch engine on Dask (``newsfuse digest --engine dask``).

``run_dask(store, paths, scheduler=None, workers=2, workdir=..., progress=None)`` runs
ingest -> extract -> copies -> stories -> synth over partitions of the input files on a
Dask cluster (a LocalCluster by default) and fills the store exactly as the local
engine does: the same stage functions run per partition or per bucket, and the
order-dependent steps (copy grouping, placing articles into stories) run on the driver
over small rows, a bucket at a time: the driver never holds every article.
Per-partition outputs are Parquet files in ``workdir`` (a rerun reuses them), and so
are the final tables (``workdir/results/*.parquet``) besides the store.
"""

from newsfuse.scale.cluster import dask_client
from newsfuse.scale.runner import DaskRun, run_dask

__all__ = ["DaskRun", "dask_client", "run_dask"]
