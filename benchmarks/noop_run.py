"""A no-op `newsdesk run` with Prefect's temporary server against one reporting to a lasting server.

    .venv/bin/python benchmarks/noop_run.py [--runs 5] [--skip-one-document]

Loads seeds/ into a fresh warehouse, starts `newsdesk server` on a free port, then times
`newsdesk run seeds` (nothing new: a no-op) in a fresh process, as an operator runs it, `--runs`
times in each mode, alternating (the order flips every round, so drift over minutes falls on both):
  temporary  no PREFECT_API_URL: the command starts Prefect's temporary server and stops it;
  lasting    PREFECT_API_URL set to the server started here.
Then the same for a run that finds one new document (the NLP model loads and runs once). Both
modes use Prefect homes of their own, each warmed up by one untimed run (a new Prefect database
is created on its first use, which an operator pays once). Prints the figures and the load average.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from flows.lifecycle import exit_with_parent
from flows.local_server import stop_process, wait_until_healthy

ROOT = Path(__file__).resolve().parent.parent
NEWSDESK = Path(sys.executable).with_name("newsdesk")
MODES = ("temporary", "lasting")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _environment(**settings: str) -> dict[str, str]:
    """This environment without Prefect settings, plus `settings`."""
    return {**{k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}, **settings}


def _timed_run(source: Path, db: Path, env: dict[str, str]) -> float:
    """Return the wall time of one `newsdesk run` of `source` into `db`, in a fresh process."""
    started = time.perf_counter()
    result = subprocess.run([str(NEWSDESK), "run", str(source), "--db", str(db)], env=env,
                            capture_output=True, text=True, timeout=600)
    seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"newsdesk run failed ({result.returncode}): {result.stderr[-2000:]}")
    return seconds


def _alternating(runs: int, time_mode: Callable[[str], float]) -> dict[str, list[float]]:
    """Return `runs` times of each mode, measured in turn, the order flipped every round."""
    times: dict[str, list[float]] = {mode: [] for mode in MODES}
    for round_number in range(runs):
        for mode in MODES if round_number % 2 == 0 else reversed(MODES):
            times[mode].append(time_mode(mode))
    return times


def _report(title: str, times: dict[str, list[float]]) -> None:
    print(f"\n{title}")
    for mode, seconds in times.items():
        listed = " ".join(f"{s:.2f}" for s in seconds)
        print(f"  {mode:<9}  median {statistics.median(seconds):5.2f} s  min {min(seconds):5.2f}  "
              f"max {max(seconds):5.2f}   ({listed})")
    temporary, lasting = (statistics.median(times[mode]) for mode in MODES)
    print(f"  temporary / lasting: {temporary / lasting:.2f}x; the lasting server saves {temporary - lasting:.2f} s "
          "a run (medians)", flush=True)


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each mode (default 5)")
    parser.add_argument("--skip-one-document", action="store_true", help="time the no-op run only")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsdesk-noop-"))
    port = _free_port()
    api_url = f"http://127.0.0.1:{port}/api"
    envs = {"temporary": _environment(PREFECT_HOME=str(work / "home-temporary")),
            "lasting": _environment(PREFECT_HOME=str(work / "home-lasting"), PREFECT_API_URL=api_url)}
    print(f"load average (1, 5, 15 min) at the start: {_load()}; {os.cpu_count()} CPUs", flush=True)
    started = time.perf_counter()
    server = subprocess.Popen([sys.executable, "-m", "newsdesk.server_command", "--port", str(port)], cwd=work,
                              env=_environment(PREFECT_HOME=str(work / "server")), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, preexec_fn=exit_with_parent(signal.SIGTERM))
    try:
        wait_until_healthy(api_url, server, timeout=180)
        print(f"newsdesk server answered after {time.perf_counter() - started:.1f} s (paid once)", flush=True)
        seeds, db = shutil.copytree(ROOT / "seeds", work / "seeds"), work / "noop.duckdb"
        for mode in MODES:  # the first run loads the seeds; each Prefect home's database is created
            print(f"warm-up run, {mode}: {_timed_run(seeds, db, envs[mode]):.2f} s", flush=True)
        _report(f"no-op run (`newsdesk run seeds`, nothing new), {args.runs} runs each",
                _alternating(args.runs, lambda mode: _timed_run(seeds, db, envs[mode])))
        if not args.skip_one_document:
            _report(f"one new document a run, {args.runs} runs each",
                    _alternating(args.runs, _one_new_document(seeds, work / "one.duckdb", envs)))
    finally:
        stop_process(server, timeout=60)
        shutil.rmtree(work, ignore_errors=True)
    print(f"\nload average (1, 5, 15 min) at the end: {_load()}")


def _one_new_document(seeds: Path, db: Path, envs: dict[str, dict[str, str]]) -> Callable[[str], float]:
    """Return a function timing a run, in a mode, that finds one document more than the last run."""
    added: list[Path] = []

    def time_mode(mode: str) -> float:
        path = seeds / f"new_{len(added):03d}.txt"
        path.write_text(f"Mayor Anna Berg opened bridge number {len(added)} in Oslo on Monday. "
                        f'"This bridge joins {len(added) + 2} streets," Ms Berg told reporters.\n', encoding="utf-8")
        added.append(path)
        return _timed_run(seeds, db, envs[mode])

    _timed_run(seeds, db, envs["lasting"])  # loads the seed article: every timed run then adds exactly one
    return time_mode


if __name__ == "__main__":
    main()
