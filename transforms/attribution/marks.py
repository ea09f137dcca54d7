"""Finding quoted spans in raw text: every quotation style, apostrophes told apart.

This module sees only characters; `transforms.quotes` classifies the spans and finds
their speakers with the parse.
"""

from __future__ import annotations

from dataclasses import dataclass

# Opening mark -> closing marks it accepts.
# Copy edited by many hands mixes straight and curly marks: `“…"` and `"…”` are quotations too.
_DOUBLE_PAIRS = {"“": "”\"", "«": "»", "„": "“”"}
_OPENING_CONTEXT = set(" \t\n\u00a0\u202f([{—–-/:;“\"‘'«")
_MIN_CONTENT_CHARS = 2


@dataclass(frozen=True)
class QuoteSpan:
    """A quotation: where its marks stand and where its content (without the marks) lies."""

    open_char: int
    close_char: int
    start_char: int
    end_char: int

    @property
    def outer_end(self) -> int:
        """Return the offset just past the closing mark."""
        return self.close_char + 1


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """Return every outermost quotation in `text`, in order of position."""
    paragraphs = _paragraphs(text)
    candidates = (
        _double_quotes(text, paragraphs)
        + _single_quotes(text, paragraphs, "‘", "’")
        + _single_quotes(text, paragraphs, "'", "'")
    )
    spans = [span for span in (_trimmed(text, c) for c in candidates) if span is not None]
    return _outermost(spans)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """Return (start, end) of each non-empty line: a paragraph in news text."""
    bounds, start = [], 0
    for line in text.split("\n"):
        if line.strip():
            bounds.append((start, start + len(line)))
        start += len(line) + 1
    return bounds


def _is_opening_position(text: str, at: int) -> bool:
    before_ok = at == 0 or text[at - 1] in _OPENING_CONTEXT
    # French typography puts a (no-break) space inside guillemets: « pas question »
    after_ok = at + 1 < len(text) and (not text[at + 1].isspace() or (text[at] == "«" and text[at + 1] != "\n"))
    return before_ok and after_ok


def _double_quotes(text: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pair double marks (straight, curly, guillemets); a quote left open at the end of a
    paragraph continues when the next paragraph reopens it, as news style does."""
    found: list[tuple[int, int]] = []
    pending: int | None = None  # opening mark of a quote running on from an earlier paragraph
    for index, (start, end) in enumerate(paragraphs):
        open_at: int | None = None
        closers = ""
        for at in range(start, end):
            char = text[at]
            if open_at is None:
                if char == '"' or char in _DOUBLE_PAIRS:
                    if char != '"' and not _is_opening_position(text, at):
                        continue
                    open_at = at
                    closers = '"”' if char == '"' else _DOUBLE_PAIRS[char]
            elif char == text[open_at] and _reopens_after_sentence(text, at, open_at):
                continue  # paragraphs run together: `…not wise. "He lacks…`
            elif char in closers:
                found.append((pending if pending is not None else open_at, at))
                pending = None
                open_at = None
        if open_at is None:
            pending = None
            continue
        next_start = paragraphs[index + 1][0] if index + 1 < len(paragraphs) else None
        reopened = next_start is not None and text[next_start] == text[open_at]
        if reopened:
            pending = pending if pending is not None else open_at
        else:
            pending = None
    return found


def _reopens_after_sentence(text: str, at: int, open_at: int) -> bool:
    """Whether a mark inside an open quote reopens it after a full sentence, as a new paragraph would."""
    before = text[open_at + 1 : at]
    return (_is_opening_position(text, at) and before[-1:].isspace()
            and before.rstrip()[-1:] in {".", "?", "!"})


def _single_quotes(text: str, paragraphs: list[tuple[int, int]], opener: str, closer: str) -> list[tuple[int, int]]:
    """Pair single marks within paragraphs; a closing mark inside a word is an apostrophe."""
    found: list[tuple[int, int]] = []
    for start, end in paragraphs:
        at = start
        while at < end:
            if text[at] == opener and _is_opening_position(text, at) and not _is_elision(text, at, end):
                close = _single_closer(text, at + 1, end, closer)
                if close is not None:
                    found.append((at, close))
                    at = close
            at += 1
    return found


def _is_elision(text: str, at: int, end: int) -> bool:
    """Return whether the mark at `at` starts an elided word (`'90s`, `’em`, `'n'`)."""
    rest = text[at + 1 : min(end, at + 4)]
    return rest[:1].isdigit() or rest.lower() in {"em ", "n' ", "n’ "} or rest.lower().startswith(("tis", "twas"))


def _single_closer(text: str, start: int, end: int, closer: str) -> int | None:
    """Return the closing mark of a single quote opened before `start`, or None."""
    candidates = [
        at for at in range(start, end)
        if text[at] == closer and not text[at + 1 : at + 2].isalnum() and not text[at - 1].isspace()
    ]
    if not candidates:
        return None
    for at in candidates:
        if text[at - 1] in ".,!?;:—–-" or at + 1 >= end or not text[at + 1].isspace():
            return at
        if not _looks_like_plural_possessive(text, at):
            return at
    return candidates[-1]  # every candidate looks like `nations’ economies`: the last one closes


def _looks_like_plural_possessive(text: str, at: int) -> bool:
    """`nations’ economies`: an s, the mark, a space and a lower-case word."""
    return text[at - 1] == "s" and text[at + 1 : at + 2] == " " and text[at + 2 : at + 3].islower()


def _trimmed(text: str, candidate: tuple[int, int]) -> QuoteSpan | None:
    open_at, close_at = candidate
    start, end = open_at + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    content = text[start:end]
    if len(content) < _MIN_CONTENT_CHARS or not any(ch.isalpha() for ch in content):
        return None
    return QuoteSpan(open_at, close_at, start, end)


def _outermost(spans: list[QuoteSpan]) -> list[QuoteSpan]:
    """Drop spans nested inside another, and the later of two that overlap."""
    kept: list[QuoteSpan] = []
    for span in sorted(spans, key=lambda s: (s.open_char, -s.close_char)):
        if kept and span.open_char <= kept[-1].close_char:
            continue
        kept.append(span)
    return kept
