"""The newsdesk-etl flow end to end: real files, real model, real DuckDB file, real Prefect run."""

from __future__ import annotations

import shutil
from pathlib import Path

import polars as pl
import pytest

from flows.etl import EmptySourceError, newsdesk_etl
from tests.helpers import bad_source, failing_checks, good_source, rows, snapshot
from transforms import frames

pytestmark = pytest.mark.usefixtures("prefect_api")


def run(source: Path, db: Path, **kwargs) -> dict:
    return newsdesk_etl(source=str(source), db=str(db), processes=1, lock_timeout=5, **kwargs)


def test_flow_loads_every_document_and_records_the_run(source: Path, db: Path) -> None:
    summary = run(source, db)

    assert summary["documents_new"] == 4
    assert summary["documents_extracted"] == 4
    paths = rows(db, "select source_path, source_line from dim_document order by all")
    assert paths == [("000_45c6632fa8d8e3a1.txt", 0), ("nested/berg.md", 0), ("wire.jsonl", 1), ("wire.jsonl", 2)]
    (run_row,) = rows(db, "select run_id, flow_run_id, documents_extracted, quotes_loaded from etl_run")
    assert run_row[0] == summary["run_id"] == run_row[1]
    assert run_row[2] == 4 and run_row[3] == summary["quotes"] > 0
    assert failing_checks(db) == []


def test_flow_keeps_front_matter_and_jsonl_metadata(source: Path, db: Path) -> None:
    run(source, db)

    meta = rows(db, "select source_path, title, published::varchar, outlet, published_date_id "
                    "from dim_document where title is not null order by source_path")
    assert meta == [("nested/berg.md", "Minister warns on rates", "2024-03-05", "Example Wire", 20240305),
                    ("wire.jsonl", "Talks fail", "2024-03-06", None, 20240306)]
    assert rows(db, "select date_id, day_name from dim_date order by date_id")[0] == (20240305, "Tuesday")


def test_flow_offsets_index_the_stored_text(source: Path, db: Path) -> None:
    run(source, db)

    bad_quotes = rows(db, "select q.quote_id from fact_quote q join dim_document d using (document_id) "
                          "where substr(d.text, q.start_char + 1, q.end_char - q.start_char) <> q.quote_text")
    bad_mentions = rows(db, "select m.mention_id from fact_mention m join dim_document d using (document_id) "
                            "where substr(d.text, m.start_char + 1, m.end_char - m.start_char) <> m.mention_text")
    assert bad_quotes == [] and bad_mentions == []


def test_flow_over_seed_gives_the_expected_quotes_and_entities(db: Path) -> None:
    run(Path(__file__).resolve().parents[2] / "seeds", db)

    said = dict(rows(db, "select quote_text, speaker_name from v_quotes"))
    assert said["tense regional geopolitics could provide Takaichi and Lee further impetus for wanting "
                "to build stronger relations."] == "Benoit Hardy-Chartrand"
    assert said["undesirable for Northeast Asian stability,"] == "Lee Jae Myung"
    kinds = dict(rows(db, "select quote_text, quote_kind from v_quotes"))
    assert kinds["shuttle diplomacy"] == "partial"
    assert kinds["America First"] == "scare" and said["America First"] is None
    entities = set(rows(db, "select entity_name, entity_type from dim_entity"))
    assert {("Sanae Takaichi", "PERSON"), ("Lee Jae Myung", "PERSON"), ("Benoit Hardy-Chartrand", "PERSON"),
            ("Xi Jinping", "PERSON"), ("Donald Trump", "PERSON"), ("NHK", "ORG"), ("Japan", "GPE"),
            ("South Korea", "GPE"), ("China", "GPE"), ("Taiwan", "GPE")} <= entities
    assert not [name for name, _ in entities if name.endswith(("’s", "'s"))]


def test_second_run_over_same_input_changes_no_row(source: Path, db: Path) -> None:
    bad_source(source)
    run(source, db)
    before = snapshot(db)

    summary = run(source, db)

    assert snapshot(db) == before
    assert summary["documents_extracted"] == 0
    assert summary["files_unchanged"] == summary["files_found"] - 1  # the broken link is re-tried
    assert rows(db, "select count(*) from etl_run")[0][0] == 2


