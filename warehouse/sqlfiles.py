"""Reading the SQL statements kept as files under sql/."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import duckdb

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"


@cache
def sql_text(relative: str) -> str:
    """Return the text of `sql/<relative>`."""
    return (SQL_DIR / relative).read_text(encoding="utf-8")


def statements(relative: str) -> list[str]:
    """Return the statements of `sql/<relative>`, in order."""
    return split_statements(sql_text(relative))


def split_statements(sql: str) -> list[str]:
    """Return the statements of a SQL text as DuckDB's own parser splits it (a `;` inside a string
    or a comment ends nothing); a text of comments alone has none."""
    return [statement.query.strip() for statement in duckdb.extract_statements(sql)]


def files_in(folder: str) -> list[str]:
    """Return the .sql files in `sql/<folder>`, relative to sql/, in name order."""
    return [f"{folder}/{path.name}" for path in sorted((SQL_DIR / folder).glob("*.sql"))]
