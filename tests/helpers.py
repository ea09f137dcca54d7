"""Helpers shared by tests: building source folders and snapshotting warehouse tables."""

from __future__ import annotations

import json
import os
import shutil
import warnings
from pathlib import Path

import duckdb
import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# Tables whose rows describe the data; etl_run and etl_migration record the runs themselves.
DATA_TABLES = ("dim_document", "dim_entity", "dim_date", "fact_mention", "fact_quote",
               "fact_quote_entity", "etl_reject", "etl_file")

SECOND_ARTICLE = """---
title: Minister warns on rates
published: 2024-03-05
outlet: Example Wire
---
Finance Minister Anna Berg warned on Monday that interest rates would stay high.
"We cannot cut rates while inflation is this stubborn," Ms Berg told reporters in Oslo.
"""

JSONL_ARTICLES = [
    {"text": "Officials in Paris said the talks had failed. \"There is no deal,\" said spokesman Luc Martin.",
     "title": "Talks fail", "published": "2024-03-06T10:00:00Z", "url": "https://example.org/a"},
    {"text": "The company reported record profits, according to its chief executive Maria Lopez.",
     "published": "2024-03-07"},
]


def good_source(folder: Path) -> Path:
    """Fill `folder` with the seed article, a Markdown article and a two-article JSONL file."""
    folder.mkdir(parents=True, exist_ok=True)
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder / seed.name)
    (folder / "nested").mkdir(exist_ok=True)
    (folder / "nested" / "berg.md").write_text(SECOND_ARTICLE, encoding="utf-8")
    (folder / "wire.jsonl").write_text("\n".join(json.dumps(a) for a in JSONL_ARTICLES) + "\n", encoding="utf-8")
    return folder


def bad_source(folder: Path) -> dict[str, str]:
    """Add one file of each bad kind to `folder`; return reason code by (path, line) label."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (folder / "undecodable.txt").write_bytes(bytes(range(128, 256)) * 10)
    (folder / "huge.txt").write_text("word " * 210_000, encoding="utf-8")
    (folder / "lines.jsonl").write_text('{"text": "A fine article about Oslo."}\n{not json\n', encoding="utf-8")
    (folder / "gone.txt").symlink_to(folder / "does-not-exist.txt")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    return {
        "empty.txt:0": "empty",
        "binary.txt:0": "binary",
        "undecodable.txt:0": "undecodable",
        "huge.txt:0": "too_large",
        "lines.jsonl:2": "malformed_json",
        "gone.txt:0": "unreadable",
        "notes.pdf:0": "unsupported_type",
    }


def snapshot(db: Path, tables: tuple[str, ...] = DATA_TABLES) -> dict[str, list[tuple]]:
    """Return every row of each table, in a stable order."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {table: con.execute(f"select * from {table} order by all").fetchall() for table in tables}
    finally:
        con.close()


def rows(db: Path, sql: str, parameters: list | None = None) -> list[tuple]:
    """Return the rows of a query against the warehouse file."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, parameters).fetchall()
    finally:
        con.close()


def failing_checks(db: Path) -> list[str]:
    """Return a line for each integrity check (sql/checks/*.sql) the warehouse fails or cannot run:
    its name, and the rows that break it or the error."""
    from warehouse.checks import run_checks

    return [f"{r.name}: {r.error or f'{r.failing_rows} rows, e.g. {list(r.sample)}'}"
            for r in run_checks(db) if not r.passed]


def required_corpus(folder: Path, check: str) -> Path:
    """Return a corpus folder the quality checks read; if it is missing, skip loudly (a warning in
    the summary as well as the skip), or fail in CI (`CI=true`), where it must be there."""
    if folder.is_dir():
        return folder
    message = f"{check} needs {folder} (../shared/corpus beside the project), which is missing"
    if os.environ.get("CI", "").lower() in ("true", "1"):
        pytest.fail(f"{message}; in CI (CI=true) the corpus must be there")
    warnings.warn(f"{message}: the check is skipped", stacklevel=2)
    pytest.skip(message)
