"""`newsdesk check`: every integrity check against a warehouse, read-only, one line each."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from newsdesk.cli import app
from warehouse.checks import check_names
from warehouse.load import ensure_schema
from warehouse.sqlfiles import sql_text

runner = CliRunner()


def _check(db: Path):
    return runner.invoke(app, ["check", "--db", str(db)])


def test_check_prints_a_pass_line_for_every_check_and_exits_0(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    ensure_schema(db)

    result = _check(db)

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:-1] == [f"pass  {name}" for name in check_names()]
    assert lines[-1] == f"{len(check_names())} checks: {len(check_names())} passed, 0 failed"


def test_check_names_the_failing_check_with_its_rows_and_exits_1(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    ensure_schema(db)
    with duckdb.connect(str(db)) as con:
        con.execute("insert into dim_entity values ('e-1', 'Nobody Named', 'PERSON', true), "
                    "('e-2', 'Nobody Else', 'ORG', true)")

    result = _check(db)

    assert result.exit_code == 1
    lines = result.output.splitlines()
    at = lines.index("FAIL  dim_entity_referenced: 2 rows. relationships (reverse): every entity is mentioned or "
                     "speaks somewhere; the load prunes the rest (sql/load/060_prune_entities.sql).")
    assert lines[at + 1 : at + 3] == ["      entity_id='e-1', entity_name='Nobody Named', entity_type='PERSON'",
                                      "      entity_id='e-2', entity_name='Nobody Else', entity_type='ORG'"]
    assert [line for line in lines if line.startswith(("FAIL", "ERROR"))] == [lines[at]]
    assert lines[-1] == f"{len(check_names())} checks: {len(check_names()) - 1} passed, 1 failed"


def test_check_reads_while_another_process_holds_the_warehouse_read_only(tmp_path: Path) -> None:
    # A read-write open would wait for that process and fail: the check opens the file read-only.
    db = tmp_path / "w.duckdb"
    ensure_schema(db)
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time\n"
                               "con = duckdb.connect(sys.argv[1], read_only=True)\n"
                               "print('open', flush=True)\ntime.sleep(120)\n", str(db)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        result = _check(db)
    finally:
        holder.kill()
        holder.wait()

    assert result.exit_code == 0, result.output


def test_check_on_a_warehouse_from_before_a_migration_says_which_checks_cannot_run(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute(sql_text("schema/001_core.sql"))

    result = _check(db)

    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "ERROR primary_key_dim_source: could not run: Catalog Error: Table with name dim_source does not exist!" \
        in lines
    assert "pass  primary_key_fact_mention" in lines
    assert "newsdesk run" in lines[-1]


def test_check_without_a_warehouse_says_so_and_exits_1(tmp_path: Path) -> None:
    result = _check(tmp_path / "missing.duckdb")

    assert result.exit_code == 1
    assert "no warehouse at" in result.output
