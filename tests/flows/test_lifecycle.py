"""Ctrl-C and SIGTERM raise `Stopped` in the main thread, even while it waits on another thread,
and even once a library has put a signal handler of its own in the way (Polars does, on import)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading

import pytest

from flows.lifecycle import Stopped, stopped_by_signals

# A command's main thread waiting for a worker thread, as `newsdesk run` waits for a chunk; Polars
# is imported inside the block, as `newsdesk run` imports it with the flow.
WAITING_COMMAND = textwrap.dedent("""
    import os, signal, threading, time
    from flows.lifecycle import Stopped, stopped_by_signals

    with stopped_by_signals():
        import polars
        done = threading.Event()
        threading.Timer(20, done.set).start()  # a wait with no timeout: only those stay restarted
        threading.Timer(0.5, os.kill, (os.getpid(), signal.{signal})).start()
        started = time.monotonic()
        try:
            done.wait()
        except Stopped as stop:
            print(f"{{stop}} after {{time.monotonic() - started:.1f}} s", flush=True)
            os._exit(stop.exit_code)  # not waiting for the backstop timer's thread
    print("waited to the end")
""")


@pytest.mark.parametrize("stop_signal", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_interrupts_the_main_threads_wait_with_stopped(stop_signal: signal.Signals) -> None:
    result = subprocess.run([sys.executable, "-c", WAITING_COMMAND.format(signal=stop_signal.name)],
                            capture_output=True, text=True, timeout=60)

    assert result.returncode == 128 + stop_signal, result.stdout + result.stderr
    said, seconds = result.stdout.strip().rsplit(" after ", 1)
    assert said == f"stopped by {stop_signal.name}"
    assert float(seconds.removesuffix(" s")) < 5


def test_stopped_is_what_ctrl_c_is_and_exits_as_a_shell_reports_the_signal() -> None:
    stop = Stopped(signal.SIGTERM)

    assert isinstance(stop, KeyboardInterrupt) and not isinstance(stop, Exception)
    assert (str(stop), stop.exit_code) == ("stopped by SIGTERM", 143)


def test_outside_the_main_thread_the_block_changes_no_handler() -> None:
    seen = []

    def enter() -> None:
        with stopped_by_signals():
            seen.append(signal.getsignal(signal.SIGINT))

    before = signal.getsignal(signal.SIGINT)
    thread = threading.Thread(target=enter)
    thread.start()
    thread.join()

    assert seen == [before]


@pytest.mark.usefixtures("prefect_api")
def test_sigterm_in_a_flow_reaches_the_flows_caller_as_stopped() -> None:
    """Pins Prefect's private behaviour that `newsdesk run` relies on (prefect.utilities.engine.
    capture_sigterm): the flow engine takes SIGTERM over, then sends it again to the handler it
    replaced, so the flow's caller sees `Stopped`, not Prefect's TerminationSignal."""
    from prefect import flow

    @flow
    def waits_for_a_signal() -> None:
        assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL  # never kill the test process
        done = threading.Event()
        threading.Timer(0.2, os.kill, (os.getpid(), signal.SIGTERM)).start()
        done.wait(30)

    raised: BaseException | None = None
    with stopped_by_signals():
        try:
            waits_for_a_signal()
        except BaseException as error:  # a KeyboardInterrupt would end the pytest session
            raised = error

    assert isinstance(raised, Stopped) and raised.signal == signal.SIGTERM, repr(raised)
