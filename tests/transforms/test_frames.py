"""Polars frames shaped like the warehouse tables."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from transforms.canonical import entity_id
from transforms.lexicon import Alias
from transforms.frames import (
    alias_list_frame,
    DOCUMENT_SCHEMA, ENTITY_SCHEMA, FILE_SCHEMA, ID_SCHEMA, MENTION_SCHEMA, QUOTE_ENTITY_SCHEMA, QUOTE_SCHEMA,
    REJECT_SCHEMA, SLOT_SCHEMA, document_frame, entity_frame, file_frame, id_frame, mention_frame, mention_id,
    quote_entity_frame, quote_frame, quote_id, reject_frame, slot_frame,
)
from transforms.records import Document, Extraction, Mention, Quote, Reject, SourceFile

TEXT = 'Jane Doe visited Paris. "Paris is lovely in May," Jane Doe said.'
#       0         1         2         3         4         5         6
#       0123456789012345678901234567890123456789012345678901234567890123
QUOTE_START, QUOTE_END = 25, 48  # `Paris is lovely in May,`
JANE = Mention(0, 8, "Jane Doe", "PERSON", 0, "Jane Doe", "PERSON")
PARIS = Mention(17, 22, "Paris", "GPE", 0, "Paris", "GPE")
PARIS_QUOTED = Mention(25, 30, "Paris", "GPE", 1, "Paris", "GPE")
MAY_QUOTED = Mention(44, 47, "May", "DATE", 1, "May", "DATE")
JANE_AGAIN = Mention(50, 58, "Jane Doe", "PERSON", 1, "Jane Doe", "PERSON")
SAID = Quote(QUOTE_START, QUOTE_END, TEXT[QUOTE_START:QUOTE_END], "direct", "said", "Jane Doe", "Jane Doe", "PERSON",
             1, "governing_verb", 0.9, speaker_resolution="name")
DOC = Document("d1", "a.txt", 0, TEXT, title="Visit", published=date(2025, 1, 13), section="world",
               title_source="front_matter", published_source="path", section_source="folder")
EXTRACTION = Extraction("d1", (JANE, PARIS, PARIS_QUOTED, MAY_QUOTED, JANE_AGAIN), (SAID,))


def test_fixture_offsets_index_the_text() -> None:
    for mention in EXTRACTION.mentions:
        assert TEXT[mention.start_char : mention.end_char] == mention.text
    assert TEXT[QUOTE_START - 1] == TEXT[QUOTE_END] == '"'


@pytest.mark.parametrize(
    ("frame", "schema"),
    [
        (document_frame([]), DOCUMENT_SCHEMA),
        (slot_frame([]), SLOT_SCHEMA),
        (mention_frame([]), MENTION_SCHEMA),
        (entity_frame([]), ENTITY_SCHEMA),
        (quote_frame([]), QUOTE_SCHEMA),
        (quote_entity_frame([]), QUOTE_ENTITY_SCHEMA),
        (reject_frame([]), REJECT_SCHEMA),
        (file_frame([], [], []), FILE_SCHEMA),
        (id_frame([]), ID_SCHEMA),
    ],
    ids=["document", "slot", "mention", "entity", "quote", "quote_entity", "reject", "file", "id"],
)
def test_empty_inputs_give_empty_frames_with_the_schema(frame: pl.DataFrame, schema: dict) -> None:
    assert frame.height == 0
    assert frame.schema == pl.Schema(schema)


def test_extraction_without_mentions_or_quotes_gives_empty_frames() -> None:
    empty = [Extraction("d1", (), ())]
    for frame, schema in [(mention_frame(empty), MENTION_SCHEMA), (quote_frame(empty), QUOTE_SCHEMA),
                          (entity_frame(empty), ENTITY_SCHEMA), (quote_entity_frame(empty), QUOTE_ENTITY_SCHEMA)]:
        assert frame.height == 0 and frame.schema == pl.Schema(schema)


def test_document_frame_has_metadata_and_counts() -> None:
    expected = pl.DataFrame(
        {"document_id": ["d1"], "source_path": ["a.txt"], "source_line": [0], "title": ["Visit"],
         "title_source": ["front_matter"], "published": [date(2025, 1, 13)], "published_source": ["path"],
         "section": ["world"], "section_source": ["folder"], "url": [None], "outlet": [None], "author": [None],
         "source_encoding": ["utf-8"], "text": [TEXT], "char_count": [64], "word_count": [12]},
        schema=DOCUMENT_SCHEMA,
    )
    assert len(TEXT) == 64 and len(TEXT.split()) == 12
    assert_frame_equal(document_frame([DOC]), expected)


def test_slot_frame_gives_where_each_document_stands_and_what_its_file_says() -> None:
    docs = [DOC, Document("d2", "feed.jsonl", 3, "Other.")]
    expected = pl.DataFrame({"document_id": ["d1", "d2"], "source_path": ["a.txt", "feed.jsonl"],
                             "source_line": [0, 3], "title": ["Visit", None], "title_source": ["front_matter", None],
                             "published": [date(2025, 1, 13), None], "published_source": ["path", None],
                             "section": ["world", None], "section_source": ["folder", None],
                             "url": [None, None], "outlet": [None, None], "author": [None, None]},
                            schema=SLOT_SCHEMA)
    assert_frame_equal(slot_frame(docs), expected)


def test_mention_frame_one_row_per_mention_with_ordinal_ids() -> None:
    frame = mention_frame([Extraction("d1", (JANE, MAY_QUOTED), ())])
    expected = pl.DataFrame(
        {"mention_id": ["d1-m00000", "d1-m00001"], "document_id": ["d1", "d1"],
         "entity_id": [entity_id("Jane Doe", "PERSON"), entity_id("May", "DATE")],
         "mention_text": ["Jane Doe", "May"], "mention_label": ["PERSON", "DATE"], "title": [None, None],
         "sentence_index": [0, 1], "start_char": [0, 44], "end_char": [8, 47], "alias": ["Jane Doe", "May"],
         "written_entity_type": ["PERSON", "DATE"]},
        schema=MENTION_SCHEMA,
    )
    assert_frame_equal(frame, expected)


def test_entity_frame_gives_distinct_entities_and_whether_named() -> None:
    expected = pl.DataFrame(
        {"entity_id": [entity_id("Jane Doe", "PERSON"), entity_id("May", "DATE"), entity_id("Paris", "GPE")],
         "entity_name": ["Jane Doe", "May", "Paris"], "entity_type": ["PERSON", "DATE", "GPE"],
         "is_named": [True, False, True]},
        schema=ENTITY_SCHEMA,
    )
    assert_frame_equal(entity_frame([EXTRACTION]), expected)


def test_entity_frame_same_entity_across_documents_is_one_row() -> None:
    other = Extraction("d2", (Mention(0, 5, "Paris", "GPE", 0, "Paris", "GPE"),), ())
    frame = entity_frame([EXTRACTION, other])
    assert frame.filter(pl.col("entity_name") == "Paris").height == 1


def test_quote_frame_links_speaker_to_a_mentioned_entity() -> None:
    expected = pl.DataFrame(
        {"quote_id": ["d1-q0000"], "document_id": ["d1"], "quote_text": ["Paris is lovely in May,"],
         "quote_kind": ["direct"], "cue_verb": ["said"], "speaker_mention": ["Jane Doe"],
         "speaker_name": ["Jane Doe"], "speaker_type": ["PERSON"],
         "speaker_entity_id": [entity_id("Jane Doe", "PERSON")], "sentence_index": [1],
         "start_char": [25], "end_char": [48], "rule": ["governing_verb"], "confidence": [0.9],
         "enclosing_quote_id": [None], "speaker_resolution": ["name"]},
        schema=QUOTE_SCHEMA,
    )
    assert_frame_equal(quote_frame([EXTRACTION]), expected)


def test_quote_frame_links_a_nested_fragment_to_its_enclosing_report() -> None:
    clause = Quote(0, 40, "x" * 40, "indirect", "said", "Jane Doe", "Jane Doe", "PERSON", 0, "reported_verb", 0.85)
    fragment = Quote(10, 20, "x" * 10, "partial", "said", "Jane Doe", "Jane Doe", "PERSON", 0, "within_reported",
                     0.85, nested=True)
    frame = quote_frame([Extraction("d1", (), (clause, fragment))])
    assert frame["enclosing_quote_id"].to_list() == [None, "d1-q0000"]


@pytest.mark.parametrize(
    ("name", "kind"),
    [("The ministry", "NOUN_PHRASE"), (None, None), ("Jane Doe", "ORG")],  # not a mentioned (name, type)
)
def test_quote_frame_speaker_without_matching_entity_has_no_entity_id(name: str | None, kind: str | None) -> None:
    quote = Quote(QUOTE_START, QUOTE_END, SAID.text, "direct", "said", name, name, kind, 1, "governing_verb", 0.8)
    frame = quote_frame([Extraction("d1", (JANE,), (quote,))])
    assert frame["speaker_entity_id"].to_list() == [None]


def test_quote_entity_frame_only_mentions_inside_the_quote() -> None:
    expected = pl.DataFrame(
        {"quote_id": ["d1-q0000", "d1-q0000"], "mention_id": ["d1-m00002", "d1-m00003"],
         "entity_id": [entity_id("Paris", "GPE"), entity_id("May", "DATE")], "document_id": ["d1", "d1"]},
        schema=QUOTE_ENTITY_SCHEMA,
    )
    assert_frame_equal(quote_entity_frame([EXTRACTION]), expected)


def test_quote_entity_frame_mention_straddling_the_quote_edge_is_left_out() -> None:
    straddling = Mention(QUOTE_END - 4, QUOTE_END + 2, "May,\" ", "DATE", 1, "May", "DATE")
    frame = quote_entity_frame([Extraction("d1", (straddling,), (SAID,))])
    assert frame.height == 0


def test_reject_frame_drops_repeated_reject_for_same_slot_and_reason() -> None:
    rejects = [Reject("a.txt", 0, "empty", "file is empty"), Reject("a.txt", 0, "empty", "again"),
               Reject("f.jsonl", 2, "malformed_json", "bad")]
    expected = pl.DataFrame({"source_path": ["a.txt", "f.jsonl"], "source_line": [0, 2],
                             "reason_code": ["empty", "malformed_json"], "reason": ["file is empty", "bad"]},
                            schema=REJECT_SCHEMA)
    assert_frame_equal(reject_frame(rejects), expected)


def test_file_frame_counts_documents_and_rejects_per_file() -> None:
    files = [SourceFile("a.txt", 64, "h1"), SourceFile("f.jsonl", 100, "h2"), SourceFile("x.bin", 5, None)]
    documents = [DOC, Document("d2", "f.jsonl", 1, "One."), Document("d3", "f.jsonl", 2, "Two.")]
    rejects = [Reject("f.jsonl", 3, "malformed_json", "bad"), Reject("x.bin", 0, "unreadable", "denied")]
    expected = pl.DataFrame({"source_path": ["a.txt", "f.jsonl", "x.bin"], "file_sha256": ["h1", "h2", None],
                             "size_bytes": [64, 100, 5], "documents": [1, 2, 0], "rejects": [0, 1, 1]},
                            schema=FILE_SCHEMA)
    assert_frame_equal(file_frame(files, documents, rejects), expected)


def test_id_frame_is_one_column_of_ids() -> None:
    assert_frame_equal(id_frame(["a", "b"]), pl.DataFrame({"id": ["a", "b"]}, schema=ID_SCHEMA))


@pytest.mark.parametrize(("ordinal", "expected"), [(0, "d1-m00000"), (42, "d1-m00042"), (12345, "d1-m12345")])
def test_mention_id_is_document_id_and_ordinal(ordinal: int, expected: str) -> None:
    assert mention_id("d1", ordinal) == expected


@pytest.mark.parametrize(("ordinal", "expected"), [(0, "d1-q0000"), (7, "d1-q0007")])
def test_quote_id_is_document_id_and_ordinal(ordinal: int, expected: str) -> None:
    assert quote_id("d1", ordinal) == expected


def test_ids_are_stable_across_rebuilds() -> None:
    assert_frame_equal(mention_frame([EXTRACTION]), mention_frame([EXTRACTION]))
    assert mention_frame([EXTRACTION])["mention_id"].n_unique() == len(EXTRACTION.mentions)


def test_mention_frame_alias_is_the_name_as_written_without_possessive_or_title() -> None:
    written = Mention(0, 24, "President Donald Trump’s", "PERSON", 0, "Donald Trump", "PERSON", "President")
    assert mention_frame([Extraction("d1", (written,), ())])["alias"].to_list() == ["Donald Trump"]


def test_alias_list_frame_points_each_variant_at_its_entity() -> None:
    frame = alias_list_frame([Alias("U.S.", "United States", "GPE")])
    assert frame.row(0) == ("U.S.", entity_id("U.S.", "GPE"), entity_id("United States", "GPE"), "United States", "GPE")


def test_mention_frame_fills_every_column_by_its_name() -> None:
    titled = Mention(0, 8, "Jane Doe", "PERSON", 0, "Jane Doe", "PERSON", title="Dr")
    frame = mention_frame([Extraction("d1", (titled,), ())])
    assert frame.null_count().sum_horizontal().item() == 0
    assert frame["title"].to_list() == ["Dr"]
