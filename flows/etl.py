"""The newsdesk-etl flow: discover → read → extract → (under the run lock) plan again → load →
publish → report.

The NLP runs before the run takes the warehouse's run lock, against the published warehouse, and
stages its results by content; under the lock the run plans again against the warehouse as the
last run left it, extracts whatever that plan adds (usually nothing), loads in one transaction
and publishes. Overlapping runs therefore end as if one had run after the other, and a run that
fails keeps its extraction for the next.
"""

from __future__ import annotations

import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
from prefect import flow, get_client, get_run_logger
from prefect.artifacts import (
    create_markdown_artifact,
    create_progress_artifact,
    create_table_artifact,
    update_progress_artifact,
)
from prefect.futures import PrefectFuture
from prefect.runtime import flow_run
from prefect.task_runners import ThreadPoolTaskRunner

from flows import tasks
from flows.extraction import ChunkRunner, processes_for, worker_pool
from flows.progress import listener
from flows.settings import DEFAULT_BATCH_SIZE, DEFAULT_DB, DEFAULT_LOCK_TIMEOUT, DEFAULT_SOURCE
from flows.sources import located_source, source_folder
from flows.summary import failure_markdown, failure_note, summary_markdown
from transforms import frames
from transforms.documents import Parsed
from transforms.incremental import DocumentPlan, FilePlan, WarehouseState, document_plan, file_plan
from transforms.lexicon import entity_aliases
from transforms.metadata import DEFAULT_SECTION_PATTERN
from transforms.model_info import extractor_fingerprint, model_label
from transforms.records import Document, SourceFile
from transforms.sources import SourceSpec, default_name, selected_paths
from warehouse.load import LoadBatch, RunRecord
from warehouse.publishing import WarehouseFiles, run_lock
from warehouse.runs import FailedRun, claim_pending_runs, release_pending_runs
from warehouse.staging import StagingCache

READ_BATCH_FILES = 500
REJECTS_SHOWN = 1000  # rows of the rejects table artifact; etl_reject has them all
EXTRACT_CHUNK_DOCUMENTS = 64  # a task per chunk: Prefect's per-task cost stays small beside the NLP
# Failing to record a failure must not hang the run: the journal keeps it if the lock is busy.
FAILURE_RECORD_LOCK_SECONDS = 5.0


class EmptySourceError(RuntimeError):
    """The source has no files while the warehouse holds current documents from it."""


class SourceConflictError(RuntimeError):
    """The source's name is already taken by a source at another root."""


@dataclass(frozen=True)
class RunSummary:
    """What a run did, for the CLI, the artifact and the logs."""

    run_id: str
    source: str
    source_name: str
    db: str
    files_found: int
    files_excluded: int
    files_unchanged: int
    documents_new: int
    documents_changed: int
    documents_unchanged: int
    documents_removed: int
    documents_extracted: int
    documents_reused: int  # of those, extracted by an earlier run that failed and kept its results
    rejected: int
    mentions: int
    quotes: int
    stage_seconds: dict[str, float]

    def as_dict(self) -> dict:
        """Return the summary as plain values."""
        return asdict(self)


class _Stages:
    """Wall time per stage of the run, and the stage it is in."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.current = "start"

    @contextmanager
    def timed(self, name: str) -> Iterator[None]:
        self.current = name
        started = time.perf_counter()
        yield
        self.seconds[name] = round(self.seconds.get(name, 0.0) + time.perf_counter() - started, 3)


@dataclass(frozen=True)
class _Found:
    """The source as this run read it."""

    paths: list[str]
    files: list[SourceFile]
    excluded: int  # files the source's globs left out


@dataclass(frozen=True)
class _Job:
    """What one run was asked to do."""

    source: str
    origin: SourceSpec
    files: WarehouseFiles
    run_id: str
    started_at: datetime
    lock_timeout: float
    allow_empty: bool
    batch_size: int
    processes: int | None
    local_workers: bool
    chunk_documents: int


def _flow_run_name() -> str:
    """Return the name of a run in the Prefect UI: its source's name and when it started (UTC)."""
    parameters = flow_run.parameters
    name = parameters.get("source_name") or default_name(str(parameters.get("source", DEFAULT_SOURCE)))
    return f"{name} {datetime.now(UTC):%Y-%m-%d %H:%M:%S}"


