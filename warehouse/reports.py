"""The reports in sql/reports/: their names, what each answers, and their rows, read-only."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb

from warehouse.connection import connect
from warehouse.query import QueryResult
from warehouse.sqlfiles import files_in, sql_text

_FOLDER = "reports"
# Lines of the opening comment that list a report's parameters and columns, not what it answers.
_REFERENCE_LINES = ("Parameters:", "Columns:")


def report_names() -> list[str]:
    """Return the names of the reports (sql/reports/<name>.sql), in name order."""
    return [relative.rsplit("/", 1)[-1].removesuffix(".sql") for relative in files_in(_FOLDER)]


def report_description(name: str) -> str:
    """Return what the report answers: the comment that opens its file, up to its Parameters or
    Columns lines, as one paragraph."""
    lines = []
    for line in sql_text(f"{_FOLDER}/{name}.sql").splitlines():
        if not line.startswith("--"):
            break
        text = line.removeprefix("--").strip()
        if text.startswith(_REFERENCE_LINES):
            break
        lines.append(text)
    return " ".join(lines)


def report_results(db: str | Path, parameters: Mapping[str, Mapping[str, Any]], *,
                   lock_timeout: float = 10.0) -> dict[str, QueryResult]:
    """Return the result of each named report, its parameters bound by name, read in one read-only
    connection; each result is empty when the warehouse file has no tables yet."""
    with connect(db, read_only=True, timeout=lock_timeout) as con:
        if not _has_schema(con):
            return {name: QueryResult([], []) for name in parameters}
        return {name: _result(con, name, bound) for name, bound in parameters.items()}


def _has_schema(con: duckdb.DuckDBPyConnection) -> bool:
    return con.execute(sql_text("warehouse/table_exists.sql"), {"name": "etl_run"}).fetchone()[0]


def _result(con: duckdb.DuckDBPyConnection, name: str, parameters: Mapping[str, Any]) -> QueryResult:
    cursor = con.execute(sql_text(f"{_FOLDER}/{name}.sql"), dict(parameters) or None)
    return QueryResult([column[0] for column in cursor.description], cursor.fetchall())