def test_changed_file_alone_is_reprocessed_and_replaces_its_rows(source: Path, db: Path) -> None:
    run(source, db)
    old_id = rows(db, "select document_id from dim_document where source_path = 'nested/berg.md'")[0][0]
    untouched = rows(db, "select * from fact_mention where document_id <> ? order by all", [old_id])

    article = source / "nested" / "berg.md"
    article.write_text(article.read_text(encoding="utf-8").replace("Oslo", "Bergen"), encoding="utf-8")
    summary = run(source, db)

    assert (summary["documents_changed"], summary["documents_extracted"], summary["documents_unchanged"]) == (1, 1, 3)
    assert rows(db, "select count(*) from fact_mention where document_id = ?", [old_id]) == [(0,)]
    assert rows(db, "select count(*) from dim_document where document_id = ?", [old_id]) == [(0,)]
    assert ("Bergen",) in rows(db, "select entity_name from v_mentions where source_path = 'nested/berg.md'")
    assert rows(db, "select * from fact_mention where document_id <> ? and document_id in "
                    "(select document_id from dim_document where source_path <> 'nested/berg.md') order by all",
                [old_id]) == untouched


def test_removed_file_is_marked_not_current_and_leaves_the_views(source: Path, db: Path) -> None:
    run(source, db)
    (source / "nested" / "berg.md").unlink()

    summary = run(source, db)

    assert summary["documents_removed"] == 1
    assert rows(db, "select is_current, removed_run_id = ? from dim_document where source_path = 'nested/berg.md'",
                [summary["run_id"]]) == [(False, True)]
    assert rows(db, "select count(*) from v_mentions where source_path = 'nested/berg.md'") == [(0,)]
    assert rows(db, "select count(*) from etl_file where source_path = 'nested/berg.md'") == [(0,)]


def test_restored_file_becomes_current_again_without_nlp(source: Path, db: Path, tmp_path: Path) -> None:
    run(source, db)
    shutil.move(source / "nested" / "berg.md", tmp_path / "berg.md")
    run(source, db)
    shutil.move(tmp_path / "berg.md", source / "nested" / "berg.md")

    summary = run(source, db)

    assert summary["documents_extracted"] == 0
    assert rows(db, "select is_current, removed_run_id from dim_document where source_path = 'nested/berg.md'") \
        == [(True, None)]


def test_bad_input_is_rejected_with_a_reason_and_good_files_still_load(source: Path, db: Path) -> None:
    expected = bad_source(source)

    summary = run(source, db)

    rejects = {f"{path}:{line}": code for path, line, code in
               rows(db, "select source_path, source_line, reason_code from etl_reject")}
    assert rejects == expected
    assert all(reason for (reason,) in rows(db, "select reason from etl_reject"))
    assert summary["rejected"] == len(expected)
    loaded_files = {p for (p,) in rows(db, "select distinct source_path from dim_document")}
    rejected_files = {key.split(":")[0] for key in expected}
    found = {p for (p,) in rows(db, "select source_path from etl_file")}
    assert summary["files_found"] == len(found) == len(loaded_files | rejected_files)
    assert ("lines.jsonl", 1) in rows(db, "select source_path, source_line from dim_document")


def test_duplicate_text_in_a_second_file_is_rejected_as_duplicate(source: Path, db: Path) -> None:
    seed = next(source.glob("000_*.txt"))
    shutil.copy(seed, source / "copy.txt")

    run(source, db)

    assert rows(db, "select source_path, reason_code from etl_reject") == [("copy.txt", "duplicate")]
    assert rows(db, "select count(*) from dim_document") == [(4,)]


def test_error_during_load_leaves_warehouse_as_before_and_records_the_failure(source: Path, db: Path,
                                                                           monkeypatch) -> None:
    run(source, db)
    before = snapshot(db)
    (source / "nested" / "berg.md").write_text("Ms Berg said \"rates will fall\" in Oslo.", encoding="utf-8")

    real_quote_frame = frames.quote_frame

    def duplicated_quotes(extractions):  # two different rows with one key: the insert fails mid-transaction
        quotes = real_quote_frame(extractions)
        return pl.concat([quotes, quotes.with_columns(pl.col("confidence") / 2)])

    monkeypatch.setattr(frames, "quote_frame", duplicated_quotes)
    with pytest.raises(Exception, match="(?i)constraint|duplicate"):
        run(source, db)

    assert snapshot(db) == before
    failed = rows(db, "select stage, error_class, error_message from etl_run where status = 'failed'")
    assert len(failed) == 1 and failed[0][0] == "load" and failed[0][1] == "ConstraintException"
    assert "duplicate" in failed[0][2].lower()
    assert rows(db, "select count(*) from etl_run where status = 'completed'") == [(1,)]


