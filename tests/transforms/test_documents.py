"""Turning the bytes of .txt, .md and .jsonl files into documents or rejects."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

import pytest

from transforms.documents import MAX_DOCUMENT_CHARS, Parsed, parse_file, parse_source, published_date
from transforms.frames import document_frame
from transforms.records import Document, Reject, SourceFile
from transforms.text import content_sha256, document_id


def _only_document(source_path: str, data: bytes) -> Document:
    parsed = parse_source(source_path, data)
    assert parsed.rejects == ()
    (document,) = parsed.documents
    return document


def _only_reject(source_path: str, data: bytes) -> Reject:
    parsed = parse_source(source_path, data)
    assert parsed.documents == ()
    (reject,) = parsed.rejects
    return reject


# ---------------------------------------------------------------- plain text


def test_txt_file_gives_one_normalised_document_at_line_zero() -> None:
    document = _only_document("news/a.txt", b"\xef\xbb\xbf  First line.\r\nSecond line.\r\n")
    assert document == Document(
        document_id=document_id("First line.\nSecond line."),
        source_path="news/a.txt",
        source_line=0,
        text="First line.\nSecond line.",
        section="news",
        section_source="folder",
    )


def test_txt_suffix_is_matched_case_insensitively() -> None:
    assert _only_document("A.TXT", b"Shouting suffix.").text == "Shouting suffix."


# ---------------------------------------------------------------- markdown front matter

FRONT_MATTER = b"""---
title: Leaders meet in Nara
published: 2025-01-13
url: https://news.example/nara
outlet: The Example Times
author: Jo Bloggs
---
The body of the article.
"""


def test_md_front_matter_fills_every_metadata_field() -> None:
    document = _only_document("a.md", FRONT_MATTER)
    assert document.text == "The body of the article."
    assert document.document_id == document_id("The body of the article.")
    assert (document.title, document.published, document.url, document.outlet, document.author) == (
        "Leaders meet in Nara", date(2025, 1, 13), "https://news.example/nara", "The Example Times", "Jo Bloggs")


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("2025-01-13", date(2025, 1, 13)),  # YAML date
        ("2025-01-13 09:30:00", date(2025, 1, 13)),  # YAML timestamp
        ("'2025-01-13'", date(2025, 1, 13)),  # ISO string
        ("'2025-01-13T09:30:00Z'", date(2025, 1, 13)),
        ("'2025-01-13T23:30:00-05:00'", date(2025, 1, 13)),  # the date as written, not converted to UTC
        ("'13 January 2025'", None),
        ("''", None),
    ],
)
def test_md_published_as_date_or_iso_string(published: str, expected: date | None) -> None:
    data = f"---\npublished: {published}\n---\nBody.\n".encode()
    assert _only_document("a.md", data).published == expected


def test_md_without_front_matter_takes_its_heading_as_title_and_nothing_else() -> None:
    document = _only_document("a.md", b"# Heading\n\nJust a body.")
    assert document.text == "# Heading\n\nJust a body."
    assert (document.title, document.title_source) == ("Heading", "headline")
    assert (document.published, document.url, document.outlet, document.author, document.section) == (None,) * 5


def test_md_blank_metadata_values_become_none() -> None:
    document = _only_document("a.md", b"---\ntitle: '   '\nauthor:\n---\nBody.\n")
    assert (document.title, document.author) == (None, None)


@pytest.mark.parametrize(
    "front_matter",
    [b"title: [unclosed", b"title: a: b: c", b"title: 'open string"],
)
def test_md_malformed_front_matter_is_rejected(front_matter: bytes) -> None:
    reject = _only_reject("bad.md", b"---\n" + front_matter + b"\n---\nBody.\n")
    assert (reject.source_path, reject.source_line, reject.reason_code) == ("bad.md", 0, "malformed_front_matter")


def test_md_with_front_matter_but_no_body_is_rejected_as_empty() -> None:
    reject = _only_reject("a.md", b"---\ntitle: Only a title\n---\n\n")
    assert reject.reason_code == "empty"


# ---------------------------------------------------------------- JSON lines

JSONL = b"""{"text": "First article.", "title": "One", "published": "2025-01-13", "outlet": "Wire"}

