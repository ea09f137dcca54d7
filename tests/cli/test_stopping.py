"""Ctrl-C and SIGTERM stop `newsdesk run` and `newsdesk serve` within seconds.

A stopped run exits non-zero with one line saying so, leaves no worker, no temporary server and
no resource tracker behind, and leaves the published warehouse file byte for byte as the first
run left it: a run only ever replaces that file, by an atomic rename at its very end, and opens it
read-only before (so equal bytes, not merely equal rows, is what to expect). `newsdesk serve`
stops as promptly, even once the Prefect server it served to has gone away.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import psutil
import pytest

from flows.lifecycle import exit_with_parent
from tests.cli.test_process_lifecycle import (
    MODEL_LOAD_CPU_SECONDS,
    NEWSDESK,
    _articles,
    _cmdline,
    _environment,
    _server_port,
    _start_run,
    _still_running,
    _wait_until_extracting,
    _workers,
)
from tests.conftest import SEEDS

PREFECT = Path(sys.executable).with_name("prefect")
# A behaviour deadline, not a benchmark: a stop takes 0.5-4 s here (8 s for serve once its server
# has gone: the runner has 5 s to stop), and took over a minute when the Prefect server had gone
# (under Ctrl-C, `newsdesk run` stopped its own temporary server first: it shared the terminal).
STOP_SECONDS = 15
SERVER_START_SECONDS = 120
NEVER = "0 0 1 1 *"  # a schedule that fires no run while a test serves it


def _stop_signal(how: str) -> signal.Signals:
    return signal.SIGINT if how == "ctrl-c" else signal.SIGTERM


def _send(command: subprocess.Popen, how: str) -> None:
    """Ctrl-C in a terminal signals the command's whole process group; `kill` and systemd signal its pid."""
    if how == "ctrl-c":
        os.killpg(command.pid, signal.SIGINT)
    else:
        command.send_signal(signal.SIGTERM)


def _wait_for_exit(command: subprocess.Popen, output: Path, how: str) -> float:
    """Return the seconds the command took to exit after being stopped; fail after STOP_SECONDS."""
    started = time.monotonic()
    try:
        command.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        pytest.fail(f"still running {STOP_SECONDS} s after {how}:\n{output.read_text(errors='replace')[-3000:]}")
    took = time.monotonic() - started
    print(f"exited {took:.1f} s after {how}")  # shown with -s: how long the stop takes
    return took


def _left_running(processes: list[psutil.Process], seconds: float) -> list[tuple[int, list[str]]]:
    deadline = time.monotonic() + max(seconds, 0.0)
    while _still_running(processes) and time.monotonic() < deadline:
        time.sleep(0.1)
    return [(process.pid, _cmdline(process)) for process in _still_running(processes)]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cleanup(command: subprocess.Popen, descendants: list[psutil.Process]) -> None:
    """A failing test must not leave its own processes behind."""
    if command.poll() is None:
        command.kill()
        command.wait()
    for process in _still_running(descendants):
        process.kill()


@pytest.fixture(scope="module")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _articles(tmp_path_factory.mktemp("bbc") / "articles")


