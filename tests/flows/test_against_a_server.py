"""Runs against a lasting Prefect server, as an operator makes them: `newsdesk server` started from
another folder, then `newsdesk run` with PREFECT_API_URL set, read back through Prefect's API."""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from flows.lifecycle import exit_with_parent
from flows.local_server import api_url, stop_process, wait_until_healthy

ROOT = Path(__file__).resolve().parents[2]
NEWSDESK = Path(sys.executable).with_name("newsdesk")
CITIES = ("Oslo", "Paris", "Lagos", "Lima", "Hanoi", "Quito", "Accra", "Riga", "Perth", "Cork")
# 69 articles and a JSONL file holding one more: two chunks of the CLI's 64 documents.
ARTICLES = 69
SETTLE_SECONDS = 5  # Prefect's telemetry service reports (and, offline, fails) right after start-up


@dataclass(frozen=True)
class Server:
    """The `newsdesk server` command running for the module."""

    process: subprocess.Popen
    port: int
    api_url: str
    log: Path
    started: float


@dataclass(frozen=True)
class FirstRun:
    """The good run, and the warehouse and source name it loaded."""

    result: subprocess.CompletedProcess
    db: Path
    flow_run_id: str


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _operator_environment(**settings: str) -> dict[str, str]:
    """This environment without any Prefect setting, nor the project's (flows/__init__.py puts
    them in this test process), plus `settings`."""
    dropped = {"DO_NOT_TRACK"}
    return {**{k: v for k, v in os.environ.items() if not k.startswith("PREFECT_") and k not in dropped}, **settings}


def _children(pid: int) -> list[int]:
    """Return the pids of the processes whose parent is `pid`, from /proc."""
    found = []
    for entry in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{entry}/stat") as stat:
                if int(stat.read().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry))
        except (OSError, ValueError, IndexError):
            continue
    return found


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`newsdesk server` on a free port, with its own Prefect home, started from a folder that is
    not the project (so prefect.toml is not read); stopped however the tests end."""
    folder = tmp_path_factory.mktemp("server")
    port, log = _free_port(), folder / "server.log"
    with open(log, "w") as out:
        process = subprocess.Popen([sys.executable, "-m", "newsdesk.server_command", "--port", str(port)], cwd=folder,
                                   env=_operator_environment(PREFECT_HOME=str(folder / "prefect")),
                                   stdout=out, stderr=subprocess.STDOUT, preexec_fn=exit_with_parent(signal.SIGTERM))
    try:
        url = api_url("127.0.0.1", port)
        try:
            wait_until_healthy(url, process, timeout=120)
        except RuntimeError as error:
            pytest.fail(f"{error}\n{log.read_text()}")
        yield Server(process, port, url, log, time.monotonic())
    finally:
        stop_process(process, timeout=60)


def _newsdesk_run(server: Server, folder: Path, db: Path, home: Path) -> subprocess.CompletedProcess:
    environment = _operator_environment(PREFECT_API_URL=server.api_url, PREFECT_HOME=str(home))
    return subprocess.run([str(NEWSDESK), "run", str(folder), "--db", str(db), "--source-name", "desk",
                           "--processes", "1"], capture_output=True, text=True, env=environment, cwd=home.parent,
                          timeout=600)


def _articles(folder: Path) -> Path:
    """Fill `folder` with short two-sentence articles and a JSONL file with a malformed line."""
    folder.mkdir(parents=True)
    for number in range(1, ARTICLES + 1):
        city = CITIES[number % len(CITIES)]
        (folder / f"article_{number:03d}.txt").write_text(
            f"Mayor Anna Berg opened bridge number {number} in {city} on Monday. "
            f'"This bridge joins {number} streets," Ms Berg told reporters.\n', encoding="utf-8")
    (folder / "wire.jsonl").write_text('{"text": "A fine article about Oslo."}\n{not json\n', encoding="utf-8")
    return folder


def _flow_run_ids(url: str) -> list[str]:
    """Return the ids of the server's flow runs tagged source:desk, oldest first."""
    from prefect import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterTags
    from prefect.client.schemas.sorting import FlowRunSort
    from prefect.settings import PREFECT_API_URL, temporary_settings

    async def read() -> list[str]:
        async with get_client() as client:
            desk = FlowRunFilter(tags=FlowRunFilterTags(all_=["source:desk"]))
            runs = await client.read_flow_runs(flow_run_filter=desk, sort=FlowRunSort.EXPECTED_START_TIME_ASC)
            return [str(run.id) for run in runs]

    with temporary_settings(updates={PREFECT_API_URL: url}):
        return asyncio.run(read())


def _as_the_ui_shows_it(url: str, flow_run_id: str) -> tuple:
    """Return the flow run, its task runs, logs and artifacts by key, read through Prefect's API."""
    from prefect import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId, LogFilter, LogFilterFlowRunId
    from prefect.settings import PREFECT_API_URL, temporary_settings

    async def read() -> tuple:
        async with get_client() as client:
            run = await client.read_flow_run(flow_run_id)
            runs = FlowRunFilter(id=FlowRunFilterId(any_=[run.id]))
            tasks = await client.read_task_runs(flow_run_filter=runs)
            logs = await client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[run.id])))
            artifacts = await client.read_artifacts(flow_run_filter=runs)
            return run, tasks, logs, {artifact.key: artifact for artifact in artifacts}

    with temporary_settings(updates={PREFECT_API_URL: url}):
        return asyncio.run(read())


