"""The commands that read the warehouse (`query`, `search`, `status`, `check`, `export`,
`report`) and `eval`, which scores the extractor against an annotated set."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from flows.settings import DEFAULT_DB
from newsdesk.cli_app import (
    check_format,
    checked,
    command,
    console,
    exit_saying,
    print_result,
    readable_warehouse,
    warehouse_errors,
)
from newsdesk.cli_options import DbOption, VerboseOption
from newsdesk.paths import checked_input, checked_output_file, checked_output_folder


@command()
def query(
    sql: Annotated[str, typer.Argument(help="SQL to run; SELECT-like statements only")],
    db: DbOption = DEFAULT_DB,
    format: Annotated[str, typer.Option("--format", "-f", help="table, csv or json")] = "table",
    verbose: VerboseOption = False,
) -> None:
    """Run read-only SQL against the warehouse."""
    from warehouse.query import run_query

    check_format(format)
    database = readable_warehouse(db)
    try:
        result = run_query(database, sql)
    except warehouse_errors() as error:
        raise exit_saying(error) from error
    except Exception as error:  # DuckDB's own message says what is wrong with the SQL
        raise exit_saying(f"query failed: {error}") from error
    print_result(result.columns, result.rows, format)


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
    db: DbOption = DEFAULT_DB,
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
        raise exit_saying("give the words to search for (or --sql)", 2)
    if documents and speaker:
        raise exit_saying("--speaker goes with quotes, not --documents", 2)
    check_format(format)
    database = readable_warehouse(db)
    filters = SearchFilters(speaker=speaker, since=since.date() if since else None, source=source, limit=limit)
    try:
        result = search_warehouse(database, terms, "documents" if documents else "quotes", filters)
    except (SearchUnavailableError, *warehouse_errors()) as error:
        raise exit_saying(error) from error
    shown = ["score", "published", "source", "title", "snippet"] if documents else \
        ["score", "published", "source", "speaker", "quote"]
    at = [result.columns.index(name) for name in shown]
    rows = [(round(row[at[0]], 3), *(row[i] for i in at[1:])) for row in result.rows]
    if not rows and format == "table":
        console.print(f"no {'document' if documents else 'quote'} matches", markup=False, highlight=False)
        return
    print_result(shown, rows, format)


@command()
def status(
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(min=1, help="How many runs to show")] = 10,
    verbose: VerboseOption = False,
) -> None:
    """Show the last runs recorded in etl_run."""
    from warehouse.query import run_query
    from warehouse.sqlfiles import sql_text

    database = readable_warehouse(db)
    try:
        result = run_query(database, sql_text("reports/last_runs.sql"), {"limit": limit})
    except warehouse_errors() as error:
        raise exit_saying(error) from error
    # The error of a failed run is too long for a table cell: it is printed in full below.
    shown = [i for i, name in enumerate(result.columns) if name != "error"]
    print_result([result.columns[i] for i in shown], [tuple(row[i] for i in shown) for row in result.rows], "table")
    error_at = result.columns.index("error")
    for row in result.rows:
        if row[error_at]:
            console.print(f"run started {row[0]} failed in {row[error_at]}", markup=False, highlight=False,
                          soft_wrap=True)


@command()
def check(db: DbOption = DEFAULT_DB, verbose: VerboseOption = False) -> None:
    """Run the integrity checks (sql/checks/*.sql) read-only; exit 1 if any fails."""
    from warehouse.checks import run_checks

    database = readable_warehouse(db)
    try:
        results = run_checks(database)
    except warehouse_errors() as error:
        raise exit_saying(error) from error
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
def export(
    parquet: Annotated[Path, typer.Option("--parquet", help="Folder to write the Parquet export to")],
    db: DbOption = DEFAULT_DB,
    verbose: VerboseOption = False,
) -> None:
    """Export the warehouse as Hive-partitioned Parquet (facts by month)."""
    from warehouse.export import export_parquet

    database = readable_warehouse(db)
    folder = checked(checked_output_folder, parquet, "--parquet")
    try:
        counts = export_parquet(database, folder)
    except warehouse_errors() as error:
        raise exit_saying(error) from error
    table = Table("table", "rows", title=f"Exported to {folder}")
    for name, rows in counts.items():
        table.add_row(name, f"{rows:,}")
    console.print(table)


@command()
def report(
    name: Annotated[str | None, typer.Argument(help="One report (a file name in sql/reports/, without .sql)",
                                               show_default="every report")] = None,
    out: Annotated[Path | None, typer.Option("--out", help="Folder to write the page to",
                                             show_default="reports/ beside the warehouse")] = None,
    db: DbOption = DEFAULT_DB,
    verbose: VerboseOption = False,
) -> None:
    """Write the reports as one HTML page with charts that works offline."""
    from newsdesk.report import UnknownReportError, write_report

    database = readable_warehouse(db)
    folder = checked(checked_output_folder, out or Path(database).parent / "reports", "--out")
    try:
        path = write_report(database, folder, name)
    except UnknownReportError as error:
        raise exit_saying(error, 2) from error
    except warehouse_errors() as error:
        raise exit_saying(error) from error
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
    from newsdesk.evaluation_report import (
        error_lines,
        evaluation_json,
        per_document_rows,
        summary_rows,
    )

    if (polnear is None) == (gold is None) or (gold is not None and articles is None):
        raise exit_saying("give either --gold with --articles, or --polnear", 2)
    if limit is not None and polnear is None:
        raise exit_saying("--limit goes with --polnear", 2)
    if polnear is not None:
        result = evaluate_polnear(checked(checked_input, polnear, "--polnear", "folder"), limit=limit)
    else:
        result = evaluate(checked(checked_input, gold, "--gold", "file"),
                          checked(checked_input, articles, "--articles", "folder"))
    if json_out is not None:
        checked(checked_output_file, json_out, "--json")
    columns, rows = summary_rows(result)
    print_result(columns, rows, "table", title="Quote extraction against the gold set")
    if per_doc:
        columns, rows = per_document_rows(result)
        print_result(columns, rows, "table", title="Per document (coverage > 0.3)")
    if show_errors:
        for line in error_lines(result):
            console.print(line, markup=False, highlight=False, soft_wrap=True)
    if json_out is not None:
        json_out.write_text(json.dumps(evaluation_json(result), indent=2), encoding="utf-8")
