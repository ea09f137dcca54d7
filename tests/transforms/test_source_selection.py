"""Naming a source and choosing which of its files are articles."""

from __future__ import annotations

import pytest

from transforms.sources import DEFAULT_EXCLUDE, default_name, matches, selected_paths, source_id, source_spec


def test_default_name_is_the_folder_or_file_base_name() -> None:
    assert default_name("/data/corpus/bbc/") == "bbc"
    assert default_name("/feeds/wire-2024.jsonl") == "wire-2024"


def test_source_id_differs_by_name_and_is_16_hex_digits() -> None:
    assert source_id("bbc") != source_id("polnear-train")
    assert len(source_id("bbc")) == 16 and int(source_id("bbc"), 16) >= 0


@pytest.mark.parametrize(("path", "globs", "expected"), [
    ("README.md", DEFAULT_EXCLUDE, True),
    ("sub/readme.txt", DEFAULT_EXCLUDE, True),
    ("LICENSE", DEFAULT_EXCLUDE, True),
    ("business_001.txt", DEFAULT_EXCLUDE, False),
    ("readers/letter.txt", DEFAULT_EXCLUDE, False),
    ("text/a.txt", ("text/*.txt",), True),
    ("attributions/a.ann", ("text/*.txt",), False),
    ("deep/er/a.txt", ("*.txt",), True),
    ("drafts/a.txt", ("drafts",), True),
])
def test_globs_match_whole_paths_with_a_slash_and_any_name_without(path: str, globs: tuple, expected: bool) -> None:
    assert matches(path, globs) is expected


def test_selection_keeps_included_files_and_counts_the_rest() -> None:
    spec = source_spec("/c/polnear-train", "folder", include=["text/*.txt"])
    selection = selected_paths(["README.md", "metadata.tsv", "attributions/a.ann", "text/a.txt"], spec)
    assert (selection.paths, selection.excluded) == (("text/a.txt",), 3)


def test_default_selection_skips_read_me_and_licence_but_keeps_other_files_for_a_reject() -> None:
    spec = source_spec("/c/bbc", "folder")
    selection = selected_paths(["README.md", "LICENSE.txt", "business_001.txt", "notes.pdf"], spec)
    assert selection.paths == ("business_001.txt", "notes.pdf")


def test_an_empty_exclude_list_overrides_the_default() -> None:
    spec = source_spec("/c/bbc", "folder", exclude=[])
    assert selected_paths(["README.md"], spec).paths == ("README.md",)


@pytest.mark.parametrize(("pattern", "message"), [("([a-z", "not a regular expression"), ("^[a-z]+_", "no group")])
def test_unusable_section_pattern_is_refused_with_the_reason(pattern: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        source_spec("/c/bbc", "folder", section_pattern=pattern)


def test_blank_section_pattern_means_no_sections() -> None:
    assert source_spec("/c/x", "folder", section_pattern="").layout.section_pattern is None
