"""Full-text search over a warehouse the real ETL built: BM25 ranking, filters, and an index that
follows every load."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from flows.etl import newsdesk_etl
from tests.helpers import rows
from warehouse.load import ensure_schema
from warehouse.query import run_query
from warehouse.search import SearchFilters, SearchUnavailableError, fts_extension_path, search, snippet

pytestmark = pytest.mark.usefixtures("prefect_api")

RATES = """---
title: Minister warns on rates
published: 2024-03-05
---
Finance Minister Anna Berg spoke to reporters in Oslo on Monday.
"We cannot cut interest rates while inflation is this stubborn," Ms Berg told reporters in Oslo.
"The new bridge in Bergen will open in June," she added.
"""

DERBY = """---
title: United win the derby
published: 2023-01-10
---
United beat City 2-0 in the derby on Saturday.
"Our players kept their nerve and the fans sang all night," said manager John Carter after the match.
"Ticket prices and interest rates matter less than a good win," Carter told reporters.
"""

HEADLINE = """Storm closes ferry routes

Heavy storms closed ferry routes across the fjords on Tuesday, and no boat sailed until evening.
"""


def _run(source: Path, db: Path) -> dict:
    return newsdesk_etl(source=str(source), db=str(db), processes=1, lock_timeout=5)


def _article(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, prefect_api) -> Path:
    """A warehouse of two sources, `wire` (a 2024 article) and `sport` (a 2023 one and one without a date)."""
    root = tmp_path_factory.mktemp("search")
    db = root / "warehouse" / "newsdesk.duckdb"
    _run(_article(root / "wire", "rates.md", RATES), db)
    _article(root / "sport", "storm.txt", HEADLINE)
    _run(_article(root / "sport", "derby.md", DERBY), db)
    return db


def _quotes(db: Path, terms: str, **filters) -> list[tuple[str, str]]:
    result = search(db, terms, "quotes", SearchFilters(**filters))
    speaker, quote = result.columns.index("speaker"), result.columns.index("quote")
    return [(row[speaker], row[quote]) for row in result.rows]


def test_the_extension_file_is_where_the_pinned_package_puts_it() -> None:
    path = fts_extension_path()
    assert path.is_file() and path.parent.name == f"v{duckdb.__version__}"


def test_the_quote_with_every_term_ranks_first(db: Path) -> None:
    found = _quotes(db, "interest rates inflation")

    assert found[0] == ("Anna Berg", "We cannot cut interest rates while inflation is this stubborn,")
    assert ("John Carter", "Ticket prices and interest rates matter less than a good win,") in found[1:]
    assert not [quote for _, quote in found if "bridge" in quote or "nerve" in quote]


def test_scores_come_best_first_and_words_are_stemmed(db: Path) -> None:
    result = search(db, "rate", "quotes")
    scores = [row[result.columns.index("score")] for row in result.rows]

    assert len(scores) == 2 and scores == sorted(scores, reverse=True)


def test_speaker_matches_the_name_or_an_alias_in_any_case(db: Path) -> None:
    by_name = _quotes(db, "interest rates", speaker="anna BERG")
    by_alias = _quotes(db, "interest rates", speaker="berg")

    assert by_name == by_alias == [("Anna Berg", "We cannot cut interest rates while inflation is this stubborn,")]
    assert _quotes(db, "interest rates", speaker="Carter") == [
        ("John Carter", "Ticket prices and interest rates matter less than a good win,")]
    assert _quotes(db, "interest rates", speaker="Nobody At All") == []


def test_since_keeps_documents_published_on_or_after_the_date(db: Path) -> None:
    assert [speaker for speaker, _ in _quotes(db, "interest rates", since=date(2024, 1, 1))] == ["Anna Berg"]
    assert len(_quotes(db, "interest rates", since=date(2023, 1, 10))) == 2


def test_source_keeps_one_source(db: Path) -> None:
    assert [speaker for speaker, _ in _quotes(db, "interest rates", source="sport")] == ["John Carter"]
    assert _quotes(db, "interest rates", source="no-such-source") == []


def test_limit_caps_the_matches(db: Path) -> None:
    assert len(_quotes(db, "interest rates", limit=1)) == 1


def test_documents_match_title_or_text_with_a_snippet_around_the_terms(db: Path) -> None:
    result = search(db, "derby", "documents")
    title, text = result.columns.index("title"), result.columns.index("snippet")

    assert [row[title] for row in result.rows] == ["United win the derby"]
    bridge = search(db, "Bergen bridge", "documents").rows
    assert [row[title] for row in bridge] == ["Minister warns on rates"] and "Bergen" in bridge[0][text]


def test_a_document_snippet_skips_the_headline_shown_as_its_title(db: Path) -> None:
    result = search(db, "ferry", "documents")

    assert [(row[result.columns.index("title")], row[result.columns.index("snippet")]) for row in result.rows] == [
        ("Storm closes ferry routes", "Heavy storms closed ferry routes across the fjords on Tuesday, and no boat "
                                      "sailed until evening.")]


def test_every_index_table_is_documented(db: Path) -> None:
    undocumented = rows(db, "select schema_name, table_name from duckdb_tables() where coalesce(comment, '') = '' "
                            "union all select schema_name, table_name || '.' || column_name from duckdb_columns() "
                            "where not internal and coalesce(comment, '') = '' "
                            "and (schema_name, table_name) in (select (schema_name, table_name) from duckdb_tables())")
    indexed = rows(db, "select distinct schema_name from duckdb_tables() where schema_name like 'fts_main_%' order by 1")

    assert undocumented == []
    assert indexed == [("fts_main_dim_document",), ("fts_main_fact_quote",)]


def test_the_index_follows_a_reload_that_changes_and_removes_documents(tmp_path: Path) -> None:
    folder, db = tmp_path / "articles", tmp_path / "w.duckdb"
    _article(folder, "rates.md", RATES)
    _article(folder, "derby.md", DERBY)
    _run(folder, db)
    assert _quotes(db, "nerve")

    _article(folder, "rates.md", RATES.replace("The new bridge in Bergen", "The zeppelin to Tromsø"))
    (folder / "derby.md").unlink()
    _run(folder, db)

    assert _quotes(db, "zeppelin Tromsø") == [("Anna Berg", "The zeppelin to Tromsø will open in June,")]
    assert _quotes(db, "bridge Bergen") == []
    assert _quotes(db, "nerve") == []  # the removed document's quote stays in fact_quote, not in searches
    assert search(db, "derby", "documents").rows == []
    assert rows(db, "select name from fts_main_fact_quote.docs except select quote_id from fact_quote") == []
    assert rows(db, "select quote_id from fact_quote except select name from fts_main_fact_quote.docs") == []
    assert rows(db, "select document_id from dim_document except select name from fts_main_dim_document.docs") == []


def test_a_removal_alone_keeps_the_index_and_searches_still_leave_the_document_out(tmp_path: Path,
                                                                                 monkeypatch) -> None:
    import warehouse.load

    folder, db = tmp_path / "articles", tmp_path / "w.duckdb"
    _article(folder, "rates.md", RATES)
    _article(folder, "derby.md", DERBY)
    _run(folder, db)
    rebuilds: list[object] = []
    monkeypatch.setattr(warehouse.load, "rebuild_search_index", rebuilds.append)
    (folder / "derby.md").unlink()

    _run(folder, db)  # nothing added, deleted or moved: the index is not rebuilt

    assert rebuilds == []
    assert _quotes(db, "nerve") == []
    (folder / "derby.md").write_text(DERBY, encoding="utf-8")
    _run(folder, db)  # back again, without the NLP
    assert _quotes(db, "nerve")


def test_newsdesk_query_can_call_the_index_like_the_duckdb_command_line(db: Path) -> None:
    result = run_query(db, "select quote_id from (select quote_id, fts_main_fact_quote.match_bm25(quote_id, "
                           "'bridge') as score from fact_quote) where score is not null")
    assert len(result.rows) == 1


def test_a_warehouse_without_the_index_says_to_run_a_load(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    ensure_schema(db)

    with pytest.raises(SearchUnavailableError, match="newsdesk run"):
        search(db, "rates")


def test_snippet_starts_at_a_word_shortly_before_the_first_match() -> None:
    text = "Rates rose. " + "filler " * 60 + "The economy slowed sharply."

    shown = snippet(text, "economy", width=80)

    assert shown.startswith("…filler ") and "The economy slowed sharply." in shown


def test_snippet_without_a_match_is_the_start_of_the_text() -> None:
    assert snippet("Nothing matches here. " * 10, "zebra", width=40) == "Nothing matches here. Nothing matches…"


def test_snippet_prefers_the_word_as_written_to_a_word_it_starts() -> None:
    text = "Anna Berg spoke. " + "filler " * 40 + "The bridge in Bergen opens."

    assert "Bergen" in snippet(text, "Bergen", width=60)
    assert snippet(text, "Bergs", width=60).startswith("Anna Berg")  # no Bergs: the first word like it


def test_a_moved_document_is_found_by_its_new_title(tmp_path: Path) -> None:
    """A move re-reads the metadata of the new path (sql/load/030_relocate.sql), a new title included:
    the document index must follow, although no text was extracted or deleted."""
    folder, db = tmp_path / "articles", tmp_path / "w.duckdb"
    _article(folder, "rates.md", RATES)
    _run(folder, db)
    (folder / "rates.md").unlink()
    _article(folder, "moved.md", RATES.replace("Minister warns on rates", "Treasury keeps its course"))

    summary = _run(folder, db)

    assert summary["documents_extracted"] == 0
    assert rows(db, "select title from dim_document where is_current") == [("Treasury keeps its course",)]
    found = search(db, "treasury course", "documents")
    assert [row[found.columns.index("title")] for row in found.rows] == ["Treasury keeps its course"]
