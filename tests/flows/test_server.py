"""The temporary Prefect server: started as Prefect starts its own, answering while it lasts, gone after."""

from __future__ import annotations

import inspect
import socket
import subprocess
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from prefect.settings import PREFECT_API_DATABASE_CONNECTION_URL, PREFECT_HOME, temporary_settings

from flows.server import TemporaryServer


class _RecordedPopen:
    """Stands in for subprocess.Popen: records how it was called, starts nothing."""

    calls: list[dict[str, Any]] = []

    def __init__(self, args: list[str], **kwargs: Any) -> None:
        _RecordedPopen.calls.append({"args": list(args), **kwargs})


@pytest.fixture()
def isolated_prefect(tmp_path: Path):
    """Prefect settings of this test's own: its home and database, passed on to the server."""
    database = f"sqlite+aiosqlite:///{tmp_path / 'prefect.db'}"
    with temporary_settings(updates={PREFECT_HOME: str(tmp_path), PREFECT_API_DATABASE_CONNECTION_URL: database}):
        yield


@pytest.mark.usefixtures("isolated_prefect")
def test_server_starts_with_prefects_own_command_and_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    from prefect.server.api.server import SubprocessASGIServer

    monkeypatch.setattr(subprocess, "Popen", _RecordedPopen)
    _RecordedPopen.calls.clear()
    ours = TemporaryServer(startup_timeout=1)
    prefects = SubprocessASGIServer(ours.port)
    try:
        prefects._run_uvicorn_command()
    finally:
        prefects.stop()  # forgets the instance; nothing was started

    our_call, prefect_call = _RecordedPopen.calls
    assert our_call["args"] == prefect_call["args"]
    assert our_call["env"] == prefect_call["env"]
    # The one documented difference: our server is told to end when this process dies.
    assert our_call.pop("preexec_fn") is not None
    assert our_call.pop("start_new_session") is True  # out of reach of the terminal's Ctrl-C
    assert our_call == prefect_call


def test_prefect_still_drains_events_with_a_timeout() -> None:
    from prefect.events.worker import EventsWorker

    # flows.server drains events through this non-public classmethod before the server stops.
    assert "timeout" in inspect.signature(EventsWorker.drain_all).parameters


@pytest.mark.slow
@pytest.mark.usefixtures("isolated_prefect")
def test_server_answers_health_checks_and_is_gone_after_the_block() -> None:
    with TemporaryServer(startup_timeout=120) as server:
        server.wait_until_healthy()
        with urllib.request.urlopen(f"{server.api_url}/health", timeout=10) as response:
            assert response.status == 200
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", server.port)) != 0
