"""What the warehouse already holds, read briefly and read-only before a run does its NLP."""

from __future__ import annotations

from pathlib import Path

from transforms.incremental import StoredDocument, WarehouseState
from warehouse.connection import WarehouseBusyError, connect
from warehouse.publishing import WarehouseFiles
from warehouse.sqlfiles import sql_text


def read_state(path: str | Path, source_id: str, *, lock_timeout: float = 30.0) -> WarehouseState:
    """Return what the warehouse holds for a run of the source `source_id`: that source's file
    hashes and root, and every source's document slots (empty when the warehouse is new).

    A warehouse from before sources were named holds one source, taken to be this run's (its
    migration names that source after the folder its last run read, as a run does by default).
    """
    if not Path(path).exists():
        return WarehouseState(source_id=source_id)
    with connect(path, read_only=True, timeout=lock_timeout) as con:
        def exists(table: str) -> bool:
            return con.execute(sql_text("warehouse/table_exists.sql"), {"name": table}).fetchone()[0]

        if not exists("etl_file"):
            return WarehouseState(source_id=source_id)
        if exists("dim_source"):
            by_source = {"source_id": source_id}
            files = dict(con.execute(sql_text("warehouse/file_hashes.sql"), by_source).fetchall())
            root = con.execute(sql_text("warehouse/source_root.sql"), by_source).fetchone()
            slots = con.execute(sql_text("warehouse/document_slots.sql")).fetchall()
        else:
            files = dict(con.execute(sql_text("warehouse/legacy_file_hashes.sql")).fetchall())
            root = None
            slots = con.execute(sql_text("warehouse/legacy_document_slots.sql")).fetchall()
    documents = {
        document_id: StoredDocument(path_, line, is_current, stored_source or source_id, source_name)
        for document_id, path_, line, is_current, stored_source, source_name in slots
    }
    return WarehouseState(files, documents, source_id, root[0] if root else None)


def check_opens(db: str | Path) -> None:
    """Raise WarehouseUnreadableError, naming the file, when the published warehouse or the file
    runs load into exists but DuckDB cannot open it."""
    files = WarehouseFiles.at(db)
    for path in (files.published, files.writer):
        if path.exists():
            try:
                with connect(path, read_only=True, timeout=0.5):
                    pass
            except WarehouseBusyError:
                pass  # a load holds it: it opens
