"""`newsdesk run` and `newsdesk serve`: the ETL flow, once or on a schedule."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from flows.settings import (
    DEFAULT_BATCH_SIZE,
    DEFAULT_DB,
    DEFAULT_LOCK_TIMEOUT,
    DEFAULT_SOURCE,
)
from newsdesk.cli_app import command, console, exit_saying, writable_warehouse
from newsdesk.cli_options import (
    BatchSizeOption,
    DbOption,
    ExcludeOption,
    IncludeOption,
    LockTimeoutOption,
    ProcessesOption,
    SectionPatternOption,
    SourceNameOption,
    VerboseOption,
)
from transforms.metadata import DEFAULT_SECTION_PATTERN
from transforms.sources import SourceSpec


class _ProgressBar:
    """A Rich progress bar over the documents the NLP processes."""

    def __init__(self, progress: Progress) -> None:
        self._progress = progress
        self._task = None

    def start(self, total: int) -> None:
        self._task = self._progress.add_task("extracting", total=total)

    def advance(self, count: int) -> None:
        if self._task is not None:
            self._progress.advance(self._task, count)


@command()
def run(
    source: Annotated[Path, typer.Argument(help="Folder of .txt, .md and .jsonl articles, or one .jsonl file")
                      ] = Path(DEFAULT_SOURCE),
    db: DbOption = DEFAULT_DB,
    source_name: SourceNameOption = None,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
    section_pattern: SectionPatternOption = DEFAULT_SECTION_PATTERN,
    processes: ProcessesOption = None,
    batch_size: BatchSizeOption = DEFAULT_BATCH_SIZE,
    lock_timeout: LockTimeoutOption = DEFAULT_LOCK_TIMEOUT,
    task_runner: Annotated[str, typer.Option(help="local (worker processes on this machine) or dask")] = "local",
    dask_address: Annotated[str | None, typer.Option(help="Dask scheduler, e.g. tcp://host:8786",
                                                     show_default="a local dask.distributed cluster")] = None,
    allow_empty: Annotated[bool, typer.Option("--allow-empty", help="Let a source with no files mark every "
                                              "document it held removed")] = False,
    verbose: VerboseOption = False,
) -> None:
    """Run the ETL flow over SOURCE into the warehouse."""
    from flows.lifecycle import Stopped, stopped_by_signals
    from flows.server import reporting_to, temporary_server

    database = writable_warehouse(db)
    origin = _located_source(source, source_name, include, exclude, section_pattern)
    if task_runner not in {"local", "dask"}:
        raise exit_saying(f"unknown task runner {task_runner!r}: use local or dask", 2)
    _check_warehouse_opens(database)
    published = Path(database)
    before = published.stat().st_ino if published.exists() else None  # a publish replaces the file
    # Prefect's server starts first, so that its start-up overlaps everything up to the flow call.
    with stopped_by_signals(), temporary_server() as server, _quiet_prefect(verbose):
        from flows.etl import newsdesk_etl
        from flows.progress import set_listener

        # A bar on a terminal only: in a log file it would be a line of noise.
        progress = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=console, transient=True)
        if console.is_terminal:
            set_listener(_ProgressBar(progress))
        etl, local = newsdesk_etl, True
        if task_runner == "dask":
            from flows.runners import dask_runner

            etl, local = newsdesk_etl.with_options(task_runner=dask_runner(dask_address, processes)), False
        try:
            with progress if console.is_terminal else nullcontext(), reporting_to(server):
                summary = etl(source=str(source), db=database, batch_size=batch_size, processes=processes,
                              lock_timeout=lock_timeout, local_workers=local, allow_empty=allow_empty,
                              **_source_parameters(origin, section_pattern))
        except Exception as error:  # the flow has logged it (with its traceback under --verbose)
            raise exit_saying(_run_failure(error, verbose)) from error
        except Stopped as stop:  # Ctrl-C or SIGTERM: the workers and the server are stopped on the way out
            after = published.stat().st_ino if published.exists() else None
            said = (f"{stop}: nothing was published; the warehouse is as the last run left it" if after == before
                    else f"{stop} after the warehouse was published; `newsdesk status` shows its last runs")
            raise exit_saying(said, stop.exit_code) from stop
        finally:
            set_listener(None)
    console.print(_summary_table(summary))
    if server is None:  # a lasting server: the run stays in its UI
        console.print(f"Prefect UI: {_flow_run_url(summary['run_id'])}", markup=False, highlight=False,
                      soft_wrap=True)


class _WarningsWithoutTracebacks(logging.Filter):
    """What a run shows on the terminal unless --verbose: warnings and errors, with no traceback.
    The run's failure is said in one line by the CLI; every record still reaches the Prefect UI."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.WARNING and record.exc_info is None


