"""The report page: the reports in sql/reports/ as charts and tables, in one HTML file that works
offline (plotly.js inlined once, no network)."""

from __future__ import annotations

import html
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from newsdesk.report_charts import (Rows, by_section_figure, kinds_figure, network_figure, over_time_figure,
                                    rejects_figure, speakers_figure)
from warehouse.query import QueryResult
from warehouse.reports import report_description, report_results

PAGE_NAME = "newsdesk-report"
_PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}
_LONG_CELL = 40


@dataclass(frozen=True)
class Report:
    """One report: its query (sql/reports/<name>.sql), the values bound to the query's parameters,
    and the chart drawn from its rows (none: the rows are shown as a table)."""

    name: str
    title: str
    chart: Callable[[Rows], go.Figure] | None
    parameters: Mapping[str, Any] = field(default_factory=dict)


# The page, in order: one row per file in sql/reports/.
REPORTS = (
    Report("who_said_most", "Who is quoted most", speakers_figure),
    Report("quoted_over_time", "Who is quoted most over time", over_time_figure, {"speakers": 8}),
    Report("quoted_by_section", "Who is quoted most by section", by_section_figure, {"per_section": 5}),
    Report("quote_network", "Who talks about whom", network_figure, {"links": 40}),
    Report("quote_kinds", "Quote kinds", kinds_figure),
    Report("rejects_by_reason", "Rejected input", rejects_figure),
    Report("last_runs", "Recent runs", None, {"limit": 10}),
)


class UnknownReportError(ValueError):
    """No report has the name asked for."""


def chosen_reports(name: str | None) -> tuple[Report, ...]:
    """Return the report called `name`, or every report when `name` is None."""
    if name is None:
        return REPORTS
    chosen = tuple(report for report in REPORTS if report.name == name)
    if not chosen:
        known = ", ".join(report.name for report in REPORTS)
        raise UnknownReportError(f"no report called {name!r}: choose one of {known}")
    return chosen


def report_file_name(name: str | None) -> str:
    """Return the file name of the page of every report, or of the one named."""
    return f"{PAGE_NAME}.html" if name is None else f"{PAGE_NAME}-{name}.html"


def write_report(db: str | Path, out_dir: str | Path, name: str | None = None) -> Path:
    """Return the path of the page written to `out_dir` with every report (or the one named) over
    the warehouse at `db`; the page replaces the last one whole, never half written."""
    reports = chosen_reports(name)
    results = report_results(db, {report.name: report.parameters for report in reports})
    page = report_page(reports, results, db=str(db), written_at=datetime.now(timezone.utc))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    path = out / report_file_name(name)
    # Written beside and renamed over: a reader never sees half a page. Not mkstemp, whose 0600
    # mode would keep the page from the other users the umask lets read it.
    temporary = out / f".{path.name}.{os.getpid()}.tmp"
    try:
        temporary.write_text(page, encoding="utf-8")
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def report_page(reports: Sequence[Report], results: Mapping[str, QueryResult], *, db: str,
                written_at: datetime) -> str:
    """Return the HTML page of the reports' results: plotly.js once in the head, then one section
    per report."""
    sections = "\n".join(_section_html(report, results[report.name]) for report in reports)
    contents = " · ".join(f'<a href="#{report.name}">{html.escape(report.title)}</a>' for report in reports)
    return _PAGE.format(
        plotly_js=get_plotlyjs(), db=html.escape(db), written_at=written_at.strftime("%Y-%m-%d %H:%M UTC"),
        contents=contents, sections=sections,
    )


def _section_html(report: Report, result: QueryResult) -> str:
    rows = [dict(zip(result.columns, row)) for row in result.rows]
    about = html.escape(report_description(report.name))
    if report.chart is None:
        body = _table_html(result) if rows else '<p class="empty">No data yet</p>'
    else:
        figure = report.chart(rows)
        chart = figure.to_html(full_html=False, include_plotlyjs=False, div_id=f"chart-{report.name}",
                               config=_PLOTLY_CONFIG, default_width="100%", default_height=f"{figure.layout.height}px")
        body = f'<div class="chart">{chart}</div>'
        if rows:
            body += f"<details><summary>The rows ({len(rows)})</summary>{_table_html(result)}</details>"
    return (f'<section id="{report.name}"><h2>{html.escape(report.title)}</h2>'
            f'<p class="about">{about} <code>sql/reports/{report.name}.sql</code></p>{body}</section>')


def _table_html(result: QueryResult) -> str:
    head = "".join(f"<th>{html.escape(column)}</th>" for column in result.columns)
    body = "".join("<tr>" + "".join(_cell_html(value) for value in row) + "</tr>" for row in result.rows)
    return f'<div class="table"><table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>'


def _cell_html(value: Any) -> str:
    text = "" if value is None else str(value)
    # Short values (names, counts, dates) stay on one line; long ones (errors, reasons) wrap.
    kind = ' class="long"' if len(text) > _LONG_CELL else ""
    return f"<td{kind}>{html.escape(text)}</td>"


_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Newsdesk report</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 1rem 2rem; color: #222; }}
h1 {{ margin-bottom: 0.2rem; }}
section {{ margin-top: 2.5rem; }}
p.about {{ color: #555; max-width: 70rem; }}
table {{ border-collapse: collapse; font-size: 0.85rem; margin-top: 0.5rem; }}
div.table {{ overflow-x: auto; }}
th, td {{ border-bottom: 1px solid #ddd; padding: 0.2rem 0.6rem; text-align: left; vertical-align: top;
          white-space: nowrap; }}
td.long {{ white-space: normal; min-width: 24rem; }}
details summary {{ cursor: pointer; color: #555; }}
</style>
<script>{plotly_js}</script>
</head>
<body>
<header>
<h1>Newsdesk report</h1>
<p>Warehouse <code>{db}</code>, read {written_at}.</p>
<nav>{contents}</nav>
</header>
{sections}
</body>
</html>
"""
