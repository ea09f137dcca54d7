"""Finding source files and reading their bytes: odd names, odd file types, folders that cannot be listed."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flows.sources import discover_files, read_source_file
from transforms.documents import parse_file
from transforms.text import content_sha256

NOBODY = 65534


@contextmanager
def _fails_instead_of_hanging(seconds: int = 30) -> Iterator[None]:
    """Turn a read that blocks for good into a test failure; a guard, not a timing assertion."""
    def blocked(signum: int, frame: object) -> None:
        raise AssertionError(f"still blocked after {seconds} s")

    previous = signal.signal(signal.SIGALRM, blocked)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def _permissions_enforced() -> Iterator[None]:
    """File permissions as an ordinary user meets them: as `nobody` when the tests run as root."""
    if os.geteuid() != 0:
        yield
        return
    os.seteuid(NOBODY)
    try:
        yield
    finally:
        os.seteuid(0)


@pytest.fixture
def shared_folder() -> Iterator[Path]:
    """A folder that `nobody` can walk (pytest's tmp_path is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="newsdesk-sources-"))
    folder.chmod(0o755)
    yield folder
    folder.chmod(0o755)
    for path in folder.rglob("*"):
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder)


def _read(root: Path) -> dict[str, tuple[str | None, str | None]]:
    """Return (read_error_code, sha256) of each file found, by its source path."""
    files = [read_source_file(root, relative) for relative in discover_files(root)]
    return {f.source_path: (f.read_error_code, f.sha256) for f in files}


# ---------------------------------------------------------------- names


def test_file_name_that_is_not_utf8_is_read_under_an_escaped_name(tmp_path: Path) -> None:
    os.mkdir(os.fsencode(tmp_path) + b"/dir\xe9")
    with open(os.fsencode(tmp_path) + b"/dir\xe9/bad_\xff.txt", "wb") as file:
        file.write(b"An article.")
    (relative,) = discover_files(tmp_path)
    source = read_source_file(tmp_path, relative)
    assert source.source_path == "dir\\xe9/bad_\\xff.txt"
    assert (source.data, source.read_error_code) == (b"An article.", None)
    assert read_source_file(tmp_path, discover_files(tmp_path)[0]) == source  # the same on every run
    (document,) = parse_file(source).documents
    assert document.source_path == "dir\\xe9/bad_\\xff.txt"


def test_hidden_files_and_folders_are_skipped(tmp_path: Path) -> None:
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "a.txt").write_text("Hidden.")
    (tmp_path / ".b.txt").write_text("Hidden.")
    (tmp_path / "c.txt").write_text("Shown.")
    assert discover_files(tmp_path) == ["c.txt"]


# ---------------------------------------------------------------- files that are not regular files


def test_fifo_is_listed_and_rejected_without_being_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    with _fails_instead_of_hanging():
        assert _read(tmp_path) == {"pipe.txt": ("not_a_regular_file", None)}
        (reject,) = parse_file(read_source_file(tmp_path, "pipe.txt")).rejects
    assert reject.reason_code == "not_a_regular_file"
    assert "FIFO" in reject.reason


def test_symlink_to_a_fifo_is_rejected_without_blocking(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / ".pipe")
    (tmp_path / "link.txt").symlink_to(tmp_path / ".pipe")
    with _fails_instead_of_hanging():
        assert _read(tmp_path) == {"link.txt": ("not_a_regular_file", None)}


def test_socket_and_symlink_to_a_device_are_rejected(tmp_path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "socket.txt"))
        (tmp_path / "null.txt").symlink_to("/dev/null")
        with _fails_instead_of_hanging():
            found = _read(tmp_path)
    finally:
        server.close()
    assert found == {"null.txt": ("not_a_regular_file", None), "socket.txt": ("not_a_regular_file", None)}


def test_broken_symlink_is_unreadable_and_symlinked_file_is_read(tmp_path: Path) -> None:
    (tmp_path / ".real.txt").write_bytes(b"Real.")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "link.txt").symlink_to(tmp_path / ".real.txt")
    assert _read(tmp_path) == {"gone.txt": ("unreadable", None), "link.txt": (None, content_sha256(b"Real."))}


# ---------------------------------------------------------------- folders that cannot be listed


def test_unlistable_folder_is_found_with_a_trailing_slash_and_rejected(shared_folder: Path) -> None:
    (shared_folder / "ok.txt").write_text("Fine.")
    locked = shared_folder / "sub" / "dir"
    locked.mkdir(parents=True)
    (locked / "a.txt").write_text("Locked in.")
    locked.chmod(0)
    with _permissions_enforced():
        found = discover_files(shared_folder)
        folder = read_source_file(shared_folder, "sub/dir/")
    assert found == ["ok.txt", "sub/dir/"]
    assert (folder.source_path, folder.sha256, folder.read_error_code) == ("sub/dir/", None, "unreadable")
    (reject,) = parse_file(folder).rejects
    assert (reject.source_path, reject.reason_code) == ("sub/dir/", "unreadable")
    assert "sub/dir" in reject.reason


def test_unlistable_source_folder_fails_instead_of_finding_nothing(shared_folder: Path) -> None:
    (shared_folder / "a.txt").write_text("An article the warehouse has.")
    shared_folder.chmod(0)
    with _permissions_enforced(), pytest.raises(PermissionError):
        discover_files(shared_folder)  # an empty list would mark every stored file removed


def test_unreadable_file_is_rejected(shared_folder: Path) -> None:
    (shared_folder / "locked.txt").write_text("Locked.")
    (shared_folder / "locked.txt").chmod(0)
    with _permissions_enforced():
        assert _read(shared_folder) == {"locked.txt": ("unreadable", None)}


# ---------------------------------------------------------------- any names, any bytes

NAMES = st.binary(min_size=1, max_size=40).filter(
    lambda name: b"/" not in name and b"\x00" not in name and not name.startswith(b"."))
SUFFIXES = st.sampled_from([b".txt", b".md", b".jsonl", b".pdf", b""])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.tuples(NAMES, SUFFIXES).map(b"".join), st.binary(max_size=300), min_size=1, max_size=5))
def test_any_file_names_and_bytes_give_a_document_or_reject_per_file(files: dict[bytes, bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = os.fsencode(folder)
        for name, data in files.items():
            with open(root + b"/" + name, "wb") as file:
                file.write(data)
        found = discover_files(folder)
        parsed = [parse_file(read_source_file(folder, relative)) for relative in found]
    assert len(found) == len(files)
    paths = set()
    for result in parsed:
        outcomes = (*result.documents, *result.rejects)
        assert outcomes
        for outcome in outcomes:
            assert all(value.encode("utf-8") for value in vars(outcome).values() if isinstance(value, str))
            paths.add(outcome.source_path)
    assert paths == {name.decode("utf-8", "backslashreplace") for name in files}
