"""The attribution rule table and speaker resolution, each row on a hand-built `Doc`.

Every parse here is written out token by token, so a failure is a rule bug and never a model
upgrade; tests/transforms/test_quotes.py runs the same ladder on the real model. Each row of
`RULES` has a test where it attributes the quote (`@fires`) and one where its condition fails
(`@declines`); the last test checks that no row is left without both.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from tests.transforms.attribution.helpers import parsed_doc, unparsed_doc
from transforms.attribution.context import Article, QuoteContext, Speaker
from transforms.attribution.marks import QuoteSpan, find_quote_spans
from transforms.attribution.reported import find_reported_clauses
from transforms.attribution.rules import RULES, Rule, attribute
from transforms.doc_text import text_of
from transforms.entities import find_mentions
from transforms.records import Quote

FIRES: set[tuple[str, str]] = set()  # (row name, kind) with a test where the row attributes the quote
DECLINES: set[tuple[str, str]] = set()  # (row name, kind) with a test where the row's condition fails


def fires(name: str, kind: str) -> Callable:
    """Mark a test in which row `name` (serving `kind`) attributes the quote."""
    def mark(test: Callable) -> Callable:
        FIRES.add((name, kind))
        return test
    return mark


def declines(name: str, kind: str) -> Callable:
    """Mark a test in which row `name` (serving `kind`) does not fire because its condition fails."""
    def mark(test: Callable) -> Callable:
        DECLINES.add((name, kind))
        return test
    return mark


def row(name: str, kind: str) -> Rule:
    return next(r for r in RULES if (r.name, r.kind) == (name, kind))


def reported_context(doc: Doc) -> QuoteContext:
    """The context of the one reported clause in `doc`."""
    (clause,) = find_reported_clauses(doc)
    tokens = doc.char_span(clause.start_char, clause.end_char, alignment_mode="expand")
    kind = "belief" if clause.is_belief else "indirect"
    return QuoteContext(Article(doc, find_mentions(doc)), tokens, kind, reported=clause)


def marked_context(doc: Doc, index: int = 0, kind: str = "direct", earlier: tuple[Quote, ...] = (),
                   previous_marked: tuple[QuoteSpan, Quote] | None = None) -> QuoteContext:
    """The context of the `index`-th quotation in marks in `doc`."""
    span = find_quote_spans(text_of(doc))[index]
    tokens = doc.char_span(span.start_char, span.end_char, alignment_mode="expand")
    return QuoteContext(Article(doc, find_mentions(doc)), tokens, kind, marked=span, earlier=earlier,
                        previous_marked=previous_marked)


def earlier_quote(doc: Doc, span: QuoteSpan, speaker: Speaker) -> Quote:
    """A quote already attributed to `speaker`, as `find_quotes` passes it on to the next one."""
    return Quote(span.start_char, span.end_char, text_of(doc)[span.start_char : span.end_char], "direct",
                 speaker.cue_verb, speaker.mention, speaker.name, speaker.entity_type, 0, speaker.rule,
                 speaker.confidence, speaker_resolution=speaker.resolution)


def said_by(speaker: Speaker | None) -> tuple | None:
    """(rule, mention, name, type, cue, resolution): everything a test checks but the confidence."""
    if speaker is None:
        return None
    return speaker.rule, speaker.mention, speaker.name, speaker.entity_type, speaker.cue_verb, speaker.resolution


PATEL_SAID = Speaker("Ravi Patel", "Ravi Patel", "PERSON", "said", "governing_verb", 0.9, "name")


# ------------------------------------------------------------------ reported clauses


def _ravi_patel_said_exports_fell() -> Doc:
    return parsed_doc([
        ("Ravi", "PROPN", "compound", 1),
        ("Patel", "PROPN", "nsubj", 2),
        ("said", "VERB", "ROOT", 2, "say"),
        ("exports", "NOUN", "nsubj", 4, "export", "NNS"),
        ("fell", "VERB", "ccomp", 2, "fall"),
        ("sharply", "ADV", "advmod", 4),
        (".", "PUNCT", "punct", 2),
    ], ents={(0, 2): "PERSON"})


@fires("reported_verb", "reported")
def test_reported_verb_gives_the_clause_to_the_subject_of_its_speech_verb() -> None:
    context = reported_context(_ravi_patel_said_exports_fell())
    assert context.tokens.text == "exports fell sharply"
    speaker = attribute(context)
    assert said_by(speaker) == ("reported_verb", "Ravi Patel", "Ravi Patel", "PERSON", "said", "name")
    assert speaker.confidence == pytest.approx(0.85)


def _patel_was_told(by_council: bool) -> Doc:
    agent = [("by", "ADP", "agent", 2), ("the", "DET", "det", 5), ("council", "NOUN", "pobj", 3)] if by_council else []
    n = len(agent)
    return parsed_doc([
        ("Patel", "PROPN", "nsubjpass", 2),
        ("was", "AUX", "auxpass", 2, "be"),
        ("told", "VERB", "ROOT", 2, "tell", "VBN"),
        *agent,
        ("the", "DET", "det", 4 + n),
        ("clinic", "NOUN", "nsubj", 6 + n),
        ("would", "AUX", "aux", 6 + n),
        ("close", "VERB", "ccomp", 2, "close"),
        (".", "PUNCT", "punct", 2),
    ], ents={(0, 1): "PERSON"})


@declines("reported_verb", "reported")
@declines("preceding_subject", "reported")
def test_passive_report_without_agent_has_no_speaker_not_its_hearer() -> None:
    doc = _patel_was_told(by_council=False)
    context = reported_context(doc)
    assert (doc.text, context.tokens.text) == ("Patel was told the clinic would close.", "the clinic would close")
    assert row("reported_verb", "reported").find(context).subject is None
    assert row("preceding_subject", "reported").find(context).subject is None
    assert attribute(context) is None


def test_passive_report_goes_to_its_by_agent() -> None:
    doc = _patel_was_told(by_council=True)
    assert doc.text == "Patel was told by the council the clinic would close."
    speaker = attribute(reported_context(doc))
    assert said_by(speaker) == ("reported_verb", "the council", "The council", "NOUN_PHRASE", "told", "phrase")


def _according_to(source: tuple, ents: dict[tuple[int, int], str], before: list[tuple] = ()) -> Doc:
    """`According to <source>, exports fell sharply.`, after the `before` rows."""
    n = len(before)
    return parsed_doc([
        *before,
        ("According", "VERB", "prep", 5 + n, "accord", "VBG"),
        ("to", "ADP", "prep", n),
        (*source[:2], "pobj", 1 + n, *source[2:]),
        (",", "PUNCT", "punct", 5 + n),
        ("exports", "NOUN", "nsubj", 5 + n, "export", "NNS"),
        ("fell", "VERB", "ROOT", 5 + n, "fall"),
        ("sharply", "ADV", "advmod", 5 + n),
        (".", "PUNCT", "punct", 5 + n),
    ], ents=ents)


@fires("according_to", "reported")
def test_according_to_gives_the_clause_to_its_source() -> None:
    context = reported_context(_according_to(("Ofcom", "PROPN"), {(2, 3): "ORG"}))
    assert (text_of(context.doc), context.tokens.text) == ("According to Ofcom, exports fell sharply.",
                                                          "exports fell sharply")
    assert row("reported_verb", "reported").find(context) is None
    speaker = attribute(context)
    assert said_by(speaker) == ("according_to", "Ofcom", "Ofcom", "ORG", "according to", "name")
    assert speaker.confidence == pytest.approx(0.85)


@declines("according_to", "reported")
def test_according_to_a_word_that_cannot_speak_gives_no_speaker() -> None:
    context = reported_context(_according_to(("this", "PRON", "this", "DT"), {}))
    assert text_of(context.doc) == "According to this, exports fell sharply."
    assert row("according_to", "reported").find(context).subject.text == "this"
    assert row("preceding_subject", "reported").find(context) is None  # `according` has no subject to look for
    assert attribute(context) is None


def test_according_to_an_object_pronoun_is_the_person_named_before() -> None:
    arrived = [("Ravi", "PROPN", "compound", 1), ("Patel", "PROPN", "nsubj", 2),
               ("arrived", "VERB", "ROOT", 2, "arrive"), (".", "PUNCT", "punct", 2)]
    doc = _according_to(("him", "PRON", "he", "PRP"), {(0, 2): "PERSON"}, before=arrived)
    context = reported_context(doc)
    assert text_of(doc) == "Ravi Patel arrived. According to him, exports fell sharply."
    assert said_by(attribute(context)) == ("according_to", "him", "Ravi Patel", "PERSON", "according to", "pronoun")


@fires("preceding_subject", "reported")
def test_preceding_subject_speaks_for_a_verb_the_parse_left_without_one() -> None:
    doc = parsed_doc([
        ("Patel", "PROPN", "nsubj", 2),  # misparsed as the subject of `speaking`
        (",", "PUNCT", "punct", 2),
        ("speaking", "VERB", "advcl", 6, "speak", "VBG"),
        ("on", "ADP", "prep", 2),
        ("Monday", "PROPN", "pobj", 3),
        (",", "PUNCT", "punct", 6),
        ("told", "VERB", "ROOT", 6, "tell"),
        ("reporters", "NOUN", "dobj", 6, "reporter", "NNS"),
        ("prices", "NOUN", "nsubj", 10, "price", "NNS"),
        ("would", "AUX", "aux", 10),
        ("rise", "VERB", "ccomp", 6, "rise"),
        (".", "PUNCT", "punct", 6),
    ], ents={(0, 1): "PERSON", (4, 5): "DATE"})
    context = reported_context(doc)
    assert (doc.text, context.tokens.text) == ("Patel, speaking on Monday, told reporters prices would rise.",
                                               "prices would rise")
    assert row("reported_verb", "reported").find(context).subject is None
    speaker = attribute(context)
    assert said_by(speaker) == ("preceding_subject", "Patel", "Patel", "PERSON", "told", "name")
    assert speaker.confidence == pytest.approx(0.6)


# ------------------------------------------------------------------ quotes in quotation marks


def _two_halves(gap: str, named: str = "Ravi Patel", written: str = "Ravi Patel") -> QuoteContext:
    """`“We will win,”<gap>“and we will win soon.”`, the first half already said by `named`."""
    text = f"“We will win,”{gap}“and we will win soon.”"
    doc = unparsed_doc(text, ents={named: "PERSON"}, verbs={"said": "say"})
    first = find_quote_spans(text_of(doc))[0]
    quote = earlier_quote(doc, first, Speaker(written, named, "PERSON", "said", "governing_verb", 0.9, "name"))
    return marked_context(doc, 1, earlier=(quote,), previous_marked=(first, quote))


@fires("interrupted", "marked")
def test_interrupted_second_half_takes_the_first_halfs_speaker() -> None:
    speaker = attribute(_two_halves(" Ravi Patel said, "))
    assert said_by(speaker) == ("interrupted", "Ravi Patel", "Ravi Patel", "PERSON", "said", "earlier")
    assert speaker.confidence == pytest.approx(0.9)


@declines("interrupted", "marked")
@pytest.mark.parametrize("gap, fallback", [
    (" Ravi Patel said. ", "carried_over"),
    (" Ravi Patel said,\n", "carried_over"),
    (" Ravi Patel said on Monday night, after a long count in the town hall on the edge of the city, ",
     "nearest_person"),
], ids=["gap ends a sentence", "paragraph break", "gap over 80 characters"])
def test_interrupted_does_not_join_halves_the_gap_separates(gap: str, fallback: str) -> None:
    context = _two_halves(gap)
    assert row("interrupted", "marked").find(context) is None
    assert said_by(attribute(context))[0] == fallback  # a weaker row still finds the speaker


def test_interrupted_gap_with_an_abbreviated_title_does_not_end_a_sentence() -> None:
    speaker = attribute(_two_halves(" said Mr. Patel, ", named="Patel", written="Mr. Patel"))
    assert said_by(speaker) == ("interrupted", "Mr. Patel", "Patel", "PERSON", "said", "earlier")


@fires("governing_verb", "marked")
def test_governing_verb_is_the_speech_verb_the_quote_hangs_on() -> None:
    doc = parsed_doc([
        ("“", "PUNCT", "punct", 8, "", "``"),
        ("Prices", "NOUN", "nsubj", 3, "price", "NNS"),
        ("will", "AUX", "aux", 3),
        ("rise", "VERB", "ccomp", 8, "rise", "VB"),
        (",", "PUNCT", "punct", 3, "", ","),
        ("”", "PUNCT", "punct", 8, "", "''"),
        ("Ravi", "PROPN", "compound", 7),
        ("Patel", "PROPN", "nsubj", 8),
        ("said", "VERB", "ROOT", 8, "say"),
        (".", "PUNCT", "punct", 8),
    ], ents={(6, 8): "PERSON"})
    context = marked_context(doc)
    assert (doc.text, context.tokens.text) == ("“Prices will rise,” Ravi Patel said.", "Prices will rise,")
    speaker = attribute(context)
    assert said_by(speaker) == ("governing_verb", "Ravi Patel", "Ravi Patel", "PERSON", "said", "name")
    assert speaker.confidence == pytest.approx(0.9)


@declines("governing_verb", "marked")
def test_governing_verb_never_reaches_across_a_paragraph_break() -> None:
    doc = parsed_doc([
        ("Ravi", "PROPN", "compound", 1),
        ("Patel", "PROPN", "nsubj", 2),
        ("said", "VERB", "ROOT", 2, "say"),  # a headline the parse ran into the next paragraph
        ("\n", "SPACE", "dep", 2),
        ("“", "PUNCT", "punct", 7, "", "``"),
        ("Prices", "NOUN", "nsubj", 7, "price", "NNS"),
        ("will", "AUX", "aux", 7),
        ("rise", "VERB", "ccomp", 2, "rise", "VB"),
        (".", "PUNCT", "punct", 7),
        ("”", "PUNCT", "punct", 7, "", "''"),
    ], ents={(0, 2): "PERSON"})
    context = marked_context(doc)
    assert (doc.text, context.tokens.text) == ("Ravi Patel said\n“Prices will rise.”", "Prices will rise.")
    assert row("governing_verb", "marked").find(context) is None
    assert attribute(context) is None


def _according_to_ofcom_in_or_after_quote(inside: bool) -> Doc:
    if inside:  # `“According to Ofcom, prices will rise.”`
        return parsed_doc([
            ("“", "PUNCT", "punct", 7, "", "``"),
            ("According", "VERB", "prep", 7, "accord", "VBG"),
            ("to", "ADP", "prep", 1),
            ("Ofcom", "PROPN", "pobj", 2),
            (",", "PUNCT", "punct", 7),
            ("prices", "NOUN", "nsubj", 7, "price", "NNS"),
            ("will", "AUX", "aux", 7),
            ("rise", "VERB", "ROOT", 7, "rise", "VB"),
            (".", "PUNCT", "punct", 7),
            ("”", "PUNCT", "punct", 7, "", "''"),
        ], ents={(3, 4): "ORG"})
    return parsed_doc([
        ("“", "PUNCT", "punct", 3, "", "``"),
        ("Prices", "NOUN", "nsubj", 3, "price", "NNS"),
        ("will", "AUX", "aux", 3),
        ("rise", "VERB", "ROOT", 3, "rise", "VB"),
        ("next", "ADJ", "amod", 5),
        ("year", "NOUN", "npadvmod", 3),
        (",", "PUNCT", "punct", 3),
        ("”", "PUNCT", "punct", 3, "", "''"),
        ("according", "VERB", "prep", 3, "accord", "VBG"),
        ("to", "ADP", "prep", 8),
        ("Ofcom", "PROPN", "pobj", 9),
        (".", "PUNCT", "punct", 3),
    ], ents={(10, 11): "ORG"})


@fires("according_to", "marked")
def test_according_to_after_the_quote_gives_it_to_the_source() -> None:
    doc = _according_to_ofcom_in_or_after_quote(inside=False)
    context = marked_context(doc)
    assert doc.text == "“Prices will rise next year,” according to Ofcom."
    assert row("governing_verb", "marked").find(context) is None
    speaker = attribute(context)
    assert said_by(speaker) == ("according_to", "Ofcom", "Ofcom", "ORG", "according to", "name")
    assert speaker.confidence == pytest.approx(0.85)


@declines("according_to", "marked")
def test_according_to_inside_the_quotation_is_what_was_said_not_who_said_it() -> None:
    doc = _according_to_ofcom_in_or_after_quote(inside=True)
    context = marked_context(doc)
    assert doc.text == "“According to Ofcom, prices will rise.”"
    assert row("according_to", "marked").find(context) is None
    assert attribute(context) is None


@fires("sentence_verb", "marked")
def test_sentence_verb_is_the_speech_verb_in_the_quotes_sentence_it_does_not_hang_on() -> None:
    doc = parsed_doc([
        ("“", "PUNCT", "punct", 5, "", "``"),
        ("We", "PRON", "nsubj", 3, "we"),
        ("will", "AUX", "aux", 3),
        ("win", "VERB", "csubj", 5, "win", "VB"),
        ("”", "PUNCT", "punct", 5, "", "''"),
        ("is", "AUX", "ROOT", 5, "be", "VBZ"),
        ("what", "PRON", "dobj", 9, "what", "WP"),
        ("Ravi", "PROPN", "compound", 8),
        ("Patel", "PROPN", "nsubj", 9),
        ("told", "VERB", "ccomp", 5, "tell"),
        ("reporters", "NOUN", "dobj", 9, "reporter", "NNS"),
        (".", "PUNCT", "punct", 5),
    ], ents={(7, 9): "PERSON"})
    context = marked_context(doc)
    assert (doc.text, context.tokens.text) == ("“We will win” is what Ravi Patel told reporters.", "We will win")
    assert row("governing_verb", "marked").find(context) is None
    speaker = attribute(context)
    assert said_by(speaker) == ("sentence_verb", "Ravi Patel", "Ravi Patel", "PERSON", "told", "name")
    assert speaker.confidence == pytest.approx(0.75)


@declines("sentence_verb", "marked")
def test_sentence_verb_never_takes_a_speech_verb_inside_the_quotation() -> None:
    doc = parsed_doc([
        ("“", "PUNCT", "punct", 9, "", "``"),
        ("We", "PRON", "nsubj", 3, "we"),
        ("will", "AUX", "aux", 3),
        ("win", "VERB", "ccomp", 6, "win", "VB"),
        (",", "PUNCT", "punct", 6),
        ("I", "PRON", "nsubj", 6, "I"),
        ("told", "VERB", "csubj", 9, "tell"),
        ("them", "PRON", "dobj", 6, "they"),
        ("”", "PUNCT", "punct", 9, "", "''"),
        ("is", "AUX", "ROOT", 9, "be", "VBZ"),
        ("the", "DET", "det", 11),
        ("message", "NOUN", "attr", 9),
        (".", "PUNCT", "punct", 9),
    ])
    context = marked_context(doc)
    assert doc.text == "“We will win, I told them” is the message."
    assert context.tokens.text == "We will win, I told them"
    assert row("sentence_verb", "marked").find(context) is None
    assert attribute(context) is None


_WE_WILL_WIN = [  # `“We will win.”` as a sentence of its own, tokens 0-5
    ("“", "PUNCT", "punct", 3, "", "``"),
    ("We", "PRON", "nsubj", 3, "we"),
    ("will", "AUX", "aux", 3),
    ("win", "VERB", "ROOT", 3, "win", "VB"),
    (".", "PUNCT", "punct", 3),
    ("”", "PUNCT", "punct", 3, "", "''"),
]


def _after(rows: list[tuple], offset: int) -> list[tuple]:
    """Rows moved `offset` tokens to the right, heads and all."""
    return [(word, pos, dep, head + offset, *rest) for word, pos, dep, head, *rest in rows]


_RAVI_PATEL_SAID = [
    ("Ravi", "PROPN", "compound", 1),
    ("Patel", "PROPN", "nsubj", 2),
    ("said", "VERB", "ROOT", 2, "say"),
]


@fires("adjacent_sentence", "marked")
@pytest.mark.parametrize("rows, text", [
    (_WE_WILL_WIN + _after(_RAVI_PATEL_SAID + [(".", "PUNCT", "punct", 2)], 6),
     "“We will win.” Ravi Patel said."),
    (_RAVI_PATEL_SAID + [("of", "ADP", "prep", 2), ("the", "DET", "det", 5), ("vote", "NOUN", "pobj", 3),
                         (":", "PUNCT", "punct", 2, "", ":")] + _after(_WE_WILL_WIN, 7),
     "Ravi Patel said of the vote: “We will win.”"),
], ids=["sentence after", "sentence before ending in a colon"])
def test_adjacent_sentence_split_off_by_the_splitter_attributes_the_quote(rows: list[tuple], text: str) -> None:
    doc = parsed_doc(rows, ents={(0, 2): "PERSON"} if rows[0][0] == "Ravi" else {(6, 8): "PERSON"})
    context = marked_context(doc)
    assert (doc.text, len(list(doc.sents))) == (text, 2)
    assert row("sentence_verb", "marked").find(context) is None
    speaker = attribute(context)
    assert said_by(speaker) == ("adjacent_sentence", "Ravi Patel", "Ravi Patel", "PERSON", "said", "name")
    assert speaker.confidence == pytest.approx(0.7)


@declines("adjacent_sentence", "marked")
def test_adjacent_sentence_never_reaches_across_a_paragraph_break() -> None:
    rows = _WE_WILL_WIN + [("\n", "SPACE", "dep", 3)] + _after(_RAVI_PATEL_SAID, 7) + [
        ("the", "DET", "det", 11),
        ("vote", "NOUN", "nsubj", 12),
        ("was", "AUX", "ccomp", 9, "be"),
        ("close", "ADJ", "acomp", 12),
        (".", "PUNCT", "punct", 9),
    ]
    doc = parsed_doc(rows, ents={(7, 9): "PERSON"})
    context = marked_context(doc)
    assert doc.text == "“We will win.”\nRavi Patel said the vote was close."
    assert row("adjacent_sentence", "marked").find(context) is None
    assert attribute(context) is None


def _upbeat() -> Doc:
    return parsed_doc([
        ("Ravi", "PROPN", "compound", 1),
        ("Patel", "PROPN", "nsubj", 2),
        ("was", "AUX", "ROOT", 2, "be"),
        ("upbeat", "ADJ", "acomp", 2),
        (":", "PUNCT", "punct", 2, "", ":"),
        ("“", "PUNCT", "punct", 8, "", "``"),
        ("We", "PRON", "nsubj", 8, "we"),
        ("will", "AUX", "aux", 8),
        ("win", "VERB", "parataxis", 2, "win", "VB"),
        (".", "PUNCT", "punct", 8),
        ("”", "PUNCT", "punct", 2, "", "''"),
    ], ents={(0, 2): "PERSON"})


@fires("nearest_person", "direct")
def test_nearest_person_speaks_a_direct_quote_with_no_speech_verb() -> None:
    doc = _upbeat()
    context = marked_context(doc, kind="direct")
    assert (doc.text, context.tokens.text) == ("Ravi Patel was upbeat: “We will win.”", "We will win.")
    speaker = attribute(context)
    assert said_by(speaker) == ("nearest_person", "Ravi Patel", "Ravi Patel", "PERSON", "", "name")
    assert speaker.confidence == pytest.approx(0.5)


@declines("nearest_person", "direct")
def test_nearest_person_does_not_speak_a_partial_quote() -> None:
    context = marked_context(_upbeat(), kind="partial")
    assert not row("nearest_person", "direct").serves(context)
    assert attribute(context) is None


def _floating(between: str) -> QuoteContext:
    """`“We will win,” Ravi Patel said.<between>“The vote is ours.”`: the second quote floats."""
    text = f"“We will win,” Ravi Patel said.{between}“The vote is ours.”"
    doc = unparsed_doc(text, ents={"Ravi Patel": "PERSON"}, verbs={"said": "say"})
    first = find_quote_spans(text_of(doc))[0]
    quote = earlier_quote(doc, first, PATEL_SAID)
    return marked_context(doc, 1, earlier=(quote,), previous_marked=(first, quote))


@fires("carried_over", "direct")
def test_carried_over_gives_a_floating_quote_the_speaker_of_the_one_before() -> None:
    context = _floating("\n")
    assert row("interrupted", "marked").find(context) is None
    speaker = attribute(context)
    assert said_by(speaker) == ("carried_over", None, "Ravi Patel", "PERSON", "said", "earlier")  # the cue carries over with the speaker
    assert speaker.confidence == pytest.approx(0.5)


@declines("carried_over", "direct")
@pytest.mark.parametrize("between", [
    "\nThe vote is on Monday.\nTurnout will be high.\n",
    "\n" + "Turnout will be high in the north of the city. " * 10 + "\n",
], ids=["three paragraph breaks", "more than 400 characters"])
def test_carried_over_does_not_reach_back_too_far(between: str) -> None:
    context = _floating(between)
    assert row("carried_over", "direct").find(context) is None
    assert attribute(context) is None


def test_every_row_of_the_rule_table_has_a_test_where_it_fires_and_one_where_it_does_not() -> None:
    rows = {(r.name, r.kind) for r in RULES}
    assert rows - FIRES == set(), "rows with no test where they attribute a quote"
    assert rows - DECLINES == set(), "rows with no test where their condition fails"
    assert (FIRES | DECLINES) - rows == set(), "tests marked for rows the table no longer has"


# ------------------------------------------------------------------ resolving the speaker


def _reported_speaker(rows: list[tuple], ents: dict[tuple[int, int], str], text: str) -> Speaker | None:
    doc = parsed_doc(rows, ents=ents)
    assert doc.text == text
    return attribute(reported_context(doc))


def test_resolve_surname_missed_by_the_ner_is_the_person_named_in_full() -> None:
    speaker = _reported_speaker([
        ("Ravi", "PROPN", "compound", 1),
        ("Patel", "PROPN", "nsubj", 2),
        ("arrived", "VERB", "ROOT", 2, "arrive"),
        (".", "PUNCT", "punct", 2),
        ("Patel", "PROPN", "nsubj", 5),
        ("said", "VERB", "ROOT", 5, "say"),
        ("the", "DET", "det", 7),
        ("team", "NOUN", "nsubj", 8),
        ("was", "AUX", "ccomp", 5, "be"),
        ("tired", "ADJ", "acomp", 8),
        (".", "PUNCT", "punct", 5),
    ], {(0, 2): "PERSON"}, "Ravi Patel arrived. Patel said the team was tired.")
    assert said_by(speaker) == ("reported_verb", "Patel", "Ravi Patel", "PERSON", "said", "surname")


@pytest.mark.parametrize("pronoun, lemma, person", [("She", "she", "Anna Berg"), ("He", "he", "John Smith")])
def test_resolve_pronoun_is_the_person_of_its_gender_named_before(pronoun: str, lemma: str, person: str) -> None:
    speaker = _reported_speaker([
        ("John", "PROPN", "compound", 1),
        ("Smith", "PROPN", "nsubj", 2),  # the subject, preferred when the gender allows it
        ("met", "VERB", "ROOT", 2, "meet"),
        ("Anna", "PROPN", "compound", 4),
        ("Berg", "PROPN", "dobj", 2),
        (".", "PUNCT", "punct", 2),
        (pronoun, "PRON", "nsubj", 7, lemma),
        ("said", "VERB", "ROOT", 7, "say"),
        ("the", "DET", "det", 9),
        ("talks", "NOUN", "nsubj", 10, "talk", "NNS"),
        ("failed", "VERB", "ccomp", 7, "fail"),
        (".", "PUNCT", "punct", 7),
    ], {(0, 2): "PERSON", (3, 5): "PERSON"}, f"John Smith met Anna Berg. {pronoun} said the talks failed.")
    assert said_by(speaker) == ("reported_verb", pronoun, person, "PERSON", "said", "pronoun")


def test_resolve_the_company_is_the_organisation_named_before() -> None:
    speaker = _reported_speaker([
        ("Acme", "PROPN", "nsubj", 1),
        ("cut", "VERB", "ROOT", 1, "cut"),
        ("300", "NUM", "nummod", 3),
        ("jobs", "NOUN", "dobj", 1, "job", "NNS"),
        (".", "PUNCT", "punct", 1),
        ("The", "DET", "det", 6),
        ("company", "NOUN", "nsubj", 7),
        ("said", "VERB", "ROOT", 7, "say"),
        ("demand", "NOUN", "nsubj", 10),
        ("had", "AUX", "aux", 10, "have"),
        ("fallen", "VERB", "ccomp", 7, "fall", "VBN"),
        (".", "PUNCT", "punct", 7),
    ], {(0, 1): "ORG"}, "Acme cut 300 jobs. The company said demand had fallen.")
    assert said_by(speaker) == ("reported_verb", "The company", "Acme", "ORG", "said", "description")


def _spokesman_for(organisation: tuple[str, ...], label: str) -> Speaker | None:
    n = len(organisation)
    return _reported_speaker([
        ("A", "DET", "det", 1),
        ("spokesman", "NOUN", "nsubj", 3 + n),
        ("for", "ADP", "prep", 1),
        *[(word, "DET" if word == "the" else "PROPN", "det" if word == "the" else "compound", 2 + n)
          for word in organisation[:-1]],
        (organisation[-1], "PROPN", "pobj", 2),
        ("said", "VERB", "ROOT", 3 + n, "say"),
        ("exports", "NOUN", "nsubj", 5 + n, "export", "NNS"),
        ("fell", "VERB", "ccomp", 3 + n, "fall"),
        ("sharply", "ADV", "advmod", 5 + n),
        (".", "PUNCT", "punct", 3 + n),
    ], {(3, 3 + n): label}, f"A spokesman for {' '.join(organisation)} said exports fell sharply.")


def test_resolve_a_spokesman_speaks_for_the_organisation() -> None:
    speaker = _spokesman_for(("the", "Finance", "Ministry"), "ORG")
    assert said_by(speaker) == ("reported_verb", "A spokesman", "Finance Ministry", "ORG", "said", "spokesperson")


def test_resolve_a_persons_spokesman_is_not_that_person() -> None:
    speaker = _spokesman_for(("Ravi", "Patel"), "PERSON")
    assert said_by(speaker) == ("reported_verb", "A spokesman", "A spokesman", "NOUN_PHRASE", "said", "phrase")


def test_resolve_figures_from_ofcom_are_ofcoms() -> None:
    speaker = _reported_speaker([
        ("Figures", "NOUN", "nsubj", 3, "figure", "NNS"),
        ("from", "ADP", "prep", 0),
        ("Ofcom", "PROPN", "pobj", 1),
        ("indicate", "VERB", "ROOT", 3, "indicate", "VBP"),
        ("prices", "NOUN", "nsubj", 5, "price", "NNS"),
        ("rose", "VERB", "ccomp", 3, "rise"),
        ("sharply", "ADV", "advmod", 5),
        (".", "PUNCT", "punct", 3),
    ], {(2, 3): "ORG"}, "Figures from Ofcom indicate prices rose sharply.")
    assert said_by(speaker) == ("reported_verb", "Figures", "Ofcom", "ORG", "indicate", "document")


@pytest.mark.parametrize("in_the_globe, expected", [
    (True, ("reported_verb", "A report", "Globe", "ORG", "said", "document")),
    (False, ("reported_verb", "A report", "A report", "NOUN_PHRASE", "said", "phrase")),
], ids=["in The Globe", "no publisher"])
def test_resolve_a_report_never_goes_to_the_person_named_in_it(in_the_globe: bool, expected: tuple) -> None:
    globe = [("in", "ADP", "prep", 1), ("The", "DET", "det", 4), ("Globe", "PROPN", "pobj", 2)] if in_the_globe else []
    n = len(globe)
    speaker = _reported_speaker([
        ("A", "DET", "det", 1),
        ("report", "NOUN", "nsubj", 5 + n),
        *globe,
        ("about", "ADP", "prep", 1),
        ("Jane", "PROPN", "compound", 4 + n),
        ("Roe", "PROPN", "pobj", 2 + n),
        ("said", "VERB", "ROOT", 5 + n, "say"),
        ("she", "PRON", "nsubj", 8 + n, "she"),
        ("would", "AUX", "aux", 8 + n),
        ("resign", "VERB", "ccomp", 5 + n, "resign", "VB"),
        (".", "PUNCT", "punct", 5 + n),
    ], {(3, 5): "ORG", (6, 8): "PERSON"} if in_the_globe else {(3, 5): "PERSON"},
        f"A report {'in The Globe ' if in_the_globe else ''}about Jane Roe said she would resign.")
    assert said_by(speaker) == expected


def test_resolve_a_partitive_phrase_is_kept_as_written() -> None:
    speaker = _reported_speaker([
        ("One", "NUM", "nsubj", 4, "one"),
        ("of", "ADP", "prep", 0),
        ("their", "PRON", "poss", 3, "their", "PRP$"),
        ("frontbenchers", "NOUN", "pobj", 1, "frontbencher", "NNS"),
        ("said", "VERB", "ROOT", 4, "say"),
        ("the", "DET", "det", 6),
        ("plan", "NOUN", "nsubj", 7),
        ("was", "AUX", "ccomp", 4, "be"),
        ("dead", "ADJ", "acomp", 7),
        (".", "PUNCT", "punct", 4),
    ], {}, "One of their frontbenchers said the plan was dead.")
    assert said_by(speaker) == ("reported_verb", "One of their frontbenchers", "One of their frontbenchers",
                                "NOUN_PHRASE", "said", "phrase")


@pytest.mark.parametrize("word, pos", [("Was", "AUX"), ("Ahead", "ADV"), ("Said", "VERB")])
def test_resolve_a_capitalised_verb_or_adverb_taken_for_the_subject_is_never_a_speaker(word: str, pos: str) -> None:
    speaker = _reported_speaker([
        (word, pos, "nsubj", 1),  # a misparse: the capital made it look like a name
        ("said", "VERB", "ROOT", 1, "say"),
        ("the", "DET", "det", 3),
        ("plan", "NOUN", "nsubj", 5),
        ("had", "AUX", "aux", 5, "have"),
        ("failed", "VERB", "ccomp", 1, "fail", "VBN"),
        (".", "PUNCT", "punct", 1),
    ], {}, f"{word} said the plan had failed.")
    assert speaker is None
