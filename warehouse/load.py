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
from transforms.sources import SourceSpec
from warehouse.connection import connect, transaction
from warehouse.migrate import apply_migrations, apply_views
from warehouse.publishing import PublishError
from warehouse.runs import fold_pending_runs
from warehouse.search import rebuild_search_index
from warehouse.sqlfiles import files_in, parameter_names, sql_text, statements
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
    source: str  # the folder or file as the run was given it
    origin: SourceSpec  # the named source it is
    started_at: datetime
    files_found: int
    files_excluded: int
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
        """Return the values bound to the parameters of the sql/load files: the run's and its source's."""
        values = {name: getattr(self, name) for name in self.__dataclass_fields__
                  if name not in {"stage_seconds", "origin"}}
        values["stage_seconds"] = json.dumps(self.stage_seconds, sort_keys=True)
        origin = self.origin
        values.update(source_id=origin.source_id, source_name=origin.name, source_root=origin.root,
                      source_kind=origin.kind, include_globs=list(origin.include),
                      exclude_globs=list(origin.exclude), section_pattern=origin.layout.section_pattern)
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
                    con.execute(statement, _parameters_for(relative, statement, run))
            if _texts_changed(batch) or not con.execute(sql_text("warehouse/search_index_exists.sql")).fetchone()[0]:
                rebuild_search_index(con)
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


def _texts_changed(batch: LoadBatch) -> bool:
    """Return whether the load adds, deletes or moves any document: only then does what the search
    index holds change (a move takes the new path's metadata, its title included). Removing or
    restoring a document changes its is_current alone, which searches filter on."""
    return batch.extract_ids.height > 0 or batch.deleted_documents.height > 0 or batch.incoming_slots.height > 0


def _register(con: duckdb.DuckDBPyConnection, batch: LoadBatch) -> None:
    for name in batch.__dataclass_fields__:
        if name != "staged":
            con.register(name, getattr(batch, name).to_arrow())
    register_staged(con, batch.staged, STAGED_SCHEMAS)


# The run values each sql/load file takes, declared rather than guessed from its text:
# tests/warehouse/test_load_parameters.py fails when a file's `$names` and this differ.
LOAD_PARAMETERS: dict[str, frozenset[str]] = {
    "000_incoming.sql": frozenset(),
    "005_source.sql": frozenset({"source_id", "source_name", "source_root", "source_kind", "include_globs",
                                 "exclude_globs", "section_pattern", "run_id"}),
    "010_delete_replaced.sql": frozenset(),
    "020_mark_removed.sql": frozenset({"run_id"}),
    "030_relocate.sql": frozenset({"source_id"}),
    "040_insert_documents.sql": frozenset({"source_id", "run_id"}),
    "050_insert_facts.sql": frozenset(),
    "060_prune_entities.sql": frozenset(),
    "061_entity_types.sql": frozenset(),
    "062_entity_links.sql": frozenset(),
    "063_resolve_entities.sql": frozenset(),
    "065_aliases.sql": frozenset(),
    "070_dates.sql": frozenset(),
    "080_rejects.sql": frozenset({"source_id", "run_id"}),
    "090_files.sql": frozenset({"source_id", "run_id"}),
    "100_record_run.sql": frozenset({
        "run_id", "flow_run_id", "source", "source_id", "started_at", "files_found", "files_excluded",
        "files_unchanged", "documents_new", "documents_changed", "documents_unchanged", "documents_removed",
        "documents_extracted", "rejects", "model", "stage_seconds"}),
}


class UndeclaredParameterError(KeyError):
    """A load file uses a parameter that LOAD_PARAMETERS does not declare for it."""


def _parameters_for(relative: str, statement: str, run: RunRecord) -> dict[str, Any] | None:
    """Return the values of the declared parameters this statement of `sql/<relative>` uses (DuckDB
    refuses unused ones); raise UndeclaredParameterError for a parameter the file does not declare."""
    declared = LOAD_PARAMETERS.get(relative.rsplit("/", 1)[-1], frozenset())
    if not declared:
        return None  # nothing to bind: DuckDB names any parameter such a file uses, and so does the test
    used = parameter_names(statement)
    if used - declared:
        raise UndeclaredParameterError(f"{relative} uses ${', $'.join(sorted(used - declared))}, which "
                                       "warehouse.load.LOAD_PARAMETERS does not declare for it")
    values = run.parameters()
    return {parameter: values[parameter] for parameter in sorted(used)} or None
