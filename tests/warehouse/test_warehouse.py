"""The DuckDB layer on real warehouse files: migrations, comments, locking, read-only queries."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from datetime import datetime
from pathlib import Path

import duckdb
import polars as pl
import pytest

from tests.helpers import snapshot
from transforms import frames
from warehouse.connection import WarehouseBusyError, WarehouseMissingError, connect
from warehouse.load import LoadBatch, RunRecord, ensure_schema, load_batch
from warehouse.query import WriteRefusedError, run_query
from warehouse.sqlfiles import files_in, statements
from warehouse.staging import StagedChunks, StagingCache, register_staged
from transforms.sources import source_spec
from warehouse.state import read_state


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    ensure_schema(path)
    return path


def empty_batch(**overrides: pl.DataFrame) -> LoadBatch:
    values = dict(
        staged=StagedChunks((), frozenset()), extract_ids=frames.id_frame([]), incoming_slots=frames.slot_frame([]),
        incoming_rejects=frames.reject_frame([]), incoming_files=frames.file_frame([], [], []),
        incoming_alias_list=frames.alias_list_frame([]),
        deleted_documents=frames.id_frame([]), removed_documents=frames.id_frame([]),
        touched_files=frames.id_frame([]), removed_files=frames.id_frame([]),
    )
    values.update(overrides)
    return LoadBatch(**values)


def run_record(run_id: str = "run-1") -> RunRecord:
    return RunRecord(run_id=run_id, flow_run_id=None, source="src", origin=source_spec("/data/src", "folder"),
                     started_at=datetime(2026, 1, 1), files_found=0, files_excluded=0, files_unchanged=0, documents_new=0, documents_changed=0,
                     documents_unchanged=0, documents_removed=0, documents_extracted=0, rejects=0,
                     model="test", stage_seconds={"load": 0.1})


def test_every_table_and_column_has_a_comment(db: Path) -> None:
    con = duckdb.connect(str(db), read_only=True)
    tables = con.execute("select table_name from duckdb_tables() where comment is null or comment = ''").fetchall()
    columns = con.execute("select table_name, column_name from duckdb_columns() "
                          "where internal = false and table_name in (select table_name from duckdb_tables()) "
                          "and (comment is null or comment = '')").fetchall()
    views = con.execute("select view_name from duckdb_views() where not internal "
                        "and (comment is null or comment = '')").fetchall()
    con.close()
    assert (tables, columns, views) == ([], [], [])


def test_migrations_are_recorded_once_and_not_reapplied(db: Path) -> None:
    assert ensure_schema(db) == []
    recorded = [row[0] for row in duckdb.connect(str(db), read_only=True)
                .execute("select name from etl_migration order by version").fetchall()]
    assert recorded == [name.split("/")[-1] for name in files_in("schema")]


def test_contract_views_have_the_documented_columns(db: Path) -> None:
    contract = {
        "v_quotes": ["document_id", "source_path", "quote_text", "quote_kind", "cue_verb", "speaker_name",
                     "speaker_type", "start_char", "end_char"],
        "v_mentions": ["document_id", "source_path", "entity_name", "entity_type", "mention_text",
                       "sentence_index", "start_char", "end_char"],
        "v_top_entities": ["entity_name", "entity_type", "documents", "mentions", "quotes_said"],
        "v_cooccurrence": ["entity_a", "entity_b", "documents"],
    }
    for view, columns in contract.items():
        result = run_query(db, f"select * from {view} limit 0")
        assert result.columns[: len(columns)] == columns, view


def test_load_is_atomic_when_a_statement_fails(db: Path) -> None:
    load_batch(db, empty_batch(incoming_rejects=frames.reject_frame([])), run_record("run-0"))
    before = snapshot(db, ("etl_run", "etl_reject", "dim_document"))
    bad_files = pl.DataFrame({"source_path": ["a.txt", "a.txt"], "file_sha256": ["x", "y"], "size_bytes": [1, 1],
                              "documents": [0, 0], "rejects": [0, 0]}, schema=frames.FILE_SCHEMA)

    with pytest.raises(duckdb.ConstraintException):
        load_batch(db, empty_batch(incoming_files=bad_files), run_record("run-1"))

    assert snapshot(db, ("etl_run", "etl_reject", "dim_document")) == before


HOLD_LOCK = textwrap.dedent("""
    import sys, time, duckdb
    con = duckdb.connect(sys.argv[1])
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    con.close()
""")


def hold_write_lock(db: Path, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(db), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_load_waits_then_fails_naming_the_cause_when_another_process_holds_the_file(db: Path) -> None:
    before = snapshot(db, ("etl_run",))
    holder = hold_write_lock(db, 30)
    try:
        with pytest.raises(WarehouseBusyError, match="another process holds the warehouse"):
            load_batch(db, empty_batch(), run_record(), lock_timeout=1)
    finally:
        holder.kill()
        holder.wait()
    assert snapshot(db, ("etl_run",)) == before


def test_load_proceeds_once_the_other_process_lets_go(db: Path) -> None:
    holder = hold_write_lock(db, 1.5)
    try:
        load_batch(db, empty_batch(), run_record("after-wait"), lock_timeout=30)
    finally:
        holder.wait()
    assert run_query(db, "select run_id from etl_run").rows == [("after-wait",)]


@pytest.mark.parametrize("sql", [
    "delete from etl_run",
    "insert into dim_entity values ('x', 'y', 'PERSON', true)",
    "drop table dim_entity",
    "create table t (a int)",
    "copy etl_run to 'out.csv'",
    "select 1; update dim_entity set entity_name = 'x'",
    "attach 'other.duckdb'",
])
def test_query_refuses_statements_that_write(db: Path, sql: str) -> None:
    before = snapshot(db, ("dim_entity", "etl_run"))
    with pytest.raises(WriteRefusedError, match="read-only"):
        run_query(db, sql)
    assert snapshot(db, ("dim_entity", "etl_run")) == before


def test_query_reads_with_parameters(db: Path) -> None:
    load_batch(db, empty_batch(), run_record("r-7"))
    assert run_query(db, "select run_id from etl_run where run_id = ?", ["r-7"]).rows == [("r-7",)]


def test_query_on_a_missing_warehouse_says_so(tmp_path: Path) -> None:
    with pytest.raises(WarehouseMissingError, match="newsdesk run"):
        run_query(tmp_path / "nothing.duckdb", "select 1")


def test_read_only_connection_does_not_block_another_reader(db: Path) -> None:
    with connect(db, read_only=True) as first, connect(db, read_only=True, timeout=1) as second:
        assert first.execute("select 1").fetchone() == second.execute("select 1").fetchone()


def test_state_of_a_new_warehouse_is_empty(tmp_path: Path, db: Path) -> None:
    assert read_state(tmp_path / "absent.duckdb", "any-source").file_hashes == {}
    assert read_state(db, "any-source").documents == {}


def test_sql_files_split_into_single_statements() -> None:
    for relative in files_in("load"):
        for statement in statements(relative):
            assert len(duckdb.extract_statements(statement)) == 1, relative


def _chunk(document_ids: list[str], entity: str = "Oslo") -> dict[str, pl.DataFrame]:
    documents = pl.DataFrame({"document_id": document_ids}).with_columns(
        [pl.lit(None, dtype=dtype).alias(name) for name, dtype in frames.DOCUMENT_SCHEMA.items() if name != "document_id"]
    ).select(list(frames.DOCUMENT_SCHEMA)).cast(frames.DOCUMENT_SCHEMA)
    entities = pl.DataFrame({"entity_id": ["e1"], "entity_name": [entity], "entity_type": ["GPE"], "is_named": [True]},
                            schema=frames.ENTITY_SCHEMA)
    return {"incoming_documents": documents, "incoming_entities": entities,
            "incoming_quotes": pl.DataFrame(schema=frames.QUOTE_SCHEMA)}


def test_staged_chunks_are_found_by_the_documents_they_hold(tmp_path: Path) -> None:
    cache = StagingCache(tmp_path / "staging", "v1")
    first = cache.put(_chunk(["d1", "d2"]))
    second = cache.put(_chunk(["d3"]))

    assert cache.held_ids() == {"d1", "d2", "d3"}
    taken = cache.take(["d2", "d9"])
    assert taken.chunks == (first,) and taken.document_ids == {"d2"}
    assert cache.put(_chunk(["d2", "d1"])) == first  # the same documents again: the same chunk
    assert StagingCache(tmp_path / "staging", "v2").held_ids() == frozenset()  # another extractor's results
    cache.remove([first])
    assert cache.held_ids() == {"d3"} and second.exists()


def test_staged_relations_read_every_chunk_or_no_rows(tmp_path: Path) -> None:
    cache = StagingCache(tmp_path / "staging", "v1")
    cache.put(_chunk(["d1"]))
    cache.put(_chunk(["d2"]))
    con = duckdb.connect()
    register_staged(con, cache.take(["d1", "d2"]), {"incoming_entities": frames.ENTITY_SCHEMA,
                                                    "incoming_quotes": frames.QUOTE_SCHEMA})
    assert con.execute("select count(*) from staged_entities").fetchone() == (2,)
    assert con.execute("select count(*) from staged_quotes").fetchone() == (0,)
    con.close()


def test_prune_removes_other_versions_old_chunks_and_earlier_per_run_folders(tmp_path: Path) -> None:
    import os

    legacy = tmp_path / ".newsdesk-staging-abc123"
    (legacy / "incoming_mentions").mkdir(parents=True)
    StagingCache(tmp_path / "staging", "old-version").put(_chunk(["d0"]))
    cache = StagingCache(tmp_path / "staging", "v1")
    stale, fresh = cache.put(_chunk(["d1"])), cache.put(_chunk(["d2"]))
    os.utime(stale, (time.time() - 8 * 24 * 3600,) * 2)
    killed, writing = cache.folder / ".abc.123.partial", cache.folder / ".def.456.partial"
    killed.mkdir(), writing.mkdir()
    os.utime(killed, (time.time() - 2 * 3600,) * 2)

    cache.prune()

    assert not legacy.exists() and not (tmp_path / "staging" / "old-version").exists()
    assert not stale.exists() and fresh.exists()
    assert not killed.exists() and writing.exists()  # another run may be writing this one now
    cache.prune(max_bytes=0)
    assert cache.held_ids() == frozenset()
