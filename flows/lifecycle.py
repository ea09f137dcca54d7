"""How the command ends: child processes that end with it, however it ends, and Ctrl-C and SIGTERM
that stop it the same way, through its `finally` blocks.

A `kill -9` of `newsdesk run` runs no `finally`, no `atexit`: without these, Prefect's temporary
server would keep its port and memory, and the NLP workers would run on for minutes.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_PARENT_POLL_SECONDS = 0.5
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Stopped(KeyboardInterrupt):
    """The command was asked to stop: Ctrl-C (SIGINT) or SIGTERM (`kill`, systemd, a container stop).

    A KeyboardInterrupt, so that what handles Ctrl-C handles both: `except Exception` lets it
    through, and Prefect marks a flow run it stops as crashed.
    """

    def __init__(self, signum: int) -> None:
        self.signal = signal.Signals(signum)
        super().__init__(self.signal.name)

    def __str__(self) -> str:
        return f"stopped by {self.signal.name}"

    @property
    def exit_code(self) -> int:
        """Return the exit code a shell gives a command this signal ended: 128 + its number."""
        return 128 + self.signal


def exit_with_parent(sig: signal.Signals = signal.SIGTERM) -> Callable[[], None] | None:
    """Return a `preexec_fn` for `subprocess.Popen` that has the kernel send the child `sig`
    when this process dies; None where that cannot be done (not Linux, or not the main thread).

    The kernel signals the child when the *thread* that created it ends, so this is only
    offered on the main thread, whose end is the process's.
    """
    if not sys.platform.startswith("linux") or threading.current_thread() is not threading.main_thread():
        return None
    prctl = ctypes.CDLL(None, use_errno=True).prctl  # libc's, already loaded into this process
    parent = os.getpid()

    # Runs in the child between fork and exec, where only the already loaded `prctl` is called.
    def set_parent_death_signal() -> None:
        if prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_SET_PDEATHSIG) failed")
        if os.getppid() != parent:  # the parent died before the signal was armed
            os._exit(1)

    return set_parent_death_signal


def die_with_parent() -> None:
    """Exit this process as soon as its parent is gone (checked every half second, in a
    daemon thread), for processes that a pool may start from any thread."""
    spawner = multiprocessing.parent_process()
    parent = spawner.pid if spawner is not None else os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_POLL_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


@contextmanager
def stopped_by_signals() -> Iterator[None]:
    """Within the block, SIGINT and SIGTERM raise `Stopped` in the main thread (elsewhere, a no-op).

    Python's default SIGTERM ends the process at once, its `finally` blocks unrun. While a flow
    runs, Prefect's engine takes SIGTERM over: it raises `TerminationSignal` in the flow, marks the
    run crashed, then puts back the handler it replaced (this one) and sends the signal again
    (prefect.utilities.engine.capture_sigterm), so the flow's caller gets `Stopped` too. Should
    Prefect stop sending it again, the `TerminationSignal` is turned into `Stopped` as it leaves
    the block.

    Polars, as it is imported, installs a SIGINT handler of its own that restarts the system call a
    signal interrupts (SA_RESTART, pola-rs/polars#21739): the main thread's wait for a chunk then
    outlasts Ctrl-C until the chunk is done. It is imported first, so that this handler replaces
    that one whatever imports Polars later.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    import polars  # noqa: F401
    from prefect.exceptions import TerminationSignal

    def stop(signum: int, frame: object) -> None:
        raise Stopped(signum)

    previous = {sig: signal.signal(sig, stop) for sig in STOP_SIGNALS}
    try:
        yield
    except TerminationSignal as error:
        raise Stopped(error.signal) from error
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def end_child_processes(grace_seconds: float = 2.0) -> None:
    """Stop this process's child processes: SIGTERM, then SIGKILL for any still running after
    `grace_seconds`."""
    import psutil

    children = psutil.Process().children()
    for child in children:
        with suppress(psutil.NoSuchProcess):
            child.terminate()
    _, alive = psutil.wait_procs(children, timeout=grace_seconds)
    for child in alive:
        with suppress(psutil.NoSuchProcess):
            child.kill()


def start_nlp_worker() -> None:
    """Initialize an NLP worker process: tie its life to the command's, leave Ctrl-C to it, then
    load the model."""
    # Ctrl-C in a terminal signals the whole process group, workers included: the command stops
    # them itself (flows/extraction.py), without a KeyboardInterrupt traceback from each.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()
    from transforms.pipeline import warm_up

    warm_up()
