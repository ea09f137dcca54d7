"""Full-text search: DuckDB's fts extension loaded from the installed package, and BM25 queries.

`LOAD fts` by name downloads the extension, which fails offline. The `duckdb-extension-fts`
package (pinned to DuckDB's version) ships the extension file itself, so it is loaded by path.
The indexes (schemas fts_main_fact_quote and fts_main_dim_document) are rebuilt from
sql/search/index.sql inside the transaction of every load that adds, deletes or moves a document
(warehouse/load.py `_texts_changed`).
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from warehouse.connection import connect
from warehouse.query import QueryResult
from warehouse.sqlfiles import sql_text

FTS_PACKAGE = "duckdb_extension_fts"
KINDS = ("quotes", "documents")
_SNIPPET_CHARS = 160


class SearchUnavailableError(RuntimeError):
    """The fts extension for this DuckDB version is not installed."""


@dataclass(frozen=True)
class SearchFilters:
    """What narrows a search besides its terms; None means no filter."""

    speaker: str | None = None  # a speaker's name or any of its aliases, any case (quotes only)
    since: date | None = None  # published on or after
    source: str | None = None  # dim_source.source_name
    limit: int = 20


def fts_extension_path() -> Path:
    """Return the fts extension file that duckdb-extension-fts installed for this DuckDB version."""
    # The package's layout is its only interface: extensions/v<duckdb version>/fts.duckdb_extension.
    spec = importlib.util.find_spec(FTS_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise SearchUnavailableError(f"full-text search needs the {FTS_PACKAGE} package: "
                                     f"pip install duckdb-extension-fts=={duckdb.__version__}")
    package = Path(next(iter(spec.submodule_search_locations)))
    path = package / "extensions" / f"v{duckdb.__version__}" / "fts.duckdb_extension"
    if not path.is_file():
        raise SearchUnavailableError(f"no fts extension for DuckDB {duckdb.__version__} at {path}: "
                                     f"pip install duckdb-extension-fts=={duckdb.__version__}")
    return path


def load_fts(con: duckdb.DuckDBPyConnection) -> None:
    """Load the fts extension into the connection's database from the installed file."""
    con.load_extension(str(fts_extension_path()))


def rebuild_search_index(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild the full-text indexes from the tables as they are now (sql/search/index.sql)."""
    load_fts(con)
    # One call for the whole file: the PRAGMAs in it only parse once the extension is loaded.
    con.execute(sql_text("search/index.sql"))


def load_statement() -> str:
    """Return the statement that loads the fts extension in the DuckDB command line, offline."""
    quoted = str(fts_extension_path()).replace("'", "''")
    return f"LOAD '{quoted}';"


def search(path: str | Path, terms: str, kind: str = "quotes", filters: SearchFilters = SearchFilters(), *,
           lock_timeout: float = 10.0) -> QueryResult:
    """Return the current documents' quotes (or documents) that match `terms`, best BM25 score first."""
    if kind not in KINDS:
        raise ValueError(f"unknown search kind {kind!r}: use one of {', '.join(KINDS)}")
    parameters = {"terms": terms, "since": filters.since, "source": filters.source, "limit": filters.limit}
    if kind == "quotes":
        parameters["speaker"] = filters.speaker
    with connect(path, read_only=True, timeout=lock_timeout) as con:
        load_fts(con)
        try:
            cursor = con.execute(sql_text(f"search/{kind}.sql"), parameters)
        except duckdb.CatalogException as error:
            if "fts_main_" not in str(error):
                raise
            raise SearchUnavailableError(f"the warehouse {path} has no search index yet (it was loaded before "
                                         "search existed): run `newsdesk run` to build it") from error
        columns = [column[0] for column in cursor.description]
        rows = cursor.fetchall()
    if kind == "documents":
        rows = _with_snippets(columns, rows, terms)
    return QueryResult(columns, rows)


def _with_snippets(columns: list[str], rows: list[tuple], terms: str) -> list[tuple]:
    at, title = columns.index("snippet"), columns.index("title")
    return [(*row[:at], snippet(_after_headline(row[at], row[title]), terms), *row[at + 1:]) for row in rows]


def _after_headline(text: str, title: str | None) -> str:
    """Return the text without its first line when that line is the title, shown beside it already."""
    return text[len(title):].lstrip() if title and text.startswith(title) else text


def snippet(text: str, terms: str, width: int = _SNIPPET_CHARS) -> str:
    """Return about `width` characters of `text` around the first word that matches a search term."""
    found = _first_match(text, re.findall(r"\w+", terms.lower()))
    start = max(0, found - width // 4) if found is not None else 0
    if start:  # begin at a word
        start = text.find(" ", start, found) + 1 or start
    piece, cut = text[start:start + width], start + width < len(text)
    if cut and " " in piece:  # end at a word too
        piece = piece.rsplit(" ", 1)[0]
    return ("…" if start else "") + " ".join(piece.split()) + ("…" if cut else "")


def _first_match(text: str, words: list[str]) -> int | None:
    """Return where the first of `words` is written in `text`, or failing that the first word that
    starts like one of them: Porter stems are mostly prefixes (rates -> rate), so a word's first
    letters find the forms the index matched without the stemmer."""
    exact = [rf"\b{re.escape(word)}\b" for word in words]
    prefixes = [rf"\b{re.escape(word[:max(4, len(word) - 2)])}" for word in words]
    for patterns in (exact, prefixes):
        found = re.search("|".join(patterns), text, re.IGNORECASE) if patterns else None
        if found:
            return found.start()
    return None
