"""File-system I/O for the flow: finding source files and reading their bytes."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from transforms.records import SourceFile
from transforms.sources import SourceSpec, source_spec
from transforms.text import content_sha256

# A single .jsonl file may hold many articles; past this size a file is rejected unread.
MAX_FILE_BYTES = 256 * 1024 * 1024
# How display paths write the bytes of a name that are not UTF-8 (`errors="backslashreplace"`).
_ESCAPED_BYTE = re.compile(rb"\\x([89a-f][0-9a-f])")
_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder"))


def located_source(root: str | Path, **options) -> SourceSpec:
    """Return the spec of the source at `root` (a folder, or a single .jsonl file), its root made
    absolute; raise NotADirectoryError or ValueError saying what is wrong with it."""
    path = Path(root).expanduser()
    if path.is_file():
        if path.suffix.lower() != ".jsonl":
            raise NotADirectoryError(f"source {root} is a file but not a .jsonl file: give a folder or a .jsonl file")
        kind = "jsonl_file"
    elif path.is_dir():
        kind = "folder"
    else:
        raise NotADirectoryError(f"source folder {root} does not exist or is not a folder")
    return source_spec(str(path.resolve()), kind, **options)


def source_folder(spec: SourceSpec) -> str:
    """Return the folder a source's relative paths start from: its root, or a .jsonl file's folder."""
    return str(Path(spec.root).parent) if spec.kind == "jsonl_file" else spec.root


def discover_source(spec: SourceSpec) -> list[str]:
    """Return the relative paths of the source's files: every file below a folder, or the .jsonl file itself."""
    if spec.kind == "jsonl_file":
        return [display_path(os.fsencode(Path(spec.root).name))]
    return discover_files(spec.root)


def discover_files(root: str | Path) -> list[str]:
    """Return the paths, relative to `root`, of every file below it, skipping hidden ones.

    Paths are display paths (see `display_path`). Anything that is not a folder is listed, so
    that FIFOs, sockets and devices get a reject; symlinks to folders are not followed. A folder
    that cannot be listed is listed itself, with a trailing slash, for the same reason.
    """
    top = os.fsencode(root)
    if not os.path.isdir(top):
        raise NotADirectoryError(f"source folder {root} does not exist or is not a folder")
    found: list[str] = []
    folders = [b""]
    while folders:
        folder = folders.pop()
        try:
            entries = list(os.scandir(os.path.join(top, folder)))
        except OSError:
            if not folder:
                raise
            found.append(display_path(folder) + "/")
            continue
        for entry in entries:
            if entry.name.startswith(b"."):
                continue
            relative = os.path.join(folder, entry.name)
            if _is_folder(entry, follow_symlinks=False):
                folders.append(relative)
            elif not (entry.is_symlink() and _is_folder(entry, follow_symlinks=True)):
                found.append(display_path(relative))
    return sorted(found)


def _is_folder(entry: os.DirEntry, follow_symlinks: bool) -> bool:
    try:
        return entry.is_dir(follow_symlinks=follow_symlinks)
    except OSError:  # listed but not searchable: reading it will say why
        return False


def display_path(relative: bytes) -> str:
    """Return a relative file-system path as UTF-8 text: bytes that are not UTF-8 written as `\\xNN`.

    The same name always gives the same text, so a file keeps its `source_path` from run to run.
    """
    return relative.decode("utf-8", "backslashreplace")


def read_source_file(root: str | Path, relative: str) -> SourceFile:
    """Return a file's bytes and hash, or the reason it could not be read.

    Only regular files are opened, never in a way that can block (a FIFO would wait for a writer).
    """
    path = _real_path(os.fsencode(root), relative)
    if relative.endswith("/"):
        return _unlistable_folder(path, relative)
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            return _not_a_regular_file(relative, status.st_mode)
        if status.st_size > MAX_FILE_BYTES:
            return _too_large(relative, status.st_size)
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
        with open(descriptor, "rb") as file:
            status = os.fstat(descriptor)  # the path may have been replaced since the stat
            if not stat.S_ISREG(status.st_mode):
                return _not_a_regular_file(relative, status.st_mode)
            data = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        return SourceFile(relative, 0, None, None, "unreadable", f"file could not be read: {error.strerror or error}")
    if len(data) > MAX_FILE_BYTES:  # grew since the stat
        return _too_large(relative, len(data))
    return SourceFile(relative, len(data), content_sha256(data), data)


def _real_path(top: bytes, relative: str) -> bytes:
    """Return the file-system path of a display path: as written if that exists, else with `\\xNN` as bytes."""
    written = os.path.join(top, os.fsencode(relative))
    if os.path.lexists(written):
        return written
    return os.path.join(top, _ESCAPED_BYTE.sub(lambda m: bytes([int(m[1], 16)]), relative.encode("utf-8")))


def _not_a_regular_file(relative: str, mode: int) -> SourceFile:
    kind = next((kind for is_kind, kind in _KINDS if is_kind(mode)), "an unknown kind of file")
    return SourceFile(relative, 0, None, None, "not_a_regular_file", f"not a regular file but {kind}; not read")


def _too_large(relative: str, size: int) -> SourceFile:
    return SourceFile(relative, size, None, None, "too_large",
                      f"file has {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")


def _unlistable_folder(path: bytes, relative: str) -> SourceFile:
    try:
        os.scandir(path).close()
        why = "it could not be listed when the files were found"
    except OSError as error:
        why = error.strerror or str(error)
    return SourceFile(relative, 0, None, None, "unreadable", f"folder {relative} could not be listed: {why}")
