"""Prefect run from the project stays offline and quiet: no telemetry, no usage-data notice."""

from __future__ import annotations

import os
import select
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PREFECT = Path(sys.executable).parent / "prefect"

pytestmark = pytest.mark.slow


def _clean_environment(home: Path) -> dict[str, str]:
    """An operator's shell: none of the settings the test harness or flows/__init__.py set."""
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home)}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/health", timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


def test_prefect_server_started_from_the_project_logs_no_telemetry(tmp_path: Path) -> None:
    port, log = _free_port(), tmp_path / "server.log"
    with open(log, "w") as out:
        server = subprocess.Popen([str(PREFECT), "server", "start", "--port", str(port)], cwd=ROOT,
                                  env=_clean_environment(tmp_path), stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while not _healthy(port) and time.monotonic() < deadline and server.poll() is None:
            time.sleep(0.5)
        assert _healthy(port), log.read_text()
        time.sleep(5)  # the telemetry service reports (and, offline, fails) right after start-up
    finally:
        server.terminate()
        server.wait(timeout=60)
    text = log.read_text()
    assert "Uvicorn running" in text or "Check out the dashboard" in text, text
    assert "telemetry" not in text.lower() and "usage data" not in text.lower(), text


@pytest.mark.parametrize(("folder", "expected"), [(ROOT, "'False' (from prefect.toml)"), (None, "'True' (from defaults)")])
def test_analytics_are_off_from_the_projects_settings_file_only(folder: Path | None, expected: str,
                                                                tmp_path: Path) -> None:
    result = subprocess.run([str(PREFECT), "config", "view", "--show-sources", "--show-defaults"],
                            cwd=folder or tmp_path, env=_clean_environment(tmp_path), capture_output=True,
                            text=True, timeout=120)
    (line,) = [line for line in result.stdout.splitlines() if line.startswith("PREFECT_SERVER_ANALYTICS_ENABLED=")]
    assert line.endswith(expected)


def test_newsdesk_commands_turn_off_the_clients_usage_notice() -> None:
    code = "import os, flows; print(os.environ['DO_NOT_TRACK'], os.environ['PREFECT_SERVER_ANALYTICS_ENABLED'])"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env={"PATH": os.environ.get("PATH", "")},
                            capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == ["1", "false"]


def _in_a_terminal(command: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Return what `command` writes to a pseudo-terminal: Prefect shows its usage notice on a terminal only."""
    main, child = os.openpty()
    process = subprocess.Popen(command, stdin=child, stdout=child, stderr=child, cwd=cwd, env=env, close_fds=True)
    os.close(child)
    output = b""
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if select.select([main], [], [], 0.5)[0]:
            try:
                data = os.read(main, 65536)
            except OSError:  # the terminal closed: the command has ended
                break
            if not data:
                break
            output += data
        elif process.poll() is not None:
            break
    process.wait(timeout=60)
    os.close(main)
    return output.decode(errors="replace")


def test_a_run_in_a_terminal_shows_no_usage_data_notice_where_prefect_alone_would(tmp_path: Path) -> None:
    """From outside the project (no prefect.toml) and with no DO_NOT_TRACK set by the operator."""
    environment = {**_clean_environment(tmp_path), "PREFECT_HOME": str(tmp_path / "prefect")}
    plain = _in_a_terminal([sys.executable, "-c", "import prefect.main"], tmp_path, environment)
    assert "usage data" in plain  # what the operator saw: the notice does show on a terminal

    (tmp_path / "articles").mkdir()
    for path in (ROOT / "seeds").glob("*.txt"):
        (tmp_path / "articles" / path.name).write_bytes(path.read_bytes())
    newsdesk = Path(sys.executable).with_name("newsdesk")
    shown = _in_a_terminal([str(newsdesk), "run", "articles", "--db", "w.duckdb"], tmp_path,
                           {**environment, "PREFECT_HOME": str(tmp_path / "prefect-run")})
    assert "quotes" in shown, shown  # the run's summary
    assert "usage data" not in shown.lower() and "telemetry" not in shown.lower(), shown
