"""Task runners beyond the default thread pool: the extraction stage on a Dask cluster."""

from __future__ import annotations

import os

from prefect.task_runners import TaskRunner


def dask_runner(address: str | None = None, workers: int | None = None) -> TaskRunner:
    """Return a Prefect task runner for an existing Dask scheduler at `address`, or for a new
    local `dask.distributed` cluster of `workers` single-threaded worker processes."""
    from prefect_dask import DaskTaskRunner

    if address:
        return DaskTaskRunner(address=address)
    workers = workers or os.cpu_count() or 1
    return DaskTaskRunner(cluster_kwargs={"n_workers": workers, "threads_per_worker": 1, "processes": True,
                                          "dashboard_address": None})
