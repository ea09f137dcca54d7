"""Turning the bytes of a source file into documents, or rejects with a reason."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import PurePosixPath
from typing import Any

import frontmatter

from transforms.metadata import Layout, headline, path_date, path_section
from transforms.records import Document, Reject, SourceFile
from transforms.text import DecodeError, decoded_text, document_id, normalised_text, utf8_safe

TEXT_SUFFIXES = frozenset({".txt", ".md"})
JSONL_SUFFIXES = frozenset({".jsonl"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES
# An article over spaCy's default nlp.max_length (1,000,000 characters) is not news, so it is
# rejected; anything shorter but long is parsed in pieces (transforms/nlp.py, PIECE_CHARS).
MAX_DOCUMENT_CHARS = 1_000_000
METADATA_FIELDS = ("title", "url", "outlet", "author", "section")
# Front matter and JSON lines name the publication date in one of these fields, first wins.
DATE_FIELDS = ("published", "date", "published_at", "publication_date")
# JSON lines end at LF, CRLF or CR only: U+2028, NEL and the like may sit inside a JSON string.
_JSONL_LINE_END = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class Parsed:
    """The documents and rejects one source file gives."""

    documents: tuple[Document, ...]
    rejects: tuple[Reject, ...]


def parse_file(file: SourceFile, layout: Layout = Layout()) -> Parsed:
    """Return the documents in a file that was read, or why it gives none."""
    if file.data is None:
        return _rejected(utf8_safe(file.source_path), 0, file.read_error_code or "unreadable",
                         file.read_error or "file could not be read")
    return parse_source(file.source_path, file.data, layout)


def parse_source(source_path: str, data: bytes, layout: Layout = Layout()) -> Parsed:
    """Return the documents in a file's bytes, or the reasons they cannot be loaded.

    Every string in the result encodes as UTF-8: lone surrogates become U+FFFD.
    """
    source_path = utf8_safe(source_path)
    suffix = PurePosixPath(source_path).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        return _rejected(source_path, 0, "unsupported_type",
                         f"unsupported file type {suffix or '(none)'}; expected .txt, .md or .jsonl")
    if not data.strip():
        return _rejected(source_path, 0, "empty", "file is empty")
    try:
        text, encoding = decoded_text(data)
    except DecodeError as error:
        return _rejected(source_path, 0, error.reason_code, error.reason)
    if suffix in JSONL_SUFFIXES:
        return _parse_jsonl(source_path, text, encoding, layout)
    return _parse_text(source_path, text, encoding, layout)


def _rejected(source_path: str, line: int, code: str, reason: str) -> Parsed:
    return Parsed((), (_reject(source_path, line, code, reason),))


def _reject(source_path: str, line: int, code: str, reason: str) -> Reject:
    # Library error messages may quote the input.
    return Reject(source_path, line, code, utf8_safe(reason))


def _parse_text(source_path: str, raw: str, encoding: str, layout: Layout) -> Parsed:
    try:
        post = frontmatter.loads(raw)
    except Exception as error:  # YAML errors come in several classes
        return _rejected(source_path, 0, "malformed_front_matter", f"front matter is not valid YAML: {error}")
    outcome = _document(source_path, 0, post.content, _Metadata(post.metadata, "front_matter", layout), encoding)
    return Parsed((outcome,), ()) if isinstance(outcome, Document) else Parsed((), (outcome,))


def _parse_jsonl(source_path: str, raw: str, encoding: str, layout: Layout) -> Parsed:
    documents: list[Document] = []
    rejects: list[Reject] = []
    for line_number, line in enumerate(_JSONL_LINE_END.split(raw), start=1):
        if not line.strip():
            continue
        outcome = _jsonl_document(source_path, line_number, line, encoding, layout)
        (documents if isinstance(outcome, Document) else rejects).append(outcome)
    if not documents and not rejects:
        rejects.append(_reject(source_path, 0, "empty", "file has no JSON lines"))
    return Parsed(tuple(documents), tuple(rejects))


def _jsonl_document(source_path: str, line_number: int, line: str, encoding: str,
                    layout: Layout) -> Document | Reject:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return _reject(source_path, line_number, "malformed_json",
                       f"line is not valid JSON: {error.msg} at column {error.colno}")
    except (ValueError, RecursionError) as error:  # an integer too long to convert, nesting too deep
        return _reject(source_path, line_number, "malformed_json", f"line is JSON that cannot be read: {error}")
    if not isinstance(record, dict):
        return _reject(source_path, line_number, "malformed_json", "line is JSON but not an object")
    text = record.get("text")
    if not isinstance(text, str):
        return _reject(source_path, line_number, "missing_text", "JSON object has no string field 'text'")
    return _document(source_path, line_number, text, _Metadata(record, "json", layout), encoding)


@dataclass(frozen=True)
class _Metadata:
    """The fields a file gives its article, what kind of file gave them, and the source's layout."""

    fields: Mapping[str, Any]
    given_by: str  # front_matter | json
    layout: Layout


def _document(source_path: str, line: int, body: str, metadata: _Metadata, encoding: str) -> Document | Reject:
    text = normalised_text(body)
    if not text:
        return _reject(source_path, line, "empty", "article has no text")
    if len(text) > MAX_DOCUMENT_CHARS:
        return _reject(source_path, line, "too_large",
                      f"article has {len(text):,} characters; the limit is {MAX_DOCUMENT_CHARS:,}")
    fields = {name: _metadata_text(metadata.fields.get(name)) for name in METADATA_FIELDS}
    title = _first_found((fields["title"], metadata.given_by), (headline(text), "headline"))
    given_date = next((d for d in (published_date(metadata.fields.get(f)) for f in DATE_FIELDS) if d), None)
    published = _first_found((given_date, metadata.given_by), (path_date(source_path), "path"))
    from_path = path_section(source_path, metadata.layout)
    section = _first_found((fields["section"], metadata.given_by), (from_path.value, from_path.source))
    return Document(
        document_id=document_id(text),
        source_path=source_path,
        source_line=line,
        text=text,
        title=title[0],
        published=published[0],
        url=fields["url"],
        outlet=fields["outlet"],
        author=fields["author"],
        source_encoding=encoding,
        section=section[0],
        title_source=title[1],
        published_source=published[1],
        section_source=section[1],
    )


def _first_found(*candidates: tuple[Any, str | None]) -> tuple[Any, str | None]:
    """Return the first candidate (value, where it came from) that has a value, or (None, None)."""
    return next(((value, source) for value, source in candidates if value), (None, None))


def _metadata_text(value: Any) -> str | None:
    """Return a metadata value as text normalised like the article's, or None when blank."""
    if value is None:
        return None
    return normalised_text(str(value)) or None


def published_date(value: Any) -> date | None:
    """Return the publication date in a front-matter or JSON value, or None when it has none."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    candidate = value.strip().replace("Z", "+00:00")
    for parse in (datetime.fromisoformat, date.fromisoformat):
        try:
            parsed = parse(candidate)
        except ValueError:
            continue
        return parsed.date() if isinstance(parsed, datetime) else parsed
    try:
        return date.fromisoformat(candidate[:10])
    except ValueError:
        return None
