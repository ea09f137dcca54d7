"""Properties of parsing that hold for any bytes: nothing raises, nothing is lost, everything is storable."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from transforms.documents import Parsed, parse_file, parse_source
from transforms.frames import document_frame, reject_frame
from transforms.records import SourceFile
from transforms.text import content_sha256

SUFFIXES = st.sampled_from([".txt", ".md", ".jsonl", ".TXT", ".pdf", ""])
# st.text() leaves out lone surrogates; JSON escapes and odd file names carry them, so they are mixed in,
# with control characters and line breaks, piece by piece (an alphabet of alternatives rarely draws them).
ODD_CHARACTERS = st.characters(categories=["Cs"]) | st.sampled_from("\x00\x07\x1b\x7f\x85\u2028\r\n\t\f")
ANY_TEXT = st.lists(st.text(max_size=20) | ODD_CHARACTERS, max_size=12).map("".join)
SHORT_TEXT = st.lists(st.text(max_size=4) | ODD_CHARACTERS, max_size=4).map("".join)
# Raw bytes alone rarely reach the JSON and front-matter paths; these shapes do.
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | ANY_TEXT,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(SHORT_TEXT, children, max_size=3),
    max_leaves=6,
)
FRONT_MATTER = ANY_TEXT.map(lambda body: f"---\n{body}\n---\n")
JSONL_LINES = st.fixed_dictionaries(
    {"text": ANY_TEXT},
    optional={name: JSON_VALUES for name in ("title", "published", "url", "outlet", "author")},
).map(json.dumps) | JSON_VALUES.map(json.dumps)
JSONL_FILES = st.lists(JSONL_LINES, max_size=4).map(lambda lines: "\n".join(lines).encode("utf-8", "surrogatepass"))
MARKDOWN_FILES = st.tuples(FRONT_MATTER, ANY_TEXT).map(lambda parts: "".join(parts).encode("utf-8", "surrogatepass"))
TEXT = st.one_of(
    st.binary(max_size=400),
    ANY_TEXT.flatmap(lambda text: st.sampled_from(
        ["utf-8", "utf-16", "utf-16-be", "utf-32", "cp1252"]).map(lambda codec: text.encode(codec, "replace"))),
    JSONL_FILES,
    MARKDOWN_FILES,
    st.lists(st.binary(max_size=40), max_size=6).map(b"\n".join),
)


def _assert_storable(parsed: Parsed) -> None:
    assert parsed.documents or parsed.rejects
    for record in (*parsed.documents, *parsed.rejects):
        for value in vars(record).values():
            if isinstance(value, str):
                value.encode("utf-8")
    document_frame(parsed.documents).to_arrow()
    reject_frame(parsed.rejects).to_arrow()


@settings(max_examples=200, deadline=None)
@given(data=TEXT, suffix=SUFFIXES)
def test_parse_source_any_bytes_give_storable_documents_or_rejects(data: bytes, suffix: str) -> None:
    _assert_storable(parse_source(f"feed{suffix}", data))


@settings(max_examples=150, deadline=None)
@given(data=JSONL_FILES)
def test_parse_source_any_json_lines_give_storable_documents_or_rejects(data: bytes) -> None:
    _assert_storable(parse_source("feed.jsonl", data))


@settings(max_examples=100, deadline=None)
@given(data=MARKDOWN_FILES)
def test_parse_source_any_front_matter_gives_storable_documents_or_rejects(data: bytes) -> None:
    _assert_storable(parse_source("article.md", data))


@settings(max_examples=100, deadline=None)
@given(data=TEXT, suffix=SUFFIXES, name=SHORT_TEXT)
def test_parse_file_any_name_and_bytes_give_storable_documents_or_rejects(data: bytes, suffix: str, name: str) -> None:
    _assert_storable(parse_file(SourceFile(name + suffix, len(data), content_sha256(data), data)))