@contextmanager
def _quiet_prefect(verbose: bool) -> Iterator[None]:
    """Within the block and unless `verbose`, filter Prefect's terminal handler (a filter survives
    Prefect re-reading its logging configuration, and leaves the handler that feeds the UI alone)."""
    if verbose:
        yield
        return
    from prefect.logging.configuration import ensure_logging_setup
    from prefect.logging.handlers import PrefectConsoleHandler

    ensure_logging_setup()
    quiet = _WarningsWithoutTracebacks()
    terminal = [handler for handler in logging.getLogger().handlers if isinstance(handler, PrefectConsoleHandler)]
    for handler in terminal:
        handler.addFilter(quiet)
    try:
        yield
    finally:
        for handler in terminal:
            handler.removeFilter(quiet)


def _run_failure(error: Exception, verbose: bool) -> str:
    """Return the one line that says why a run failed and what to do (the flow's note on the error)."""
    notes = " ".join(getattr(error, "__notes__", ()))
    hint = "" if verbose else " (--verbose shows the traceback)"
    return f"run failed: {type(error).__name__}: {error}{' ' + notes if notes else ''}{hint}"


def _flow_run_url(run_id: str) -> str:
    """Return the flow run's page in the Prefect UI."""
    from prefect.utilities.urls import url_for

    return url_for("flow-run", obj_id=run_id) or f"flow run {run_id}"


def _located_source(source: Path, name: str | None, include: list[str] | None, exclude: list[str] | None,
                    section_pattern: str) -> SourceSpec:
    """Return the source the options describe, or stop with one line saying what is wrong with them."""
    from flows.sources import located_source

    excluded = [glob for glob in exclude if glob] if exclude is not None else None
    try:
        return located_source(source, name=name, include=include, exclude=excluded, section_pattern=section_pattern)
    except (NotADirectoryError, ValueError) as error:
        raise exit_saying(error, 2) from error


def _source_parameters(origin: SourceSpec, section_pattern: str) -> dict[str, Any]:
    """Return the flow parameters that name a source and choose its files."""
    return {"source_name": origin.name, "include": list(origin.include), "exclude": list(origin.exclude),
            "section_pattern": section_pattern}


def _check_warehouse_opens(db: str) -> None:
    """Stop with one line naming the file when the warehouse exists but cannot be opened."""
    from warehouse.connection import WarehouseUnreadableError
    from warehouse.state import check_opens

    try:
        check_opens(db)
    except WarehouseUnreadableError as error:
        raise exit_saying(error) from error


def _summary_table(summary: dict[str, Any]) -> Table:
    table = Table(title=f"Newsdesk run {summary['run_id']}", show_header=False)
    table.add_column("what")
    table.add_column("value", justify="right")
    for key, value in summary.items():
        if key == "stage_seconds":
            value = ", ".join(f"{stage} {seconds:.1f}s" for stage, seconds in value.items())
        elif isinstance(value, int):
            value = f"{value:,}"
        table.add_row(key.replace("_", " "), str(value))
    return table


@command()
def serve(
    source: Annotated[Path, typer.Argument(help="Folder or .jsonl file the scheduled runs read")
                      ] = Path(DEFAULT_SOURCE),
    db: DbOption = DEFAULT_DB,
    cron: Annotated[str, typer.Option(help="Cron schedule of the deployment")] = "0 * * * *",
    name: Annotated[str, typer.Option(help="Deployment name")] = "newsdesk-scheduled",
    on_collision: Annotated[str, typer.Option("--on-collision", help="When a scheduled run starts while the "
                            "last is still going: skip (cancel the new run; the next one catches up) or "
                            "enqueue (wait its turn)")] = "skip",
    source_name: SourceNameOption = None,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
    section_pattern: SectionPatternOption = DEFAULT_SECTION_PATTERN,
    lock_timeout: LockTimeoutOption = DEFAULT_LOCK_TIMEOUT,
    verbose: VerboseOption = False,
) -> None:
    """Serve the flow as a scheduled Prefect deployment (runs until stopped)."""
    database = str(Path(writable_warehouse(db)).resolve())
    origin = _located_source(source, source_name, include, exclude, section_pattern)
    if not os.environ.get("PREFECT_API_URL"):
        raise exit_saying("newsdesk serve needs a lasting Prefect server: schedules do not run on the temporary one. "
                          "Start one with `newsdesk server` (or `make server`), then "
                          "`export PREFECT_API_URL=http://127.0.0.1:4200/api`.", 2)
    from flows.deployment import (
        RunnerStopTimeoutError,
        scheduled_deployment,
        serve_scheduled,
    )
    from flows.lifecycle import Stopped

    try:
        deployment = scheduled_deployment(
            name, cron, {"source": origin.root, "db": database, "lock_timeout": lock_timeout,
                         **_source_parameters(origin, section_pattern)},
            on_collision=on_collision)
    except ValueError as error:
        raise exit_saying(error, 2) from error
    try:
        serve_scheduled(deployment)
    except Stopped as stop:  # how serving ends: exit 0, as a service stopped on purpose does
        console.print(f"{stop}: the schedule of {name} is paused", markup=False, highlight=False, soft_wrap=True)
    except RunnerStopTimeoutError as error:
        raise exit_saying(error) from error
