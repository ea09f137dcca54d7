"""Failed runs on record: noted in a journal beside the warehouse at once, written to etl_run
by whichever run next holds the warehouse (the failed run itself, when the lock is free)."""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl

from warehouse.connection import connect, transaction
from warehouse.migrate import apply_migrations, apply_views
from warehouse.publishing import WarehouseFiles, prepare_writer, publish, run_lock
from warehouse.sqlfiles import sql_text

_PENDING_SCHEMA = {
    "run_id": pl.String, "flow_run_id": pl.String, "source": pl.String, "started_at": pl.String,
    "finished_at": pl.String, "stage": pl.String, "error_class": pl.String, "error_message": pl.String,
    "files_found": pl.Int64, "documents_extracted": pl.Int64, "model": pl.String, "stage_seconds": pl.String,
    "source_id": pl.String,
}


@dataclass(frozen=True)
class FailedRun:
    """What is known of a run that failed."""

    run_id: str
    flow_run_id: str | None
    source: str
    started_at: datetime
    finished_at: datetime
    stage: str
    error_class: str
    error_message: str
    files_found: int | None = None
    documents_extracted: int | None = None
    model: str | None = None
    stage_seconds: dict[str, float] = field(default_factory=dict)
    source_id: str | None = None

    def journal_line(self) -> str:
        """Return the run as one JSON line."""
        values = asdict(self)
        values["started_at"] = self.started_at.isoformat()
        values["finished_at"] = self.finished_at.isoformat()
        values["stage_seconds"] = json.dumps(self.stage_seconds, sort_keys=True)
        return json.dumps(values, ensure_ascii=True)


def note_failed_run(files: WarehouseFiles, run: FailedRun) -> None:
    """Append the failed run to the journal beside the warehouse (data files are not touched)."""
    files.pending_runs.parent.mkdir(parents=True, exist_ok=True)
    with open(files.pending_runs, "a", encoding="utf-8") as journal:
        journal.write(run.journal_line() + "\n")
        journal.flush()
        os.fsync(journal.fileno())


def claim_pending_runs(files: WarehouseFiles) -> list[Path]:
    """Return the journal files to fold into etl_run, moving the live journal aside first so that
    runs failing meanwhile start a new one. Call under the run lock."""
    if files.pending_runs.exists():
        os.replace(files.pending_runs, files.pending_runs.with_name(f"{files.pending_runs.name}.{os.getpid()}.claimed"))
    return sorted(files.pending_runs.parent.glob(f"{files.pending_runs.name}.*.claimed"))


def release_pending_runs(claimed: Sequence[Path]) -> None:
    """Remove journal files whose runs are now in etl_run."""
    for path in claimed:
        path.unlink(missing_ok=True)


def fold_pending_runs(con: duckdb.DuckDBPyConnection, claimed: Sequence[Path]) -> None:
    """Insert the journal's failed runs into etl_run (each run once), inside the caller's transaction."""
    lines = [line for path in claimed for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not lines:
        return
    pending = pl.DataFrame([json.loads(line) for line in lines], schema=_PENDING_SCHEMA)
    con.register("pending_runs", pending.unique("run_id", keep="first").to_arrow())
    con.execute(sql_text("warehouse/record_failed_run.sql"))
    con.unregister("pending_runs")


def record_failed_run(files: WarehouseFiles, run: FailedRun, *, lock_timeout: float) -> bool:
    """Note the failed run and, if the run lock comes within `lock_timeout`, write it to etl_run
    and publish; return whether it reached etl_run (else the next run that loads writes it)."""
    note_failed_run(files, run)
    try:
        with run_lock(files, lock_timeout):
            prepare_writer(files)
            claimed = claim_pending_runs(files)
            with connect(files.writer, read_only=False, timeout=lock_timeout) as con:
                with transaction(con):
                    apply_migrations(con)
                    apply_views(con)
                    fold_pending_runs(con, claimed)
                con.execute("checkpoint")
            publish(files)
            release_pending_runs(claimed)
    except Exception:  # the journal keeps the record for the next run
        return False
    return True
