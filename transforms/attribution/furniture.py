"""Page furniture: lines of a news page that are not prose, so no quote in them is reported speech.

Link teasers, captions and photo credits, bylines and wire credits, copyright lines, embedded
social posts and newsletter prompts read like speech to a quote extractor ("READ MORE: …",
"… pic.twitter.com/x — Name (@handle) May 2, 2019"). The patterns that recognise them are data,
one regular expression a line in transforms/data/page_furniture.txt, which operators extend.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

# One line's content without its surrounding blanks (a byte-order mark counts as blank).
_LINE_CONTENT = re.compile(r"[^\s\ufeff](?:[^\n]*[^\s\ufeff])?")


@cache
def furniture_patterns() -> tuple[re.Pattern[str], ...]:
    """Return the page-furniture patterns from the data file, compiled case-insensitively."""
    text = resources.files("transforms").joinpath("data", "page_furniture.txt").read_text(encoding="utf-8")
    lines = (line.strip() for line in text.splitlines())
    return tuple(re.compile(line, re.IGNORECASE) for line in lines if line and not line.startswith("#"))


def is_furniture(line: str) -> bool:
    """Return whether one line (a paragraph) of text is page furniture rather than prose."""
    content = _LINE_CONTENT.search(line)
    return content is not None and _matches(content.group())


def furniture_lines(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) character offsets of every furniture line in `text`, in order.

    A line is the text between two newlines; its span leaves out surrounding blanks, so
    `text[start:end]` is the stripped line.
    """
    return [content.span() for content in _LINE_CONTENT.finditer(text) if _matches(content.group())]


@cache
def _compiled() -> tuple[re.Pattern[str], tuple[re.Pattern[str], ...]]:
    """The patterns anchored at the line's start as one alternation (tried at one position only, so
    one scan a line), and the others one by one."""
    anchored = [p.pattern[1:] for p in furniture_patterns() if p.pattern.startswith("^")]
    floating = tuple(p for p in furniture_patterns() if not p.pattern.startswith("^"))
    return re.compile("^(?:" + "|".join(f"(?:{a})" for a in anchored) + ")", re.IGNORECASE), floating


def _matches(content: str) -> bool:
    anchored, floating = _compiled()
    return anchored.search(content) is not None or any(pattern.search(content) for pattern in floating)
