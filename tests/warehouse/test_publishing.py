"""The published snapshot, the run lock and the failed-run journal on real files."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from warehouse.connection import WarehouseUnreadableError, connect
from warehouse.load import ensure_schema
from warehouse.publishing import PublishError, RunLockTimeoutError, WarehouseFiles, prepare_writer, publish, run_lock
from warehouse.runs import FailedRun, record_failed_run
from warehouse.state import check_opens


@pytest.fixture()
def files(tmp_path: Path) -> WarehouseFiles:
    files = WarehouseFiles.at(tmp_path / "w.duckdb")
    ensure_schema(files.writer)
    return files


def count_runs(path: Path) -> int:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("select count(*) from etl_run").fetchone()[0]


def failed_run(run_id: str) -> FailedRun:
    return FailedRun(run_id=run_id, flow_run_id=None, source="src", started_at=datetime(2026, 1, 1),
                     finished_at=datetime(2026, 1, 1, 0, 1), stage="extract", error_class="MemoryError",
                     error_message="out of memory", stage_seconds={"discover": 0.1})


def test_publish_copies_the_writer_and_an_open_reader_keeps_its_snapshot(files: WarehouseFiles) -> None:
    publish(files)
    reader = duckdb.connect(str(files.published), read_only=True)
    with connect(files.writer, read_only=False) as con:
        con.execute("insert into etl_run (run_id, source, started_at, finished_at, status, stage_seconds) "
                    "values ('r1', 's', now(), now(), 'completed', '{}')")

    publish(files)

    assert reader.execute("select count(*) from etl_run").fetchone() == (0,)
    reader.close()
    assert count_runs(files.published) == 1


# A process that commits to the writer file and dies before DuckDB checkpoints it: the
# write-ahead log stays behind, as after a full disk.
UNCHECKPOINTED = textwrap.dedent("""
    import os, sys, duckdb
    con = duckdb.connect(sys.argv[1])
    con.execute("set checkpoint_threshold = '1TB'")
    con.execute("insert into etl_run (run_id, source, started_at, finished_at, status, stage_seconds) "
                "values ('r1', 's', now(), now(), 'completed', '{}')")
    os._exit(0)
""")


def test_a_writer_that_was_not_checkpointed_is_not_published(files: WarehouseFiles) -> None:
    publish(files)
    subprocess.run([sys.executable, "-c", UNCHECKPOINTED, str(files.writer)], check=True)
    assert files.writer_wal.exists()

    with pytest.raises(PublishError, match="could not checkpoint"):
        publish(files)
    assert count_runs(files.published) == 0


def test_the_writer_starts_as_a_copy_of_a_warehouse_from_before_this_layout(tmp_path: Path) -> None:
    files = WarehouseFiles.at(tmp_path / "old.duckdb")
    ensure_schema(files.published)

    prepare_writer(files)

    assert files.writer.exists() and count_runs(files.writer) == 0


def test_a_warehouse_from_before_this_layout_keeps_what_only_its_write_ahead_log_holds(tmp_path: Path) -> None:
    files = WarehouseFiles.at(tmp_path / "old.duckdb")
    ensure_schema(files.published)
    subprocess.run([sys.executable, "-c", UNCHECKPOINTED, str(files.published)], check=True)

    prepare_writer(files)

    assert count_runs(files.writer) == 1


def test_the_run_lock_is_exclusive_and_says_how_long_it_waited(files: WarehouseFiles) -> None:
    with run_lock(files, 1):
        with pytest.raises(RunLockTimeoutError, match=r"after 0\.2 s"):
            with run_lock(files, 0.2):
                pass
    with run_lock(files, 0.2):  # released
        pass


def test_a_failed_run_reaches_etl_run_now_or_with_the_next_holder_of_the_lock(files: WarehouseFiles) -> None:
    with run_lock(files, 1):
        assert not record_failed_run(files, failed_run("f1"), lock_timeout=0.2)
    assert files.pending_runs.exists()

    assert record_failed_run(files, failed_run("f2"), lock_timeout=1)

    with duckdb.connect(str(files.published), read_only=True) as con:
        recorded = con.execute("select run_id, status, stage, error_class from etl_run order by run_id").fetchall()
    assert recorded == [("f1", "failed", "extract", "MemoryError"), ("f2", "failed", "extract", "MemoryError")]
    assert not files.pending_runs.exists()


def test_a_damaged_warehouse_is_named_with_what_to_do(tmp_path: Path) -> None:
    damaged = tmp_path / "w.duckdb"
    damaged.write_bytes(b"this is not a database" * 100)

    with pytest.raises(WarehouseUnreadableError, match=r"w\.duckdb.*move it aside"):
        check_opens(damaged)
    assert damaged.read_bytes() == b"this is not a database" * 100  # kept as it was
