"""Where the NLP runs: inline, in a pool of worker processes the flow owns for one run, or (with
the Dask task runner) on whichever Dask worker runs the task. Workers load the model once each."""

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


class ChunkRunner:
    """Runs one chunk's NLP: in the pool's worker processes, or inline when there is no pool."""

    def __init__(self, pool: ProcessPoolExecutor | None) -> None:
        self._pool = pool

    def run(self, documents: Sequence[Document], batch_size: int) -> ChunkFrames:
        """Return a chunk's frames."""
        from transforms.pipeline import extract_frames

        if self._pool is None:
            return extract_frames(documents, batch_size)
        return self._pool.submit(extract_frames, list(documents), batch_size).result()


@contextmanager
def worker_pool(processes: int) -> Iterator[ChunkRunner]:
    """Yield a runner over `processes` worker processes (inline when 1), stopped when the block ends:
    the load that follows should not share the machine's memory with idle models."""
    if processes <= 1:
        yield ChunkRunner(None)
        return
    from flows.lifecycle import start_nlp_worker

    # spawn, not fork: the parent runs Prefect's threads, which a fork would copy mid-flight.
    context = multiprocessing.get_context("spawn")
    others = set(multiprocessing.active_children())
    pool = ProcessPoolExecutor(max_workers=processes, mp_context=context, initializer=start_nlp_worker)
    try:
        yield ChunkRunner(pool)
    except BaseException:
        # The run is failing or being stopped (Ctrl-C, SIGTERM): chunks in flight are not
        # waited for; their tasks end at once with a broken pool.
        for worker in set(multiprocessing.active_children()) - others:
            worker.terminate()
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(cancel_futures=True)


def processes_for(documents: int, requested: int | None = None) -> int:
    """Return how many worker processes suit `documents` documents: one per core, but never
    more than one per MIN_DOCUMENTS_PER_PROCESS (a worker costs a model load)."""
    if requested is not None:
        return max(1, requested)
    cores = os.cpu_count() or 1
    return max(1, min(cores, documents // MIN_DOCUMENTS_PER_PROCESS))
