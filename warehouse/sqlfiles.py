"""Reading the SQL statements kept as files under sql/."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

SQL_DIR = Path(__file__).resolve().parent.parent / "sql"
_STATEMENT_END = re.compile(r";[ \t]*(?:\n|$)")


@cache
def sql_text(relative: str) -> str:
    """Return the text of `sql/<relative>`."""
    return (SQL_DIR / relative).read_text(encoding="utf-8")


def statements(relative: str) -> list[str]:
    """Return the statements of a SQL file, split at semicolons that end a line."""
    parts = _STATEMENT_END.split(sql_text(relative))
    return [part.strip() for part in parts if _has_code(part)]


def _has_code(part: str) -> bool:
    return any(line.strip() and not line.strip().startswith("--") for line in part.splitlines())


def files_in(folder: str) -> list[str]:
    """Return the .sql files in `sql/<folder>`, relative to sql/, in name order."""
    return [f"{folder}/{path.name}" for path in sorted((SQL_DIR / folder).glob("*.sql"))]
