"""Titles, sections and dates read from plain files and their paths."""

from __future__ import annotations

from datetime import date

import pytest

from transforms.documents import parse_source
from transforms.metadata import Layout, headline, path_date, path_section

BBC_LIKE = "Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner jumped 76%.\n"


@pytest.mark.parametrize(("text", "expected"), [
    (BBC_LIKE, "Ad sales boost Time Warner profit"),
    ("O’Malley campaign to shift staff, resources to Iowa.\n\nDALLAS (AP) — Democratic candidate ...",
     "O’Malley campaign to shift staff, resources to Iowa."),
    ("A first paragraph that runs on.\nAnd wraps to a second line.\n\nMore.", None),
    ("Only one paragraph, no blank line after it.", None),
    ("Headline\n\n   ", None),
    (" ".join(["word"] * 30) + "\n\nBody text.", None),
])
def test_headline_is_a_short_first_line_followed_by_a_blank_line(text: str, expected: str | None) -> None:
    assert headline(text) == expected


@pytest.mark.parametrize(("path", "expected"), [
    ("text/breitbart_2015-11-11_the-ninth-circle.txt", date(2015, 11, 11)),
    ("2016/03/11/slug.txt", date(2016, 3, 11)),
    ("archive/2016_03_11-slug.md", date(2016, 3, 11)),
    ("wire/20160311.txt", date(2016, 3, 11)),
    ("business_001.txt", None),
    ("story-2016-13-45.txt", None),  # no such month: not a date
    ("id/120160311999.txt", None),  # digits inside a longer number are no date
])
def test_path_date_reads_dates_written_in_folders_or_file_names(path: str, expected: date | None) -> None:
    assert path_date(path) == expected


def test_path_section_defaults_to_the_first_folder() -> None:
    found = path_section("politics/2016/story.txt", Layout())
    assert (found.value, found.source) == ("politics", "folder")
    assert path_section("story.txt", Layout()).value is None


def test_path_section_follows_the_operators_file_name_pattern() -> None:
    found = path_section("business_001.txt", Layout(r"^(?P<section>[a-z]+)_\d+\.txt$"))
    assert (found.value, found.source) == ("business", "pattern")


def test_path_section_none_when_the_layout_has_no_pattern() -> None:
    assert path_section("politics/story.txt", Layout(None)).value is None


def test_layout_pattern_without_a_group_is_refused() -> None:
    with pytest.raises(ValueError, match="no group"):
        Layout(r"^[a-z]+_")


def test_plain_file_takes_title_section_and_date_from_headline_and_path() -> None:
    (document,) = parse_source("business/2005-01-20_timewarner.txt", BBC_LIKE.encode()).documents
    assert (document.title, document.title_source) == ("Ad sales boost Time Warner profit", "headline")
    assert (document.section, document.section_source) == ("business", "folder")
    assert (document.published, document.published_source) == (date(2005, 1, 20), "path")
    assert document.text.startswith("Ad sales boost")  # the headline stays in the text the offsets index


def test_front_matter_wins_over_the_headline_and_the_path() -> None:
    data = ("---\ntitle: Given title\ndate: 2024-03-05\nsection: world\n---\n" + BBC_LIKE).encode()
    (document,) = parse_source("business/2005-01-20_timewarner.md", data).documents
    assert (document.title, document.title_source) == ("Given title", "front_matter")
    assert (document.published, document.published_source) == (date(2024, 3, 5), "front_matter")
    assert (document.section, document.section_source) == ("world", "front_matter")


def test_json_line_fields_are_marked_as_given_by_json() -> None:
    data = b'{"text": "Body only, no headline.", "published": "2024-03-06T10:00:00Z", "title": "T"}\n'
    (document,) = parse_source("feeds/2020-01-01.jsonl", data).documents
    assert (document.title_source, document.published_source) == ("json", "json")
    assert document.published == date(2024, 3, 6)


def test_a_file_with_no_date_anywhere_has_no_publication_date() -> None:
    (document,) = parse_source("business_001.txt", BBC_LIKE.encode()).documents
    assert (document.published, document.published_source) == (None, None)
