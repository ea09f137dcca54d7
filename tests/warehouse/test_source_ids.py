"""Source ids are made in Python for new sources and in SQL when migration 004 names an older
warehouse's source: both must give the same id for the same name."""

from __future__ import annotations

import duckdb
import pytest

from transforms.sources import source_id


@pytest.mark.parametrize("name", ["bbc", "polnear-train", "Wire – Ålesund"])
def test_python_and_the_migrations_sql_give_a_name_the_same_id(name: str) -> None:
    (in_sql,) = duckdb.sql("select left(sha256(?), 16)", params=[name]).fetchone()
    assert source_id(name) == in_sql
