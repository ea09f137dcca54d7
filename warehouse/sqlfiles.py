"""Reading the SQL statements kept as files under sql/, installed as the package `warehouse.sql`."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from importlib.resources.abc import Traversable

import duckdb

# The repository's sql/ folder in an editable install, warehouse/sql/ in site-packages otherwise
# (pyproject.toml maps the one to the other): found by package name, never by a path from here.
SQL_PACKAGE = "warehouse.sql"


def sql_root() -> Traversable:
    """Return the folder that holds the SQL files, wherever the package is installed."""
    return files(SQL_PACKAGE)


@cache
def sql_text(relative: str) -> str:
    """Return the text of `sql/<relative>`."""
    return sql_root().joinpath(*relative.split("/")).read_text(encoding="utf-8")


def statements(relative: str) -> list[str]:
    """Return the statements of `sql/<relative>`, in order."""
    return split_statements(sql_text(relative))


def split_statements(sql: str) -> list[str]:
    """Return the statements of a SQL text as DuckDB's own parser splits it (a `;` inside a string
    or a comment ends nothing); a text of comments alone has none."""
    return [statement.query.strip() for statement in duckdb.extract_statements(sql)]


def parameter_names(sql: str, parser: duckdb.DuckDBPyConnection | None = None) -> frozenset[str]:
    """Return the `$name` parameters a SQL text uses, as DuckDB's parser reads them (a `$name`
    inside a string or a comment is none); `parser` is a connection with the extensions the text
    needs loaded (an fts pragma does not parse without the fts extension)."""
    parsed = parser.extract_statements(sql) if parser is not None else duckdb.extract_statements(sql)
    return frozenset(name for statement in parsed for name in statement.named_parameters)


def files_in(folder: str) -> list[str]:
    """Return the .sql files in `sql/<folder>`, relative to sql/, in name order."""
    found = sql_root().joinpath(*folder.split("/")).iterdir()
    return sorted(f"{folder}/{entry.name}" for entry in found if entry.is_file() and entry.name.endswith(".sql"))
