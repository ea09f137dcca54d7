"""`newsdesk server`: a lasting local Prefect server (API and UI) for scheduled and repeated runs.

Runs `prefect server start` as a child, in a session of its own: Ctrl-C reaches this command
only, which stops the server once, waits for it, and kills it if it hangs; a second Ctrl-C kills
it at once. The child also ends if this command is killed outright (flows/lifecycle.py).

    python -m newsdesk.server_command --port 4200    # the same command without the `newsdesk` app
"""

from __future__ import annotations

import signal
import socket
import subprocess
import time
from typing import Annotated

import typer
from rich.console import Console

from flows.lifecycle import exit_with_parent
from flows.local_server import api_url, port_taken, server_command, server_environment, stop_process

errors = Console(stderr=True)

# Prefect's server stops in 1-2 s; one that has not after this long is killed.
_STOP_SECONDS = 20
_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
_POLL_SECONDS = 0.1


def server(
    host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0 for every interface)")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port of the API and the UI")] = 4200,
) -> None:
    """Run Prefect's server (API and UI) in the foreground with the project's settings, until Ctrl-C.

    Runs and `newsdesk serve` report to it once PREFECT_API_URL is exported as the first line says.
    """
    try:
        taken = port_taken(host, port)
    except socket.gaierror as error:
        errors.print(f"[red]unknown host {host!r}[/red]: {error.strerror}", soft_wrap=True)
        raise typer.Exit(2) from error
    if taken:
        errors.print(f"[red]port {port} on {host} is taken[/red] (a Prefect server already running?): "
                     "stop it, or choose another with --port", soft_wrap=True)
        raise typer.Exit(1)
    print(f"export PREFECT_API_URL={api_url(host, port)}", flush=True)
    requests: list[int] = []
    previous = {sig: signal.signal(sig, lambda signum, _: requests.append(signum)) for sig in _STOP_SIGNALS}
    try:
        process = subprocess.Popen(server_command(host, port), env=server_environment(), start_new_session=True,
                                   preexec_fn=exit_with_parent(signal.SIGTERM))
        try:
            code = _serve_until_stopped(process, requests)
        finally:
            stop_process(process, _STOP_SECONDS)  # whatever ended the wait, no server outlives the command
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    if not requests and code != 0:
        errors.print(f"[red]the Prefect server exited with code {code}[/red]")
        raise typer.Exit(code if code > 0 else 1)


def _serve_until_stopped(process: subprocess.Popen, requests: list[int]) -> int:
    """Wait for the server to exit; return its exit code. The first stop request (a signal the
    handlers append to `requests`) stops it, a second, or `_STOP_SECONDS` without exiting, kills it."""
    handled, deadline = 0, float("inf")
    while process.poll() is None:
        if len(requests) > handled:
            handled = len(requests)
            if handled == 1:
                process.terminate()
                deadline = time.monotonic() + _STOP_SECONDS
            else:
                process.kill()
        if time.monotonic() > deadline:
            process.kill()
        time.sleep(_POLL_SECONDS)
    return process.returncode


if __name__ == "__main__":
    typer.run(server)
