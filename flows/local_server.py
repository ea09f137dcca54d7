"""A lasting local Prefect server for operators: Prefect's own `prefect server start`, with the
project's settings wherever it is started from.

`prefect server start` reads prefect.toml from the working directory only, so from another folder
(or an installed wheel) it would run with analytics on. Importing `flows` sets the project's
settings in this process's environment (flows/__init__.py: analytics off, DO_NOT_TRACK=1); the
server inherits them, with the UI on and no interactive prompt.
"""

from __future__ import annotations

import ipaddress
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

# Prefect's start-up would otherwise ask, on a terminal, whether to write PREFECT_API_URL into
# the user's Prefect profile: the command prints the line to export instead.
_SERVER_ENV = {"PREFECT_CLI_PROMPT": "false"}
_WILDCARDS = frozenset({"0.0.0.0", "::", ""})
_POLL_SECONDS = 0.1


class ServerNotHealthyError(RuntimeError):
    """The Prefect server exited or did not answer its health check in time."""


def server_command(host: str, port: int) -> list[str]:
    """Return the command that runs Prefect's server in the foreground on `host`:`port`, UI on."""
    return [sys.executable, "-m", "prefect", "server", "start", "--host", host, "--port", str(port), "--ui"]


def server_environment() -> dict[str, str]:
    """Return the server's environment: this process's, which carries the project's settings
    (flows/__init__.py), and no prompt."""
    return {**os.environ, **_SERVER_ENV}


def api_url(host: str, port: int) -> str:
    """Return the PREFECT_API_URL of a server on `host`:`port`, as seen from this machine."""
    if host in _WILDCARDS:
        host = "127.0.0.1"
    elif ":" in host and _is_ip(host):
        host = f"[{host}]"
    return f"http://{host}:{port}/api"


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def port_taken(host: str, port: int) -> bool:
    """Return whether `port` on `host` cannot be bound (the check Prefect's own start makes)."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, socket.AF_UNSPEC, socket.SOCK_STREAM)[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError:
            return True
    return False


def healthy(url: str) -> bool:
    """Return whether the Prefect API at `url` answers its health check."""
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def wait_until_healthy(url: str, process: subprocess.Popen, timeout: float) -> None:
    """Return once the server `process` serves `url`; raise if it exits or `timeout` passes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise ServerNotHealthyError(f"the Prefect server exited with code {process.returncode}")
        if healthy(url):
            return
        time.sleep(_POLL_SECONDS)
    raise ServerNotHealthyError(f"the Prefect server did not answer at {url} within {timeout:.0f} s")


def stop_process(process: subprocess.Popen, timeout: float, sig: signal.Signals = signal.SIGTERM) -> int:
    """Send `process` `sig` and return its exit code, killing it if it has not exited within `timeout` s."""
    if process.poll() is None:
        process.send_signal(sig)
    try:
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        return process.wait()
