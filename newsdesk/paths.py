"""The paths a user gives the CLI, checked before any work starts, each message naming the path.

A run that is given a warehouse it cannot create should say so in one line before Prefect's
server starts, not fail a minute later with an errno and a parent folder nobody typed.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class UnusablePathError(ValueError):
    """A path the user gave cannot be used as given; the message names it and says why."""


def checked_warehouse(db: str | Path, writable: bool) -> Path:
    """Return `db` as a path a warehouse can be read from (and written to, when `writable`).

    A missing file is fine for a writer when its folder exists or can be made; readers are told
    about a missing warehouse by the commands themselves (it is no mistake in the path).
    """
    path = Path(db).expanduser()
    if path.is_dir():
        raise UnusablePathError(f"--db {db} is a folder: give the warehouse's file, e.g. {path / 'newsdesk.duckdb'}")
    if path.exists():
        if not os.access(path, os.R_OK):
            raise UnusablePathError(f"--db {db} cannot be read (permission denied)")
        if writable and not os.access(path, os.W_OK):
            raise UnusablePathError(f"--db {db} cannot be written (permission denied): give a warehouse file "
                                    "you can write, or fix its permissions")
        return path
    if writable:
        _check_creatable(path.parent, f"--db {db}", "the warehouse")
    return path


def checked_output_folder(folder: str | Path, option: str) -> Path:
    """Return `folder` once it is a folder that exists or can be made, and can be written."""
    path = Path(folder).expanduser()
    if path.exists() and not path.is_dir():
        raise UnusablePathError(f"{option} {folder} is a file, not a folder")
    _check_creatable(path, f"{option} {folder}", "the output")
    return path


def checked_output_file(file: str | Path, option: str) -> Path:
    """Return `file` once it can be written: not a folder, in a folder that exists or can be made."""
    path = Path(file).expanduser()
    if path.is_dir():
        raise UnusablePathError(f"{option} {file} is a folder: give a file name")
    if path.exists() and not os.access(path, os.W_OK):
        raise UnusablePathError(f"{option} {file} cannot be written (permission denied)")
    _check_creatable(path.parent, f"{option} {file}", "the file")
    return path


def checked_input(path: str | Path, option: str, kind: str) -> Path:
    """Return `path` once it exists, is a `kind` ("file" or "folder") and can be read."""
    found = Path(path).expanduser()
    if not found.exists():
        raise UnusablePathError(f"{option} {path} does not exist")
    if kind == "folder" and not found.is_dir():
        raise UnusablePathError(f"{option} {path} is not a folder")
    if kind == "file" and not found.is_file():
        raise UnusablePathError(f"{option} {path} is not a file")
    if not os.access(found, os.R_OK):
        raise UnusablePathError(f"{option} {path} cannot be read (permission denied)")
    return found


def _check_creatable(folder: Path, named: str, what: str) -> None:
    """Raise unless `folder` is a folder that takes new entries, or can be made.

    The nearest existing ancestor is tried by making (and removing) an empty folder in it:
    permissions alone do not tell, as root is allowed everything and kernel file systems (/proc)
    or read-only mounts still refuse.
    """
    existing = folder.absolute()
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent
    if not existing.is_dir():
        raise UnusablePathError(f"{named}: {existing} is a file, so {what} cannot go below it")
    try:
        os.rmdir(tempfile.mkdtemp(prefix=".newsdesk-probe-", dir=existing))
    except OSError as error:
        verb = "written in" if existing == folder.absolute() else "made below"
        raise UnusablePathError(f"{named}: nothing can be {verb} {existing} ({error.strerror.lower()}); "
                                "give a path you can write to") from error
