"""`newsdesk search` as a user types it, and the README's plain-SQL search in the real DuckDB
command line, both against the published warehouse a real run wrote."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdesk.cli import app
from warehouse.search import fts_extension_path

runner = CliRunner()
DUCKDB = Path(sys.executable).parent / "duckdb"
README = Path(__file__).resolve().parents[2] / "README.md"

ARTICLE = """---
title: Minister warns on rates
published: 2024-03-05
---
Finance Minister Anna Berg spoke to reporters in Oslo on Monday.
"We cannot cut interest rates while inflation is this stubborn," Ms Berg told reporters in Oslo.
"The new bridge in Bergen will open in June," she added.
"""


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory, prefect_api) -> Path:
    folder = tmp_path_factory.mktemp("search-cli")
    (folder / "articles").mkdir()
    (folder / "articles" / "rates.md").write_text(ARTICLE, encoding="utf-8")
    db = folder / "newsdesk.duckdb"
    result = runner.invoke(app, ["run", str(folder / "articles"), "--db", str(db), "--processes", "1"])
    assert result.exit_code == 0, result.output
    return db


def _search(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["search", *args])
    return result.exit_code, result.output


def _found(*args: str) -> list[dict]:
    code, output = _search(*args, "--format", "json")
    assert code == 0, output
    return json.loads(output)


def test_search_prints_the_matching_quote_with_its_speaker_date_and_source(loaded: Path) -> None:
    found = _found("inflation rates", "--db", str(loaded))

    assert [(hit["speaker"], hit["quote"], hit["published"], hit["source"]) for hit in found] == [
        ("Anna Berg", "We cannot cut interest rates while inflation is this stubborn,", "2024-03-05", "articles")]
    assert found[0]["score"] > 0


def test_search_prints_a_table_by_default(loaded: Path) -> None:
    code, output = _search("inflation", "--db", str(loaded))

    assert code == 0, output
    assert output.splitlines()[1].split() == ["┃", "score", "┃", "published", "┃", "source", "┃", "speaker", "┃",
                                              "quote", "┃"]
    assert "Anna Berg" in output


def test_search_documents_prints_the_title_and_a_snippet(loaded: Path) -> None:
    found = _found("bridge", "--documents", "--db", str(loaded))

    assert [hit["title"] for hit in found] == ["Minister warns on rates"] and "Bergen" in found[0]["snippet"]


def test_search_filters_by_speaker_alias_and_date(loaded: Path) -> None:
    assert [hit["speaker"] for hit in _found("rates", "--speaker", "BERG", "--db", str(loaded))] == ["Anna Berg"]
    assert _found("rates", "--since", "2024-03-06", "--db", str(loaded)) == []
    assert _search("rates", "--since", "2024-03-06", "--db", str(loaded)) == (0, "no quote matches\n")


def test_search_refuses_a_speaker_for_documents_and_a_missing_warehouse(tmp_path: Path, loaded: Path) -> None:
    assert _search("rates", "--documents", "--speaker", "Berg", "--db", str(loaded))[0] == 2
    assert _search("--db", str(loaded))[0] == 2
    code, output = _search("rates", "--db", str(tmp_path / "none.duckdb"))
    assert code == 1 and "newsdesk run" in output


def test_search_sql_prints_the_load_line_of_this_install() -> None:
    code, output = _search("--sql")

    assert code == 0
    assert output == f"LOAD '{fts_extension_path()}';\n"


def test_the_readme_recipe_searches_in_the_duckdb_command_line(loaded: Path) -> None:
    recipe = next(block for block in re.findall(r"```sql\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
                  if "match_bm25" in block)
    load_line = _search("--sql")[1].strip()

    found = subprocess.run([str(DUCKDB), "-readonly", "-csv", "-cmd", load_line, str(loaded), "-c", recipe],
                           capture_output=True, text=True, timeout=60)

    assert found.returncode == 0, found.stderr
    assert found.stdout.splitlines()[1].startswith('Anna Berg,"We cannot cut interest rates')
