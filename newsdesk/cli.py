"""The `newsdesk` command: run the ETL, query the warehouse, watch runs, serve a schedule."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from flows.settings import DEFAULT_SOURCE, settings
from transforms.metadata import DEFAULT_SECTION_PATTERN
from transforms.sources import SourceSpec

app = typer.Typer(help="Newsdesk: news articles into a DuckDB warehouse of who said what, about whom.",
                  no_args_is_help=True, add_completion=False)
console = Console()
errors = Console(stderr=True)

SourceNameOption = Annotated[str | None, typer.Option(
    "--source-name", help="Name of the source in the warehouse, beside the other sources "
    "\\[default: the folder's or file's base name]")]
IncludeOption = Annotated[list[str] | None, typer.Option(
    "--include", help="Load only files matching this glob (repeatable; with a slash it matches the path, "
    "e.g. 'text/*.txt', else any file or folder name) \\[default: every file]")]
ExcludeOption = Annotated[list[str] | None, typer.Option(
    "--exclude", help="Skip files matching this glob (repeatable; replaces the default; --exclude '' skips "
    "nothing) \\[default: README*, LICENSE*, LICENCE*, COPYING*, CHANGELOG*, NOTICE*]")]
SectionPatternOption = Annotated[str, typer.Option(
    "--section-pattern", help="Regular expression whose 'section' group (or first group) finds the section in "
    "a file's path, e.g. '^(?P<section>\\[a-z]+)_' for business_001.txt; '' for none "
    "\\[default: the first sub-folder]")]
DbOption = Annotated[str | None, typer.Option("--db", help="Warehouse file [env NEWSDESK_DB; default warehouse/newsdesk.duckdb]")]


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


@app.command()
def run(
    source: Annotated[Path, typer.Argument(help="Folder of .txt, .md and .jsonl articles, or one .jsonl file")
                      ] = Path(DEFAULT_SOURCE),
    db: DbOption = None,
    source_name: SourceNameOption = None,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
    section_pattern: SectionPatternOption = DEFAULT_SECTION_PATTERN,
    processes: Annotated[int | None, typer.Option(help="NLP worker processes [default: by corpus size]")] = None,
    task_runner: Annotated[str, typer.Option(help="local (worker processes on this machine) or dask")] = "local",
    dask_address: Annotated[str | None, typer.Option(help="Dask scheduler, e.g. tcp://host:8786 "
                                                          "[default: a local dask.distributed cluster]")] = None,
    allow_empty: Annotated[bool, typer.Option("--allow-empty", help="Let a source with no files mark every "
                                              "document it held removed")] = False,
) -> None:
    """Run the ETL flow over SOURCE into the warehouse."""
    from flows.server import reporting_to, temporary_server

    config = settings()
    database = db or config.db
    origin = _located_source(source, source_name, include, exclude, section_pattern)
    if task_runner not in {"local", "dask"}:
        errors.print(f"[red]unknown task runner {task_runner!r}[/red]: use local or dask")
        raise typer.Exit(2)
    _check_warehouse_opens(database)
    # Prefect's server starts first, so that its start-up overlaps everything up to the flow call.
    with temporary_server() as server:
        from flows.etl import newsdesk_etl
        from flows.progress import set_listener

        progress = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                            TimeElapsedColumn(), console=console)
        set_listener(_ProgressBar(progress))
        requested = processes or config.processes
        etl, local = newsdesk_etl, True
        if task_runner == "dask":
            from flows.runners import dask_runner

            etl, local = newsdesk_etl.with_options(task_runner=dask_runner(dask_address, requested)), False
        try:
            with progress, reporting_to(server):
                summary = etl(source=str(source), db=database, batch_size=config.batch_size, processes=requested,
                              lock_timeout=config.lock_timeout, local_workers=local, allow_empty=allow_empty,
                              **_source_parameters(origin, section_pattern))
        except Exception as error:  # the flow has logged the traceback; say what failed plainly
            errors.print(f"[red]run failed:[/red] {error}", soft_wrap=True)
            raise typer.Exit(1) from error
        finally:
            set_listener(None)
    console.print(_summary_table(summary))


def _located_source(source: Path, name: str | None, include: list[str] | None, exclude: list[str] | None,
                    section_pattern: str) -> SourceSpec:
    """Return the source the options describe, or stop with one line saying what is wrong with them."""
    from flows.sources import located_source

    excluded = [glob for glob in exclude if glob] if exclude is not None else None
    try:
        return located_source(source, name=name, include=include, exclude=excluded, section_pattern=section_pattern)
    except (NotADirectoryError, ValueError) as error:
        errors.print(f"[red]{error}[/red]", soft_wrap=True)
        raise typer.Exit(2) from error


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
        errors.print(f"[red]{error}[/red]", soft_wrap=True)
        raise typer.Exit(1) from error


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


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="SQL to run; SELECT-like statements only")],
    db: DbOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv or json")] = "table",
) -> None:
    """Run read-only SQL against the warehouse."""
    from warehouse.connection import WarehouseBusyError, WarehouseMissingError, WarehouseUnreadableError
    from warehouse.query import WriteRefusedError, run_query

    if format not in {"table", "csv", "json"}:
        errors.print(f"[red]unknown format {format!r}[/red]: use table, csv or json")
        raise typer.Exit(2)
    try:
        result = run_query(db or settings().db, sql)
    except (WriteRefusedError, WarehouseBusyError, WarehouseMissingError, WarehouseUnreadableError) as error:
        errors.print(f"[red]{error}[/red]", soft_wrap=True)
        raise typer.Exit(1) from error
    except Exception as error:
        errors.print(f"[red]query failed:[/red] {error}", soft_wrap=True)
        raise typer.Exit(1) from error
    _print_result(result.columns, result.rows, format)


def _print_result(columns: list[str], rows: list[tuple], format: str) -> None:
    if format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif format == "json":
        print(json.dumps([dict(zip(columns, row)) for row in rows], default=_json_value, ensure_ascii=False, indent=2))
    else:
        table = Table()
        for column in columns:  # cells wrap rather than lose their ends in a narrow terminal
            table.add_column(column, overflow="fold")
        for row in rows:
            table.add_row(*("" if value is None else str(value) for value in row))
        console.print(table)


def _json_value(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


@app.command()
def search(
    terms: Annotated[str | None, typer.Argument(help="Words to look for, in any order (stemmed: rate finds rates)")] = None,
    documents: Annotated[bool, typer.Option("--documents/--quotes", help="Search documents' titles and text, "
                                            "or quotes")] = False,
    speaker: Annotated[str | None, typer.Option(help="Quotes by this speaker: the name or any alias, any case")] = None,
    since: Annotated[datetime | None, typer.Option(formats=["%Y-%m-%d"], help="Published on or after this date "
                                                   "(YYYY-MM-DD)")] = None,
    source: Annotated[str | None, typer.Option(help="Only this source (dim_source.source_name)")] = None,
    limit: Annotated[int, typer.Option(min=1, help="How many matches to show")] = 20,
    db: DbOption = None,
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv or json")] = "table",
    sql: Annotated[bool, typer.Option("--sql", help="Print the statement that loads the search extension in the "
                                      "DuckDB command line, and stop")] = False,
) -> None:
    """Search quotes (or documents) by words, best BM25 match first; current documents only."""
    from warehouse.connection import WarehouseBusyError, WarehouseMissingError, WarehouseUnreadableError
    from warehouse.search import SearchFilters, SearchUnavailableError, load_statement
    from warehouse.search import search as search_warehouse

    try:
        if sql:
            print(load_statement())
            return
        if not terms:
            errors.print("[red]give the words to search for[/red] (or --sql)")
            raise typer.Exit(2)
        if documents and speaker:
            errors.print("[red]--speaker goes with quotes[/red], not --documents")
            raise typer.Exit(2)
        if format not in {"table", "csv", "json"}:
            errors.print(f"[red]unknown format {format!r}[/red]: use table, csv or json")
            raise typer.Exit(2)
        filters = SearchFilters(speaker=speaker, since=since.date() if since else None, source=source, limit=limit)
        result = search_warehouse(db or settings().db, terms, "documents" if documents else "quotes", filters)
    except (SearchUnavailableError, WarehouseBusyError, WarehouseMissingError, WarehouseUnreadableError) as error:
        errors.print(f"[red]{error}[/red]", soft_wrap=True)
        raise typer.Exit(1) from error
    shown = ["score", "published", "source", "title", "snippet"] if documents else \
        ["score", "published", "source", "speaker", "quote"]
    at = [result.columns.index(name) for name in shown]
    rows = [(round(row[at[0]], 3), *(row[i] for i in at[1:])) for row in result.rows]
    if not rows and format == "table":
        console.print(f"no {'document' if documents else 'quote'} matches", markup=False, highlight=False)
        return
    _print_result(shown, rows, format)


@app.command()
def status(
    db: DbOption = None,
    limit: Annotated[int, typer.Option(help="How many runs to show")] = 10,
) -> None:
    """Show the last runs recorded in etl_run."""
    from warehouse.connection import WarehouseMissingError, WarehouseUnreadableError
    from warehouse.query import run_query
    from warehouse.sqlfiles import sql_text

    try:
        result = run_query(db or settings().db, sql_text("reports/last_runs.sql"), {"limit": limit})
    except WarehouseMissingError as error:
        errors.print(f"[yellow]{error}[/yellow]")
        raise typer.Exit(1) from error
    except WarehouseUnreadableError as error:
        errors.print(f"[red]{error}[/red]", soft_wrap=True)
        raise typer.Exit(1) from error
    # The error of a failed run is too long for a table cell: it is printed in full below.
    shown = [i for i, name in enumerate(result.columns) if name != "error"]
    _print_result([result.columns[i] for i in shown], [tuple(row[i] for i in shown) for row in result.rows], "table")
    error_at = result.columns.index("error")
    for row in result.rows:
        if row[error_at]:
            console.print(f"run started {row[0]} failed in {row[error_at]}", markup=False, highlight=False,
                          soft_wrap=True)


@app.command()
def check(db: DbOption = None) -> None:
    """Run the integrity checks (sql/checks/*.sql) read-only; exit 1 if any fails."""
    from warehouse.checks import run_checks
    from warehouse.connection import WarehouseBusyError, WarehouseMissingError, WarehouseUnreadableError

    try:
        results = run_checks(db or settings().db)
    except (WarehouseBusyError, WarehouseMissingError, WarehouseUnreadableError) as error:
        errors.print(f"[red]{error}[/red]", soft_wrap=True)
        raise typer.Exit(1) from error
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


@app.command()
def serve(
    source: Annotated[Path, typer.Argument(help="Folder or .jsonl file the scheduled runs read")
                      ] = Path(DEFAULT_SOURCE),
    db: DbOption = None,
    cron: Annotated[str, typer.Option(help="Cron schedule of the deployment")] = "0 * * * *",
    name: Annotated[str, typer.Option(help="Deployment name")] = "newsdesk-scheduled",
    on_collision: Annotated[str, typer.Option("--on-collision", help="When a scheduled run starts while the "
                            "last is still going: skip (cancel the new run; the next one catches up) or "
                            "enqueue (wait its turn)")] = "skip",
    source_name: SourceNameOption = None,
    include: IncludeOption = None,
    exclude: ExcludeOption = None,
    section_pattern: SectionPatternOption = DEFAULT_SECTION_PATTERN,
) -> None:
    """Serve the flow as a scheduled Prefect deployment (runs until stopped)."""
    origin = _located_source(source, source_name, include, exclude, section_pattern)
    config = settings()
    if not config.prefect_api_url:
        errors.print("[red]newsdesk serve needs a Prefect server[/red]: schedules do not run on the temporary one. "
                     "Start `prefect server start`, then `export PREFECT_API_URL=http://127.0.0.1:4200/api`.")
        raise typer.Exit(2)
    from flows.deployment import scheduled_deployment, serve_scheduled

    database = str(Path(db or config.db).resolve())
    try:
        deployment = scheduled_deployment(
            name, cron, {"source": origin.root, "db": database, "lock_timeout": config.lock_timeout,
                         **_source_parameters(origin, section_pattern)},
            on_collision=on_collision, tags=[f"source:{origin.name}", f"warehouse:{Path(database).name}"])
    except ValueError as error:
        errors.print(f"[red]{error}[/red]", soft_wrap=True)
        raise typer.Exit(2) from error
    serve_scheduled(deployment)


@app.command()
def export(
    parquet: Annotated[Path, typer.Option("--parquet", help="Folder to write the Parquet export to")],
    db: DbOption = None,
) -> None:
    """Export the warehouse as Hive-partitioned Parquet (facts by month)."""
    from warehouse.connection import WarehouseBusyError, WarehouseMissingError, WarehouseUnreadableError
    from warehouse.export import export_parquet

    try:
        counts = export_parquet(db or settings().db, parquet)
    except (WarehouseBusyError, WarehouseMissingError, WarehouseUnreadableError) as error:
        errors.print(f"[red]{error}[/red]", soft_wrap=True)
        raise typer.Exit(1) from error
    table = Table("table", "rows", title=f"Exported to {parquet}")
    for name, rows in counts.items():
        table.add_row(name, f"{rows:,}")
    console.print(table)


@app.command()
def report(
    name: Annotated[str | None, typer.Argument(help="One report (a file name in sql/reports/, without .sql) "
                                               "(default: every report)")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Folder to write the page to "
                                             "(default: reports/ beside the warehouse)")] = None,
    db: DbOption = None,
) -> None:
    """Write the reports as one HTML page with charts that works offline."""
    from newsdesk.report import UnknownReportError, write_report
    from warehouse.connection import WarehouseBusyError, WarehouseMissingError, WarehouseUnreadableError

    database = db or settings().db
    try:
        path = write_report(database, out or Path(database).parent / "reports", name)
    except UnknownReportError as error:
        errors.print(f"[red]{error}[/red]", soft_wrap=True)
        raise typer.Exit(2) from error
    except (WarehouseBusyError, WarehouseMissingError, WarehouseUnreadableError) as error:
        errors.print(f"[red]{error}[/red]", soft_wrap=True)
        raise typer.Exit(1) from error
    console.print(f"report written to {path}", markup=False, highlight=False, soft_wrap=True)


@app.command("eval")
def evaluate_command(
    gold: Annotated[Path | None, typer.Option("--gold", help="Gold quotes, JSONL: doc_id, quote, quote_start, "
                                              "quote_end, speaker, reference, verb")] = None,
    articles: Annotated[Path | None, typer.Option("--articles", help="Folder of the annotated articles, "
                                                  "<doc_id>.txt (with --gold)")] = None,
    polnear: Annotated[Path | None, typer.Option("--polnear", help="A PolNeAR split instead of --gold: "
                                                 "attributions/<id>.ann and text/<id>.txt")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=1, help="Only the first N PolNeAR articles "
                                              "by name")] = None,
    per_doc: Annotated[bool, typer.Option("--per-doc", help="Also show scores per document")] = False,
    json_out: Annotated[Path | None, typer.Option("--json", help="Also write the scores to this JSON file")] = None,
    show_errors: Annotated[bool, typer.Option("--errors", help="List missed, extra and misattributed quotes")] = False,
) -> None:
    """Score quote extraction and speaker attribution against an annotated set."""
    from newsdesk.evaluation import evaluate, evaluate_polnear
    from newsdesk.evaluation_report import error_lines, evaluation_json, per_document_table, summary_table

    if (polnear is None) == (gold is None) or (gold is not None and articles is None):
        errors.print("[red]Give either --gold with --articles, or --polnear.[/red]")
        raise typer.Exit(2)
    if limit is not None and polnear is None:
        errors.print("[red]--limit goes with --polnear.[/red]")
        raise typer.Exit(2)
    result = evaluate_polnear(polnear, limit=limit) if polnear is not None else evaluate(gold, articles)
    console.print(summary_table(result))
    if per_doc:
        console.print(per_document_table(result))
    if show_errors:
        for line in error_lines(result):
            console.print(line, markup=False, highlight=False, soft_wrap=True)
    if json_out is not None:
        json_out.write_text(json.dumps(evaluation_json(result), indent=2), encoding="utf-8")


if __name__ == "__main__":
    app()
