"""`newsdesk run` as an operator types it, with no Prefect server configured: the command starts
Prefect's temporary server itself, the flow run is recorded there, and nothing outlives the command."""

from __future__ import annotations

import os
import re
import socket
import sqlite3
import subprocess
import sys
from pathlib import Path

import duckdb

from tests.helpers import good_source

NEWSDESK = Path(sys.executable).with_name("newsdesk")


def _run(args: list[str], prefect_home: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    environment.update(PREFECT_HOME=str(prefect_home), **env)
    return subprocess.run([str(NEWSDESK), *args], capture_output=True, text=True, env=environment, timeout=300)


def test_run_starts_its_own_prefect_server_and_stops_it(tmp_path: Path) -> None:
    db = tmp_path / "newsdesk.duckdb"
    # --verbose: Prefect's own lines, with the temporary server's address, are on the terminal too.
    result = _run(["run", str(good_source(tmp_path / "articles")), "--db", str(db), "--processes", "2", "--verbose"],
                  tmp_path / "prefect")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "Error logging to API" not in output  # logs and events were sent before the server stopped

    with duckdb.connect(str(db), read_only=True) as con:
        documents = con.execute("select count(*) from dim_document").fetchone()[0]
        (flow_run_id,) = con.execute("select flow_run_id from etl_run").fetchone()
    assert documents == 4
    with sqlite3.connect(tmp_path / "prefect" / "prefect.db") as prefect_db:
        state = prefect_db.execute("select state_name from flow_run where id = ?", (flow_run_id,)).fetchone()
    assert state == ("Completed",)

    (port,) = re.findall(r"http://127\.0\.0\.1:(\d+)/runs/flow-run/", output)
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", int(port))) != 0  # the server is gone


def test_run_says_plainly_when_the_prefect_server_cannot_start(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the database's folder should be", encoding="utf-8")
    db = tmp_path / "newsdesk.duckdb"
    result = _run(["run", str(good_source(tmp_path / "articles")), "--db", str(db)], tmp_path / "prefect",
                  PREFECT_API_DATABASE_CONNECTION_URL=f"sqlite+aiosqlite:///{blocked}/prefect.db")
    assert result.returncode == 1
    assert "temporary Prefect server exited" in " ".join(result.stderr.split())
    assert not db.exists()