@pytest.fixture(scope="module")
def first_warehouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A warehouse a first, small run created (the seed articles), as a stopped run finds it."""
    folder = tmp_path_factory.mktemp("first")
    db = folder / "n.duckdb"
    result = subprocess.run([str(NEWSDESK), "run", str(SEEDS), "--db", str(db), "--processes", "1"],
                            env=_environment(folder), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    return db


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_a_run_stopped_mid_nlp_ends_within_seconds_leaving_nothing_running_and_the_warehouse_as_it_was(
        tmp_path: Path, articles: Path, first_warehouse: Path, how: str) -> None:
    db = tmp_path / "n.duckdb"
    shutil.copyfile(first_warehouse, db)
    published = _digest(db)
    command, output = _start_run(tmp_path, articles=articles, db=db, new_session=True)
    descendants: list[psutil.Process] = []
    try:
        _wait_until_extracting(command, output, deadline_seconds=300)
        descendants = psutil.Process(command.pid).children(recursive=True)
        port = _server_port(descendants)
        assert any("resource_tracker" in " ".join(_cmdline(process)) for process in descendants)

        _send(command, how)
        took = _wait_for_exit(command, output, how)

        text = output.read_text(errors="replace")
        stop_signal = _stop_signal(how)
        assert command.returncode == 128 + stop_signal, text[-3000:]
        assert (f"stopped by {stop_signal.name}: nothing was published; the warehouse is as the last run left it"
                in text.splitlines()), text[-3000:]
        assert "Finished in state Crashed(" in text, text[-3000:]  # in Prefect, the run ends crashed, not running
        assert not re.search(r"Task run 'extract chunk [^']*' - Finished in state Completed", text), \
            "the chunks in flight were waited for"
        assert not _left_running(descendants, STOP_SECONDS - took)
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", port)) != 0
        assert _digest(db) == published
    finally:
        _cleanup(command, descendants)


@dataclass(frozen=True)
class PrefectServer:
    """`prefect server start`, as an operator runs it for `newsdesk serve`."""

    process: subprocess.Popen
    api_url: str

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=60)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_prefect_server(folder: Path) -> PrefectServer:
    """Start a Prefect server of the test's own (its home, its database) and wait until it answers."""
    port = _free_port()
    folder.mkdir(parents=True, exist_ok=True)
    log = (folder / "server.txt").open("wb")
    process = subprocess.Popen(
        [str(PREFECT), "server", "start", "--host", "127.0.0.1", "--port", str(port), "--no-ui", "--no-services"],
        stdout=log, stderr=subprocess.STDOUT, env=_environment(folder, PREFECT_SERVER_ANALYTICS_ENABLED="false"),
        start_new_session=True, preexec_fn=exit_with_parent())
    server = PrefectServer(process, f"http://127.0.0.1:{port}/api")
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        assert process.poll() is None, (folder / "server.txt").read_text(errors="replace")
        try:
            with urllib.request.urlopen(f"{server.api_url}/health", timeout=2) as response:
                if response.status == 200:
                    return server
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.2)
    server.stop()
    pytest.fail(f"prefect server start did not answer within {SERVER_START_SECONDS} s")


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PrefectServer]:
    server = _start_prefect_server(tmp_path_factory.mktemp("prefect-server"))
    yield server
    server.stop()


def _deployment(server: PrefectServer, name: str) -> dict | None:
    try:
        with urllib.request.urlopen(f"{server.api_url}/deployments/name/newsdesk-etl/{name}", timeout=5) as response:
            return json.load(response)
    except urllib.error.HTTPError as error:
        if error.code == 404:
            return None
        raise


