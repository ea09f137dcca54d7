"""The report page as written: one self-contained file, plotly.js once, a chart per report, the
rows behind each chart, and a page (not a crash) for an empty warehouse."""

from __future__ import annotations

import os
import re
from collections import defaultdict
from pathlib import Path

import pytest

from flows.summary import summary_markdown
from newsdesk.report import REPORTS, UnknownReportError, write_report
from newsdesk.report_charts import months_between
from warehouse.connection import WarehouseMissingError

CHARTS = [report.name for report in REPORTS if report.chart is not None]


def chart_ids(page: str) -> list[str]:
    return re.findall(r'<div id="chart-([a-z_]+)" class="plotly-graph-div"', page)


def test_page_holds_every_chart_and_plotly_js_once(small_warehouse: Path, tmp_path: Path) -> None:
    path = write_report(small_warehouse, tmp_path / "out")

    page = path.read_text(encoding="utf-8")
    assert path == tmp_path / "out" / "newsdesk-report.html"
    assert chart_ids(page) == CHARTS
    assert page.count("<script>/**\n* plotly.js v") == 1  # the library's banner, inlined once
    assert "Jane Roe" in page and "2024-01" in page


def test_page_is_replaced_whole_and_readable_as_the_umask_allows(small_warehouse: Path, tmp_path: Path) -> None:
    umask = os.umask(0)
    os.umask(umask)
    first = write_report(small_warehouse, tmp_path)
    first.write_text("an older page", encoding="utf-8")

    path = write_report(small_warehouse, tmp_path)

    assert path == first and path.read_text(encoding="utf-8").startswith("<!doctype html>")
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    assert [entry.name for entry in tmp_path.iterdir() if entry.is_file()] == [path.name]  # no temporary left


def test_page_loads_nothing_from_the_network(small_warehouse: Path, tmp_path: Path) -> None:
    page = write_report(small_warehouse, tmp_path).read_text(encoding="utf-8")

    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page)


def test_page_of_an_empty_warehouse_says_there_is_no_data(empty_warehouse: Path, tmp_path: Path) -> None:
    page = write_report(empty_warehouse, tmp_path).read_text(encoding="utf-8")

    assert chart_ids(page) == CHARTS
    assert page.count('"text":"No ') == len(CHARTS)


def test_one_named_report_gets_a_page_of_its_own(small_warehouse: Path, tmp_path: Path) -> None:
    path = write_report(small_warehouse, tmp_path, "quote_network")

    assert path.name == "newsdesk-report-quote_network.html"
    assert chart_ids(path.read_text(encoding="utf-8")) == ["quote_network"]


def test_an_unknown_report_is_refused_naming_the_known_ones(small_warehouse: Path, tmp_path: Path) -> None:
    with pytest.raises(UnknownReportError, match="who_said_most"):
        write_report(small_warehouse, tmp_path, "who_said_least")
    assert list(tmp_path.glob("*.html")) == []


def test_a_missing_warehouse_is_an_error_not_an_empty_page(tmp_path: Path) -> None:
    with pytest.raises(WarehouseMissingError):
        write_report(tmp_path / "none.duckdb", tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_page_escapes_names_in_its_tables(small_warehouse: Path, tmp_path: Path) -> None:
    import duckdb

    with duckdb.connect(str(small_warehouse)) as con:
        con.execute("update fact_quote set speaker_name = '<b>Roe</b>' where speaker_name = 'Jane Roe'")
    page = write_report(small_warehouse, tmp_path).read_text(encoding="utf-8")

    assert "<td>&lt;b&gt;Roe&lt;/b&gt;</td>" in page and "<b>Roe</b>" not in page


@pytest.mark.parametrize(("first", "last", "months"), [
    ("2024-03", "2024-03", ["2024-03"]),
    ("2023-11", "2024-02", ["2023-11", "2023-12", "2024-01", "2024-02"]),
])
def test_months_between_fills_the_months_without_quotes(first: str, last: str, months: list[str]) -> None:
    assert months_between(first, last) == months


def test_run_summary_links_to_the_report(tmp_path: Path) -> None:
    # Every count the summary shows is 0 but those named: the link is what is tested.
    summary = defaultdict(int, {"run_id": "r1", "source": "seeds", "db": "w.duckdb", "documents_new": 1,
                                "quotes": 3, "stage_seconds": {"load": 0.5}})
    page = tmp_path / "reports" / "newsdesk-report.html"

    assert f"[newsdesk-report.html]({page.as_uri()})" in summary_markdown(summary, report=page)
    assert "newsdesk-report" not in summary_markdown(summary)
