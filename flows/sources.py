"""File-system I/O for the flow: finding source files and reading their bytes."""

from __future__ import annotations

from pathlib import Path

from transforms.records import SourceFile
from transforms.text import content_sha256

# A single .jsonl file may hold many articles; past this size a file is rejected unread.
MAX_FILE_BYTES = 256 * 1024 * 1024


def discover_files(root: str | Path) -> list[str]:
    """Return the paths, relative to `root`, of every file below it, skipping hidden ones."""
    root = Path(root)
    if not root.is_dir():
        raise NotADirectoryError(f"source folder {root} does not exist or is not a folder")
    found = []
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file() or (path.is_symlink() and not path.is_dir()):
            found.append(relative.as_posix())
    return sorted(found)


def read_source_file(root: str | Path, relative: str) -> SourceFile:
    """Return a file's bytes and hash, or the reason it could not be read."""
    path = Path(root) / relative
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return SourceFile(relative, size, None, None, "too_large",
                              f"file has {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        data = path.read_bytes()
    except OSError as error:
        return SourceFile(relative, 0, None, None, "unreadable", f"file could not be read: {error.strerror or error}")
    return SourceFile(relative, len(data), content_sha256(data), data)
