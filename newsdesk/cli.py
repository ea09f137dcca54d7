"""The `newsdesk` command: run the ETL, query the warehouse, watch runs, serve a schedule."""

from __future__ import annotations

import csv
import json
import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from flows.settings import DEFAULT_SOURCE
from newsdesk.cli_options import (
    BATCH_SIZE_DEFAULT,
    DB_DEFAULT,
    LOCK_TIMEOUT_DEFAULT,
    BatchSizeOption,
    Command,
    DbOption,
    ExcludeOption,
    IncludeOption,
    LockTimeoutOption,
    ProcessesOption,
    SectionPatternOption,
    SourceNameOption,
    VerboseOption,
)
from newsdesk.paths import (
    UnusablePathError,
    checked_input,
    checked_output_file,
    checked_output_folder,
    checked_warehouse,
)
from newsdesk.server_command import server
from newsdesk.tables import fitted
from transforms.metadata import DEFAULT_SECTION_PATTERN
from transforms.sources import SourceSpec

app = typer.Typer(help="Newsdesk: news articles into a DuckDB warehouse of who said what, about whom.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
console = Console()
errors = Console(stderr=True)


def command(name: str | None = None) -> Any:
    """Register a `newsdesk` command, drawn without type labels in its help."""
    return app.command(name, cls=Command)


def main() -> None:
    """Run the `newsdesk` command: an error nobody foresaw is one line, its traceback with --verbose."""
    try:
        app()
    except Exception as error:
        if _verbose_asked(sys.argv[1:]):
            raise
        _say_failed(f"newsdesk failed: {type(error).__name__}: {error}. Run again with --verbose for the traceback.")
        sys.exit(1)


def _verbose_asked(arguments: list[str]) -> bool:
    return "--verbose" in arguments or "-v" in arguments


def _say_failed(message: str) -> None:
    """Print a failure as one line on stderr (wrapped by the terminal, not cut)."""
    errors.print(Text(message, style="red"), soft_wrap=True)


def _stop(error: BaseException | str, code: int = 1) -> typer.Exit:
    """Print the error as one line and return the exit to raise (`raise _stop(error) from error`)."""
    _say_failed(str(error))
    return typer.Exit(code)


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
    db: DbOption = DB_DEFAULT,
    source_name: SourceNameOption = None,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
    section_pattern: SectionPatternOption = DEFAULT_SECTION_PATTERN,
    processes: ProcessesOption = None,
    batch_size: BatchSizeOption = BATCH_SIZE_DEFAULT,
    lock_timeout: LockTimeoutOption = LOCK_TIMEOUT_DEFAULT,
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

    database = _writable_warehouse(db)
    origin = _located_source(source, source_name, include, exclude, section_pattern)
    if task_runner not in {"local", "dask"}:
        raise _stop(f"unknown task runner {task_runner!r}: use local or dask", 2)
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
            raise _stop(_run_failure(error, verbose)) from error
        except Stopped as stop:  # Ctrl-C or SIGTERM: the workers and the server are stopped on the way out
            after = published.stat().st_ino if published.exists() else None
            raise _stop(f"{stop}: nothing was published; the warehouse is as the last run left it" if after == before
                        else f"{stop} after the warehouse was published; `newsdesk status` shows its last runs",
                        stop.exit_code) from stop
        finally:
            set_listener(None)
    console.print(_summary_table(summary))
    if server is None:  # a lasting server: the run stays in its UI
        console.print(f"Prefect UI: {_flow_run_url(summary['run_id'])}", markup=False, highlight=False,
                      soft_wrap=True)


def _writable_warehouse(db: str) -> str:
    """Return `db` once a run can load into it; stop with one line naming it if not."""
    try:
        return str(checked_warehouse(db, writable=True))
    except UnusablePathError as error:
        raise _stop(error, 2) from error


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
        raise _stop(error, 2) from error


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
        raise _stop(error) from error


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
def query(
    sql: Annotated[str, typer.Argument(help="SQL to run; SELECT-like statements only")],
    db: DbOption = DB_DEFAULT,
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv or json")] = "table",
    verbose: VerboseOption = False,
) -> None:
    """Run read-only SQL against the warehouse."""
    from warehouse.query import run_query

    _check_format(format)
    database = _readable_warehouse(db)
    try:
        result = run_query(database, sql)
    except _warehouse_errors() as error:
        raise _stop(error) from error
    except Exception as error:  # DuckDB's own message says what is wrong with the SQL
        raise _stop(f"query failed: {error}") from error
    _print_result(result.columns, result.rows, format)


def _check_format(format: str) -> None:
    if format not in {"table", "csv", "json"}:
        raise _stop(f"unknown format {format!r}: use table, csv or json", 2)


def _readable_warehouse(db: str) -> str:
    """Return `db` once it is a path a warehouse can be read from; stop with one line naming it if not."""
    try:
        return str(checked_warehouse(db, writable=False))
    except UnusablePathError as error:
        raise _stop(error, 2) from error


def _warehouse_errors() -> tuple[type[Exception], ...]:
    """The errors a command reading the warehouse reports in one line: each says what to do."""
    from warehouse.connection import WarehouseBusyError, WarehouseMissingError, WarehouseUnreadableError
    from warehouse.query import WriteRefusedError

    return WarehouseBusyError, WarehouseMissingError, WarehouseUnreadableError, WriteRefusedError


def _print_result(columns: list[str], rows: list[tuple], format: str, title: str | None = None) -> None:
    if format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif format == "json":
        print(json.dumps([dict(zip(columns, row)) for row in rows], default=_json_value, ensure_ascii=False, indent=2))
    else:  # a table when it fits the terminal, one block per row when it does not: no cell is cut
        console.print(fitted(columns, rows, console, title=title))


def _json_value(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


@command()
def search(
    terms: Annotated[str | None, typer.Argument(
        help="Words to look for, in any order (stemmed: rate finds rates)")] = None,
    documents: Annotated[bool, typer.Option("--documents/--quotes", help="Search documents' titles and text, "
                                            "or quotes")] = False,
    speaker: Annotated[str | None, typer.Option(help="Quotes by this speaker: the name or any alias, any case")] = None,
    since: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Published on or after this date "
                                                   "(YYYY-MM-DD)")] = None,
    source: Annotated[str | None, typer.Option(help="Only this source (dim_source.source_name)")] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many matches to show")] = 20,
    db: DbOption = DB_DEFAULT,
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv or json")] = "table",
    sql: Annotated[bool, typer.Option("--sql", help="Print the statement that loads the search extension in the "
                                      "DuckDB command line, and stop")] = False,
    verbose: VerboseOption = False,
) -> None:
    """Search quotes (or documents) by words, best BM25 match first; current documents only."""
    from warehouse.search import SearchFilters, SearchUnavailableError, load_statement
    from warehouse.search import search as search_warehouse

    if sql:
        print(load_statement())
        return
    if not terms:
        raise _stop("give the words to search for (or --sql)", 2)
    if documents and speaker:
        raise _stop("--speaker goes with quotes, not --documents", 2)
    _check_format(format)
    database = _readable_warehouse(db)
    filters = SearchFilters(speaker=speaker, since=since.date() if since else None, source=source, limit=limit)
    try:
        result = search_warehouse(database, terms, "documents" if documents else "quotes", filters)
    except (SearchUnavailableError, *_warehouse_errors()) as error:
        raise _stop(error) from error
    shown = ["score", "published", "source", "title", "snippet"] if documents else \
        ["score", "published", "source", "speaker", "quote"]
    at = [result.columns.index(name) for name in shown]
    rows = [(round(row[at[0]], 3), *(row[i] for i in at[1:])) for row in result.rows]
    if not rows and format == "table":
        console.print(f"no {'document' if documents else 'quote'} matches", markup=False, highlight=False)
        return
    _print_result(shown, rows, format)


