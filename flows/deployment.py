"""The scheduled deployment `newsdesk serve` runs: one run at a time, until Ctrl-C or SIGTERM."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Any

from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.deployments.runner import RunnerDeployment
from prefect.runner import Runner

from flows.etl import newsdesk_etl, run_tags
from flows.lifecycle import Stopped, end_child_processes, stopped_by_signals
from transforms.sources import default_name

# What a scheduled run does when the previous one is still going: `skip` cancels the new run
# (the next one loads whatever it missed: runs are incremental), `enqueue` makes it wait its turn.
COLLISION_STRATEGIES = {"skip": ConcurrencyLimitStrategy.CANCEL_NEW, "enqueue": ConcurrencyLimitStrategy.ENQUEUE}
# The longest the runner has to stop once asked: cancel its runs in flight and pause the schedule.
# Against a server that answers, that takes well under a second; against one that is gone, each
# call would be retried for about a minute.
STOP_GRACE_SECONDS = 5.0
_POLL_SECONDS = 0.05


class RunnerStopTimeoutError(RuntimeError):
    """The runner did not stop within its grace period: the Prefect server did not answer."""


def scheduled_deployment(name: str, cron: str, parameters: dict[str, Any], on_collision: str = "skip"
                         ) -> RunnerDeployment:
    """Return the deployment of the ETL on a cron schedule, limited to one run at a time, tagged as
    its runs are (source and warehouse)."""
    if on_collision not in COLLISION_STRATEGIES:
        raise ValueError(f"unknown collision strategy {on_collision!r}: use {' or '.join(COLLISION_STRATEGIES)}")
    source_name = parameters.get("source_name") or default_name(str(parameters["source"]))
    return newsdesk_etl.to_deployment(
        name=name, cron=cron, parameters=parameters, tags=run_tags(source_name, parameters["db"]),
        description="Scheduled Newsdesk ETL",
        concurrency_limit=ConcurrencyLimitConfig(limit=1, collision_strategy=COLLISION_STRATEGIES[on_collision]),
    )


def serve_scheduled(deployment: RunnerDeployment, grace_seconds: float = STOP_GRACE_SECONDS) -> None:
    """Register the deployment with the Prefect server and run its scheduled runs until Ctrl-C or
    SIGTERM; then raise `Stopped` once the runner has stopped (its runs in flight cancelled, the
    schedule paused), or `RunnerStopTimeoutError` if it had not within `grace_seconds`.

    What Prefect's `serve()` does, with the runner's event loop in a thread of its own: the main
    thread keeps the signals (Prefect's runner takes SIGTERM over only on the main thread), so
    that a stop is bounded even when the server has gone away.
    """
    runner = Runner(pause_on_shutdown=True, limit=None)  # as `serve()` makes it
    runner.add_deployment(deployment)
    serving = _RunnerThread(runner)
    with stopped_by_signals():
        serving.start()
        print(f"Serving {deployment.flow_name}/{deployment.name}: polling for scheduled runs until Ctrl-C or "
              "SIGTERM", flush=True)
        try:
            serving.done.wait()
        except Stopped as stop:
            if not _stopped_in_time(runner, serving, grace_seconds):
                raise RunnerStopTimeoutError(
                    f"{stop}, but the Prefect server did not answer within {grace_seconds:g} s: the schedule of "
                    f"{deployment.name} may still be active: pause it in the Prefect UI once the server is back"
                ) from None
            raise
    serving.raise_error()


class _RunnerThread(threading.Thread):
    """A runner's event loop, in a thread that does not hold up the process's exit.

    The main thread waits on `done`, not `join()`: on Python 3.11, a `join()` that a signal
    handler interrupts marks the thread stopped while it still runs (bpo-45274).
    """

    def __init__(self, runner: Runner) -> None:
        super().__init__(name="newsdesk-runner", daemon=True)
        self._runner = runner
        self._error: BaseException | None = None
        self.done = threading.Event()

    def run(self) -> None:
        try:
            asyncio.run(self._runner.start())
        except BaseException as error:  # handed to the main thread
            self._error = error
        finally:
            self.done.set()

    def raise_error(self) -> None:
        """Raise what ended the runner, if it ended by an error."""
        if self._error is not None:
            raise self._error


def _stopped_in_time(runner: Runner, serving: _RunnerThread, grace_seconds: float) -> bool:
    """Ask the runner to stop as its own SIGTERM handler does; return whether it stopped within
    `grace_seconds`. If it did not, or another signal came, end its runs' processes at once."""
    deadline = time.monotonic() + grace_seconds
    try:
        while not runner.started and not serving.done.is_set() and time.monotonic() < deadline:
            time.sleep(_POLL_SECONDS)  # a runner still starting up cannot be asked yet
        if runner.started and not runner.stopping:
            runner.execute_in_background(runner.astop)
        serving.done.wait(max(0.0, deadline - time.monotonic()))
    except Stopped:  # a second Ctrl-C: stop now
        pass
    if serving.done.is_set():
        return True
    end_child_processes()  # the runs in flight, which the runner could not cancel without the server
    return False
