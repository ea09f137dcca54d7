"""The DuckDB command line, installed with the project, reads the warehouse as the README shows."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb

from warehouse.load import ensure_schema

DUCKDB = Path(sys.executable).parent / "duckdb"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(DUCKDB), *args], capture_output=True, text=True, timeout=60)


def test_the_cli_is_the_same_version_as_the_library() -> None:
    assert f"v{duckdb.__version__}" in _cli("--version").stdout


def test_the_cli_reads_the_warehouse_read_only(tmp_path: Path) -> None:
    db = tmp_path / "newsdesk.duckdb"
    ensure_schema(db)
    with duckdb.connect(str(db)) as con:
        con.execute("insert into dim_entity values ('e1', 'Jane Roe', 'PERSON', true)")
    read = _cli("-readonly", "-csv", str(db), "-c", "select entity_name from dim_entity")
    assert read.returncode == 0, read.stderr
    assert read.stdout.splitlines() == ["entity_name", "Jane Roe"]
    write = _cli("-readonly", str(db), "-c", "delete from dim_entity")
    assert write.returncode != 0 and "read-only" in (write.stdout + write.stderr).lower()
