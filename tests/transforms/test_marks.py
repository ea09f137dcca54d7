"""Finding quoted spans in raw text: every quotation style, apostrophes told apart."""

from __future__ import annotations

import pytest

from transforms.attribution.marks import QuoteSpan, find_quote_spans


def _contents(text: str) -> list[str]:
    return [text[s.start_char : s.end_char] for s in find_quote_spans(text)]


@pytest.mark.parametrize(
    "text",
    [
        'He said "hello there" today.',
        "He said “hello there” today.",
        "He said ‘hello there’ today.",
        "He said «hello there» today.",
        "He said 'hello there' today.",
        "He said „hello there“ today.",
    ],
    ids=["straight-double", "curly-double", "curly-single", "guillemets", "straight-single", "low-high"],
)
def test_quote_spans_every_style_gives_content_without_marks(text: str) -> None:
    assert find_quote_spans(text) == [QuoteSpan(open_char=8, close_char=20, start_char=9, end_char=20)]
    assert _contents(text) == ["hello there"]


@pytest.mark.parametrize(
    "text",
    [
        "China’s stance is firm and we don’t mind.",
        "China's stance is firm and we don't mind.",
        "Rare earths are crucial to both nations’ economies.",
        "It's Jones' car, parked by the Smiths' house.",
        "Back in the '90s, rock ’n’ roll was king.",
        "Back in the ’90s, rock 'n' roll was king.",
        "’Tis the season; give ’em a break.",
    ],
)
def test_quote_spans_apostrophes_and_elisions_are_not_quotes(text: str) -> None:
    assert find_quote_spans(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said ‘China’s stance is firm’ today.", "China’s stance is firm"),
        ("He said ‘we don’t mind’ today.", "we don’t mind"),
        ("He said 'we don't mind' today.", "we don't mind"),
        ("She loved rock 'n' roll and said 'yes please' loudly.", "yes please"),
        ("The ’80s ‘boom’ ended.", "boom"),
    ],
)
def test_quote_spans_curly_single_quote_is_not_an_apostrophe(text: str, expected: str) -> None:
    assert _contents(text) == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He said ‘both nations’ economies will suffer.’", "both nations’ economies will suffer."),
        ("He said ‘the students’ union’ would vote.", "the students’ union"),
        ("He said 'both nations' economies will suffer,' and left.", "both nations' economies will suffer,"),
    ],
)
def test_quote_spans_plural_possessive_does_not_close_quote(text: str, expected: str) -> None:
    assert _contents(text) == [expected]


def test_quote_spans_plural_possessive_inside_quote_closed_before_lowercase_word() -> None:
    text = "He called it ‘crucial to both nations’ economies’ in May."
    assert _contents(text) == ["crucial to both nations’ economies"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "she told me ‘no way’ yesterday" and left.', "she told me ‘no way’ yesterday"),
        ("He said “she told me ‘no way’ yesterday” and left.", "she told me ‘no way’ yesterday"),
        ("He wrote “A ‘Bee’ sea” on it.", "A ‘Bee’ sea"),
    ],
)
def test_quote_spans_nested_quote_keeps_only_outer(text: str, expected: str) -> None:
    assert _contents(text) == [expected]


@pytest.mark.parametrize("mark", ['"', "“"])
def test_quote_spans_multi_paragraph_quote_closes_only_at_last_paragraph(mark: str) -> None:
    close = '"' if mark == '"' else "”"
    text = (f"{mark}The first paragraph of the quote.\n"
            f"{mark}The second paragraph.\n"
            f"{mark}The third ends here.{close}\n"
            "Narration follows.")
    (span,) = find_quote_spans(text)
    assert (span.open_char, span.close_char) == (0, text.index(close + "\n"))
    assert text[span.start_char : span.end_char] == (
        f"The first paragraph of the quote.\n{mark}The second paragraph.\n{mark}The third ends here.")


def test_quote_spans_paragraph_left_open_without_reopening_gives_no_quote() -> None:
    assert find_quote_spans('"He is not wise.\nThe next paragraph is narration.') == []


def test_quote_spans_paragraphs_run_together_reopen_the_quote() -> None:
    text = 'He said: "The plan is not wise. "He lacks judgement," she added.'
    assert _contents(text) == ['The plan is not wise. "He lacks judgement,']


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"A fine day," she said, "for a walk."', ["A fine day,", "for a walk."]),
        ("“Yes,” she said, “we agree.”", ["Yes,", "we agree."]),
        ("‘Yes,’ she said, ‘we agree.’", ["Yes,", "we agree."]),
    ],
)
def test_quote_spans_interrupted_quote_gives_two_spans(text: str, expected: list[str]) -> None:
    assert _contents(text) == expected


def test_quote_spans_two_quotes_in_one_sentence_are_separate() -> None:
    assert _contents('He said "no" and she said "yes".') == ["no", "yes"]


def test_quote_spans_content_offsets_exclude_marks_and_surrounding_whitespace() -> None:
    text = 'He said "  padded words  " today.'
    assert find_quote_spans(text) == [QuoteSpan(open_char=8, close_char=25, start_char=11, end_char=23)]
    assert text[11:23] == "padded words"
    assert find_quote_spans(text)[0].outer_end == 26


def test_quote_spans_curly_mark_followed_by_space_does_not_open() -> None:
    text = "A stray “ mark, then “fell back” later."
    opening = text.index("“fell")
    assert find_quote_spans(text) == [
        QuoteSpan(open_char=opening, close_char=text.index("”"), start_char=opening + 1, end_char=text.index("”"))]


def test_quote_spans_guillemets_with_french_spacing_are_found() -> None:
    assert _contents("Il a dit «\u00a0pas question\u00a0» hier.") == ["pas question"]


@pytest.mark.parametrize(
    "text",
    ['A "x" mark.', 'Numbers "12" only.', 'Empty "" marks.', 'Unclosed "quote runs to the end', "“Unclosed curly\nNext."],
)
def test_quote_spans_too_short_wordless_or_unclosed_give_nothing(text: str) -> None:
    assert find_quote_spans(text) == []


def test_quote_spans_are_in_order_of_position() -> None:
    text = "‘First’ and \"second\" and «third»."
    assert _contents(text) == ["First", "second", "third"]
