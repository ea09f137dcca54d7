"""Entity mentions: spans repaired, names made canonical, short forms linked to full names."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from transforms.entities import find_mentions, full_name_for, sentence_index, sentence_starts
from transforms.records import Mention


def _doc(blank_nlp: Language, text: str, ents: list[tuple[str, str, int]]) -> Doc:
    """A blank-pipeline doc with entities set by hand: (text, label, which occurrence)."""
    doc = blank_nlp(text)
    spans = []
    for written, label, occurrence in ents:
        start = -1
        for _ in range(occurrence + 1):
            start = text.index(written, start + 1)
        span = doc.char_span(start, start + len(written), label=label)
        assert span is not None, written
        spans.append(span)
    doc.ents = spans
    return doc


def _names(mentions: list[Mention]) -> list[tuple[str, str, str]]:
    return [(m.text, m.entity_name, m.entity_type) for m in mentions]


# ---------------------------------------------------------------- hand-built docs


def test_find_mentions_splits_span_that_swallowed_a_possessive(blank_nlp: Language) -> None:
    text = "She teaches at Temple University’s Tokyo campus. Tokyo is large."
    doc = _doc(blank_nlp, text, [("Temple University’s Tokyo", "ORG", 0), ("Tokyo", "GPE", 1)])
    mentions = find_mentions(doc)
    first_tokyo = text.index("Tokyo")
    assert [(m.start_char, m.end_char, m.text, m.label) for m in mentions] == [
        (15, 32, "Temple University", "ORG"),
        (first_tokyo, first_tokyo + 5, "Tokyo", "GPE"),
        (text.index("Tokyo", first_tokyo + 1), text.index("Tokyo", first_tokyo + 1) + 5, "Tokyo", "GPE"),
    ]
    assert text[15:32] == "Temple University"


def test_find_mentions_grows_a_span_over_the_word_that_makes_it_a_listed_name(blank_nlp: Language) -> None:
    # The model tags only `Democrats` in `the Liberal Democrats` (89 of 100 such BBC mentions).
    text = "The Liberal Democrats said so. Democrats in Washington did not."
    doc = _doc(blank_nlp, text, [("Democrats", "NORP", 0), ("Democrats", "NORP", 1)])
    mentions = find_mentions(doc)
    assert [(m.start_char, m.text) for m in mentions] == [(4, "Liberal Democrats"), (31, "Democrats")]
    assert _names(mentions)[0] == ("Liberal Democrats", "Liberal Democrats", "ORG")


def test_find_mentions_joins_two_spans_that_make_a_listed_name(blank_nlp: Language) -> None:
    text = "The Liberal Democrat leader spoke."
    doc = _doc(blank_nlp, text, [("Liberal", "NORP", 0), ("Democrat", "NORP", 0)])
    assert [(m.start_char, m.text, m.entity_name, m.entity_type) for m in find_mentions(doc)] == [
        (4, "Liberal Democrat", "Liberal Democrats", "ORG")]


def test_find_mentions_drops_swallowed_tail_with_no_label_of_its_own(blank_nlp: Language) -> None:
    doc = _doc(blank_nlp, "She teaches at Temple University’s Tokyo campus.", [("Temple University’s Tokyo", "ORG", 0)])
    assert _names(find_mentions(doc)) == [("Temple University", "Temple University", "ORG")]


def test_find_mentions_links_surname_and_possessive_to_full_name(blank_nlp: Language) -> None:
    text = "Sanae Takaichi spoke. Takaichi’s plan was praised. Takaichi left."
    doc = _doc(blank_nlp, text, [("Sanae Takaichi", "PERSON", 0), ("Takaichi’s", "PERSON", 0),
                                 ("Takaichi", "ORG", 2)])
    mentions = find_mentions(doc)
    assert _names(mentions) == [
        ("Sanae Takaichi", "Sanae Takaichi", "PERSON"),
        ("Takaichi’s", "Sanae Takaichi", "PERSON"),
        ("Takaichi", "Sanae Takaichi", "PERSON"),  # spaCy's ORG label corrected
    ]
    assert [m.label for m in mentions] == ["PERSON", "PERSON", "ORG"]
    assert [m.sentence_index for m in mentions] == [0, 1, 2]


def test_find_mentions_links_titled_first_name_and_keeps_title(blank_nlp: Language) -> None:
    doc = _doc(blank_nlp, "Lee Jae Myung arrived. President Lee spoke.",
               [("Lee Jae Myung", "PERSON", 0), ("President Lee", "PERSON", 0)])
    second = find_mentions(doc)[1]
    assert (second.text, second.entity_name, second.title) == ("President Lee", "Lee Jae Myung", "President")


def test_find_mentions_shared_surname_is_not_linked(blank_nlp: Language) -> None:
    doc = _doc(blank_nlp, "John Smith met Jane Smith. Smith spoke.",
               [("John Smith", "PERSON", 0), ("Jane Smith", "PERSON", 0), ("Smith", "PERSON", 2)])
    assert _names(find_mentions(doc))[-1] == ("Smith", "Smith", "PERSON")


def test_find_mentions_places_are_not_linked_to_people(blank_nlp: Language) -> None:
    doc = _doc(blank_nlp, "Michael Jordan visited Jordan.", [("Michael Jordan", "PERSON", 0), ("Jordan", "GPE", 1)])
    assert _names(find_mentions(doc))[-1] == ("Jordan", "Jordan", "GPE")


def test_find_mentions_aliases_share_one_name(blank_nlp: Language) -> None:
    doc = _doc(blank_nlp, "The U.S. and the United States and America.",
               [("U.S.", "GPE", 0), ("the United States", "GPE", 0), ("America", "GPE", 0)])
    assert {(m.entity_name, m.entity_type) for m in find_mentions(doc)} == {("United States", "GPE")}


@pytest.mark.parametrize(
    ("short", "full_names", "expected"),
    [
        ("Takaichi", ["Sanae Takaichi"], "Sanae Takaichi"),
        ("Lee", ["Lee Jae Myung"], "Lee Jae Myung"),
        ("Jae Myung", ["Lee Jae Myung"], "Lee Jae Myung"),
        ("Smith", ["Jane Smith", "John Smith"], None),  # two people share the surname
        ("Smith", ["John Smith", "Jane Smithson"], "John Smith"),  # whole words, not prefixes
        ("Jae", ["Lee Jae Myung"], None),  # a middle word is not a short form
        ("Jane Doe", ["Jane Doe"], None),  # already the full name
        ("Doe", [], None),
        ("", ["Jane Doe"], None),
    ],
)
def test_full_name_for_is_conservative(short: str, full_names: list[str], expected: str | None) -> None:
    assert full_name_for(short, full_names) == expected


@pytest.mark.parametrize(("char", "expected"), [(0, 0), (9, 0), (10, 1), (24, 1), (25, 2), (999, 2), (-1, 0)])
def test_sentence_index_finds_sentence_holding_offset(char: int, expected: int) -> None:
    assert sentence_index([0, 10, 25], char) == expected


def test_sentence_starts_are_the_sentence_offsets(blank_nlp: Language) -> None:
    assert sentence_starts(blank_nlp("One here. Two here. Three.")) == [0, 10, 20]


# ---------------------------------------------------------------- the seed article, real model


def _by_text(mentions: list[Mention], text: str) -> list[Mention]:
    found = [m for m in mentions if m.text == text]
    assert found, f"no mention written {text!r}"
    return found


def test_seed_takaichi_possessive_and_org_link_to_sanae_takaichi(seed_mentions: list[Mention]) -> None:
    short = _by_text(seed_mentions, "Takaichi’s") + _by_text(seed_mentions, "Takaichi")
    assert {(m.entity_name, m.entity_type) for m in short} == {("Sanae Takaichi", "PERSON")}
    assert "ORG" in {m.label for m in _by_text(seed_mentions, "Takaichi")}


def test_seed_lee_links_to_lee_jae_myung(seed_mentions: list[Mention]) -> None:
    assert {m.entity_name for m in _by_text(seed_mentions, "Lee")} == {"Lee Jae Myung"}


def test_seed_temple_university_tokyo_is_split_into_org_and_place(seed_text: str,
                                                                 seed_mentions: list[Mention]) -> None:
    at = seed_text.index("Temple University’s Tokyo")
    here = [(m.start_char, m.text, m.entity_type) for m in seed_mentions if at <= m.start_char < at + 25]
    assert here == [(at, "Temple University", "ORG"), (at + len("Temple University’s "), "Tokyo", "GPE")]


def test_seed_united_states_and_us_are_one_entity(seed_mentions: list[Mention]) -> None:
    written = _by_text(seed_mentions, "the United States") + _by_text(seed_mentions, "U.S.")
    assert {(m.entity_name, m.entity_type) for m in written} == {("United States", "GPE")}


def test_seed_no_entity_name_ends_in_a_possessive(seed_mentions: list[Mention]) -> None:
    assert [m.entity_name for m in seed_mentions if m.entity_name.endswith(("’s", "'s", "’", "'"))] == []


def test_seed_mention_offsets_index_the_text_exactly(seed_text: str, seed_mentions: list[Mention]) -> None:
    assert seed_mentions
    assert [m.text for m in seed_mentions] == [seed_text[m.start_char : m.end_char] for m in seed_mentions]


def test_seed_mention_sentence_index_matches_the_parse(seed_doc: Doc, seed_mentions: list[Mention]) -> None:
    sentences = list(seed_doc.sents)
    for mention in seed_mentions:
        sentence = sentences[mention.sentence_index]
        assert sentence.start_char <= mention.start_char < sentence.end_char


# ---------------------------------------------------------------- acronyms, titles, swallowed people


@pytest.mark.parametrize(("full", "short"), [
    ("Liberal Democratic Party", "LDP"),
    ("Financial Services Authority", "FSA"),
    ("Office for National Statistics", "ONS"),
    ("Institute of Fiscal Studies", "IFS"),
])
def test_find_mentions_links_an_acronym_to_the_organisation_it_abbreviates(
        blank_nlp: Language, full: str, short: str) -> None:
    text = f"The {full} ({short}) met. Later the {short} spoke."
    doc = _doc(blank_nlp, text, [(full, "ORG", 0), (short, "ORG", 0), (short, "ORG", 1)])
    assert {(m.entity_name, m.entity_type) for m in find_mentions(doc)} == {(full, "ORG")}


def test_find_mentions_acronym_matching_two_names_is_not_linked(blank_nlp: Language) -> None:
    text = "The Football Association and the Film Academy met. The FA declined."
    doc = _doc(blank_nlp, text, [("Football Association", "ORG", 0), ("Film Academy", "ORG", 0), ("FA", "ORG", 0)])
    assert ("FA", "FA", "ORG") in _names(find_mentions(doc))


def test_find_mentions_reads_the_title_written_before_a_name(blank_nlp: Language) -> None:
    text = "Japanese Prime Minister Sanae Takaichi met President Lee and Chinese leader Xi Jinping."
    doc = _doc(blank_nlp, text, [("Sanae Takaichi", "PERSON", 0), ("Lee", "PERSON", 0), ("Xi Jinping", "PERSON", 0)])
    assert [m.title for m in find_mentions(doc)] == ["Prime Minister", "President", None]


def test_find_mentions_splits_a_person_swallowed_by_an_organisation(blank_nlp: Language) -> None:
    text = "Jack Straw spoke. In a speech to the Foreign Policy Centre Mr Straw said so."
    doc = _doc(blank_nlp, text, [("Jack Straw", "PERSON", 0), ("the Foreign Policy Centre Mr Straw", "ORG", 0)])
    assert _names(find_mentions(doc))[1:] == [
        ("the Foreign Policy Centre", "Foreign Policy Centre", "ORG"), ("Mr Straw", "Jack Straw", "PERSON")]


def test_find_mentions_two_people_sharing_a_surname_keep_the_surname_apart(blank_nlp: Language) -> None:
    text = "Lee Jae Myung met Lee Hsien Loong. Lee said the talks went well."
    doc = _doc(blank_nlp, text, [("Lee Jae Myung", "PERSON", 0), ("Lee Hsien Loong", "PERSON", 0),
                                 ("Lee", "PERSON", 2)])
    assert _names(find_mentions(doc))[2] == ("Lee", "Lee", "PERSON")


def test_find_mentions_bare_surname_is_not_linked_across_articles(blank_nlp: Language) -> None:
    """Linking is per article: `Lee` alone in a second article stays `Lee`, whoever the first named."""
    first = _doc(blank_nlp, "Lee Jae Myung spoke. Lee left.", [("Lee Jae Myung", "PERSON", 0), ("Lee", "PERSON", 1)])
    second = _doc(blank_nlp, "Lee arrived in Seoul.", [("Lee", "PERSON", 0)])
    assert _names(find_mentions(first))[1][1] == "Lee Jae Myung"
    assert _names(find_mentions(second)) == [("Lee", "Lee", "PERSON")]