{not json
[1, 2, 3]
{"title": "no text field"}
{"text": 42}
   
{"text": "  \\r\\n  "}
{"text": "Second\\r\\narticle."}
"""


def test_jsonl_good_lines_become_documents_with_their_line_numbers() -> None:
    parsed = parse_source("feed.jsonl", JSONL)
    assert [(d.source_line, d.text) for d in parsed.documents] == [(1, "First article."), (9, "Second\narticle.")]
    first = parsed.documents[0]
    assert (first.title, first.published, first.outlet, first.document_id) == (
        "One", date(2025, 1, 13), "Wire", document_id("First article."))


def test_jsonl_bad_lines_are_rejected_with_line_numbers_and_blank_lines_skipped() -> None:
    parsed = parse_source("feed.jsonl", JSONL)
    assert [(r.source_line, r.reason_code) for r in parsed.rejects] == [
        (3, "malformed_json"),  # not JSON
        (4, "malformed_json"),  # JSON, not an object
        (5, "missing_text"),
        (6, "missing_text"),  # text is not a string
        (8, "empty"),  # text is only whitespace
    ]
    assert all(r.source_path == "feed.jsonl" for r in parsed.rejects)


def test_jsonl_with_only_blank_lines_is_rejected_as_empty() -> None:
    reject = _only_reject("feed.jsonl", b"\n\n")
    assert (reject.source_line, reject.reason_code) == (0, "empty")


# ---------------------------------------------------------------- whole-file rejects


@pytest.mark.parametrize("name", ["a.txt", "a.md", "a.jsonl"])
@pytest.mark.parametrize("data", [b"", b"  \n\t \r\n"])
def test_empty_or_whitespace_file_is_rejected_as_empty(name: str, data: bytes) -> None:
    reject = _only_reject(name, data)
    assert (reject.source_path, reject.source_line, reject.reason_code) == (name, 0, "empty")


@pytest.mark.parametrize(("name", "shown"), [("report.pdf", ".pdf"), ("README", "(none)"), ("page.html", ".html")])
def test_unsupported_extension_is_rejected(name: str, shown: str) -> None:
    reject = _only_reject(name, b"Some text.")
    assert reject.reason_code == "unsupported_type"
    assert shown in reject.reason


def test_nul_bytes_are_rejected_as_binary() -> None:
    assert _only_reject("a.txt", b"PK\x03\x04\x00\x00binary").reason_code == "binary"


def test_document_longer_than_limit_is_rejected_as_too_large() -> None:
    reject = _only_reject("big.txt", b"a" * (MAX_DOCUMENT_CHARS + 1))
    assert (reject.source_line, reject.reason_code) == (0, "too_large")


def test_document_exactly_at_limit_is_accepted() -> None:
    assert len(_only_document("big.txt", b"a" * MAX_DOCUMENT_CHARS).text) == MAX_DOCUMENT_CHARS


def test_jsonl_line_longer_than_limit_is_rejected_alone() -> None:
    big = b'{"text": "' + b"a" * (MAX_DOCUMENT_CHARS + 1) + b'"}\n{"text": "Small."}\n'
    parsed = parse_source("feed.jsonl", big)
    assert [(r.source_line, r.reason_code) for r in parsed.rejects] == [(1, "too_large")]
    assert [d.source_line for d in parsed.documents] == [2]


# ---------------------------------------------------------------- parse_file


def test_parse_file_with_read_error_is_rejected_with_its_code_and_reason() -> None:
    file = SourceFile("huge.txt", 10**9, None, None, "too_large", "file is 1,000,000,000 bytes")
    assert parse_file(file).rejects == (Reject("huge.txt", 0, "too_large", "file is 1,000,000,000 bytes"),)
    assert parse_file(file).documents == ()


def test_parse_file_without_data_or_code_is_rejected_as_unreadable() -> None:
    (reject,) = parse_file(SourceFile("gone.txt", 0, None)).rejects
    assert (reject.source_path, reject.reason_code) == ("gone.txt", "unreadable")


def test_parse_file_with_data_parses_the_bytes() -> None:
    data = b"An article."
    parsed = parse_file(SourceFile("a.txt", len(data), content_sha256(data), data))
    assert [d.text for d in parsed.documents] == ["An article."]


# ---------------------------------------------------------------- published_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2025, 1, 13), date(2025, 1, 13)),
        (datetime(2025, 1, 13, 23, 59, tzinfo=timezone.utc), date(2025, 1, 13)),
        ("2025-01-13", date(2025, 1, 13)),
        (" 2025-01-13T09:30:00Z ", date(2025, 1, 13)),
        ("2025-01-13, updated later", date(2025, 1, 13)),  # leading ISO date kept
        ("January 13, 2025", None),
        ("", None),
        (20250113, None),
        (None, None),
    ],
)
def test_published_date_reads_dates_datetimes_and_iso_strings(value: object, expected: date | None) -> None:
    assert published_date(value) == expected


# ---------------------------------------------------------------- strings that leave the parser


def _all_strings(parsed: Parsed) -> list[str]:
    return [value for record in (*parsed.documents, *parsed.rejects) for value in vars(record).values()
            if isinstance(value, str)]


def test_jsonl_lone_surrogate_in_text_and_metadata_becomes_replacement_character() -> None:
    parsed = parse_source("feed.jsonl", b'{"text": "ok \\ud800", "title": "T \\udc80", "author": "\\ud83d\\ude00"}\n')
    (document,) = parsed.documents
    assert (document.text, document.title, document.author) == ("ok \ufffd", "T \ufffd", "\U0001f600")
    assert all(value.encode("utf-8") for value in _all_strings(parsed))
    document_frame(parsed.documents).to_arrow()


def test_jsonl_nul_escape_and_bell_escapes_are_removed_from_text_and_metadata() -> None:
    document = _only_document("feed.jsonl", b'{"text": "a\\u0000b \\u001b[1mbold\\u0007", "title": "x\\u0000y"}\n')
    assert (document.text, document.title) == ("ab [1mbold", "xy")


def test_txt_escape_and_bell_bytes_are_removed_from_text() -> None:
    assert _only_document("a.txt", b"Alarm\x07 \x1b[0mreset").text == "Alarm [0mreset"


def test_jsonl_unicode_line_separator_inside_a_string_stays_in_one_document() -> None:
    data = json.dumps({"text": "one\u2028two\x85three\x1cfour"}, ensure_ascii=False).encode() + b"\n"
    assert _only_document("feed.jsonl", data).source_line == 1


@pytest.mark.parametrize("line", [b"[" * 100_000, b'{"text": "x", "n": ' + b"1" * 5000 + b"}"])
def test_jsonl_line_json_cannot_hold_is_malformed_json(line: bytes) -> None:
    reject = _only_reject("feed.jsonl", line + b"\n")
    assert (reject.source_line, reject.reason_code) == (1, "malformed_json")


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-32-be"])
def test_utf16_and_utf32_files_become_documents(codec: str) -> None:
    document = _only_document("a.md", "---\ntitle: Zürich\n---\nThe café said “yes”.\n".encode(codec))
    assert (document.title, document.text) == ("Zürich", "The café said “yes”.")


def test_mixed_utf8_and_cp1252_file_records_both_encodings() -> None:
    data = "The café said “yes”.\n".encode() + "Old line: café “quoted”.\n".encode("cp1252")
    document = _only_document("a.txt", data)
    assert (document.text, document.source_encoding) == (
        "The café said “yes”.\nOld line: café “quoted”.", "utf-8+cp1252")


def test_parse_source_path_with_lone_surrogate_is_made_utf8() -> None:
    parsed = parse_source("bad_\udcff.txt", b"Text.")
    assert all(value.encode("utf-8") for value in _all_strings(parsed))
