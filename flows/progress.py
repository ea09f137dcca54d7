"""A process-local hook through which the CLI shows a progress bar over documents."""

from __future__ import annotations

from typing import Protocol


class ProgressListener(Protocol):
    """Told how many documents the NLP will see, then as each is done."""

    def start(self, total: int) -> None: ...

    def advance(self, count: int) -> None: ...


_listener: ProgressListener | None = None


def set_listener(listener: ProgressListener | None) -> None:
    """Install (or remove, with None) the listener for runs in this process."""
    global _listener
    _listener = listener


def listener() -> ProgressListener | None:
    """Return the installed listener, if any."""
    return _listener