@pytest.fixture(scope="module")
def first_run(server: Server, tmp_path_factory: pytest.TempPathFactory) -> FirstRun:
    """A good run of `newsdesk run` reporting to the server."""
    folder = tmp_path_factory.mktemp("first")
    db = folder / "newsdesk.duckdb"
    result = _newsdesk_run(server, _articles(folder / "articles"), db, folder / "prefect")
    assert result.returncode == 0, result.stdout + result.stderr
    (flow_run_id,) = _flow_run_ids(server.api_url)
    return FirstRun(result, db, flow_run_id)


def test_the_server_prints_the_line_to_export_first_and_serves_the_ui(server: Server) -> None:
    assert server.log.read_text().splitlines()[0] == f"export PREFECT_API_URL=http://127.0.0.1:{server.port}/api"
    with urllib.request.urlopen(f"http://127.0.0.1:{server.port}/", timeout=10) as response:
        assert response.status == 200 and "text/html" in response.headers["content-type"]


def test_a_run_on_the_server_shows_its_name_tags_chunks_and_artifacts(server: Server, first_run: FirstRun) -> None:
    assert "Error logging to API" not in first_run.result.stdout + first_run.result.stderr

    run, task_runs, logs, artifacts = _as_the_ui_shows_it(server.api_url, first_run.flow_run_id)
    assert run.state.is_completed()
    assert re.fullmatch(r"desk \d{4}-\d\d-\d\d \d\d:\d\d:\d\d", run.name)
    assert {"source:desk", f"warehouse:{first_run.db.name}"} <= set(run.tags)
    chunks = sorted(t.name for t in task_runs if t.name.startswith("extract chunk"))
    assert chunks == ["extract chunk 1/2 (64 docs)", "extract chunk 2/2 (6 docs)"]
    assert f"Prefect UI: http://127.0.0.1:{server.port}/runs/flow-run/{first_run.flow_run_id}" in first_run.result.stdout
    chunk_lines = [log.message for log in logs if re.match(r"chunk [12]/2: (64|6) documents, \d+ mentions, \d+ quotes",
                                                           log.message)]
    assert len(chunk_lines) == 2
    assert artifacts["newsdesk-run-progress"].type == "progress"
    assert float(artifacts["newsdesk-run-progress"].data) == 100.0
    assert artifacts["newsdesk-run-summary"].type == "markdown"
    assert first_run.db.name in artifacts["newsdesk-run-summary"].data
    rejects = json.loads(artifacts["newsdesk-run-rejects"].data)
    assert [(r["source_path"], r["source_line"], r["reason_code"]) for r in rejects] == [
        ("wire.jsonl", 2, "malformed_json")]
    assert "newsdesk-run-failure" not in artifacts


def test_a_run_made_to_fail_on_the_server_has_its_failure_artifact(server: Server, first_run: FirstRun,
                                                                   tmp_path: Path) -> None:
    # Another folder under the name the first run's folder holds in the same warehouse.
    other = tmp_path / "other"
    other.mkdir()
    (other / "elsewhere.txt").write_text("Officials in Riga said the talks had failed.\n", encoding="utf-8")
    result = _newsdesk_run(server, other, first_run.db, tmp_path / "prefect")
    output = result.stdout + result.stderr
    assert result.returncode == 1, output

    (failed,) = set(_flow_run_ids(server.api_url)) - {first_run.flow_run_id}
    run, _, _, artifacts = _as_the_ui_shows_it(server.api_url, failed)
    assert run.state.is_failed()
    assert re.fullmatch(r"desk \d{4}-\d\d-\d\d \d\d:\d\d:\d\d", run.name)
    failure = artifacts["newsdesk-run-failure"]
    assert failure.type == "markdown"
    assert "**Stage:** discover" in failure.data and "`SourceConflictError`" in failure.data
    assert "--source-name" in failure.data


def test_a_second_server_on_the_same_port_is_refused_in_one_line(server: Server, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "newsdesk.server_command", "--port", str(server.port)],
                            capture_output=True, text=True, cwd=tmp_path, timeout=60,
                            env=_operator_environment(PREFECT_HOME=str(tmp_path / "prefect")))
    assert result.returncode == 1
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert f"port {server.port} on 127.0.0.1 is taken" in line


def test_an_unknown_host_is_refused_in_one_line(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "newsdesk.server_command", "--host", "no-such-host.invalid"],
                            capture_output=True, text=True, cwd=tmp_path, timeout=60,
                            env=_operator_environment(PREFECT_HOME=str(tmp_path / "prefect")))
    assert result.returncode == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("unknown host 'no-such-host.invalid'")


@pytest.mark.parametrize(("host", "url"), [("127.0.0.1", "http://127.0.0.1:4200/api"),
                                           ("0.0.0.0", "http://127.0.0.1:4200/api"),
                                           ("::1", "http://[::1]:4200/api"),
                                           ("desk.example.org", "http://desk.example.org:4200/api")])
def test_the_line_to_export_names_an_address_this_machine_reaches(host: str, url: str) -> None:
    assert api_url(host, 4200) == url


def test_ctrl_c_stops_the_server_promptly_leaving_no_process_and_it_logged_no_telemetry(server: Server) -> None:
    time.sleep(max(0.0, server.started + SETTLE_SECONDS - time.monotonic()))
    (prefect,) = _children(server.process.pid)
    started = time.monotonic()
    server.process.send_signal(signal.SIGINT)
    code = server.process.wait(timeout=30)
    assert code == 0
    assert time.monotonic() - started < 10
    assert not Path(f"/proc/{prefect}").exists()
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", server.port)) != 0
    text = server.log.read_text()
    assert "telemetry" not in text.lower() and "usage data" not in text.lower(), text
