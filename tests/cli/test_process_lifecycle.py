"""`newsdesk run` killed mid-NLP: Prefect's temporary server, the NLP workers and multiprocessing's
resource tracker all end with it, even under SIGKILL, where no `finally` runs. (Ctrl-C and SIGTERM,
which the command handles, are tests/cli/test_stopping.py's; these helpers are shared with it.)"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

NEWSDESK = Path(sys.executable).with_name("newsdesk")
BBC = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "bbc"
ARTICLES = 300  # most of a minute of NLP on two workers: long enough to kill it mid-way
STARTED_NLP = "documents need the NLP"  # the flow's log line just before the extraction starts
# A worker's start-up (imports, model load) takes about 1 s of CPU; past 3 s it is on a chunk.
MODEL_LOAD_CPU_SECONDS = 3.0


def _articles(folder: Path) -> Path:
    """Fill `folder` with the first ARTICLES BBC articles; skip if the corpus is not there."""
    files = sorted(BBC.rglob("*.txt"))[:ARTICLES]
    if len(files) < ARTICLES:
        pytest.skip(f"needs {ARTICLES} BBC articles under {BBC}")
    folder.mkdir()
    for number, path in enumerate(files):
        shutil.copy(path, folder / f"{number:04d}_{path.name}")
    return folder


def _environment(tmp_path: Path, **settings: str) -> dict[str, str]:
    """Return this environment without its Prefect settings, with a Prefect home in `tmp_path`
    (and any `settings`)."""
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    return {**environment, "PREFECT_HOME": str(tmp_path / "prefect"), **settings}


def _start_run(tmp_path: Path, articles: Path | None = None, db: Path | None = None,
               new_session: bool = False) -> tuple[subprocess.Popen, Path]:
    """Start `newsdesk run` over `articles` (by default ARTICLES of them copied into `tmp_path`) into
    `db`, its output in a file; with `new_session`, as the leader of a process group of its own, as
    a shell starts a command in a terminal. --verbose: its log lines say when the NLP starts."""
    output = tmp_path / "output.txt"
    with output.open("wb") as sink:
        command = subprocess.Popen(
            [str(NEWSDESK), "run", str(articles or _articles(tmp_path / "articles")),
             "--db", str(db or tmp_path / "n.duckdb"), "--processes", "2", "--verbose"],
            stdout=sink, stderr=subprocess.STDOUT, env=_environment(tmp_path), start_new_session=new_session)
    return command, output


def _workers(command: psutil.Process) -> list[psutil.Process]:
    return [child for child in command.children(recursive=True) if "multiprocessing.spawn" in " ".join(_cmdline(child))]


def _cmdline(process: psutil.Process) -> list[str]:
    try:
        return process.cmdline()
    except psutil.Error:
        return []


def _server_port(descendants: list[psutil.Process]) -> int:
    (server,) = [process for process in descendants if "uvicorn" in _cmdline(process)]
    arguments = _cmdline(server)
    return int(arguments[arguments.index("--port") + 1])


def _wait_until_extracting(command: subprocess.Popen, output: Path, deadline_seconds: float) -> None:
    """Return once both workers exist and are working on the NLP, past their model load; fail if
    the run ends or stalls."""
    process = psutil.Process(command.pid)
    deadline = time.monotonic() + deadline_seconds
    while time.monotonic() < deadline:
        assert command.poll() is None, output.read_text(errors="replace")
        workers = _workers(process)
        if STARTED_NLP in output.read_text(errors="replace") and len(workers) == 2:
            before = [worker.cpu_times().user for worker in workers]
            time.sleep(1)
            after = [worker.cpu_times().user for worker in workers]
            if all(now > max(then, MODEL_LOAD_CPU_SECONDS) for now, then in zip(after, before)):
                return
        time.sleep(0.5)
    pytest.fail(f"the workers did not start on the NLP within {deadline_seconds:.0f} s:\n"
                f"{output.read_text(errors='replace')}")


def _still_running(processes: list[psutil.Process]) -> list[psutil.Process]:
    running = []
    for process in processes:
        try:
            if process.status() != psutil.STATUS_ZOMBIE:
                running.append(process)
        except psutil.NoSuchProcess:
            pass
    return running


def _wait_until_gone(processes: list[psutil.Process], deadline_seconds: float) -> list[psutil.Process]:
    deadline = time.monotonic() + deadline_seconds
    while _still_running(processes) and time.monotonic() < deadline:
        time.sleep(0.2)
    return _still_running(processes)


@pytest.mark.slow
def test_killing_the_run_mid_nlp_ends_the_server_workers_and_resource_tracker(tmp_path: Path) -> None:
    command, output = _start_run(tmp_path)
    descendants: list[psutil.Process] = []
    try:
        _wait_until_extracting(command, output, deadline_seconds=300)
        descendants = psutil.Process(command.pid).children(recursive=True)
        port = _server_port(descendants)
        assert any("resource_tracker" in " ".join(_cmdline(process)) for process in descendants)

        command.send_signal(signal.SIGKILL)
        command.wait(timeout=30)

        survivors = _wait_until_gone(descendants, deadline_seconds=20)
        assert not survivors, [(process.pid, _cmdline(process)) for process in survivors]
        with socket.socket() as probe:
            assert probe.connect_ex(("127.0.0.1", port)) != 0
    finally:  # a failure must not leave this test's own processes behind
        if command.poll() is None:
            command.kill()
            command.wait()
        for process in _still_running(descendants):
            process.kill()
