"""Opening the warehouse: read-write for a short load, read-only for everything else."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

_FIRST_WAIT_SECONDS = 0.1
_MAX_WAIT_SECONDS = 2.0
# A load of a large corpus spills to disk beyond this rather than growing with the corpus.
_CONFIG = {"memory_limit": "1GB"}


class WarehouseBusyError(RuntimeError):
    """Another process holds the warehouse file for longer than we are willing to wait."""


class WarehouseMissingError(FileNotFoundError):
    """There is no warehouse file yet."""


class WarehouseUnreadableError(RuntimeError):
    """The warehouse file exists but DuckDB cannot open it (damaged, not a DuckDB file, no access)."""


def _is_lock_conflict(error: duckdb.Error) -> bool:
    message = str(error).lower()
    return "lock" in message and ("conflicting" in message or "could not set" in message)


@contextmanager
def connect(path: str | Path, *, read_only: bool, timeout: float = 30.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """Yield a connection, waiting with backoff while another process holds the file.

    Raises WarehouseBusyError naming the holder once `timeout` seconds have passed.
    """
    path = Path(path)
    if read_only and not path.exists():
        raise WarehouseMissingError(f"no warehouse at {path}: run `newsdesk run` first")
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    deadline = time.monotonic() + timeout
    wait = _FIRST_WAIT_SECONDS
    while True:
        try:
            con = duckdb.connect(str(path), read_only=read_only, config=_CONFIG)
            break
        except duckdb.Error as error:
            if not _is_lock_conflict(error):
                raise WarehouseUnreadableError(_unreadable_message(path, error)) from error
            if time.monotonic() + wait > deadline:
                mode = "read-only" if read_only else "read-write"
                raise WarehouseBusyError(
                    f"could not open {path} {mode} within {timeout:g} s: another process holds the "
                    f"warehouse (a running load or an open analyst session). DuckDB said: {error}"
                ) from error
            time.sleep(wait)
            wait = min(wait * 2, _MAX_WAIT_SECONDS)
    try:
        yield con
    finally:
        con.close()


def _unreadable_message(path: Path, error: duckdb.Error) -> str:
    said = str(error).splitlines()[0] if str(error) else type(error).__name__
    return (f"cannot open the warehouse {path}: {said}. If it is damaged, move it aside (the file is kept as it is) "
            "and run `newsdesk run` to rebuild it from the sources")


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Run the block in one transaction: commit if it returns, roll back if it raises."""
    con.begin()
    try:
        yield
    except BaseException:
        con.rollback()
        raise
    con.commit()
