"""`newsdesk run` options that name a source and choose its files."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from newsdesk.cli import app
from tests.helpers import good_source, rows

runner = CliRunner()


def test_a_section_pattern_that_is_not_a_regular_expression_stops_before_any_work(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(good_source(tmp_path / "a")), "--db", str(tmp_path / "w.duckdb"),
                                 "--section-pattern", "([a-z"], terminal_width=400)
    assert result.exit_code == 2
    assert "--section-pattern '([a-z' is not a regular expression" in result.output
    assert not (tmp_path / "w.duckdb").exists()


def test_a_file_that_is_not_jsonl_is_refused_as_a_source(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text("Just one article.", encoding="utf-8")
    result = runner.invoke(app, ["run", str(article), "--db", str(tmp_path / "w.duckdb")], terminal_width=400)
    assert result.exit_code == 2 and "not a .jsonl file" in result.output


def test_run_options_reach_the_warehouse(tmp_path: Path, prefect_api) -> None:
    source, db = good_source(tmp_path / "articles"), tmp_path / "w.duckdb"
    (source / "README.md").write_text("About these articles.", encoding="utf-8")

    result = runner.invoke(app, ["run", str(source), "--db", str(db), "--processes", "1", "--source-name", "desk",
                                 "--exclude", "*.jsonl", "--section-pattern", ""], terminal_width=400)

    assert result.exit_code == 0, result.output
    assert rows(db, "select source_name, exclude_globs, section_pattern from dim_source") == [("desk", ["*.jsonl"], None)]
    assert rows(db, "select source_path, section from dim_document order by all") == [
        ("000_45c6632fa8d8e3a1.txt", None), ("README.md", None), ("nested/berg.md", None)]
    assert rows(db, "select files_found, files_excluded from etl_run") == [(4, 1)]
