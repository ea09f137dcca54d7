"""Plotly figures of the reports' rows: one function per chart, each taking rows as dicts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

Rows = Sequence[dict[str, Any]]

NO_DATE = "no date"
NO_SECTION = "(no section)"
_BAR_HEIGHT = 24  # pixels a horizontal bar takes, so a long list stays legible
_MARGIN = {"l": 20, "r": 20, "t": 30, "b": 40}


def no_data_figure(message: str = "No data yet") -> go.Figure:
    """Return an empty chart that says there is nothing to show."""
    figure = go.Figure()
    figure.update_layout(
        height=220, margin=_MARGIN, template="plotly_white",
        xaxis={"visible": False}, yaxis={"visible": False},
        annotations=[{"text": message, "showarrow": False, "font": {"size": 16}, "xref": "paper",
                      "yref": "paper", "x": 0.5, "y": 0.5}],
    )
    return figure


def speakers_figure(rows: Rows) -> go.Figure:
    """Return horizontal bars of utterances per speaker, the most quoted on top."""
    if not rows:
        return no_data_figure("No quotes with a speaker yet")
    shown = list(reversed(rows))  # plotly draws the first category at the bottom
    bars = go.Bar(
        x=[row["quotes"] for row in shown], y=[row["speaker_name"] for row in shown], orientation="h",
        customdata=[[row["speaker_type"], row["documents"]] for row in shown],
        hovertemplate="%{y} (%{customdata[0]}): %{x} quotes in %{customdata[1]} documents<extra></extra>",
    )
    return _layout(go.Figure(bars), height=_bars_height(len(rows)),
                   xaxis=_count_axis("quotes", max(row["quotes"] for row in rows)),
                   yaxis={"type": "category", "automargin": True})


def over_time_figure(rows: Rows) -> go.Figure:
    """Return bars of each speaker's utterances per month, stacked, with documents that have no
    date in a bar of their own after the last month."""
    if not rows:
        return no_data_figure("No quotes with a speaker yet")
    dated = sorted({row["month"] for row in rows if row["month"] is not None})
    months = months_between(dated[0], dated[-1]) if dated else []
    if any(row["month"] is None for row in rows):
        months.append(NO_DATE)
    counts = {(row["month"] or NO_DATE, row["speaker_name"]): row["quotes"] for row in rows}
    totals: dict[str, int] = {}
    for row in rows:
        totals[row["speaker_name"]] = totals.get(row["speaker_name"], 0) + row["quotes"]
    speakers = sorted(totals, key=lambda speaker: (-totals[speaker], speaker))  # the most quoted at the bottom
    figure = go.Figure([
        go.Bar(name=speaker, x=months, y=[counts.get((month, speaker), 0) for month in months],
               hovertemplate="%{fullData.name}: %{y} quotes, %{x}<extra></extra>")
        for speaker in speakers
    ])
    tallest = max(sum(counts.get((month, speaker), 0) for speaker in speakers) for month in months)
    return _layout(figure, height=420, barmode="stack", showlegend=True, yaxis=_count_axis("quotes", tallest),
                   xaxis={"type": "category", "categoryorder": "array", "categoryarray": months,
                          "title": "month published"})


def months_between(first: str, last: str) -> list[str]:
    """Return every month from `first` to `last` (yyyy-mm), both included, so that a month without
    quotes shows as a gap rather than vanishing."""
    year, month = map(int, first.split("-"))
    end = tuple(map(int, last.split("-")))
    months = []
    while (year, month) <= end:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def by_section_figure(rows: Rows) -> go.Figure:
    """Return horizontal bars of the most quoted speakers, grouped by section."""
    if not rows:
        return no_data_figure("No quotes with a speaker yet")
    shown = list(reversed(rows))
    sections = [row["section"] or NO_SECTION for row in shown]
    bars = go.Bar(
        x=[row["quotes"] for row in shown], y=[sections, [row["speaker_name"] for row in shown]], orientation="h",
        customdata=[row["documents"] for row in shown],
        hovertemplate="%{y}: %{x} quotes in %{customdata} documents<extra></extra>",
    )
    return _layout(go.Figure(bars), height=_bars_height(len(rows)),
                   xaxis=_count_axis("quotes", max(row["quotes"] for row in rows)),
                   yaxis={"type": "multicategory", "automargin": True})


def network_figure(rows: Rows) -> go.Figure:
    """Return a Sankey diagram from speakers (left) to the entities their quotes mention (right),
    each link as wide as the number of quotes."""
    if not rows:
        return no_data_figure("No quote mentions a named entity yet")
    speakers = list(dict.fromkeys(row["speaker_name"] for row in rows))
    mentioned = list(dict.fromkeys(row["mentioned_entity"] for row in rows))
    # A name can be both a speaker and mentioned: it gets a node on each side.
    labels = [*speakers, *mentioned]
    source = {name: i for i, name in enumerate(speakers)}
    target = {name: len(speakers) + i for i, name in enumerate(mentioned)}
    sankey = go.Sankey(
        arrangement="snap",
        node={"label": labels, "pad": 12, "thickness": 14,
              "hovertemplate": "%{label}: %{value} quotes<extra></extra>"},
        link={"source": [source[row["speaker_name"]] for row in rows],
              "target": [target[row["mentioned_entity"]] for row in rows],
              "value": [row["quotes"] for row in rows],
              "hovertemplate": "%{source.label} → %{target.label}: %{value} quotes<extra></extra>"},
    )
    height = max(320, 22 * max(len(speakers), len(mentioned)))
    return _layout(go.Figure(sankey), height=height)


def kinds_figure(rows: Rows) -> go.Figure:
    """Return bars of quotes per kind: utterances, and fragments inside reported speech on top."""
    if not rows:
        return no_data_figure("No quotes yet")
    kinds = [row["quote_kind"] for row in rows]
    figure = go.Figure([
        go.Bar(name="utterances", x=kinds, y=[row["utterances"] for row in rows],
               hovertemplate="%{x}: %{y} utterances<extra></extra>"),
        go.Bar(name="fragments inside reported speech", x=kinds, y=[row["fragments"] for row in rows],
               hovertemplate="%{x}: %{y} fragments<extra></extra>"),
    ])
    return _layout(figure, height=360, barmode="stack", xaxis={"type": "category", "title": "quote kind"},
                   yaxis=_count_axis("quotes", max(row["quotes"] for row in rows)), showlegend=True)


def rejects_figure(rows: Rows) -> go.Figure:
    """Return bars of rejected files or lines per reason."""
    if not rows:
        return no_data_figure("No rejected input")
    bars = go.Bar(
        x=[row["reason_code"] for row in rows], y=[row["rejects"] for row in rows],
        customdata=[row["example_path"] for row in rows],
        hovertemplate="%{x}: %{y} rejects, e.g. %{customdata}<extra></extra>",
    )
    return _layout(go.Figure(bars), height=340, xaxis={"type": "category", "title": "reason"},
                   yaxis=_count_axis("rejects", max(row["rejects"] for row in rows)))


def _count_axis(title: str, highest: int) -> dict[str, Any]:
    """Return an axis of counts from zero: whole-number ticks even when every count is small."""
    axis: dict[str, Any] = {"title": title, "rangemode": "tozero"}
    if highest <= 10:
        axis["dtick"] = 1  # no 0.5 of a quote
    return axis


def _bars_height(bars: int) -> int:
    return max(260, _BAR_HEIGHT * bars + 80)


def _layout(figure: go.Figure, *, height: int, **layout: Any) -> go.Figure:
    layout.setdefault("showlegend", False)
    figure.update_layout(height=height, margin=_MARGIN, template="plotly_white", **layout)
    return figure
