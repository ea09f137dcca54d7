"""Tables in a narrow terminal wrap or turn on their side; they never cut a cell short."""

from __future__ import annotations

import re

import pytest
from rich.console import Console

from newsdesk.tables import fitted

RUN_COLUMNS = ["started", "status", "source", "seconds", "files", "new", "changed", "unchanged", "removed", "rejects",
               "quotes", "flow_run_id"]
RUN_ROW = ("2026-11-26 04:13:06", "completed", "polnear-train", "123.4", "1,682", "839", "0", "0", "0", "1",
           "15,539", "89399597-0b0b-4459-8a81-29d8fb920f04")
EVAL_COLUMNS = ["match", "gold", "pred", "matched", "precision", "recall", "F1", "speaker (mention)",
                "speaker (named)", "speaker (reference)", "verb"]
EVAL_ROW = ("coverage > 0.3", "1234", "1201", "1100", "0.916", "0.891", "0.903", "0.934", "0.951", "0.826", "0.880")


def _shown(columns: list[str], rows: list[tuple], width: int) -> str:
    console = Console(width=width, record=True, color_system=None, force_terminal=False)
    console.print(fitted(columns, rows, console, title="runs"))
    return console.export_text()


@pytest.mark.parametrize("width", [60, 80, 100, 200])
@pytest.mark.parametrize(("columns", "row"), [(RUN_COLUMNS, RUN_ROW), (EVAL_COLUMNS, EVAL_ROW)])
def test_no_cell_is_cut_and_no_header_word_is_split(columns: list[str], row: tuple, width: int) -> None:
    text = _shown(columns, [row, row], width)
    assert "…" not in text
    assert all(len(line) <= width for line in text.splitlines())
    words = set(re.findall(r"[\w()-]+", text))
    for header in columns:  # each header word whole on some line
        assert set(re.findall(r"[\w()-]+", header)) <= words, (header, text)
    for value in row:  # each value whole, unless it is longer than the screen can hold
        if len(value) < width // 2:
            assert value in text, (value, text)


def test_a_table_that_fits_stays_a_table() -> None:
    text = _shown(["source", "documents"], [("bbc", "2,127"), ("polnear-train", "839")], 80)
    header = next(line for line in text.splitlines() if "source" in line)
    assert "documents" in header
