"""Sources: a named root folder or `.jsonl` file, and which of its files are articles.

Many sources load into one warehouse side by side; a document is current or removed within its
own source only, so one source's run never touches another's documents.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import PurePosixPath

from transforms.metadata import DEFAULT_SECTION_PATTERN, Layout

# Files beside the articles that are not articles: read-me, licence and change notes (hidden
# files are never listed). An operator who passes --exclude replaces this list.
DEFAULT_EXCLUDE = ("README*", "LICENSE*", "LICENCE*", "COPYING*", "CHANGELOG*", "NOTICE*")
DEFAULT_INCLUDE = ("*",)


@dataclass(frozen=True)
class SourceSpec:
    """A source as a run reads it: its name, where it is, and which of its files to load."""

    name: str
    root: str  # absolute path of the folder, or of the .jsonl file
    kind: str  # folder | jsonl_file
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    layout: Layout = field(default_factory=Layout)

    @property
    def source_id(self) -> str:
        """Return the source's stable id (see `source_id`)."""
        return source_id(self.name)


def source_id(name: str) -> str:
    """Return a source's stable id: the first 16 hex digits of the SHA-256 of its name."""
    return hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]


def default_name(root: str) -> str:
    """Return the name a source gets when the operator gives none: the folder's or file's base name."""
    path = PurePosixPath(root.rstrip("/"))
    return path.stem if path.suffix.lower() == ".jsonl" else path.name


def source_spec(root: str, kind: str, *, name: str | None = None, include: Sequence[str] | None = None,
                exclude: Sequence[str] | None = None, section_pattern: str | None = DEFAULT_SECTION_PATTERN
                ) -> SourceSpec:
    """Return the spec of a source at `root`, raising ValueError with the reason when an option is unusable."""
    name = (name if name is not None else default_name(root)).strip()
    if not name:
        raise ValueError(f"source {root} needs a name: pass --source-name")
    include = tuple(include) if include else DEFAULT_INCLUDE
    exclude = tuple(exclude) if exclude is not None else DEFAULT_EXCLUDE
    try:
        layout = Layout(section_pattern or None)
    except ValueError as error:
        raise ValueError(f"--section-pattern: {error}") from error
    except Exception as error:  # re.error: the pattern is not a regular expression
        raise ValueError(f"--section-pattern {section_pattern!r} is not a regular expression: {error}") from error
    return SourceSpec(name, root, kind, include, exclude, layout)


def matches(path: str, globs: Iterable[str]) -> bool:
    """Return whether a relative path matches any glob, case-insensitively.

    A glob with a slash is matched against the whole path (`text/*.txt`); one without is matched
    against the file name and each folder name (`README*`, `drafts`), as in `.gitignore`.
    """
    lowered = path.lower()
    parts = lowered.rstrip("/").split("/")
    for glob in globs:
        glob = glob.lower().strip("/")
        if "/" in glob:
            if fnmatchcase(lowered.rstrip("/"), glob):
                return True
        elif any(fnmatchcase(part, glob) for part in parts):
            return True
    return False


@dataclass(frozen=True)
class Selection:
    """The paths a run loads, and how many the source's globs left out."""

    paths: tuple[str, ...]
    excluded: int


def selected_paths(paths: Iterable[str], spec: SourceSpec) -> Selection:
    """Return the paths the source's include and exclude globs keep, in order."""
    paths = list(paths)
    kept = tuple(p for p in paths if matches(p, spec.include) and not matches(p, spec.exclude))
    return Selection(kept, len(paths) - len(kept))
