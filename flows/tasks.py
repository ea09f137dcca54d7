"""Thin Prefect tasks over plain functions. Retries go on I/O only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from prefect import task
from prefect.cache_policies import NO_CACHE

from flows.extraction import run_chunk
from flows.sources import discover_files, read_source_file
from transforms.documents import Parsed, parse_file
from transforms.incremental import WarehouseState
from transforms.records import Document, SourceFile
from warehouse.load import LoadBatch, RunRecord, load_batch
from warehouse.state import read_state

if TYPE_CHECKING:
    from transforms.pipeline import ChunkFrames

# Inputs here are large (file bytes, documents): hashing them for a cache key costs more
# than it saves, so no task caches.
_IO = {"retries": 2, "retry_delay_seconds": 2, "cache_policy": NO_CACHE}


@task(name="discover", **_IO)
def discover(source: str) -> list[str]:
    """Return the relative paths of the files under `source`."""
    return discover_files(source)


@task(name="read-warehouse-state", **_IO)
def warehouse_state(db: str, lock_timeout: float) -> WarehouseState:
    """Return what the warehouse holds, read briefly and read-only."""
    return read_state(db, lock_timeout=lock_timeout)


@task(name="read-files", **_IO)
def read_files(source: str, paths: Sequence[str]) -> list[SourceFile]:
    """Return the bytes and hashes of a batch of files."""
    return [read_source_file(source, path) for path in paths]


@task(name="parse", cache_policy=NO_CACHE)
def parse(files: Sequence[SourceFile]) -> dict[str, Parsed]:
    """Return the documents and rejects of each file, keyed by path."""
    return {f.source_path: parse_file(f) for f in files}


@task(name="extract", cache_policy=NO_CACHE)
def extract_chunk(documents: Sequence[Document], batch_size: int) -> ChunkFrames:
    """Return the table frames of a chunk of documents, from a worker that has the model loaded."""
    return run_chunk(documents, batch_size)


@task(name="load", **_IO)
def load(db: str, batch: LoadBatch, run: RunRecord, lock_timeout: float) -> None:
    """Write the run in one transaction, waiting a bounded time for the write lock."""
    load_batch(db, batch, run, lock_timeout=lock_timeout)
