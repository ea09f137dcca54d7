"""Views and reports that count quotes count each utterance once: a quoted fragment inside
reported speech (`enclosing_quote_id`) is not a second thing its speaker said."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from warehouse.load import ensure_schema
from warehouse.sqlfiles import sql_text

TEXT = 'Jane Roe said the plan for Oslo was "a disaster" for everyone.'
# The columns the extraction fills; the load adds the written_* columns (sql/schema/005_entities.sql).
QUOTE_COLUMNS = ("(quote_id, document_id, quote_text, quote_kind, cue_verb, speaker_mention, speaker_name, speaker_type, "
                 "speaker_entity_id, sentence_index, start_char, end_char, rule, confidence, enclosing_quote_id, "
                 "speaker_resolution)")
ROWS = [
    "insert into dim_document (document_id, source_path, source_line, source_encoding, text, char_count, word_count, "
    "is_current, loaded_run_id) values ('d1', 'a.txt', 0, 'utf-8', $text, 62, 11, true, 'r1')",
    "insert into dim_entity values ('e1', 'Jane Roe', 'PERSON', true), ('e2', 'Oslo', 'GPE', true)",
    "insert into fact_mention (mention_id, document_id, entity_id, mention_text, mention_label, title, "
    "sentence_index, start_char, end_char, alias) values ('m1', 'd1', 'e1', 'Jane Roe', 'PERSON', null, 0, 0, 8, 'Jane Roe'), "
    "('m2', 'd1', 'e2', 'Oslo', 'GPE', null, 0, 27, 31, 'Oslo')",
    # The reported clause, and the quoted fragment inside it.
    f"insert into fact_quote {QUOTE_COLUMNS} values "
    "('q1', 'd1', 'the plan for Oslo was \"a disaster\" for everyone', 'indirect', 'said', 'Jane Roe', 'Jane Roe', "
    "'PERSON', 'e1', 0, 14, 61, 'governing_verb', 0.9, null, 'name'), "
    "('q2', 'd1', 'a disaster', 'partial', 'said', 'Jane Roe', 'Jane Roe', 'PERSON', 'e1', 0, 37, 47, "
    "'within_reported', 0.9, 'q1', 'name')",
    "insert into fact_quote_entity values ('q1', 'm2', 'e2', 'd1')",
]


@pytest.fixture()
def db(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    path = tmp_path / "w.duckdb"
    ensure_schema(path)
    con = duckdb.connect(str(path))
    for statement in ROWS:
        con.execute(statement, {"text": TEXT} if "$text" in statement else None)
    yield con
    con.close()


def test_top_entities_count_an_utterance_with_a_fragment_once(db: duckdb.DuckDBPyConnection) -> None:
    said = db.execute("select quotes_said from v_top_entities where entity_name = 'Jane Roe'").fetchall()
    assert said == [(1,)]


def test_entity_profile_counts_an_utterance_with_a_fragment_once(db: duckdb.DuckDBPyConnection) -> None:
    said = db.execute("select quotes_said from v_entity_profile where entity_name = 'Jane Roe'").fetchall()
    assert said == [(1,)]


def test_who_said_most_counts_an_utterance_with_a_fragment_once(db: duckdb.DuckDBPyConnection) -> None:
    rows = db.execute(sql_text("reports/who_said_most.sql")).fetchall()
    assert [(name, quotes) for name, _, quotes, _ in rows] == [("Jane Roe", 1)]


def test_quote_network_counts_an_utterance_with_a_fragment_once(db: duckdb.DuckDBPyConnection) -> None:
    db.execute("insert into fact_quote_entity values ('q2', 'm2', 'e2', 'd1')")  # were the fragment linked too
    rows = db.execute("select speaker_name, mentioned_entity, quotes from v_quote_network").fetchall()
    assert rows == [("Jane Roe", "Oslo", 1)]


BELIEF = (f"insert into fact_quote {QUOTE_COLUMNS} values ('q3', 'd1', 'Oslo will win', 'belief', 'believes', "
          "'Jane Roe', 'Jane Roe', 'PERSON', 'e1', 0, 14, 27, 'reported_verb', 0.85, null, 'name')")


@pytest.mark.parametrize("query", [
    "select quotes_said from v_top_entities where entity_name = 'Jane Roe'",
    "select quotes_said from v_entity_profile where entity_name = 'Jane Roe'",
    "select quotes from v_quote_network where speaker_name = 'Jane Roe'",
])
def test_who_said_what_views_leave_beliefs_out(db: duckdb.DuckDBPyConnection, query: str) -> None:
    db.execute(BELIEF)
    db.execute("insert into fact_quote_entity values ('q3', 'm2', 'e2', 'd1')")
    assert db.execute(query).fetchall() == [(1,)]


def test_who_said_most_leaves_beliefs_out(db: duckdb.DuckDBPyConnection) -> None:
    db.execute(BELIEF)
    rows = db.execute(sql_text("reports/who_said_most.sql")).fetchall()
    assert [(name, quotes) for name, _, quotes, _ in rows] == [("Jane Roe", 1)]
