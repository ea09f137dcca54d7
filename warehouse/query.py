"""Analysts' read-only queries: a short read-only connection that refuses statements that write."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from warehouse.connection import connect

_READING_STATEMENTS = frozenset({duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN})


class WriteRefusedError(PermissionError):
    """A statement that would change something was sent to a read-only query."""


@dataclass(frozen=True)
class QueryResult:
    """Column names and rows of a query."""

    columns: list[str]
    rows: list[tuple[Any, ...]]


def run_query(path: str | Path, sql: str, parameters: list[Any] | dict[str, Any] | None = None, *,
              lock_timeout: float = 10.0) -> QueryResult:
    """Run read-only SQL against the warehouse and return its last statement's result."""
    statements = duckdb.extract_statements(sql)
    if not statements:
        raise ValueError("no SQL statement given")
    for statement in statements:
        if statement.type not in _READING_STATEMENTS:
            kind = statement.type.name.lower()
            raise WriteRefusedError(
                f"newsdesk query is read-only: refused a {kind} statement ({statement.query.strip()[:60]!r}). "
                "Only SELECT, DESCRIBE, SHOW, PRAGMA and EXPLAIN are allowed; loads go through `newsdesk run`."
            )
    with connect(path, read_only=True, timeout=lock_timeout) as con:
        from warehouse.search import load_fts  # search imports this module

        load_fts(con)  # so that the indexes' match_bm25 works here as in the DuckDB CLI
        try:
            for statement in statements[:-1]:
                con.execute(statement.query)
            cursor = con.execute(statements[-1].query, parameters)
        except duckdb.Error as error:
            if "read-only" in str(error).lower():
                raise WriteRefusedError(f"newsdesk query is read-only: {error}") from error
            raise
        columns = [column[0] for column in cursor.description or []]
        return QueryResult(columns, cursor.fetchall())
