"""Where the NLP runs: inline, in a local pool of worker processes, or (with the Dask task
runner) on whichever Dask worker runs the task. Workers load the model once each."""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from transforms.pipeline import ChunkFrames, extract_frames, warm_up
from transforms.records import Document

_pool: ProcessPoolExecutor | None = None


@contextmanager
def worker_pool(processes: int) -> Iterator[None]:
    """Run chunks in `processes` worker processes while the block runs (inline when 1).

    Entered by the CLI before the flow starts, the workers load the model while Prefect's
    server starts; the flow then reuses the pool already running.
    """
    global _pool
    if _pool is not None or processes <= 1:
        yield
        return
    # spawn, not fork: the parent runs Prefect's threads, which a fork would copy mid-flight.
    context = multiprocessing.get_context("spawn")
    _pool = ProcessPoolExecutor(max_workers=processes, mp_context=context, initializer=warm_up)
    try:
        yield
    finally:
        _pool.shutdown(cancel_futures=True)
        _pool = None


def run_chunk(documents: Sequence[Document], batch_size: int) -> ChunkFrames:
    """Return a chunk's frames, computed in the worker pool when one is running."""
    if _pool is None:
        return extract_frames(documents, batch_size)
    return _pool.submit(extract_frames, list(documents), batch_size).result()
