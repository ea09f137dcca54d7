"""What a plain file says about its article beyond the text: a headline, a section, a date.

Each finder returns the value and where it came from, so the warehouse can say which
documents' dates or sections were read and which were inferred from a path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath

# A headline is one short line with a blank line after it and more text below.
HEADLINE_MAX_CHARS = 160
HEADLINE_MAX_WORDS = 25
# Dates written in paths: 2016-03-11, 2016_03_11, 2016.03.11, 2016/03/11, or 20160311 standing alone.
_PATH_DATE = re.compile(
    r"(?<![0-9])((?:19|20)[0-9]{2})([-_./]?)([01][0-9])\2([0-3][0-9])(?![0-9])"
)
# A Markdown heading's marks are not part of the title.
_HEADING_MARKS = re.compile(r"^#{1,6}\s+|\s+#+$")
# By default the section is the first folder below the source root.
DEFAULT_SECTION_PATTERN = r"^(?P<section>[^/]+)/"


@dataclass(frozen=True)
class Found:
    """A metadata value and where it came from (None for both when nothing was found)."""

    value: object = None
    source: str | None = None


@dataclass(frozen=True)
class Layout:
    """How a source's paths carry metadata: the regular expression whose `section` group (or
    first group) names the section, searched in the path relative to the source root; None when
    paths carry no section."""

    section_pattern: str | None = DEFAULT_SECTION_PATTERN

    def __post_init__(self) -> None:
        if self.section_pattern:
            compiled = re.compile(self.section_pattern)  # raises re.error for the caller to report
            if compiled.groups == 0:
                raise ValueError(f"section pattern {self.section_pattern!r} has no group to take the section from")


def headline(text: str) -> str | None:
    """Return the first line of `text` when it reads as a headline: short, one line, then a blank line."""
    first, blank, rest = text.partition("\n\n")
    if not blank or not rest.strip() or "\n" in first:
        return None
    first = _HEADING_MARKS.sub("", first.strip()).strip()
    if not first or len(first) > HEADLINE_MAX_CHARS or len(first.split()) > HEADLINE_MAX_WORDS:
        return None
    return first


def path_date(source_path: str) -> date | None:
    """Return the first valid calendar date written in a path (folders or file name), or None."""
    for match in _PATH_DATE.finditer(source_path):
        year, _, month, day = match.groups()
        try:
            return date(int(year), int(month), int(day))
        except ValueError:
            continue
    return None


def path_section(source_path: str, layout: Layout) -> Found:
    """Return the section a path names under `layout`, with source `folder` or `pattern`."""
    if not layout.section_pattern:
        return Found()
    match = re.search(layout.section_pattern, PurePosixPath(source_path).as_posix())
    if match is None:
        return Found()
    value = match.groupdict().get("section") or match.group(1)
    if not value:
        return Found()
    kind = "folder" if layout.section_pattern == DEFAULT_SECTION_PATTERN else "pattern"
    return Found(value, kind)
