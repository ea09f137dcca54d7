"""The report page in a real browser: the real ETL loads a small folder of articles, the page is
written, and headless Chromium (Debian's /usr/bin/chromium, driven by Playwright) draws every chart
from the warehouse's rows, with no console error and no request beyond the file itself."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from flows.etl import newsdesk_etl
from newsdesk.report import REPORTS, write_report
from newsdesk.report_charts import NO_DATE
from tests.helpers import good_source
from warehouse.reports import report_results

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
CHARTS = [report.name for report in REPORTS if report.chart is not None]
# A dated article in a section folder, beside the good source's undated seed and dated front matter.
POLITICS = """Prime Minister Jonas Lie said on Tuesday that Norway would sign the treaty with Sweden.
"Denmark and Finland have shown the way," Mr Lie told reporters in Oslo.
"""
# What the page script reads back from each chart once it is drawn.
CHART_STATE = """() => Array.from(document.querySelectorAll('.plotly-graph-div')).map(div => ({
    id: div.id,
    svgs: div.querySelectorAll('svg.main-svg').length,
    bars: div.querySelectorAll('g.trace.bars g.point path').length,
    nodes: div.querySelectorAll('g.sankey-node').length,
    yticks: Array.from(div.querySelectorAll('g.ytick text')).map(t => t.textContent),
    xticks: Array.from(div.querySelectorAll('g.xtick text')).map(t => t.textContent),
    notes: Array.from(div.querySelectorAll('g.annotation-text-g text')).map(t => t.textContent),
}))"""


@dataclass(frozen=True)
class Loaded:
    """A page as the browser drew it: each chart's state, and what went wrong on the way."""

    charts: dict[str, dict[str, Any]]
    errors: list[str]
    requests: list[str]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def loaded_warehouse(tmp_path_factory: pytest.TempPathFactory, prefect_api: None) -> Path:
    root = tmp_path_factory.mktemp("report-run")
    source = good_source(root / "articles")
    (source / "politics").mkdir()
    (source / "politics" / "2024-02-10_treaty.txt").write_text(POLITICS, encoding="utf-8")
    (source / "empty.txt").write_bytes(b"")  # a reject for the rejects chart
    db = root / "warehouse" / "newsdesk.duckdb"
    newsdesk_etl(source=str(source), db=str(db), processes=1, lock_timeout=5)
    return db


def load(browser: Any, page_path: Path) -> Loaded:
    errors: list[str] = []
    requests: list[str] = []
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("requestfailed", lambda request: errors.append(f"failed: {request.url}"))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(page_path.as_uri(), wait_until="load")
    charts = {chart.pop("id").removeprefix("chart-"): chart for chart in page.evaluate(CHART_STATE)}
    page.close()
    return Loaded(charts, errors, requests)


def rows(db: Path, name: str) -> list[dict[str, Any]]:
    (report,) = [report for report in REPORTS if report.name == name]
    result = report_results(db, {name: report.parameters})[name]
    return [dict(zip(result.columns, row)) for row in result.rows]


def test_every_chart_renders_from_the_warehouse_without_a_console_error(browser: Any, loaded_warehouse: Path,
                                                                         tmp_path: Path) -> None:
    page = write_report(loaded_warehouse, tmp_path)

    loaded = load(browser, page)

    assert loaded.errors == []
    assert loaded.requests == [page.as_uri()]  # plotly.js is inlined: nothing else is fetched
    assert list(loaded.charts) == CHARTS
    for name, chart in loaded.charts.items():
        assert chart["svgs"] >= 1, name
        assert chart["notes"] == [], f"{name} says {chart['notes']}"  # every chart has data here
    speakers = rows(loaded_warehouse, "who_said_most")
    assert loaded.charts["who_said_most"]["bars"] == len(speakers) > 0
    assert sorted(loaded.charts["who_said_most"]["yticks"]) == sorted(row["speaker_name"] for row in speakers)
    links = rows(loaded_warehouse, "quote_network")
    ends = {row["speaker_name"] for row in links}, {row["mentioned_entity"] for row in links}
    assert loaded.charts["quote_network"]["nodes"] == len(ends[0]) + len(ends[1]) > 0
    assert loaded.charts["rejects_by_reason"]["xticks"] == ["empty"]


def test_undated_quotes_are_drawn_apart_from_the_months(browser: Any, loaded_warehouse: Path,
                                                        tmp_path: Path) -> None:
    over_time = rows(loaded_warehouse, "quoted_over_time")

    ticks = load(browser, write_report(loaded_warehouse, tmp_path)).charts["quoted_over_time"]["xticks"]

    months = {row["month"] for row in over_time}
    assert None in months and "2024-02" in months  # the seed has no date; the politics file's path has one
    assert ticks[-1] == NO_DATE and ticks.count(NO_DATE) == 1
    assert set(ticks[:-1]) >= months - {None} and ticks[:-1] == sorted(ticks[:-1])


def test_an_empty_warehouse_draws_a_no_data_note_in_every_chart(browser: Any, empty_warehouse: Path,
                                                                 tmp_path: Path) -> None:
    loaded = load(browser, write_report(empty_warehouse, tmp_path))

    assert loaded.errors == []
    assert list(loaded.charts) == CHARTS
    for name, chart in loaded.charts.items():
        assert chart["svgs"] >= 1 and chart["bars"] == chart["nodes"] == 0, name
        assert len(chart["notes"]) == 1 and chart["notes"][0].startswith("No "), name