@flow(name="newsdesk-etl", description="Load a folder of news articles into the Newsdesk DuckDB warehouse.",
      task_runner=ThreadPoolTaskRunner(max_workers=4), flow_run_name=_flow_run_name)
def newsdesk_etl(source: str = DEFAULT_SOURCE, db: str = DEFAULT_DB, batch_size: int = DEFAULT_BATCH_SIZE,
                 processes: int | None = None, lock_timeout: float = DEFAULT_LOCK_TIMEOUT,
                 local_workers: bool = True, allow_empty: bool = False,
                 chunk_documents: int = EXTRACT_CHUNK_DOCUMENTS, source_name: str | None = None,
                 include: list[str] | None = None, exclude: list[str] | None = None,
                 section_pattern: str | None = DEFAULT_SECTION_PATTERN) -> dict:
    """Run the ETL over `source` (a folder or a .jsonl file) into the warehouse at `db`; return the run summary.

    The source is named `source_name` (by default its base name) and loads beside any others in
    the warehouse. Only files matching an `include` glob and no `exclude` glob are read (by
    default every file but read-me and licence files); `section_pattern` is the regular
    expression whose `section` group finds a document's section in its path (by default the
    first sub-folder; blank for none).

    `lock_timeout` is the longest the run waits for another run to finish loading. With
    `allow_empty`, a source with no files marks every document it held removed (otherwise that
    fails: an unmounted folder looks empty). `local_workers=False` runs each chunk's NLP inside
    the task itself, for a task runner (Dask) that already spreads tasks over processes.
    """
    try:
        origin = located_source(source, name=source_name, include=include, exclude=exclude,
                                section_pattern=section_pattern)
    except (NotADirectoryError, ValueError) as error:
        _publish_failure(str(source), str(db), "start", error)
        error.add_note(failure_note("start", error))
        raise
    job = _Job(str(source), origin, WarehouseFiles.at(db), str(flow_run.id or uuid.uuid4()),
               datetime.now(UTC).replace(tzinfo=None), lock_timeout, allow_empty, batch_size, processes,
               local_workers, chunk_documents)
    _tag_run(origin, job.files.published)
    stages = _Stages()
    try:
        summary = _run(job, stages)
    except Exception as error:
        _record_failure(job, stages, error)
        _publish_failure(job.source, str(job.files.published), stages.current, error)
        error.add_note(failure_note(stages.current, error))
        raise
    with stages.timed("report"):
        report = _write_report(job)
    create_markdown_artifact(markdown=summary_markdown(summary.as_dict(), report=report), key="newsdesk-run-summary",
                             description="What this Newsdesk run loaded")
    get_run_logger().info("run %s loaded %d documents, %d mentions, %d quotes; %d rejected", job.run_id,
                          summary.documents_extracted, summary.mentions, summary.quotes, summary.rejected)
    return summary.as_dict()


def run_tags(source_name: str, db: str | Path) -> list[str]:
    """Return the tags of a run in the Prefect UI: its source's name and its warehouse file's."""
    return [f"source:{source_name}", f"warehouse:{Path(db).name}"]


def _tag_run(origin: SourceSpec, db: Path) -> None:
    """Tag the flow run with its source and warehouse, however it was started (CLI, deployment, code)."""
    if flow_run.id is None:
        return
    wanted = run_tags(origin.name, db)
    try:
        with get_client(sync_client=True) as client:
            client.update_flow_run(flow_run.id, tags=sorted(set(flow_run.tags) | set(wanted)))
    except Exception as error:  # the UI's tags are not worth a run
        get_run_logger().warning("could not tag the flow run: %s", error)


def _publish_rejects(rejects: pl.DataFrame) -> None:
    """Put the input this run rejected on the flow run's page, as a table (the first rows of a long one)."""
    if rejects.height == 0:
        return
    shown = rejects.head(REJECTS_SHOWN)
    more = f"; the first {REJECTS_SHOWN:,} shown, all in etl_reject" if rejects.height > REJECTS_SHOWN else ""
    create_table_artifact(shown.to_dicts(), key="newsdesk-run-rejects",
                          description=f"{rejects.height:,} files or lines this run rejected{more}")


