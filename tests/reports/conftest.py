"""Fixtures of the report tests: a small warehouse of known rows, and an empty one."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from warehouse.load import ensure_schema

# Four documents: two dated and sectioned, one with neither, and one whose file was removed.
DOCUMENTS = [
    ("d1", "politics/a.txt", "2024-01-15", "politics", True),
    ("d2", "business/b.txt", "2024-03-02", "business", True),
    ("d3", "c.txt", None, None, True),
    ("d4", "politics/gone.txt", "2024-01-20", "politics", False),
]
ENTITIES = [("e1", "Jane Roe", "PERSON", True), ("e2", "Oslo", "GPE", True), ("e3", "Acme", "ORG", True),
            ("e4", "John Doe", "PERSON", True), ("e5", "2024", "DATE", False)]
# quote_id, document_id, kind, speaker (name, type, entity), enclosing quote, entities mentioned
QUOTES = [
    ("q1", "d1", "indirect", ("Jane Roe", "PERSON", "e1"), None, ["e2", "e5"]),
    ("q2", "d1", "partial", ("Jane Roe", "PERSON", "e1"), "q1", ["e2"]),  # a fragment inside q1
    ("q3", "d1", "direct", ("Jane Roe", "PERSON", "e1"), None, ["e1", "e3"]),  # she names herself
    ("q4", "d1", "belief", ("Jane Roe", "PERSON", "e1"), None, ["e2"]),
    ("q5", "d1", "scare", (None, None, None), None, []),
    ("q6", "d2", "direct", ("John Doe", "PERSON", "e4"), None, ["e1"]),
    ("q7", "d2", "direct", ("Jane Roe", "PERSON", "e1"), None, []),
    ("q8", "d3", "direct", ("John Doe", "PERSON", "e4"), None, []),
    ("q9", "d4", "direct", ("John Doe", "PERSON", "e4"), None, ["e2"]),  # in a removed document
]
REJECTS = [("empty1.txt", 0, "empty"), ("empty2.txt", 0, "empty"), ("pic.txt", 0, "binary")]


@pytest.fixture()
def empty_warehouse(tmp_path: Path) -> Path:
    """A warehouse with its schema and views and no rows."""
    path = tmp_path / "empty" / "newsdesk.duckdb"
    ensure_schema(path)
    return path


@pytest.fixture()
def small_warehouse(tmp_path: Path) -> Path:
    """A warehouse holding DOCUMENTS, ENTITIES, QUOTES, REJECTS and two runs, one of them failed."""
    path = tmp_path / "small" / "newsdesk.duckdb"
    ensure_schema(path)
    with duckdb.connect(str(path)) as con:
        _insert_rows(con)
    return path


def _insert_rows(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("insert into dim_source by name select 's1' as source_id, 'desk' as source_name, "
                "'/data/desk' as source_root, 'folder' as source_kind, ['*'] as include_globs, "
                "[]::varchar[] as exclude_globs, 'r1' as first_run_id, 'r1' as last_run_id")
    for document_id, source_path, published, section, is_current in DOCUMENTS:
        con.execute("insert into dim_document by name select 's1' as source_id, $id as document_id, "
                    "$path as source_path, 0 as source_line, $published::date as published, $section as section, "
                    "'utf-8' as source_encoding, 'text' as text, 4 as char_count, 1 as word_count, "
                    "$current as is_current, 'r1' as loaded_run_id",
                    {"id": document_id, "path": source_path, "published": published, "section": section,
                     "current": is_current})
    con.executemany("insert into dim_entity (entity_id, entity_name, entity_type, is_named) values (?, ?, ?, ?)",
                    ENTITIES)
    for ordinal, (quote_id, document_id, kind, (name, type_, entity_id), enclosing, mentioned) in enumerate(QUOTES):
        con.execute("insert into fact_quote by name select $id as quote_id, $document as document_id, "
                    "'words' as quote_text, $kind as quote_kind, 'said' as cue_verb, $name as speaker_name, "
                    "$type as speaker_type, $entity as speaker_entity_id, 0 as sentence_index, "
                    "$start as start_char, $start + 5 as end_char, 'reported_verb' as rule, 0.9 as confidence, "
                    "$enclosing as enclosing_quote_id",
                    {"id": quote_id, "document": document_id, "kind": kind, "name": name, "type": type_,
                     "entity": entity_id, "start": ordinal * 10, "enclosing": enclosing})
        for mentioned_id in mentioned:
            con.execute("insert into fact_quote_entity (quote_id, mention_id, entity_id, document_id) "
                        "values (?, ?, ?, ?)", [quote_id, f"{quote_id}-{mentioned_id}", mentioned_id, document_id])
    for source_path, line, code in REJECTS:
        con.execute("insert into etl_reject (source_id, source_path, source_line, reason_code, reason, run_id) "
                    "values ('s1', ?, ?, ?, ?, 'r1')", [source_path, line, code, f"{code} file"])
    con.execute("insert into etl_run by name select 'r1' as run_id, 's1' as source_id, '/data/desk' as source, "
                "timestamp '2024-04-01 10:00:00' as started_at, timestamp '2024-04-01 10:00:30' as finished_at, "
                "'completed' as status, 'publish' as stage, 3 as files_found, 0 as files_unchanged, "
                "3 as documents_new, 0 as documents_changed, 0 as documents_unchanged, 0 as documents_removed, "
                "3 as documents_extracted, "
                "3 as rejects, 5 as mentions_loaded, 9 as quotes_loaded, 'm' as model, '{}' as stage_seconds")
    con.execute("insert into etl_run by name select 'r2' as run_id, '/data/desk' as source, "
                "timestamp '2024-04-02 10:00:00' as started_at, timestamp '2024-04-02 10:00:02' as finished_at, "
                "'failed' as status, 'extract' as stage, 'ValueError' as error_class, 'bad model' as error_message, "
                "'{}' as stage_seconds")
