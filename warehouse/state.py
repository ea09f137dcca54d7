"""What the warehouse already holds, read briefly and read-only before a run does its NLP."""

from __future__ import annotations

from pathlib import Path

from transforms.incremental import StoredDocument, WarehouseState
from warehouse.connection import WarehouseBusyError, connect
from warehouse.publishing import WarehouseFiles
from warehouse.sqlfiles import sql_text


def read_state(path: str | Path, *, lock_timeout: float = 30.0) -> WarehouseState:
    """Return the file hashes and document slots stored in the warehouse (empty when it is new)."""
    if not Path(path).exists():
        return WarehouseState()
    with connect(path, read_only=True, timeout=lock_timeout) as con:
        has_tables = con.execute(sql_text("warehouse/table_exists.sql"), {"name": "etl_file"}).fetchone()[0]
        if not has_tables:
            return WarehouseState()
        files = dict(con.execute(sql_text("warehouse/file_hashes.sql")).fetchall())
        documents = {
            document_id: StoredDocument(source_path, source_line, is_current)
            for document_id, source_path, source_line, is_current
            in con.execute(sql_text("warehouse/document_slots.sql")).fetchall()
        }
    return WarehouseState(files, documents)


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
