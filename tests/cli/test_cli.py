"""The newsdesk command as a user types it: run the seed, query it, see the runs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdesk.cli import app
from tests.helpers import good_source

runner = CliRunner()


@pytest.fixture(scope="module")
def loaded(tmp_path_factory, prefect_api) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    db = folder / "newsdesk.duckdb"
    result = runner.invoke(app, ["run", str(good_source(folder / "articles")), "--db", str(db), "--processes", "1"])
    assert result.exit_code == 0, result.output
    assert "documents extracted" in result.output
    return db


def test_query_prints_json_rows(loaded: Path) -> None:
    result = runner.invoke(app, ["query", "select quote_text, speaker_name from v_quotes order by start_char",
                                 "--db", str(loaded), "--format", "json"])
    assert result.exit_code == 0, result.output
    quotes = json.loads(result.output)
    assert {"quote_text": "undesirable for Northeast Asian stability,", "speaker_name": "Lee Jae Myung"} in quotes


def test_query_prints_csv_with_header(loaded: Path) -> None:
    result = runner.invoke(app, ["query", "select entity_name from dim_entity where entity_name = 'NHK'",
                                 "--db", str(loaded), "-f", "csv"])
    assert result.exit_code == 0
    assert result.output.splitlines() == ["entity_name", "NHK"]


def test_query_refuses_a_write_with_a_clear_message(loaded: Path) -> None:
    result = runner.invoke(app, ["query", "delete from fact_quote", "--db", str(loaded)])
    assert result.exit_code == 1
    assert "read-only" in result.output
    again = runner.invoke(app, ["query", "select count(*) > 0 from fact_quote", "--db", str(loaded), "-f", "csv"])
    assert again.output.splitlines()[1] == "True"


def test_query_reads_db_from_environment(loaded: Path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSDESK_DB", str(loaded))
    result = runner.invoke(app, ["query", "select count(*) from dim_document", "-f", "csv"])
    assert result.output.splitlines() == ["count_star()", "4"]


def test_status_lists_the_run(loaded: Path) -> None:
    result = runner.invoke(app, ["status", "--db", str(loaded)])
    assert result.exit_code == 0
    assert "new" in result.output and "4" in result.output


def test_run_on_a_missing_folder_fails_clearly(tmp_path: Path, prefect_api) -> None:
    result = runner.invoke(app, ["run", str(tmp_path / "nope"), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1
    assert "does not exist" in result.output
