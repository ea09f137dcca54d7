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
from warehouse.sqlfiles import files_in, statements
from warehouse.staging import Staging


@dataclass(frozen=True)
class LoadBatch:
    """Everything one run writes: the staged NLP output, and small frames named like the
    relations the load SQL reads."""

    staging: Staging
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


def load_batch(path: str | Path, batch: LoadBatch, run: RunRecord, *, lock_timeout: float = 30.0) -> None:
    """Write `batch` and the run record in one transaction; on any error nothing is written."""
    with connect(path, read_only=False, timeout=lock_timeout) as con:
        with transaction(con):
            apply_migrations(con)
            _register(con, batch)
            for relative in files_in("load"):
                for statement in statements(relative):
                    con.execute(statement, _parameters_for(statement, run))
            apply_views(con)


def ensure_schema(path: str | Path, *, lock_timeout: float = 30.0) -> list[str]:
    """Create or upgrade the warehouse schema and views; return the migrations applied."""
    with connect(path, read_only=False, timeout=lock_timeout) as con:
        with transaction(con):
            applied = apply_migrations(con)
            apply_views(con)
    return applied


def _register(con: duckdb.DuckDBPyConnection, batch: LoadBatch) -> None:
    for name in batch.__dataclass_fields__:
        if name != "staging":
            con.register(name, getattr(batch, name).to_arrow())
    for name, schema in STAGED_SCHEMAS.items():
        batch.staging.register(con, name, schema)


def _parameters_for(statement: str, run: RunRecord) -> dict[str, Any] | None:
    """Bind only the named parameters a statement uses: DuckDB refuses unused ones."""
    values = {name: value for name, value in run.parameters().items() if f"${name}" in statement}
    return values or None
