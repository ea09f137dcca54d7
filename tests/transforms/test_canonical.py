"""Canonical entity names: possessives, quotes, determiners, titles and aliases."""

from __future__ import annotations

import pytest

from transforms.canonical import canonical_name, entity_id, split_title, stripped_name


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Takaichi’s", "Takaichi"),
        ("Takaichi's", "Takaichi"),
        ("Jones’", "Jones"),
        ("Jones'", "Jones"),
        ("Jones's", "Jones"),
        ("“Reuters”", "Reuters"),
        ('"Reuters"', "Reuters"),
        ("‘Reuters’", "Reuters"),
        ("«Reuters»", "Reuters"),
        ("(Reuters),", "Reuters"),
        ("  John \n  Smith ", "John Smith"),
    ],
)
def test_stripped_name_drops_possessive_quotes_and_extra_space(written: str, expected: str) -> None:
    assert stripped_name(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [("U.S.", "U.S."), ("John Smith Jr.", "John Smith Jr."), ("Acme Inc.", "Acme Inc."), ("Smith.", "Smith")],
)
def test_stripped_name_keeps_abbreviation_full_stop_only(written: str, expected: str) -> None:
    assert stripped_name(written) == expected


@pytest.mark.parametrize(
    ("written", "entity_type", "expected_name"),
    [
        ("the United States", "GPE", "United States"),
        ("The European Union", "ORG", "European Union"),
        ("the Pentagon", "ORG", "Pentagon"),
        ("the Alps", "LOC", "Alps"),
        ("the Beatles", "WORK_OF_ART", "the Beatles"),  # not a determined type: "the" is kept
    ],
)
def test_canonical_name_drops_leading_the_for_determined_types(written: str, entity_type: str,
                                                              expected_name: str) -> None:
    assert canonical_name(written, entity_type) == (expected_name, entity_type, None)


@pytest.mark.parametrize(
    ("written", "expected_title", "expected_name"),
    [
        ("Dr. Benoit Hardy-Chartrand", "Dr.", "Benoit Hardy-Chartrand"),
        ("President Lee", "President", "Lee"),
        ("Prime Minister Jane Doe", "Prime Minister", "Jane Doe"),
        ("Deputy Prime Minister Ann Lee", "Deputy Prime Minister", "Ann Lee"),  # longest title wins
        ("Mr Smith", "Mr", "Smith"),
        ("Ms. Doe", "Ms.", "Doe"),
        ("prime minister Jane Doe", "prime minister", "Jane Doe"),  # case is ignored
        ("Mr. Smith’s", "Mr.", "Smith"),
        ("Jane Doe", None, "Jane Doe"),
    ],
)
def test_canonical_name_strips_and_returns_person_title(written: str, expected_title: str | None,
                                                        expected_name: str) -> None:
    assert canonical_name(written, "PERSON") == (expected_name, "PERSON", expected_title)


@pytest.mark.parametrize("written", ["President", "Dr.", "Mr"])
def test_split_title_a_bare_title_is_kept_as_the_name(written: str) -> None:
    assert split_title(written) == (None, written)


def test_canonical_name_titles_only_stripped_from_people() -> None:
    assert canonical_name("President Hotel", "ORG") == ("President Hotel", "ORG", None)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("U.S.", ("United States", "GPE", None)),
        ("US", ("United States", "GPE", None)),
        ("the U.S.", ("United States", "GPE", None)),
        ("America", ("United States", "GPE", None)),
        ("UK", ("United Kingdom", "GPE", None)),
        ("Britain", ("United Kingdom", "GPE", None)),
        ("Britain’s", ("United Kingdom", "GPE", None)),
        ("the E.U.", ("European Union", "ORG", None)),
    ],
)
def test_canonical_name_aliases_map_to_one_entity(written: str, expected: tuple[str, str, None]) -> None:
    assert canonical_name(written, "GPE") == expected


def test_canonical_name_alias_corrects_the_type() -> None:
    assert canonical_name("U.S.", "ORG") == ("United States", "GPE", None)


@pytest.mark.parametrize(
    ("written", "expected"),
    [("U.S.’s", "United States"), ("the U.S.'s", "United States"), ("U.K.’s", "United Kingdom")],
)
def test_canonical_name_possessive_abbreviation_keeps_its_alias(written: str, expected: str) -> None:
    assert canonical_name(written, "GPE") == (expected, "GPE", None)


def test_entity_id_is_stable_and_16_hex_digits() -> None:
    first = entity_id("United States", "GPE")
    assert first == entity_id("United States", "GPE")
    assert len(first) == 16 and int(first, 16) >= 0


def test_entity_id_ignores_case_of_the_name() -> None:
    assert entity_id("United States", "GPE") == entity_id("UNITED STATES", "GPE") == entity_id("united states", "GPE")


def test_entity_id_is_one_per_name_whatever_the_named_type() -> None:
    # The warehouse decides one type per name (sql/load/061_entity_types.sql).
    assert entity_id("Labour", "ORG") == entity_id("Labour", "PERSON") == entity_id("Labour", "GPE")
    assert entity_id("Jordan", "GPE") != entity_id("Jordania", "GPE")


def test_entity_id_keeps_dates_and_numbers_apart_from_named_things() -> None:
    assert entity_id("May", "DATE") != entity_id("May", "PERSON")
    assert entity_id("May", "DATE") == entity_id("May", "TIME")


def test_entity_id_ignores_full_stops_in_a_name_but_not_in_a_value() -> None:
    assert entity_id("George W. Bush", "PERSON") == entity_id("George W Bush", "PERSON")
    assert entity_id("5.5%", "PERCENT") != entity_id("55%", "PERCENT")
