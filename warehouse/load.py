"""Loading one run's frames in a single transaction: all of it lands, or none of it."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import polars as pl

from transforms.frames import STAGED_SCHEMAS
from warehouse.connection import connect, transaction
from warehouse.migrate import apply_migrations, apply_views
from warehouse.publishing import PublishError
from warehouse.runs import fold_pending_runs
from warehouse.sqlfiles import files_in, sql_text, statements
from warehouse.staging import StagedChunks, register_staged


@dataclass(frozen=True)
class LoadBatch:
    """Everything one run writes: the staged NLP output, and small frames named like the
    relations the load SQL reads."""

    staged: StagedChunks
    extract_ids: pl.DataFrame
    incoming_slots: pl.DataFrame
    incoming_rejects: pl.DataFrame
    incoming_files: pl.DataFrame
    incoming_alias_list: pl.DataFrame
    deleted_documents: pl.DataFrame
    removed_documents: pl.DataFrame
    touched_files: pl.DataFrame
    removed_files: pl.DataFrame


@dataclass(frozen=True)
class RunRecord:
    """The etl_run row of this run."""

    run_id: str
    flow_run_id: str | None
    source: str
    started_at: datetime
    files_found: int
    files_unchanged: int
    documents_new: int
    documents_changed: int
    documents_unchanged: int
    documents_removed: int
    documents_extracted: int
    rejects: int
    model: str
    stage_seconds: dict[str, float] = field(default_factory=dict)

    def parameters(self) -> dict[str, Any]:
        """Return the values bound to the parameters of sql/load/100_record_run.sql."""
        values = {name: getattr(self, name) for name in self.__dataclass_fields__ if name != "stage_seconds"}
        values["stage_seconds"] = json.dumps(self.stage_seconds, sort_keys=True)
        return values


@dataclass(frozen=True)
class LoadedCounts:
    """Rows a load inserted."""

    mentions: int
    quotes: int


def load_batch(path: str | Path, batch: LoadBatch, run: RunRecord, *, pending_runs: list[Path] | None = None,
               lock_timeout: float = 30.0) -> LoadedCounts:
    """Write `batch`, the run record and any failed runs noted in `pending_runs` in one
    transaction, then checkpoint; on any error before the commit nothing is written."""
    with connect(path, read_only=False, timeout=lock_timeout) as con:
        with transaction(con):
            apply_migrations(con)
            _register(con, batch)
            for relative in files_in("load"):
                for statement in statements(relative):
                    con.execute(statement, _parameters_for(statement, run))
            fold_pending_runs(con, pending_runs or [])
            apply_views(con)
            mentions, quotes = con.execute(sql_text("warehouse/loaded_counts.sql")).fetchone()
        checkpoint(con, path)
    return LoadedCounts(mentions, quotes)


def checkpoint(con: duckdb.DuckDBPyConnection, path: str | Path) -> None:
    """Write the committed changes into the database file itself; raise PublishError if DuckDB cannot."""
    try:
        con.execute("checkpoint")
    except duckdb.Error as error:
        raise PublishError(f"the load committed to {path} but DuckDB could not checkpoint it: "
                           f"{str(error).splitlines()[0]}; free disk space and run again") from error


def ensure_schema(path: str | Path, *, lock_timeout: float = 30.0) -> list[str]:
    """Create or upgrade the warehouse schema and views; return the migrations applied."""
    with connect(path, read_only=False, timeout=lock_timeout) as con:
        with transaction(con):
            applied = apply_migrations(con)
            apply_views(con)
    return applied


def _register(con: duckdb.DuckDBPyConnection, batch: LoadBatch) -> None:
    for name in batch.__dataclass_fields__:
        if name != "staged":
            con.register(name, getattr(batch, name).to_arrow())
    register_staged(con, batch.staged, STAGED_SCHEMAS)


def _parameters_for(statement: str, run: RunRecord) -> dict[str, Any] | None:
    """Bind only the named parameters a statement uses: DuckDB refuses unused ones."""
    values = {name: value for name, value in run.parameters().items() if f"${name}" in statement}
    return values or None
