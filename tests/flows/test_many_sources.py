"""Many sources in one warehouse, which files are articles, and what plain files say about themselves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows.etl import SourceConflictError, newsdesk_etl
from tests.helpers import rows
from transforms.sources import source_id

pytestmark = pytest.mark.usefixtures("prefect_api")

HEADLINED = "{headline}\n\n{body}\n"


def run(source: Path, db: Path, **kwargs) -> dict:
    return newsdesk_etl(source=str(source), db=str(db), processes=1, lock_timeout=5, **kwargs)


def _article(folder: Path, relative: str, headline: str, body: str) -> Path:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEADLINED.format(headline=headline, body=body), encoding="utf-8")
    return path


@pytest.fixture()
def bbc_like(tmp_path: Path) -> Path:
    """Files named section_NNN.txt with a headline, a read-me beside them."""
    folder = tmp_path / "bbc"
    _article(folder, "business_001.txt", "Ad sales boost Time Warner profit",
             '"We are pleased," said chief executive Richard Parsons of Time Warner.')
    _article(folder, "politics_001.txt", "Blair defends his record",
             'Prime Minister Tony Blair said the economy was strong. "We have delivered," he told MPs.')
    (folder / "README.md").write_text("# The corpus\n\nNot an article.\n", encoding="utf-8")
    return folder


@pytest.fixture()
def dated(tmp_path: Path) -> Path:
    """A second source: dates in the file names, a sub-folder per outlet, and a file at a path the first also has."""
    folder = tmp_path / "polnear"
    _article(folder, "text/breitbart_2015-11-16_omalley.txt", "O’Malley campaign to shift staff, resources to Iowa.",
             'Martin O’Malley is shifting staff. "Iowa matters," said his aide Lis Smith.')
    _article(folder, "text/nyt_2016-03-11_rally.txt", "Trump rally draws protests",
             'Protesters gathered in Chicago. "We will be heard," said organiser Ja’Mal Green.')
    _article(folder, "business_001.txt", "A different story at a path the other source also has",
             "The markets fell on Tuesday, traders said.")
    (folder / "attributions").mkdir()
    (folder / "attributions" / "a.ann").write_text("T1\tSource 0 5\tHello\n", encoding="utf-8")
    return folder


def test_two_sources_load_side_by_side_and_each_keeps_its_documents(bbc_like: Path, dated: Path,
                                                                     db: Path) -> None:
    first = run(bbc_like, db, section_pattern=r"^(?P<section>[a-z]+)_\d+\.txt$")
    second = run(dated, db, include=["text/*.txt", "business_001.txt"])

    assert (first["source_name"], second["source_name"]) == ("bbc", "polnear")
    assert second["documents_removed"] == 0
    by_source = rows(db, "select s.source_name, count(*) filter (where d.is_current), count(*) from dim_document d "
                         "join dim_source s using (source_id) group by all order by all")
    assert by_source == [("bbc", 2, 2), ("polnear", 3, 3)]
    same_path = rows(db, "select s.source_name, d.title from dim_document d join dim_source s using (source_id) "
                         "where d.source_path = 'business_001.txt' order by all")
    assert same_path == [("bbc", "Ad sales boost Time Warner profit"),
                         ("polnear", "A different story at a path the other source also has")]
    assert rows(db, "select count(*) from etl_file") == [(5,)]


def test_a_run_marks_removed_only_its_own_sources_missing_files(bbc_like: Path, dated: Path, db: Path) -> None:
    run(bbc_like, db)
    run(dated, db, include=["text/*.txt", "business_001.txt"])
    (dated / "business_001.txt").unlink()

    summary = run(dated, db, include=["text/*.txt", "business_001.txt"])

    assert summary["documents_removed"] == 1
    gone = rows(db, "select s.source_name, d.source_path from dim_document d join dim_source s using (source_id) "
                    "where not d.is_current")
    assert gone == [("polnear", "business_001.txt")]


def test_read_me_files_are_skipped_by_default_and_globs_choose_the_rest(bbc_like: Path, dated: Path,
                                                                        db: Path) -> None:
    summary = run(bbc_like, db)
    assert (summary["files_found"], summary["files_excluded"]) == (3, 1)
    assert rows(db, "select count(*) from dim_document where source_path = 'README.md'") == [(0,)]

    everything = run(dated, db)  # the annotation file is found, and rejected as not an article
    assert rows(db, "select source_path, reason_code from etl_reject") == [("attributions/a.ann", "unsupported_type")]
    assert everything["files_excluded"] == 0

    chosen = run(dated, db, include=["text/*.txt"])
    assert (chosen["files_excluded"], chosen["documents_removed"]) == (2, 1)
    assert rows(db, "select count(*) from etl_reject") == [(0,)]


def test_plain_files_give_title_section_and_date_with_where_each_came_from(bbc_like: Path, dated: Path,
                                                                           db: Path) -> None:
    run(bbc_like, db, section_pattern=r"^(?P<section>[a-z]+)_\d+\.txt$")
    run(dated, db, include=["text/*.txt"], section_pattern="")

    found = rows(db, "select source_path, title, title_source, section, section_source, published::varchar, "
                     "published_source from dim_document order by source_path")
    assert found == [
        ("business_001.txt", "Ad sales boost Time Warner profit", "headline", "business", "pattern", None, None),
        ("politics_001.txt", "Blair defends his record", "headline", "politics", "pattern", None, None),
        ("text/breitbart_2015-11-16_omalley.txt", "O’Malley campaign to shift staff, resources to Iowa.",
         "headline", None, None, "2015-11-16", "path"),
        ("text/nyt_2016-03-11_rally.txt", "Trump rally draws protests", "headline", None, None, "2016-03-11", "path"),
    ]
    assert rows(db, "select date_id from dim_date order by all") == [(20151116,), (20160311,)]
    months = rows(db, "select month, count(*) from v_document_month group by all order by all")
    assert months == [("2015-11", 1), ("2016-03", 1), ("undated", 2)]


def test_a_jsonl_file_is_a_source_of_its_own(tmp_path: Path, db: Path) -> None:
    feed = tmp_path / "feeds" / "wire-2024.jsonl"
    feed.parent.mkdir()
    feed.write_text(json.dumps({"text": "Officials met in Oslo on Monday.", "section": "world"}) + "\n",
                    encoding="utf-8")
    (tmp_path / "feeds" / "other.txt").write_text("Not part of the source.", encoding="utf-8")

    summary = run(feed, db)

    assert (summary["source_name"], summary["files_found"]) == ("wire-2024", 1)
    assert rows(db, "select source_kind, source_root from dim_source") == [("jsonl_file", str(feed.resolve()))]
    assert rows(db, "select source_path, section, section_source from dim_document") == [
        ("wire-2024.jsonl", "world", "json")]


def test_a_name_already_used_by_another_folder_is_refused(bbc_like: Path, tmp_path: Path, db: Path) -> None:
    run(bbc_like, db)
    elsewhere = tmp_path / "elsewhere" / "bbc"
    _article(elsewhere, "story.txt", "Another bbc", "Body text here.")

    with pytest.raises(SourceConflictError, match="--source-name"):
        run(elsewhere, db)
    renamed = run(elsewhere, db, source_name="bbc-mirror")

    assert renamed["documents_new"] == 1
    assert rows(db, "select source_id from dim_source where source_name = 'bbc-mirror'") == [(source_id("bbc-mirror"),)]
    assert rows(db, "select count(*) from dim_document where is_current") == [(3,)]
