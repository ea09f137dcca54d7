"""Where the NLP runs: inline, in a local pool of worker processes, or (with the Dask task
runner) on whichever Dask worker runs the task. Workers load the model once each."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

from typing import TYPE_CHECKING

from transforms.records import Document

if TYPE_CHECKING:  # spaCy loads only where the NLP runs: in workers, or inline when there is one
    from transforms.pipeline import ChunkFrames

MIN_DOCUMENTS_PER_PROCESS = 100
_pool: ProcessPoolExecutor | None = None


@contextmanager
def worker_pool(processes: int, *, prewarm: bool = False) -> Iterator[None]:
    """Run chunks in `processes` worker processes while the block runs (inline when 1).

    With `prewarm`, the workers start and load the model at once: entered by the CLI before the
    flow starts, they load it while Prefect's server starts, and the flow reuses them.
    """
    global _pool
    if _pool is not None or processes <= 1:
        yield
        return
    from transforms.pipeline import warm_up

    # spawn, not fork: the parent runs Prefect's threads, which a fork would copy mid-flight.
    context = multiprocessing.get_context("spawn")
    _pool = ProcessPoolExecutor(max_workers=processes, mp_context=context, initializer=warm_up)
    if prewarm:
        for _ in range(processes):
            _pool.submit(warm_up)
    try:
        yield
    finally:
        release_workers()


def release_workers() -> None:
    """Stop the worker processes now (the NLP is done), whoever started them: the load that
    follows should not share the machine's memory with idle models."""
    global _pool
    if _pool is not None:
        _pool.shutdown(cancel_futures=True)
        _pool = None


def run_chunk(documents: Sequence[Document], batch_size: int) -> ChunkFrames:
    """Return a chunk's frames, computed in the worker pool when one is running."""
    from transforms.pipeline import extract_frames

    if _pool is None:
        return extract_frames(documents, batch_size)
    return _pool.submit(extract_frames, list(documents), batch_size).result()


def processes_for(documents: int, requested: int | None = None) -> int:
    """Return how many worker processes suit `documents` documents: one per core, but never
    more than one per MIN_DOCUMENTS_PER_PROCESS (a worker costs a model load)."""
    if requested is not None:
        return max(1, requested)
    cores = os.cpu_count() or 1
    return max(1, min(cores, documents // MIN_DOCUMENTS_PER_PROCESS))
