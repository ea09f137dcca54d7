"""A run's extracted rows, staged as Parquet next to the warehouse until the load commits.

The NLP writes here chunk by chunk, so memory does not grow with the corpus, and a load that
is retried (the warehouse was busy) reads the same files instead of redoing the NLP.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl

PART_NAME = "part-{index:05d}.parquet"


class Staging:
    """A folder of Parquet parts, one sub-folder per relation."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.rows: dict[str, int] = {}

    def add(self, tables: Mapping[str, pl.DataFrame], index: int) -> None:
        """Write one chunk's frames as part `index` of each relation."""
        for name, frame in tables.items():
            self.rows[name] = self.rows.get(name, 0) + frame.height
            if frame.height:
                folder = self.root / name
                folder.mkdir(exist_ok=True)
                frame.write_parquet(folder / PART_NAME.format(index=index))

    def register(self, con: duckdb.DuckDBPyConnection, name: str, schema: Mapping[str, pl.DataType]) -> None:
        """Make relation `name` readable in `con`: the staged parts, or no rows of `schema`."""
        folder = self.root / name
        if folder.is_dir() and any(folder.iterdir()):
            con.register(name, con.read_parquet(str(folder / "*.parquet")))
        else:
            con.register(name, pl.DataFrame(schema=dict(schema)).to_arrow())


@contextmanager
def staging_area(db: str | Path) -> Iterator[Staging]:
    """Yield a fresh staging folder beside the warehouse file; it is removed afterwards."""
    parent = Path(db).resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    root = Path(tempfile.mkdtemp(prefix=".newsdesk-staging-", dir=parent))
    try:
        yield Staging(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
