"""The warehouse as Hive-partitioned Parquet, readable by DuckDB, Spark or Trino."""

from __future__ import annotations

from pathlib import Path

from warehouse.connection import connect
from warehouse.sqlfiles import files_in, sql_text

PARTITIONED = {"fact_mention": "month", "fact_quote": "month"}


def export_parquet(db: str | Path, target: str | Path, *, lock_timeout: float = 10.0) -> dict[str, int]:
    """Write each table in sql/export/ under `target/<table>/` and return its row count.

    Facts are partitioned by month (`target/fact_quote/month=2024-03/…`); the dimensions are
    one file each. The warehouse is opened read-only, so a load can run at the same time.
    """
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    counts = {}
    with connect(db, read_only=True, timeout=lock_timeout) as con:
        for relative in files_in("export"):
            table = Path(relative).stem
            relation = con.sql(sql_text(relative))
            counts[table] = len(relation)
            folder = target / table
            if table in PARTITIONED:
                relation.write_parquet(str(folder), partition_by=[PARTITIONED[table]], overwrite=True)
            else:
                folder.mkdir(exist_ok=True)
                relation.write_parquet(str(folder / "data.parquet"))
    return counts