@command()
def status(
    db: DbOption = DB_DEFAULT,
    limit: Annotated[int, typer.Option(min=1, help="How many runs to show")] = 10,
    verbose: VerboseOption = False,
) -> None:
    """Show the last runs recorded in etl_run."""
    from warehouse.query import run_query
    from warehouse.sqlfiles import sql_text

    database = _readable_warehouse(db)
    try:
        result = run_query(database, sql_text("reports/last_runs.sql"), {"limit": limit})
    except _warehouse_errors() as error:
        raise _stop(error) from error
    # The error of a failed run is too long for a table cell: it is printed in full below.
    shown = [i for i, name in enumerate(result.columns) if name != "error"]
    _print_result([result.columns[i] for i in shown], [tuple(row[i] for i in shown) for row in result.rows], "table")
    error_at = result.columns.index("error")
    for row in result.rows:
        if row[error_at]:
            console.print(f"run started {row[0]} failed in {row[error_at]}", markup=False, highlight=False,
                          soft_wrap=True)


@command()
def check(db: DbOption = DB_DEFAULT, verbose: VerboseOption = False) -> None:
    """Run the integrity checks (sql/checks/*.sql) read-only; exit 1 if any fails."""
    from warehouse.checks import run_checks

    database = _readable_warehouse(db)
    try:
        results = run_checks(database)
    except _warehouse_errors() as error:
        raise _stop(error) from error
    for line in _check_lines(results):
        console.print(line, markup=False, highlight=False, soft_wrap=True)
    if not all(result.passed for result in results):
        raise typer.Exit(1)


