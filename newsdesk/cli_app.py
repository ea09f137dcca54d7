"""What the `newsdesk` commands share: the app, the terminal, one-line failures, paths checked
first, and tables or CSV or JSON out."""

from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.text import Text

from newsdesk.cli_options import Command, Group
from newsdesk.paths import UnusablePathError, checked_warehouse
from newsdesk.tables import fitted

app = typer.Typer(help="Newsdesk: news articles into a DuckDB warehouse of who said what, about whom.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False, cls=Group)
console = Console()
errors = Console(stderr=True)


def command(name: str | None = None) -> Any:
    """Register a `newsdesk` command, drawn without type labels in its help."""
    return app.command(name, cls=Command)


def say_failed(message: str) -> None:
    """Print a failure as one line on stderr (wrapped by the terminal, not cut)."""
    errors.print(Text(message, style="red"), soft_wrap=True)


def exit_saying(error: BaseException | str, code: int = 1) -> typer.Exit:
    """Print the error as one line and return the exit to raise (`raise exit_saying(error) from error`)."""
    say_failed(str(error))
    return typer.Exit(code)


def writable_warehouse(db: str) -> str:
    """Return `db` once a run can load into it; stop with one line naming it if not."""
    try:
        return str(checked_warehouse(db, writable=True))
    except UnusablePathError as error:
        raise exit_saying(error, 2) from error


def check_format(format: str) -> None:
    if format not in {"table", "csv", "json"}:
        raise exit_saying(f"unknown format {format!r}: use table, csv or json", 2)


def readable_warehouse(db: str) -> str:
    """Return `db` once it is a path a warehouse can be read from; stop with one line naming it if not."""
    try:
        return str(checked_warehouse(db, writable=False))
    except UnusablePathError as error:
        raise exit_saying(error, 2) from error


def warehouse_errors() -> tuple[type[Exception], ...]:
    """The errors a command reading the warehouse reports in one line: each says what to do."""
    from warehouse.connection import (
        WarehouseBusyError,
        WarehouseMissingError,
        WarehouseUnreadableError,
    )
    from warehouse.query import WriteRefusedError

    return WarehouseBusyError, WarehouseMissingError, WarehouseUnreadableError, WriteRefusedError


def print_result(columns: list[str], rows: list[tuple], format: str, title: str | None = None) -> None:
    if format == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    elif format == "json":
        print(json.dumps([dict(zip(columns, row)) for row in rows], default=_json_value, ensure_ascii=False, indent=2))
    else:  # a table when it fits the terminal, one block per row when it does not: no cell is cut
        console.print(fitted(columns, rows, console, title=title))


def _json_value(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return str(value)


def checked(check: Any, path: Path, option: str, *args: str) -> Path:
    """Return `check(path, option, *args)`, or stop with its one line naming the path."""
    try:
        return check(path, option, *args)
    except UnusablePathError as error:
        raise exit_saying(error, 2) from error
