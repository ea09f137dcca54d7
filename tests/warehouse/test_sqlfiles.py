"""Splitting SQL files into statements."""

from __future__ import annotations

from warehouse.sqlfiles import files_in, split_statements, sql_text


def test_a_semicolon_inside_a_string_does_not_end_the_statement() -> None:
    parts = split_statements("select 'a;\nb' as x;\n-- a comment\nselect 2;\n")
    assert len(parts) == 2
    assert "'a;\nb'" in parts[0]


def test_a_file_of_comments_only_has_no_statements() -> None:
    assert split_statements("-- nothing here\n\n") == []


def test_every_load_file_splits_into_statements_duckdb_can_parse() -> None:
    for relative in files_in("load"):
        assert split_statements(sql_text(relative)), relative