def test_run_publishes_a_markdown_summary_artifact(source: Path, db: Path) -> None:
    summary = run(source, db)

    (artifact,) = _artifacts("newsdesk-run-summary", summary["run_id"])
    assert artifact.type == "markdown"
    assert "Documents through the NLP | 4 |" in artifact.data


def _artifacts(key: str, flow_run_id: str | None) -> list:
    import asyncio

    from prefect import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey

    async def read():
        async with get_client() as client:
            return await client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])))

    return [a for a in asyncio.run(read()) if flow_run_id is None or str(a.flow_run_id) == flow_run_id]


def test_a_run_with_rejects_shows_the_query_with_its_own_warehouse(source: Path, db: Path) -> None:
    bad_source(source)

    summary = run(source, db)

    (artifact,) = _artifacts("newsdesk-run-summary", summary["run_id"])
    assert f"newsdesk query 'select * from etl_reject' --db {db}" in artifact.data


def test_a_failed_run_publishes_what_failed_where_and_what_to_do(source: Path, db: Path) -> None:
    run(source, db)
    shutil.rmtree(source)
    source.mkdir()

    with pytest.raises(EmptySourceError):
        run(source, db)

    ((flow_run_id,),) = rows(db, "select flow_run_id from etl_run where status = 'failed'")
    (artifact,) = _artifacts("newsdesk-run-failure", flow_run_id)
    assert "**Stage:** discover" in artifact.data
    assert "`EmptySourceError`" in artifact.data and "`--allow-empty`" in artifact.data
    assert f"newsdesk status --db {db}" in artifact.data


def test_a_run_given_an_unusable_option_publishes_its_failure_too(source: Path, db: Path) -> None:
    with pytest.raises(ValueError, match="section-pattern"):
        run(source, db, section_pattern="([a-z")

    assert not db.exists()
    published = [a.data for a in _artifacts("newsdesk-run-failure", None)]
    assert [data for data in published if "**Stage:** start" in data and "'([a-z'" in data]


@pytest.fixture(scope="module")
def churned_db(tmp_path_factory, prefect_api) -> Path:
    """A warehouse after a load with bad input, then a run that removed and changed files."""
    folder = tmp_path_factory.mktemp("churn")
    source, db = good_source(folder / "articles"), folder / "w.duckdb"
    bad_source(source)
    run(source, db)
    (source / "nested" / "berg.md").unlink()
    (source / "wire.jsonl").write_text('{"text": "Officials in Rome said the talks had resumed."}\n', encoding="utf-8")
    run(source, db)
    return db


def test_every_sql_check_passes_after_removals_and_changes(churned_db: Path) -> None:
    assert failing_checks(churned_db) == []


def test_seed_gives_one_entity_row_each_and_every_mention_points_to_it(db: Path) -> None:
    run(Path(__file__).resolve().parents[2] / "seeds", db)

    expected = {
        "PERSON": ["Sanae Takaichi", "Lee Jae Myung", "Benoit Hardy-Chartrand", "Xi Jinping", "Donald Trump"],
        "ORG": ["Temple University", "NHK"],
        "GPE": ["Japan", "South Korea", "China", "Taiwan", "Tokyo", "Seoul", "Nara", "Beijing", "Korea",
                "United States"],
    }
    for entity_type, names in expected.items():
        found = rows(db, "select entity_name, count(*) from dim_entity where entity_type = ? group by all",
                     [entity_type])
        assert sorted(found) == sorted((name, 1) for name in names), entity_type
    written = dict(rows(db, "select mention_text, entity_name from v_mentions "
                            "where mention_text in ('Takaichi’s', 'Takaichi', 'Lee', 'U.S.', 'the United States')"))
    assert written == {"Takaichi’s": "Sanae Takaichi", "Takaichi": "Sanae Takaichi", "Lee": "Lee Jae Myung",
                       "U.S.": "United States", "the United States": "United States"}