def _start_serve(tmp_path: Path, server: PrefectServer, name: str,
                 source: Path = SEEDS) -> tuple[subprocess.Popen, Path]:
    """Start `newsdesk serve` over `source` as a terminal would; return it once it serves the
    deployment `name`."""
    output = tmp_path / "serve.txt"
    with output.open("wb") as sink:
        command = subprocess.Popen(
            [str(NEWSDESK), "serve", str(source), "--db", str(tmp_path / "n.duckdb"), "--cron", NEVER, "--name", name],
            stdout=sink, stderr=subprocess.STDOUT, env=_environment(tmp_path, PREFECT_API_URL=server.api_url),
            start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        assert command.poll() is None, output.read_text(errors="replace")
        if f"newsdesk-etl/{name}" in output.read_text(errors="replace") and _deployment(server, name):
            time.sleep(1)  # the runner starts polling just after it says so
            return command, output
        time.sleep(0.2)
    _cleanup(command, [])
    pytest.fail(f"newsdesk serve did not start serving within 120 s:\n{output.read_text(errors='replace')}")


def _run_now(server: PrefectServer, name: str) -> str:
    """Ask for a run of the deployment `name` now (what `prefect deployment run` does); return its id."""
    deployment = _deployment(server, name)
    request = urllib.request.Request(f"{server.api_url}/deployments/{deployment['id']}/create_flow_run", data=b"{}",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["id"]


def _flow_run_state(server: PrefectServer, flow_run_id: str) -> str:
    with urllib.request.urlopen(f"{server.api_url}/flow_runs/{flow_run_id}", timeout=10) as response:
        return json.load(response)["state_type"]


def _wait_until_the_served_run_extracts(command: subprocess.Popen, output: Path) -> list[psutil.Process]:
    """Return serve's descendants once the run it started has two workers past their model load."""
    process = psutil.Process(command.pid)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        assert command.poll() is None, output.read_text(errors="replace")
        try:
            workers = _workers(process)
            if len(workers) == 2 and all(worker.cpu_times().user > MODEL_LOAD_CPU_SECONDS for worker in workers):
                return process.children(recursive=True)
        except psutil.NoSuchProcess:
            pass
        time.sleep(0.5)
    pytest.fail(f"the served run's workers did not start on the NLP in 300 s:\n{output.read_text(errors='replace')}")


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_serve_stops_within_seconds_and_pauses_its_schedule(tmp_path: Path, prefect_server: PrefectServer,
                                                             how: str) -> None:
    name = f"stopped-by-{how}"
    command, output = _start_serve(tmp_path, prefect_server, name)
    descendants = psutil.Process(command.pid).children(recursive=True)
    try:
        _send(command, how)
        took = _wait_for_exit(command, output, how)

        text = output.read_text(errors="replace")
        assert command.returncode == 0, text
        assert f"stopped by {_stop_signal(how).name}: the schedule of {name} is paused" in text.splitlines(), text
        assert _deployment(prefect_server, name)["paused"]
        assert not _left_running(descendants, STOP_SECONDS - took)
    finally:
        _cleanup(command, descendants)


def test_serve_stopped_with_a_run_in_flight_cancels_the_run_within_seconds(
        tmp_path: Path, prefect_server: PrefectServer, articles: Path) -> None:
    command, output = _start_serve(tmp_path, prefect_server, "run-in-flight", source=articles)
    descendants: list[psutil.Process] = []
    try:
        flow_run_id = _run_now(prefect_server, "run-in-flight")
        descendants = _wait_until_the_served_run_extracts(command, output)

        _send(command, "sigterm")
        took = _wait_for_exit(command, output, "sigterm")

        text = output.read_text(errors="replace")
        assert command.returncode == 0, text
        assert _flow_run_state(prefect_server, flow_run_id) == "CANCELLED"
        assert not _left_running(descendants, STOP_SECONDS - took)
    finally:
        _cleanup(command, descendants)


@pytest.mark.parametrize("in_flight", [False, True], ids=["idle", "run in flight"])
def test_serve_stops_within_seconds_of_sigterm_once_the_prefect_server_is_gone(
        tmp_path: Path, articles: Path, in_flight: bool) -> None:
    server = _start_prefect_server(tmp_path / "prefect-server")
    command, output = _start_serve(tmp_path, server, "server-gone", source=articles if in_flight else SEEDS)
    descendants: list[psutil.Process] = []
    try:
        if in_flight:
            _run_now(server, "server-gone")
            descendants = _wait_until_the_served_run_extracts(command, output)
        server.stop()

        _send(command, "sigterm")
        took = _wait_for_exit(command, output, "sigterm")

        text = output.read_text(errors="replace")
        assert command.returncode == 1, text
        last = text.strip().splitlines()[-1]
        assert last.startswith("stopped by SIGTERM, but the Prefect server did not answer"), text
        assert not _left_running(descendants, STOP_SECONDS - took)
    finally:
        _cleanup(command, descendants)
        if server.process.poll() is None:
            server.stop()
