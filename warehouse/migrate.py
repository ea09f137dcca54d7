"""Schema migrations (sql/schema/NNN_name.sql) applied in order and recorded, then the views."""

from __future__ import annotations

import re

import duckdb

from warehouse.sqlfiles import files_in, sql_text

_VERSION = re.compile(r"^(\d+)_")


def migration_version(relative: str) -> int:
    """Return the NNN number at the start of a migration file name."""
    name = relative.rsplit("/", 1)[-1]
    match = _VERSION.match(name)
    if match is None:
        raise ValueError(f"migration file {name} does not start with a number")
    return int(match.group(1))


def apply_migrations(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the migrations this warehouse has not seen, in order; return their names."""
    con.execute(sql_text("warehouse/migration_table.sql"))
    applied = {row[0] for row in con.execute(sql_text("warehouse/applied_migrations.sql")).fetchall()}
    done = []
    for relative in files_in("schema"):
        version = migration_version(relative)
        if version in applied:
            continue
        con.execute(sql_text(relative))
        name = relative.rsplit("/", 1)[-1]
        con.execute(sql_text("warehouse/record_migration.sql"), {"version": version, "name": name})
        done.append(name)
    return done


def apply_views(con: duckdb.DuckDBPyConnection) -> None:
    """Create or replace every view in sql/views/."""
    for relative in files_in("views"):
        con.execute(sql_text(relative))
