"""Thin Prefect tasks over plain functions. Retries go on I/O only."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from prefect import get_run_logger, task
from prefect.cache_policies import NO_CACHE

from flows.extraction import ChunkRunner
from flows.sources import discover_source, read_source_file
from transforms.documents import Parsed, parse_file
from transforms.incremental import WarehouseState
from transforms.metadata import Layout
from transforms.records import Document, SourceFile
from transforms.sources import SourceSpec
from warehouse.load import LoadBatch, LoadedCounts, RunRecord, load_batch
from warehouse.publishing import WarehouseFiles, prepare_writer, publish
from warehouse.runs import FailedRun, record_failed_run
from warehouse.state import read_state

if TYPE_CHECKING:
    from transforms.pipeline import ChunkFrames

# Inputs here are large (file bytes, documents): hashing them for a cache key costs more
# than it saves, so no task caches.
_IO = {"retries": 2, "retry_delay_seconds": 2, "cache_policy": NO_CACHE}
# The warehouse's own writes are not retried: the run lock already waited, and a retry of a
# failed load or publish would only repeat the same error.
_ONCE = {"cache_policy": NO_CACHE}


@task(name="discover", **_IO)
def discover(source: SourceSpec) -> list[str]:
    """Return the relative paths of the source's files."""
    return discover_source(source)


@task(name="read-warehouse-state", **_IO)
def warehouse_state(path: Path, source_id: str, lock_timeout: float) -> WarehouseState:
    """Return what the warehouse file at `path` holds for a run of `source_id`, read briefly and read-only."""
    return read_state(path, source_id, lock_timeout=lock_timeout)


@task(name="read-files", **_IO)
def read_files(source: str, paths: Sequence[str]) -> list[SourceFile]:
    """Return the bytes and hashes of a batch of files."""
    return [read_source_file(source, path) for path in paths]


@task(name="parse", cache_policy=NO_CACHE)
def parse(files: Sequence[SourceFile], layout: Layout) -> dict[str, Parsed]:
    """Return the documents and rejects of each file, keyed by path."""
    return {f.source_path: parse_file(f, layout) for f in files}


@task(name="extract", task_run_name="extract chunk {number}/{chunks} ({documents_in_chunk} docs)",
      cache_policy=NO_CACHE)
def extract_chunk(runner: ChunkRunner, documents: Sequence[Document], batch_size: int, number: int = 1,
                  chunks: int = 1, documents_in_chunk: int = 0) -> ChunkFrames:
    """Return the table frames of a chunk of documents, from a worker that has the model loaded.

    `number`, `chunks` and `documents_in_chunk` name the task run in the Prefect UI
    (`extract chunk 3/34 (64 docs)`); the chunk logs one line of what it found.
    """
    started = time.perf_counter()
    frames = runner.run(documents, batch_size)
    get_run_logger().info("chunk %d/%d: %d documents, %d mentions, %d quotes in %.1f s", number, chunks,
                          len(documents), frames.incoming_mentions.height, frames.incoming_quotes.height,
                          time.perf_counter() - started)
    return frames


@task(name="prepare-writer", **_ONCE)
def writer_ready(files: WarehouseFiles) -> None:
    """Make sure the file runs load into exists (a copy of the published warehouse at first)."""
    prepare_writer(files)


@task(name="load", **_ONCE)
def load(files: WarehouseFiles, batch: LoadBatch, run: RunRecord, pending_runs: list[Path],
         lock_timeout: float) -> LoadedCounts:
    """Write the run in one transaction into the writer file and checkpoint it."""
    return load_batch(files.writer, batch, run, pending_runs=pending_runs, lock_timeout=lock_timeout)


@task(name="publish", **_ONCE)
def publish_warehouse(files: WarehouseFiles) -> None:
    """Publish the loaded warehouse for readers, by an atomic rename."""
    publish(files)


@task(name="report", **_ONCE)
def write_report(db: Path, out_dir: Path) -> Path:
    """Write the report page of the published warehouse (`newsdesk report`); return its path."""
    from newsdesk.report import write_report as write_page  # the page needs plotly: loaded only here

    return write_page(db, out_dir)


@task(name="record-failure", **_ONCE)
def record_failure(files: WarehouseFiles, run: FailedRun, lock_timeout: float) -> bool:
    """Put the failed run on record; return whether it reached etl_run already."""
    return record_failed_run(files, run, lock_timeout=lock_timeout)
