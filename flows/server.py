"""Prefect's temporary API server, started as soon as the command starts.

With no PREFECT_API_URL, Prefect starts a temporary server when the first flow runs: it imports
the server's code in the calling process (about 2 s on a small machine), starts the same server
in a subprocess and waits for it, so the flow begins 6-9 s after it is called. `temporary_server`
starts that subprocess itself, with the command and environment Prefect uses, as soon as the CLI
knows it will need it: its start-up then overlaps the CLI's own imports and the NLP workers'
model load, and this process never imports the server.

The command and environment mirror Prefect's `SubprocessASGIServer._run_uvicorn_command`, which
is not a public API: pyproject.toml pins `prefect` to the minor version mirrored here, and
tests/flows/test_server.py fails when Prefect's own command or environment moves.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext

from flows.lifecycle import exit_with_parent
from flows.local_server import ServerNotHealthyError, stop_process, wait_until_healthy

# What Prefect's own temporary server runs with (prefect.server.api.server.SubprocessASGIServer):
# no UI, and the services of an ephemeral server only.
_SERVER_ENV = {"PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
_STOP_SECONDS = 5
_DRAIN_SECONDS = 5


class TemporaryServerError(RuntimeError):
    """The temporary Prefect server did not start."""


class TemporaryServer:
    """A Prefect API server in a subprocess, for the life of one command."""

    def __init__(self, startup_timeout: float) -> None:
        self.port = _free_port()
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        self._timeout = startup_timeout
        # SIGTERM, not SIGKILL, if this process dies: the server still shuts down cleanly. A session
        # of its own: Ctrl-C in a terminal signals the whole foreground process group, and the server
        # must outlive the flow, which reports how it ended, until this process stops it.
        self._process = subprocess.Popen(server_command(self.port), env=server_environment(),
                                         preexec_fn=exit_with_parent(signal.SIGTERM), start_new_session=True)

    def wait_until_healthy(self) -> None:
        """Return once the server answers its health check; raise if it exits or times out."""
        try:
            wait_until_healthy(self.api_url, self._process, self._timeout)
        except ServerNotHealthyError as error:
            raise TemporaryServerError(str(error).replace("the Prefect server", "the temporary Prefect server")) from error

    def __enter__(self) -> TemporaryServer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Stop the server as Prefect stops its own: terminate, then kill after 5 s."""
        stop_process(self._process, _STOP_SECONDS)


def server_command(port: int) -> list[str]:
    """Return the command that runs Prefect's temporary server on `port`, as Prefect builds it."""
    import prefect

    return [sys.executable, "-m", "uvicorn", "--app-dir", str(prefect.__module_path__.parent),
            "--factory", "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port),
            "--log-level", "error", "--lifespan", "on"]


def server_environment() -> dict[str, str]:
    """Return the temporary server's environment, as Prefect builds it: this process's, no UI,
    the ephemeral server's services, and the Prefect settings this process has set."""
    from prefect.settings import get_current_settings

    return {**os.environ, **_SERVER_ENV, **get_current_settings().to_environment_variables(exclude_unset=True)}


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def temporary_server() -> AbstractContextManager[TemporaryServer | None]:
    """A temporary server, started now, if Prefect would start one (no API URL configured,
    ephemeral mode allowed), stopped when the block ends; None when runs go to a configured server."""
    from prefect.settings import get_current_settings

    current = get_current_settings()
    if current.api.url or not current.server.ephemeral.enabled:
        return nullcontext(None)
    return TemporaryServer(current.server.ephemeral.startup_timeout_seconds)


@contextmanager
def reporting_to(server: TemporaryServer | None) -> Iterator[None]:
    """Within the block, flows report to `server`, once it answers (to the configured API when None)."""
    if server is None:
        yield
        return
    from prefect.settings import (
        PREFECT_API_URL,
        PREFECT_FLOWS_HEARTBEAT_FREQUENCY,
        temporary_settings,
    )

    server.wait_until_healthy()
    # Heartbeats tell a lasting server that a run has not crashed; this server ends with the run,
    # and the heartbeat thread costs up to a second at the end of every flow run.
    with temporary_settings(updates={PREFECT_API_URL: server.api_url, PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        try:
            yield
        finally:
            _drain_prefect_workers()


def _drain_prefect_workers() -> None:
    """Send the logs and events Prefect still holds while the server is up (what Prefect's own
    test harness does before it stops its server); otherwise they are retried at exit, against
    a server that is gone."""
    from prefect.events.worker import EventsWorker
    from prefect.logging.handlers import APILogHandler

    APILogHandler().flush()  # public: blocks until the queued logs are sent (at most 5 s)
    # Events have no public flush; drain_all is what Prefect's test harness calls (see the pin).
    EventsWorker.drain_all(timeout=_DRAIN_SECONDS)
