"""The newsdesk command as a user types it: run the seed, query it, see the runs."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdesk.cli import app
from tests.helpers import good_source, rows

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
    assert "read-only" in " ".join(result.output.split())
    again = runner.invoke(app, ["query", "select count(*) > 0 from fact_quote", "--db", str(loaded), "-f", "csv"])
    assert again.output.splitlines()[1] == "True"


def test_query_reads_db_from_environment(loaded: Path, monkeypatch) -> None:
    monkeypatch.setenv("NEWSDESK_DB", str(loaded))
    result = runner.invoke(app, ["query", "select count(*) from dim_document", "-f", "csv"])
    assert result.output.splitlines() == ["count_star()", "4"]


def test_status_lists_the_run(loaded: Path) -> None:
    ((new, quotes, flow_run_id),) = rows(loaded, "select documents_new, quotes_loaded, flow_run_id from etl_run")
    result = runner.invoke(app, ["status", "--db", str(loaded)], env={"COLUMNS": "400"})
    assert result.exit_code == 0
    (line,) = [line for line in result.output.splitlines() if "completed" in line]
    cells = [cell.strip() for cell in line.split("│")]
    assert {"articles", str(new), str(quotes), flow_run_id} <= set(cells)


def test_status_in_80_columns_shows_every_value_whole(loaded: Path) -> None:
    ((flow_run_id,),) = rows(loaded, "select flow_run_id from etl_run")
    result = runner.invoke(app, ["status", "--db", str(loaded)], env={"COLUMNS": "80"})
    assert result.exit_code == 0
    assert "…" not in result.output
    assert all(len(line) <= 80 for line in result.output.splitlines())
    lines = [" ".join(line.split()) for line in result.output.splitlines()]
    assert f"flow_run_id {flow_run_id}" in lines
    assert "status completed" in lines and "source articles" in lines


def test_run_on_a_missing_folder_fails_clearly_before_starting_prefect(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(tmp_path / "nope"), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 2
    assert "does not exist" in " ".join(result.output.split())
    assert not (tmp_path / "x.duckdb").exists()


def test_eval_scores_the_seed_against_a_small_gold_set(tmp_path: Path) -> None:
    seeds = Path(__file__).resolve().parents[2] / "seeds"
    (article,) = seeds.glob("*.txt")
    text = article.read_text(encoding="utf-8")
    said = "‘tense regional geopolitics could provide Takaichi and Lee further impetus for wanting to build stronger relations.’"
    start = text.index(said)
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"doc_id": article.stem, "quote": said, "quote_start": start,
                                "quote_end": start + len(said), "speaker": "Dr. Benoit Hardy-Chartrand",
                                "reference": "Benoit Hardy-Chartrand", "verb": "noted"}) + "\n", encoding="utf-8")
    scores = tmp_path / "scores.json"

    result = runner.invoke(app, ["eval", "--gold", str(gold), "--articles", str(seeds), "--per-doc",
                                 "--json", str(scores)])

    assert result.exit_code == 0, result.output
    figures = json.loads(scores.read_text(encoding="utf-8"))["coverage"]["0.3"]
    assert (figures["gold"], figures["matched"], figures["recall"]) == (1, 1, 1.0)
    assert figures["speaker_reference_accuracy"] == 1.0 and figures["verb_accuracy"] == 1.0
    assert figures["predicted"] > 1  # the seed has more quotes than this one-line gold names


@pytest.mark.parametrize("command", [["status"], ["run", "seeds"], ["query", "select 1"]])
def test_a_damaged_warehouse_gives_one_line_naming_it(tmp_path: Path, command: list[str]) -> None:
    damaged = tmp_path / "damaged.duckdb"
    damaged.write_bytes(b"not a database" * 1000)

    result = runner.invoke(app, [*command, "--db", str(damaged)], terminal_width=400)

    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "damaged.duckdb" in lines[0] and "move it aside" in lines[0], result.output


def test_status_shows_a_failed_run_with_its_stage_and_error(tmp_path: Path, prefect_api) -> None:
    source, db = good_source(tmp_path / "articles"), tmp_path / "w.duckdb"
    assert runner.invoke(app, ["run", str(source), "--db", str(db), "--processes", "1"]).exit_code == 0
    shutil.rmtree(source)
    source.mkdir()  # the same source, now empty (an unmounted folder looks like this)
    failed = runner.invoke(app, ["run", str(source), "--db", str(db)], terminal_width=400)
    assert failed.exit_code == 1 and "--allow-empty" in failed.output

    result = runner.invoke(app, ["status", "--db", str(db)], terminal_width=400)

    assert result.exit_code == 0
    assert "failed in discover: EmptySourceError: source" in " ".join(result.output.split())


def test_eval_scores_polnear_articles_with_neutral_spans(tmp_path: Path) -> None:
    corpus = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "polnear-train"
    if not corpus.is_dir():
        pytest.skip(f"needs the PolNeAR training split at {corpus}")
    out = tmp_path / "scores.json"

    result = runner.invoke(app, ["eval", "--polnear", str(corpus), "--limit", "3", "--json", str(out)])

    assert result.exit_code == 0, result.output
    overall = json.loads(out.read_text(encoding="utf-8"))["coverage"]["0.3"]
    assert overall["gold"] > 0 and 0 < overall["precision"] <= 1 and overall["ignored"] >= 0
    assert overall["speaker_reference_accuracy"] is None  # PolNeAR resolves no speaker: nothing to score


def test_eval_wants_either_gold_or_polnear(tmp_path: Path) -> None:
    result = runner.invoke(app, ["eval", "--limit", "3"])
    assert result.exit_code == 2 and "--polnear" in result.output