def _publish_failure(source: str, db: str, stage: str, error: Exception) -> None:
    """Put the failure on the flow run's page in the Prefect UI; never hide the run's own error."""
    try:
        create_markdown_artifact(markdown=failure_markdown(source, db, stage, error), key="newsdesk-run-failure",
                                 description="Why this Newsdesk run failed, and what to do")
    except Exception as artifact_error:
        get_run_logger().warning("could not publish the failure artifact: %s", artifact_error)


def _write_report(job: _Job) -> Path | None:
    """Write the report page beside the published warehouse; the run has loaded, so a report that
    cannot be written is a warning, not a failure."""
    try:
        return tasks.write_report(job.files.published, job.files.published.parent / "reports")
    except Exception as error:
        get_run_logger().warning("the report page could not be written: %s (try `newsdesk report`)", error)
        return None


def _run(job: _Job, stages: _Stages) -> RunSummary:
    """Read and extract ahead of the lock, then plan again, load and publish under it."""
    parsed: dict[str, Parsed] = {}
    with stages.timed("discover"):
        selection = selected_paths(tasks.discover(job.origin), job.origin)
        paths = list(selection.paths)
        published = tasks.warehouse_state(job.files.published, job.origin.source_id, job.lock_timeout)
        _check_source(job, published)
        _check_not_empty(job, paths, published)
    with stages.timed("read"):
        folder = source_folder(job.origin)
        files = [f for chunk in _chunks(paths, READ_BATCH_FILES) for f in tasks.read_files(folder, chunk)]
        found = _Found(paths, files, selection.excluded)
        plan, documents = _plan(job, found, published, parsed)
    cache = StagingCache(job.files.staging, extractor_fingerprint())
    with stages.timed("extract"):
        staged_before = cache.held_ids()
        missing = [d for d in documents.to_extract if d.document_id not in staged_before]
        get_run_logger().info(
            "%d files found: %d unchanged, %d to read; %d documents need the NLP, %d of them staged already",
            len(paths), len(plan.unchanged), len(plan.reread), len(documents.to_extract),
            len(documents.to_extract) - len(missing))
        _extract_into(cache, missing, job)
    with ExitStack() as held:
        with stages.timed("lock"):  # waiting for another run's load, if one is under way
            held.enter_context(run_lock(job.files, job.lock_timeout))
        run, loaded = _load_under_lock(job, stages, cache, found, parsed)
    return RunSummary(
        run_id=job.run_id, source=job.source, source_name=job.origin.name, db=str(job.files.published),
        files_found=run.files_found, files_excluded=run.files_excluded,
        files_unchanged=run.files_unchanged, documents_new=run.documents_new,
        documents_changed=run.documents_changed, documents_unchanged=run.documents_unchanged,
        documents_removed=run.documents_removed, documents_extracted=run.documents_extracted,
        documents_reused=len(staged_before & loaded.document_ids), rejected=run.rejects,
        mentions=loaded.mentions, quotes=loaded.quotes, stage_seconds=stages.seconds,
    )


@dataclass(frozen=True)
class _Loaded:
    """What the load took: the documents from the staged NLP, and the rows it inserted."""

    document_ids: frozenset[str]
    mentions: int
    quotes: int


def _load_under_lock(job: _Job, stages: _Stages, cache: StagingCache, found: _Found,
                     parsed: dict[str, Parsed]) -> tuple[RunRecord, _Loaded]:
    """Plan against the warehouse as the last run left it, extract what that adds, load, publish."""
    tasks.writer_ready(job.files)
    with stages.timed("read"):
        state = tasks.warehouse_state(job.files.writer, job.origin.source_id, job.lock_timeout)
        _check_source(job, state)
        _check_not_empty(job, found.paths, state)
        plan, documents = _plan(job, found, state, parsed)
    with stages.timed("extract"):
        late = _not_staged(documents.to_extract, cache)
        if late:
            get_run_logger().info("%d documents changed in the warehouse since planning; extracting them now",
                                  len(late))
            _extract_into(cache, late, job)
    with stages.timed("load"):
        wanted = [d.document_id for d in documents.to_extract]
        batch = _load_batch(cache, wanted, plan, {f.source_path: parsed[f.source_path] for f in plan.reread},
                            documents)
        run = _run_record(job, found, plan, documents, batch, stages)
        claimed = claim_pending_runs(job.files)
        counts = tasks.load(job.files, batch, run, claimed, job.lock_timeout)
    with stages.timed("publish"):
        tasks.publish_warehouse(job.files)
        release_pending_runs(claimed)
        cache.remove(batch.staged.chunks)
        cache.prune()
    _publish_rejects(batch.incoming_rejects)
    return run, _Loaded(frozenset(wanted), counts.mentions, counts.quotes)


