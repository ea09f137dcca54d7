"""`newsdesk report` as an analyst types it: the page lands beside the warehouse unless --out says
otherwise, NAME picks one report, and mistakes get one plain line."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from newsdesk.cli import app

runner = CliRunner()


def test_report_writes_the_page_into_reports_beside_the_warehouse(small_warehouse: Path) -> None:
    result = runner.invoke(app, ["report", "--db", str(small_warehouse)])

    page = small_warehouse.parent / "reports" / "newsdesk-report.html"
    assert result.exit_code == 0, result.output
    assert f"report written to {page}" in result.output
    assert page.is_file() and 'id="chart-quote_network"' in page.read_text(encoding="utf-8")


def test_report_name_and_out_choose_one_report_and_the_folder(small_warehouse: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", "rejects_by_reason", "--out", str(tmp_path / "pages"),
                                 "--db", str(small_warehouse)])

    assert result.exit_code == 0, result.output
    page = (tmp_path / "pages" / "newsdesk-report-rejects_by_reason.html").read_text(encoding="utf-8")
    assert 'id="chart-rejects_by_reason"' in page and 'id="chart-who_said_most"' not in page
    assert "desk/empty1.txt" in page


def test_report_reads_the_warehouse_named_by_newsdesk_db(small_warehouse: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", "quote_kinds", "--out", str(tmp_path)],
                           env={"NEWSDESK_DB": str(small_warehouse)})

    assert result.exit_code == 0, result.output
    assert (tmp_path / "newsdesk-report-quote_kinds.html").is_file()


def test_report_refuses_an_unknown_name(small_warehouse: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", "nobody", "--out", str(tmp_path / "pages"), "--db", str(small_warehouse)])

    assert result.exit_code == 2
    assert "no report called 'nobody'" in result.output and "quote_network" in result.output
    assert not (tmp_path / "pages").exists()


def test_report_without_a_warehouse_says_so(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", "--db", str(tmp_path / "none.duckdb")])

    assert result.exit_code == 1
    assert "no warehouse at" in result.output and not (tmp_path / "reports").exists()
