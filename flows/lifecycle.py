"""Child processes that end with the command that started them, however it ends.

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
from collections.abc import Callable

_PR_SET_PDEATHSIG = 1  # <linux/prctl.h>
_PARENT_POLL_SECONDS = 0.5


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


def start_nlp_worker() -> None:
    """Initialize an NLP worker process: tie its life to the command's, then load the model."""
    from transforms.pipeline import warm_up

    die_with_parent()
    warm_up()
