"""Integrity checks (sql/checks/*.sql): each a query that must return no rows, run read-only
against any warehouse. Like dbt's tests: unique, not_null, relationships, accepted_values."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from warehouse.connection import connect
from warehouse.sqlfiles import files_in, sql_text, statements

SAMPLE_ROWS = 3


@dataclass(frozen=True)
class CheckResult:
    """What one check found: the rows that break it (a count and the first few), or the error
    that kept it from running (a warehouse without the table or column it reads)."""

    name: str
    description: str
    failing_rows: int
    columns: tuple[str, ...] = ()
    sample: tuple[tuple[Any, ...], ...] = ()
    error: str | None = None

    @property
    def passed(self) -> bool:
        return self.error is None and self.failing_rows == 0


def check_names() -> list[str]:
    """Return the name of every check (its file name without .sql), in name order."""
    return [_name(relative) for relative in files_in("checks")]


def check_description(name: str) -> str:
    """Return what a check checks: the comment its file opens with, as one line."""
    lines = sql_text(f"checks/{name}.sql").splitlines()
    comment = []
    for line in lines:
        if not line.startswith("--"):
            break
        comment.append(line.removeprefix("--").strip())
    return " ".join(comment)


def run_checks(path: str | Path, *, lock_timeout: float = 10.0) -> list[CheckResult]:
    """Run every check against the warehouse at `path`, opened read-only."""
    with connect(path, read_only=True, timeout=lock_timeout) as con:
        return [run_check(con, name) for name in check_names()]


def run_check(con: duckdb.DuckDBPyConnection, name: str) -> CheckResult:
    """Run one check on an open connection: its failing rows counted, the first few in order kept."""
    description = check_description(name)
    (query,) = statements(f"checks/{name}.sql")
    try:
        relation = con.sql(query)
        (count,) = relation.aggregate("count(*)").fetchone()
        sample = tuple(relation.order("all").limit(SAMPLE_ROWS).fetchall()) if count else ()  # the same each time
        return CheckResult(name, description, count, tuple(relation.columns), sample)
    except duckdb.Error as error:
        return CheckResult(name, description, 0, error=str(error).splitlines()[0])


def _name(relative: str) -> str:
    return relative.rsplit("/", 1)[-1].removesuffix(".sql")