def _check_lines(results: list[Any]) -> list[str]:
    """Return one line per check (warehouse.checks.CheckResult), the sample rows under a failing
    one, and a closing count."""
    lines = []
    for result in results:
        if result.error is not None:
            lines.append(f"ERROR {result.name}: could not run: {result.error}")
        elif result.failing_rows:
            lines.append(f"FAIL  {result.name}: {result.failing_rows:,} rows. {result.description}")
            lines += ["      " + ", ".join(f"{column}={value!r}" for column, value in zip(result.columns, row))
                      for row in result.sample]
        else:
            lines.append(f"pass  {result.name}")
    failed = sum(not result.passed for result in results)
    lines.append(f"{len(results)} checks: {len(results) - failed} passed, {failed} failed")
    if any(result.error is not None for result in results):
        lines.append("A check that could not run reads a table or column this warehouse lacks: one from before a "
                     "migration is brought up to date by its next `newsdesk run`.")
    return lines


@command()
def serve(
    source: Annotated[Path, typer.Argument(help="Folder or .jsonl file the scheduled runs read")
                      ] = Path(DEFAULT_SOURCE),
    db: DbOption = DB_DEFAULT,
    cron: Annotated[str, typer.Option(help="Cron schedule of the deployment")] = "0 * * * *",
    name: Annotated[str, typer.Option(help="Deployment name")] = "newsdesk-scheduled",
    on_collision: Annotated[str, typer.Option("--on-collision", help="When a scheduled run starts while the "
                            "last is still going: skip (cancel the new run; the next one catches up) or "
                            "enqueue (wait its turn)")] = "skip",
    source_name: SourceNameOption = None,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
    section_pattern: SectionPatternOption = DEFAULT_SECTION_PATTERN,
    lock_timeout: LockTimeoutOption = LOCK_TIMEOUT_DEFAULT,
    verbose: VerboseOption = False,
) -> None:
    """Serve the flow as a scheduled Prefect deployment (runs until stopped)."""
    database = str(Path(_writable_warehouse(db)).resolve())
    origin = _located_source(source, source_name, include, exclude, section_pattern)
    if not os.environ.get("PREFECT_API_URL"):
        raise _stop("newsdesk serve needs a lasting Prefect server: schedules do not run on the temporary one. "
                    "Start one with `newsdesk server` (or `make server`), then "
                    "`export PREFECT_API_URL=http://127.0.0.1:4200/api`.", 2)
    from flows.deployment import RunnerStopTimeoutError, scheduled_deployment, serve_scheduled
    from flows.lifecycle import Stopped

    try:
        deployment = scheduled_deployment(
            name, cron, {"source": origin.root, "db": database, "lock_timeout": lock_timeout,
                         **_source_parameters(origin, section_pattern)},
            on_collision=on_collision, tags=[f"source:{origin.name}", f"warehouse:{Path(database).name}"])
    except ValueError as error:
        raise _stop(error, 2) from error
    try:
        serve_scheduled(deployment)
    except Stopped as stop:  # how serving ends: exit 0, as a service stopped on purpose does
        console.print(f"{stop}: the schedule of {name} is paused", markup=False, highlight=False, soft_wrap=True)
    except RunnerStopTimeoutError as error:
        raise _stop(error) from error