def _plan(job: _Job, found: _Found, state: WarehouseState,
          parsed: dict[str, Parsed]) -> tuple[FilePlan, DocumentPlan]:
    """Plan against `state`, parsing the files the plan re-reads that are not parsed yet."""
    plan = file_plan(found.files, state)
    unparsed = [f for f in plan.reread if f.source_path not in parsed]
    if unparsed:
        parsed.update(tasks.parse(unparsed, job.origin.layout))
    return plan, document_plan(plan, {f.source_path: parsed[f.source_path] for f in plan.reread}, state)


def _check_source(job: _Job, state: WarehouseState) -> None:
    """Refuse to load a source under a name another root already uses: its files would replace theirs."""
    if state.source_root is not None and state.source_root != job.origin.root:
        raise SourceConflictError(f"source name {job.origin.name!r} is already used by {state.source_root}; this "
                                  f"run reads {job.origin.root}")  # what to do: flows/summary.py's advice


def _check_not_empty(job: _Job, paths: list[str], state: WarehouseState) -> None:
    current = sum(1 for stored in state.documents.values() if stored.is_current and state.owns(stored))
    if not paths and current and not job.allow_empty:
        raise EmptySourceError(f"source {job.source} has no files, but the warehouse holds {current:,} current "
                               "documents from it")  # what to do: flows/summary.py's advice


def _not_staged(documents: Sequence[Document], cache: StagingCache) -> list[Document]:
    held = cache.held_ids() if documents else frozenset()
    return [d for d in documents if d.document_id not in held]


def _extract_into(cache: StagingCache, documents: Sequence[Document], job: _Job) -> None:
    """Run the NLP over the documents chunk by chunk, staging each chunk's rows as it arrives."""
    if not documents:
        return
    progress = _Progress(len(documents))
    # Longest documents first: the last chunks are the quickest, so no worker idles long while
    # another finishes a heavy chunk at the end.
    longest_first = sorted(documents, key=lambda document: len(document.text), reverse=True)
    chunks = list(_chunks(longest_first, job.chunk_documents))
    if not job.local_workers:  # the flow's task runner (Dask) spreads the chunks itself
        _stage_all(cache, chunks, job.processes or 2, lambda number, chunk: tasks.extract_chunk.submit(
            ChunkRunner(None), chunk, job.batch_size, **_chunk_label(number, chunks)), progress)
        return
    workers = processes_for(len(documents), job.processes)
    # As many chunks in flight as workers: each worker always has a chunk, and a chunk's task
    # starts when a worker can take it. Each chunk is staged and dropped as it arrives, so
    # memory does not grow with the corpus.
    # The pool is entered last, so that on an error it stops first and the task threads waiting
    # on it end at once.
    with ThreadPoolTaskRunner(max_workers=workers) as submitter, worker_pool(workers) as runner:
        _stage_all(cache, chunks, workers, lambda number, chunk: submitter.submit(
            tasks.extract_chunk, {"runner": runner, "documents": chunk, "batch_size": job.batch_size,
                                  **_chunk_label(number, chunks)}), progress)


def _chunk_label(number: int, chunks: list[list[Document]]) -> dict[str, int]:
    """Return the task parameters that name a chunk's task run: its number, of how many, its size."""
    return {"number": number, "chunks": len(chunks), "documents_in_chunk": len(chunks[number - 1])}


class _Progress:
    """Documents through the NLP so far: on the CLI's progress bar, if one listens, and in a
    progress artifact on the flow run's page in the Prefect UI."""

    def __init__(self, total: int) -> None:
        self.total, self.done = total, 0
        self.bar = listener()
        if self.bar is not None:
            self.bar.start(total)
        self.artifact = create_progress_artifact(0.0, key="newsdesk-run-progress",
                                                 description=f"Documents through the NLP, of {total:,}")

    def advance(self, count: int) -> None:
        self.done += count
        if self.bar is not None:
            self.bar.advance(count)
        update_progress_artifact(self.artifact, 100.0 * self.done / self.total,
                                 description=f"{self.done:,} of {self.total:,} documents through the NLP")


