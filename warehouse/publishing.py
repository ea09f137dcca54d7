"""One writer, many readers: the warehouse a load writes is not the file analysts open.

DuckDB lets one process write a file or many read it, never both. So a run writes its own
file (`.<name>.writer` beside the warehouse), checkpoints it, and publishes a copy as the
warehouse file with an atomic rename. Analysts open the published file read-only and never
block a load; a reader that opened the old snapshot keeps reading it (the rename leaves its
inode alone) until it reconnects. Runs take an exclusive lock on `.<name>.lock` from planning
to publishing, so overlapping runs end as if one had run after the other.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

_FIRST_WAIT_SECONDS = 0.05
_MAX_WAIT_SECONDS = 1.0


class RunLockTimeoutError(RuntimeError):
    """Another run held the warehouse's run lock for longer than this run would wait."""


class PublishError(RuntimeError):
    """The loaded warehouse could not be checkpointed or published."""


@dataclass(frozen=True)
class WarehouseFiles:
    """The files behind one warehouse path."""

    published: Path  # what analysts open, read-only
    writer: Path  # what runs load into, under the run lock
    lock: Path
    staging: Path  # extraction results kept by content until they are loaded
    pending_runs: Path  # failed runs not yet written to etl_run

    @classmethod
    def at(cls, db: str | Path) -> WarehouseFiles:
        """Return the files of the warehouse published at `db`."""
        published = Path(db).absolute()
        hidden = published.parent / f".{published.name}"
        return cls(published, Path(f"{hidden}.writer"), Path(f"{hidden}.lock"), Path(f"{hidden}.staging"),
                   Path(f"{hidden}.pending-runs.jsonl"))

    @property
    def writer_wal(self) -> Path:
        """DuckDB's write-ahead log of the writer file (absent once it is checkpointed)."""
        return Path(f"{self.writer}.wal")


@contextmanager
def run_lock(files: WarehouseFiles, timeout: float) -> Iterator[None]:
    """Hold the warehouse's run lock while the block runs, waiting at most `timeout` seconds.

    The lock is an OS file lock: it is released when the block ends or the process dies,
    however it dies, so a killed run never leaves the warehouse locked.
    """
    files.lock.parent.mkdir(parents=True, exist_ok=True)
    handle = open(files.lock, "a+", encoding="utf-8")
    try:
        _acquire(handle, files, timeout)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
    finally:
        handle.close()


def _acquire(handle, files: WarehouseFiles, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    wait = _FIRST_WAIT_SECONDS
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                holder = _lock_holder(files)
                raise RunLockTimeoutError(
                    f"another newsdesk run{holder} was still loading into {files.published} after {timeout:g} s "
                    "(NEWSDESK_LOCK_TIMEOUT); run again once it has finished, or raise the timeout"
                ) from None
            time.sleep(min(wait, remaining))
            wait = min(wait * 2, _MAX_WAIT_SECONDS)


def _lock_holder(files: WarehouseFiles) -> str:
    try:
        pid = files.lock.read_text(encoding="utf-8").strip()
    except OSError:
        return ""
    return f" (process {pid})" if pid.isdigit() else ""


def prepare_writer(files: WarehouseFiles) -> None:
    """Make sure the writer file exists: a copy of the published warehouse the first time (a
    warehouse from before this layout, or a writer file removed by hand); nothing when new.

    A warehouse from before this layout may hold committed changes only in its write-ahead log
    (a load killed before its checkpoint): they are checkpointed into it first, not lost.
    """
    if files.writer.exists() or not files.published.exists():
        return
    if Path(f"{files.published}.wal").exists():
        with duckdb.connect(str(files.published)) as con:
            con.execute("checkpoint")
    _copy_atomically(files.published, files.writer)


def publish(files: WarehouseFiles) -> None:
    """Publish the checkpointed writer file as the warehouse, by an atomic rename.

    Raises PublishError when the writer still has a write-ahead log (its checkpoint failed):
    the published warehouse is then left as it was.
    """
    if files.writer_wal.exists() and files.writer_wal.stat().st_size > 0:
        raise PublishError(
            f"the load committed to {files.writer} but DuckDB could not checkpoint it (its write-ahead log "
            f"{files.writer_wal.name} remains), so {files.published} was not updated; free disk space and run "
            "again: the next run publishes it"
        )
    try:
        _copy_atomically(files.writer, files.published)
    except OSError as error:
        raise PublishError(f"could not publish {files.published}: {error.strerror or error}; the previous "
                           "warehouse is still in place and the next run publishes again") from error


def _copy_atomically(source: Path, target: Path) -> None:
    """Copy `source` over `target` so that a reader sees the old file or the new one, never a part."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.partial")
    try:
        shutil.copyfile(source, partial)
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    directory = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)
