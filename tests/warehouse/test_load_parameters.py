"""The parameters each sql/load file takes: declared in warehouse.load, equal to what the file uses."""

from __future__ import annotations

from collections.abc import Iterator

import duckdb
import pytest

from tests.warehouse.test_warehouse import run_record
from warehouse.load import LOAD_PARAMETERS, UndeclaredParameterError, _parameters_for
from warehouse.migrate import apply_migrations
from warehouse.search import load_fts
from warehouse.sqlfiles import files_in, parameter_names, sql_text


@pytest.fixture(scope="module")
def parser() -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection that parses every load file: the search index's pragma needs the fts extension
    and the tables it indexes."""
    con = duckdb.connect()
    load_fts(con)
    apply_migrations(con)
    yield con
    con.close()


@pytest.mark.parametrize("relative", files_in("load"))
def test_each_load_file_declares_exactly_the_parameters_it_uses(relative: str, parser) -> None:
    name = relative.rsplit("/", 1)[-1]
    assert name in LOAD_PARAMETERS, f"{relative} has no entry in LOAD_PARAMETERS"
    assert LOAD_PARAMETERS[name] == parameter_names(sql_text(relative), parser)


def test_every_declared_file_exists() -> None:
    assert set(LOAD_PARAMETERS) == {relative.rsplit("/", 1)[-1] for relative in files_in("load")}


def test_every_declared_parameter_is_a_value_the_run_gives() -> None:
    given = set(run_record().parameters())
    assert {name for names in LOAD_PARAMETERS.values() for name in names} <= given


def test_parameter_names_ignore_strings_and_comments() -> None:
    sql = "select '$run_id' as a, $source_id as b -- $model\n; /* $rejects */ select $$ $started_at $$, $run_id"
    assert parameter_names(sql) == {"source_id", "run_id"}


def test_a_name_that_starts_another_is_not_bound() -> None:
    # `$source_id` contains `$source`: a search of the text for `$source` would bind both.
    statement = "update dim_document set source_id = $source_id"
    assert set(_parameters_for("load/030_relocate.sql", statement, run_record())) == {"source_id"}


def test_each_statement_gets_only_the_declared_parameters_it_uses() -> None:
    run = run_record("run-9")
    delete, insert = "delete from etl_reject where source_id = $source_id", \
        "insert into etl_reject by name select $source_id as source_id, $run_id as run_id"
    assert set(_parameters_for("load/080_rejects.sql", delete, run)) == {"source_id"}
    assert _parameters_for("load/080_rejects.sql", insert, run)["run_id"] == "run-9"


def test_a_parameter_used_but_not_declared_fails_naming_it() -> None:
    with pytest.raises(UndeclaredParameterError, match=r"\$source_id"):
        _parameters_for("load/020_mark_removed.sql", "update dim_document set removed_run_id = $run_id "
                        "where source_id = $source_id", run_record())


def test_a_parameter_of_a_file_not_declared_is_not_bound_and_duckdb_names_it() -> None:
    statement = "select $run_id as run_id"
    assert _parameters_for("load/999_new.sql", statement, run_record()) is None
    with duckdb.connect() as con, pytest.raises(duckdb.InvalidInputException, match="run_id"):
        con.execute(statement, _parameters_for("load/999_new.sql", statement, run_record()))