def _stage_all(cache: StagingCache, chunks: list[list[Document]], in_flight: int,
               submit: Callable[[int, list[Document]], PrefectFuture], progress: _Progress) -> None:
    """Submit chunks (numbered from 1), keeping `in_flight` of them running, and stage each as it
    is done: a chunk is submitted when a worker can take it, so its task's duration is its work."""
    pending: deque = deque()
    for number, chunk in enumerate(chunks, start=1):
        pending.append((len(chunk), submit(number, chunk)))
        if len(pending) >= in_flight:
            _stage_oldest(cache, pending, progress)
    while pending:
        _stage_oldest(cache, pending, progress)


def _stage_oldest(cache: StagingCache, pending: deque, progress: _Progress) -> None:
    """Stage the oldest chunk in flight."""
    size, future = pending.popleft()
    cache.put(future.result().tables())
    progress.advance(size)


def _run_record(job: _Job, found: _Found, plan: FilePlan, documents: DocumentPlan, batch: LoadBatch,
                stages: _Stages) -> RunRecord:
    return RunRecord(
        run_id=job.run_id, flow_run_id=str(flow_run.id) if flow_run.id else None, source=job.source,
        origin=job.origin, started_at=job.started_at, files_found=len(found.paths) + found.excluded,
        files_excluded=found.excluded, files_unchanged=len(plan.unchanged),
        documents_new=documents.new, documents_changed=documents.changed,
        documents_unchanged=documents.unchanged, documents_removed=len(documents.to_mark_removed),
        documents_extracted=len(documents.to_extract), rejects=batch.incoming_rejects.height,
        model=model_label() if documents.to_extract else "(none: nothing to extract)",
        stage_seconds=dict(stages.seconds),
    )


def _record_failure(job: _Job, stages: _Stages, error: Exception) -> None:
    logger = get_run_logger()
    failed = FailedRun(
        run_id=job.run_id, flow_run_id=str(flow_run.id) if flow_run.id else None, source=job.source,
        started_at=job.started_at, finished_at=datetime.now(UTC).replace(tzinfo=None), stage=stages.current,
        error_class=type(error).__name__, error_message=str(error), stage_seconds=dict(stages.seconds),
        source_id=job.origin.source_id,
    )
    try:
        recorded = tasks.record_failure(job.files, failed, FAILURE_RECORD_LOCK_SECONDS)
    except Exception as record_error:  # never hide the run's own error behind this one
        logger.warning("could not record the failed run: %s", record_error)
        return
    if not recorded:
        logger.warning("the failed run is noted in %s and reaches etl_run with the next load", job.files.pending_runs)


def _chunks(items: list, size: int) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _load_batch(cache: StagingCache, wanted: list[str], plan: FilePlan, parsed: dict[str, Parsed],
                documents: DocumentPlan) -> LoadBatch:
    staged = cache.take(wanted)
    if len(staged.document_ids) != len(set(wanted)):
        raise RuntimeError(f"{len(set(wanted)) - len(staged.document_ids)} extracted documents are missing from "
                           f"the staging folder {cache.folder}; run again to extract them")
    all_documents = [d for p in parsed.values() for d in p.documents]
    rejects = [r for p in parsed.values() for r in p.rejects] + list(documents.duplicates)
    return LoadBatch(
        staged=staged,
        extract_ids=frames.id_frame(wanted),
        incoming_slots=frames.slot_frame(documents.relocated),
        incoming_rejects=frames.reject_frame(rejects),
        incoming_files=frames.file_frame(plan.reread, all_documents, rejects),
        incoming_alias_list=frames.alias_list_frame(entity_aliases().values()),
        deleted_documents=frames.id_frame(documents.to_delete),
        removed_documents=frames.id_frame(documents.to_mark_removed),
        touched_files=frames.id_frame(f.source_path for f in plan.reread),
        removed_files=frames.id_frame(plan.removed),
    )
