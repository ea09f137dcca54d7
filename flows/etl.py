"""The newsdesk-etl flow: discover → read → extract → reshape → load → report."""

from __future__ import annotations

import os
import time
import uuid
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime

from prefect import flow, get_run_logger
from prefect.task_runners import ThreadPoolTaskRunner
from prefect.artifacts import create_markdown_artifact
from prefect.runtime import flow_run

from flows import tasks
from flows.extraction import processes_for, release_workers, worker_pool
from flows.progress import listener
from flows.settings import DEFAULT_DB, DEFAULT_SOURCE
from flows.summary import summary_markdown
from transforms import frames
from transforms.incremental import DocumentPlan, FilePlan, document_plan, file_plan
from transforms.lexicon import entity_aliases
from transforms.model_info import model_label
from transforms.records import Document
from warehouse.load import LoadBatch, RunRecord
from warehouse.staging import Staging, staging_area

READ_BATCH_FILES = 500
EXTRACT_CHUNK_DOCUMENTS = 64  # a task per chunk: Prefect's per-task cost stays small beside the NLP
CHUNKS_IN_FLIGHT = 8  # enough to keep every worker busy, few enough to keep memory flat


@dataclass(frozen=True)
class RunSummary:
    """What a run did, for the CLI, the artifact and the logs."""

    run_id: str
    source: str
    db: str
    files_found: int
    files_unchanged: int
    documents_new: int
    documents_changed: int
    documents_unchanged: int
    documents_removed: int
    documents_extracted: int
    rejected: int
    mentions: int
    quotes: int
    stage_seconds: dict[str, float]

    def as_dict(self) -> dict:
        """Return the summary as plain values."""
        return asdict(self)


class _Stages:
    """Wall time per stage of the run."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def timed(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        yield
        self.seconds[name] = round(time.perf_counter() - started, 3)


@flow(name="newsdesk-etl", description="Load a folder of news articles into the Newsdesk DuckDB warehouse.",
      task_runner=ThreadPoolTaskRunner(max_workers=4))
def newsdesk_etl(source: str = DEFAULT_SOURCE, db: str = DEFAULT_DB, batch_size: int = 32,
                 processes: int | None = None, lock_timeout: float = 30.0, local_workers: bool = True) -> dict:
    """Run the ETL over `source` into the warehouse at `db`; return the run summary.

    `local_workers=False` runs each chunk's NLP inside the task itself, for a task runner
    (Dask) that already spreads tasks over processes or machines.
    """
    logger = get_run_logger()
    started_at = datetime.now(UTC).replace(tzinfo=None)
    run_id = str(flow_run.id or uuid.uuid4())
    stages = _Stages()

    with stages.timed("discover"):
        paths = tasks.discover(source)
        state = tasks.warehouse_state(db, lock_timeout)
    with stages.timed("read"):
        files = [f for chunk in _chunks(paths, READ_BATCH_FILES) for f in tasks.read_files(source, chunk)]
        plan = file_plan(files, state)
        parsed = tasks.parse(plan.reread)
        documents = document_plan(plan, parsed, state)
    logger.info("%d files found: %d unchanged, %d to read; %d documents need the NLP",
                len(paths), len(plan.unchanged), len(plan.reread), len(documents.to_extract))
    with staging_area(db) as staging:
        with stages.timed("extract"):
            workers = processes_for(len(documents.to_extract), processes) if local_workers else 1
            with worker_pool(workers):
                _extract_into(staging, documents.to_extract, batch_size)
            release_workers()
        batch = _load_batch(staging, plan, parsed, documents)
        run = _run_record(run_id, source, started_at, paths, plan, documents, batch, stages)
        with stages.timed("load"):
            tasks.load(db, batch, run, lock_timeout)
    summary = RunSummary(
        run_id=run_id, source=str(source), db=str(db), files_found=run.files_found,
        files_unchanged=run.files_unchanged, documents_new=run.documents_new,
        documents_changed=run.documents_changed, documents_unchanged=run.documents_unchanged,
        documents_removed=run.documents_removed, documents_extracted=run.documents_extracted,
        rejected=run.rejects, mentions=staging.rows.get("incoming_mentions", 0),
        quotes=staging.rows.get("incoming_quotes", 0), stage_seconds=stages.seconds,
    )
    create_markdown_artifact(markdown=summary_markdown(summary.as_dict()), key="newsdesk-run-summary",
                             description="What this Newsdesk run loaded")
    logger.info("run %s loaded %d documents, %d mentions, %d quotes; %d rejected",
                run_id, run.documents_extracted, summary.mentions, summary.quotes, summary.rejected)
    return summary.as_dict()


def _extract_into(staging: Staging, documents: Sequence[Document], batch_size: int) -> None:
    """Run the NLP over the documents chunk by chunk, staging each chunk's rows as it arrives."""
    progress = listener()
    if progress is not None:
        progress.start(len(documents))
    # A bounded window of chunks in flight: each chunk's rows are staged and dropped as it
    # arrives, so memory does not grow with the corpus.
    pending: deque = deque()
    staged = 0
    # Longest documents first: the last chunks are the quickest, so no worker idles long while
    # another finishes a heavy chunk at the end.
    longest_first = sorted(documents, key=lambda document: len(document.text), reverse=True)
    for chunk in _chunks(longest_first, EXTRACT_CHUNK_DOCUMENTS):
        pending.append((len(chunk), tasks.extract_chunk.submit(chunk, batch_size)))
        if len(pending) >= CHUNKS_IN_FLIGHT:
            staged = _stage_oldest(staging, pending, staged)
    while pending:
        staged = _stage_oldest(staging, pending, staged)


def _stage_oldest(staging: Staging, pending: deque, part: int) -> int:
    """Stage the oldest chunk in flight as part `part`; return the next part number."""
    size, future = pending.popleft()
    staging.add(future.result().tables(), part)
    progress = listener()
    if progress is not None:
        progress.advance(size)
    return part + 1


def _run_record(run_id: str, source: str, started_at: datetime, paths: list[str], plan: FilePlan,
                documents: DocumentPlan, batch: LoadBatch, stages: _Stages) -> RunRecord:
    return RunRecord(
        run_id=run_id, flow_run_id=str(flow_run.id) if flow_run.id else None, source=str(source),
        started_at=started_at, files_found=len(paths), files_unchanged=len(plan.unchanged),
        documents_new=documents.new, documents_changed=documents.changed,
        documents_unchanged=documents.unchanged, documents_removed=len(documents.to_mark_removed),
        documents_extracted=len(documents.to_extract), rejects=batch.incoming_rejects.height,
        model=model_label() if documents.to_extract else "(none: nothing to extract)",
        stage_seconds=stages.seconds,
    )


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _load_batch(staging: Staging, plan: FilePlan, parsed: dict, documents: DocumentPlan) -> LoadBatch:
    all_documents = [d for p in parsed.values() for d in p.documents]
    rejects = [r for p in parsed.values() for r in p.rejects] + list(documents.duplicates)
    return LoadBatch(
        staging=staging,
        incoming_slots=frames.slot_frame(documents.relocated),
        incoming_rejects=frames.reject_frame(rejects),
        incoming_files=frames.file_frame(plan.reread, all_documents, rejects),
        incoming_alias_list=frames.alias_list_frame(entity_aliases().values()),
        deleted_documents=frames.id_frame(documents.to_delete),
        removed_documents=frames.id_frame(documents.to_mark_removed),
        touched_files=frames.id_frame(f.source_path for f in plan.reread),
        removed_files=frames.id_frame(plan.removed),
    )
