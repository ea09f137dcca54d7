"""Tables for the terminal that never cut a cell short: a table when it fits, one block per row
(like psql's expanded display) when it does not."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

# A column is never narrower than its header's longest word, nor than this much of its widest value.
_MIN_VALUE_WIDTH = 12


def fitted(columns: Sequence[str], rows: Sequence[Sequence[object]], console: Console,
           title: str | None = None) -> RenderableType:
    """Return the rows as a table if it fits the console's width with no header word split and no
    value squeezed below a readable width; else as one two-column block per row."""
    cells = [["" if value is None else str(value) for value in row] for row in rows]
    widths = [max(_longest_word(column), min(max((len(row[at]) for row in cells), default=0), _MIN_VALUE_WIDTH))
              for at, column in enumerate(columns)]
    # Each column has a space either side and a rule on its left; the last has one on its right too.
    if sum(widths) + 3 * len(widths) + 1 <= console.width:
        return _table(columns, cells, widths, title)
    return _blocks(columns, cells, title)


def _table(columns: Sequence[str], cells: list[list[str]], widths: list[int], title: str | None) -> Table:
    table = Table(title=title)
    for column, width in zip(columns, widths):
        table.add_column(column, overflow="fold", min_width=width)
    for row in cells:
        table.add_row(*row)
    return table


def _blocks(columns: Sequence[str], cells: list[list[str]], title: str | None) -> Group:
    """One block per row: its first value as the block's title, then `column  value` lines."""
    blocks: list[RenderableType] = [Text(title, style="bold")] if title else []
    for row in cells:
        block = Table(title=f"{columns[0]}: {row[0]}", title_justify="left", show_header=False, box=box.SIMPLE_HEAD,
                      pad_edge=False)
        block.add_column("column", style="bold", no_wrap=True)
        block.add_column("value", overflow="fold")
        for column, value in zip(columns[1:], row[1:]):
            block.add_row(column, value)
        blocks.append(block)
    return Group(*blocks)


def _longest_word(text: str) -> int:
    return max((len(word) for word in text.split()), default=0)