@command()
def export(
    parquet: Annotated[Path, typer.Option("--parquet", help="Folder to write the Parquet export to")],
    db: DbOption = DB_DEFAULT,
    verbose: VerboseOption = False,
) -> None:
    """Export the warehouse as Hive-partitioned Parquet (facts by month)."""
    from warehouse.export import export_parquet

    database = _readable_warehouse(db)
    folder = _checked(checked_output_folder, parquet, "--parquet")
    try:
        counts = export_parquet(database, folder)
    except _warehouse_errors() as error:
        raise _stop(error) from error
    table = Table("table", "rows", title=f"Exported to {folder}")
    for name, rows in counts.items():
        table.add_row(name, f"{rows:,}")
    console.print(table)


def _checked(check: Any, path: Path, option: str, *args: str) -> Path:
    """Return `check(path, option, *args)`, or stop with its one line naming the path."""
    try:
        return check(path, option, *args)
    except UnusablePathError as error:
        raise _stop(error, 2) from error


@command()
def report(
    name: Annotated[str | None, typer.Argument(help="One report (a file name in sql/reports/, without .sql)",
                                               show_default="every report")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Folder to write the page to",
                                             show_default="reports/ beside the warehouse")] = None,
    db: DbOption = DB_DEFAULT,
    verbose: VerboseOption = False,
) -> None:
    """Write the reports as one HTML page with charts that works offline."""
    from newsdesk.report import UnknownReportError, write_report

    database = _readable_warehouse(db)
    folder = _checked(checked_output_folder, out or Path(database).parent / "reports", "--out")
    try:
        path = write_report(database, folder, name)
    except UnknownReportError as error:
        raise _stop(error, 2) from error
    except _warehouse_errors() as error:
        raise _stop(error) from error
    console.print(f"report written to {path}", markup=False, highlight=False, soft_wrap=True)


@command("eval")
def evaluate_command(
    gold: Annotated[Path | None, typer.Option("--gold", help="Gold quotes, JSONL: doc_id, quote, quote_start, "
                                              "quote_end, speaker, reference, verb")] = None,
    articles: Annotated[Path | None, typer.Option("--articles", help="Folder of the annotated articles, "
                                                  "<doc_id>.txt (with --gold)")] = None,
    polnear: Annotated[Path | None, typer.Option("--polnear", help="A PolNeAR split instead of --gold: "
                                                 "attributions/<id>.ann and text/<id>.txt")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Only the first N PolNeAR articles "
                                              "by name", show_default="all")] = None,
    per_doc: Annotated[bool, typer.Option("--per-doc", help="Also show scores per document")] = False,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the scores to this JSON file")] = None,
    show_errors: Annotated[bool, typer.Option("--errors", help="List missed, extra and misattributed quotes")] = False,
    verbose: VerboseOption = False,
) -> None:
    """Score quote extraction and speaker attribution against an annotated set."""
    from newsdesk.evaluation import evaluate, evaluate_polnear
    from newsdesk.evaluation_report import error_lines, evaluation_json, per_document_rows, summary_rows

    if (polnear is None) == (gold is None) or (gold is not None and articles is None):
        raise _stop("give either --gold with --articles, or --polnear", 2)
    if limit is not None and polnear is None:
        raise _stop("--limit goes with --polnear", 2)
    if polnear is not None:
        result = evaluate_polnear(_checked(checked_input, polnear, "--polnear", "folder"), limit=limit)
    else:
        result = evaluate(_checked(checked_input, gold, "--gold", "file"),
                          _checked(checked_input, articles, "--articles", "folder"))
    if json_out is not None:
        _checked(checked_output_file, json_out, "--json")
    columns, rows = summary_rows(result)
    _print_result(columns, rows, "table", title="Quote extraction against the gold set")
    if per_doc:
        columns, rows = per_document_rows(result)
        _print_result(columns, rows, "table", title="Per document (coverage > 0.3)")
    if show_errors:
        for line in error_lines(result):
            console.print(line, markup=False, highlight=False, soft_wrap=True)
    if json_out is not None:
        json_out.write_text(json.dumps(evaluation_json(result), indent=2), encoding="utf-8")


command("server")(server)


if __name__ == "__main__":
    main()
