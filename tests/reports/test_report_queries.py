"""Each query in sql/reports/ over a small warehouse of known rows: utterances counted once, only
current documents, no beliefs or scare quotes, undated documents apart."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pytest

from newsdesk.report import REPORTS
from warehouse.reports import report_description, report_names, report_results


def rows(db: Path, name: str, **parameters: Any) -> list[tuple]:
    return report_results(db, {name: parameters})[name].rows


def columns(db: Path, name: str, **parameters: Any) -> list[str]:
    return report_results(db, {name: parameters})[name].columns


def test_who_said_most_counts_utterances_in_current_documents(small_warehouse: Path) -> None:
    assert rows(small_warehouse, "who_said_most") == [("Jane Roe", "PERSON", 3, 2), ("John Doe", "PERSON", 2, 2)]


def test_quoted_over_time_counts_by_month_published_and_undated_apart(small_warehouse: Path) -> None:
    # Every document was loaded by a run in 2024-04: an undated one stays under a null month.
    assert columns(small_warehouse, "quoted_over_time", speakers=8) == ["month", "speaker_name", "quotes"]
    assert rows(small_warehouse, "quoted_over_time", speakers=8) == [
        ("2024-01", "Jane Roe", 2), ("2024-03", "Jane Roe", 1), ("2024-03", "John Doe", 1), (None, "John Doe", 1),
    ]


def test_quoted_over_time_keeps_the_most_quoted_speakers(small_warehouse: Path) -> None:
    kept = {name for _, name, _ in rows(small_warehouse, "quoted_over_time", speakers=1)}
    assert kept == {"Jane Roe"}


def test_quoted_by_section_ranks_speakers_within_each_section(small_warehouse: Path) -> None:
    assert rows(small_warehouse, "quoted_by_section", per_section=5) == [
        ("business", "Jane Roe", 1, 1, 1), ("business", "John Doe", 1, 1, 2),
        ("politics", "Jane Roe", 2, 1, 1),
        (None, "John Doe", 1, 1, 1),
    ]


def test_quoted_by_section_keeps_the_top_of_each_section(small_warehouse: Path) -> None:
    kept = [(section, name) for section, name, *_ in rows(small_warehouse, "quoted_by_section", per_section=1)]
    assert kept == [("business", "Jane Roe"), ("politics", "Jane Roe"), (None, "John Doe")]


def test_quote_network_links_speakers_to_the_named_entities_they_mention(small_warehouse: Path) -> None:
    links = [(speaker, entity, quotes) for speaker, _, entity, _, quotes in rows(small_warehouse, "quote_network",
                                                                                  links=40)]
    # Oslo once (the fragment and the belief add nothing), no date entity, not herself, nothing from
    # the removed document.
    assert links == [("Jane Roe", "Acme", 1), ("Jane Roe", "Oslo", 1), ("John Doe", "Jane Roe", 1)]


def test_quote_network_keeps_the_most_frequent_links(small_warehouse: Path) -> None:
    with duckdb.connect(str(small_warehouse)) as con:  # John Doe names Jane Roe a second time
        con.execute("insert into fact_quote_entity values ('q8', 'q8-e1', 'e1', 'd3')")
    assert [(s, e, n) for s, _, e, _, n in rows(small_warehouse, "quote_network", links=1)] == [
        ("John Doe", "Jane Roe", 2)]


def test_quote_kinds_count_utterances_and_fragments_in_current_documents(small_warehouse: Path) -> None:
    assert columns(small_warehouse, "quote_kinds") == ["quote_kind", "quotes", "utterances", "fragments",
                                                       "with_speaker"]
    assert sorted(rows(small_warehouse, "quote_kinds")) == [
        ("belief", 1, 1, 0, 1), ("direct", 4, 4, 0, 4), ("indirect", 1, 1, 0, 1), ("partial", 1, 0, 1, 0),
        ("scare", 1, 1, 0, 0),
    ]


def test_rejects_by_reason_counts_each_reason(small_warehouse: Path) -> None:
    assert rows(small_warehouse, "rejects_by_reason") == [("empty", 2, "desk/empty1.txt", "empty file"),
                                                          ("binary", 1, "desk/pic.txt", "binary file")]


def test_last_runs_lists_the_newest_first_with_the_error_of_a_failed_run(small_warehouse: Path) -> None:
    result = report_results(small_warehouse, {"last_runs": {"limit": 10}})["last_runs"]
    runs = [dict(zip(result.columns, row)) for row in result.rows]
    assert [(run["started"], run["status"], run["error"]) for run in runs] == [
        ("2024-04-02 10:00:00", "failed", "extract: ValueError: bad model"),
        ("2024-04-01 10:00:00", "completed", None),
    ]
    assert len(rows(small_warehouse, "last_runs", limit=1)) == 1


@pytest.mark.parametrize("name", [report.name for report in REPORTS])
def test_every_report_runs_on_an_empty_warehouse(empty_warehouse: Path, name: str) -> None:
    (report,) = [report for report in REPORTS if report.name == name]
    result = report_results(empty_warehouse, {name: report.parameters})[name]
    assert result.rows == [] and result.columns


def test_a_warehouse_file_without_tables_gives_empty_results(tmp_path: Path) -> None:
    path = tmp_path / "bare.duckdb"
    duckdb.connect(str(path)).close()
    assert report_results(path, {"who_said_most": {}})["who_said_most"].rows == []


def test_every_report_file_has_a_place_on_the_page_and_says_what_it_answers() -> None:
    assert sorted(report.name for report in REPORTS) == report_names()
    for name in report_names():
        assert len(report_description(name)) > 40, name


def test_report_description_stops_before_the_columns() -> None:
    description = report_description("quote_kinds")
    assert description.startswith("How quotes are written")
    assert "Columns" not in description and "--" not in description
