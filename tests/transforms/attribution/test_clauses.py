"""Reported clauses, speech acts, kinds of quotation, parse helpers and speaker resolution, each on a
hand-built `Doc` whose parse is the analysis the rule expects: a failure here is a rule bug, while
tests/transforms/test_quotes.py is where a model that parses differently fails."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc, Span

from tests.transforms.attribution.helpers import parsed_doc, unparsed_doc
from transforms.attribution.context import Article, QuoteContext
from transforms.attribution.kinds import has_speech_frame, is_title_of_work, quote_kind
from transforms.attribution.marks import QuoteSpan, find_quote_spans
from transforms.attribution.parse import ends_sentence, preceding_subject, subject_of
from transforms.attribution.quotes import find_quotes
from transforms.attribution.reported import find_reported_clauses
from transforms.attribution.rules import attribute
from transforms.attribution.speech_acts import speech_act_clauses
from transforms.doc_text import text_of
from transforms.entities import find_mentions

STOP = (".", "PUNCT", "punct")  # a full stop; the head goes after it


def clauses(doc: Doc) -> list[tuple[str, str, str | None]]:
    """(clause, cue as written, speaker head) of every reported clause in `doc`."""
    return [(text_of(doc)[c.start_char : c.end_char], c.cue_text, c.speaker_head and c.speaker_head.text)
            for c in find_reported_clauses(doc)]


def acts(doc: Doc) -> list[tuple[str, str]]:
    """(report, cue) of every speech act with a complement other than a that-clause."""
    return [(text_of(doc)[c.start_char : c.end_char], c.cue_text) for c in speech_act_clauses(doc)]


def speaker_of_clause(doc: Doc, index: int = 0) -> tuple:
    """(rule, mention, name, type, cue, resolution) `attribute` gives the `index`-th reported clause."""
    clause = find_reported_clauses(doc)[index]
    tokens = doc.char_span(clause.start_char, clause.end_char, alignment_mode="expand")
    s = attribute(QuoteContext(Article(doc, find_mentions(doc)), tokens, "indirect", reported=clause))
    return s.rule, s.mention, s.name, s.entity_type, s.cue_verb, s.resolution


def first_quotation(doc: Doc) -> tuple[QuoteSpan, Span]:
    """The first span in quotation marks and its tokens."""
    span = find_quote_spans(text_of(doc))[0]
    return span, doc.char_span(span.start_char, span.end_char, alignment_mode="expand")


# ------------------------------------------------------------------ reported clauses


def _plan_failed_minister_said(mark: str | None, on_clause: bool = False) -> Doc:
    """`The plan failed<mark> the minister said.`, the clause a ccomp of `said`."""
    n = int(mark is not None)
    return parsed_doc([
        ("The", "DET", "det", 1), ("plan", "NOUN", "nsubj", 2), ("failed", "VERB", "ccomp", 5 + n, "fail"),
        *([(mark, "PUNCT", "punct", 2 if on_clause else 5 + n)] if n else []),
        ("the", "DET", "det", 4 + n), ("minister", "NOUN", "nsubj", 5 + n), ("said", "VERB", "ROOT", 5 + n, "say"),
        (*STOP, 5 + n),
    ])


@pytest.mark.parametrize("mark, on_clause, text, expected", [
    (",", False, "The plan failed, the minister said.", [("The plan failed", "said", None)]),
    (",", True, "The plan failed, the minister said.", [("The plan failed", "said", None)]),
    ("—", False, "The plan failed — the minister said.", [("The plan failed", "said", None)]),
    (None, False, "The plan failed the minister said.", []),
], ids=["comma on the verb", "comma on the clause", "dash", "no mark"])
def test_reported_fronted_clause_must_be_set_off_from_its_verb(mark, on_clause, text, expected) -> None:
    doc = _plan_failed_minister_said(mark, on_clause)
    assert doc.text == text
    assert clauses(doc) == expected


@pytest.mark.parametrize("comma, expected", [(True, [("Prices rose sharply", "said", None)]), (False, [])],
                         ids=["comma", "no comma"])
def test_reported_fronted_clause_parsed_upside_down_needs_a_comma_before_its_verb(comma: bool, expected) -> None:
    n = int(comma)
    doc = parsed_doc([
        ("Prices", "NOUN", "nsubj", 1, "price", "NNS"), ("rose", "VERB", "ROOT", 1, "rise"),
        ("sharply", "ADV", "advmod", 1), *([(",", "PUNCT", "punct", 1)] if comma else []),
        ("officials", "NOUN", "nsubj", 4 + n, "official", "NNS"), ("said", "VERB", "parataxis", 1, "say"), (*STOP, 1),
    ])
    assert doc.text == f"Prices rose sharply{',' * n} officials said."
    assert clauses(doc) == expected


def test_reported_fronted_clause_whose_speaker_the_parse_swallowed_names_the_speaker() -> None:
    doc = parsed_doc([
        ("Prices", "NOUN", "nsubj", 1, "price", "NNS"), ("rose", "VERB", "ccomp", 9, "rise"),
        ("sharply", "ADV", "advmod", 1), (",", "PUNCT", "punct", 1),
        ("the", "DET", "det", 5), ("Office", "PROPN", "npadvmod", 1), ("for", "ADP", "prep", 5),  # inside the clause
        ("National", "PROPN", "compound", 8), ("Statistics", "PROPN", "pobj", 6),
        ("said", "VERB", "ROOT", 9, "say"), (*STOP, 9),
    ], ents={(5, 9): "ORG"})
    assert doc.text == "Prices rose sharply, the Office for National Statistics said."
    assert clauses(doc) == [("Prices rose sharply", "said", "Office")]
    assert speaker_of_clause(doc) == ("reported_verb", "the Office for National Statistics",
                                      "Office for National Statistics", "ORG", "said", "name")


def test_reported_parenthetical_attribution_reports_the_whole_clause_around_it() -> None:
    doc = parsed_doc([
        ("Raising", "VERB", "csubj", 8, "raise", "VBG"), ("the", "DET", "det", 2), ("fee", "NOUN", "dobj", 0),
        (",", "PUNCT", "punct", 5), ("he", "PRON", "nsubj", 5, "he", "PRP"),
        ("explains", "VERB", "parataxis", 8, "explain", "VBZ"), (",", "PUNCT", "punct", 5),
        ("would", "AUX", "aux", 8, "would", "MD"), ("cut", "VERB", "ROOT", 8, "cut", "VB"),
        ("demand", "NOUN", "dobj", 8), (*STOP, 8),
    ])
    assert doc.text == "Raising the fee, he explains, would cut demand."
    assert clauses(doc) == [("Raising the fee, he explains, would cut demand", "explains", "he")]


def test_reported_clause_in_a_relative_clause_starts_after_its_verb_and_is_no_question() -> None:
    doc = parsed_doc([
        ("Labour", "PROPN", "nsubj", 1), ("opposed", "VERB", "ROOT", 1, "oppose"),
        ("proposals", "NOUN", "dobj", 1, "proposal", "NNS"), ("which", "PRON", "nsubj", 8, "which", "WDT"),
        ("the", "DET", "det", 5), ("Tories", "PROPN", "nsubj", 6, "Tories", "NNPS"),
        ("say", "VERB", "relcl", 2, "say", "VBP"), ("would", "AUX", "aux", 8, "would", "MD"),
        ("save", "VERB", "ccomp", 6, "save", "VB"), ("money", "NOUN", "dobj", 8), (*STOP, 1),
    ], ents={(0, 1): "ORG", (5, 6): "NORP"})
    assert doc.text == "Labour opposed proposals which the Tories say would save money."
    assert clauses(doc) == [("would save money", "say", None)]


@pytest.mark.parametrize("rows, text, expected", [
    ([("He", "PRON", "nsubj", 3, "he", "PRP"), ("did", "AUX", "aux", 3, "do"), ("not", "PART", "neg", 3, "not", "RB"),
      ("say", "VERB", "ROOT", 3, "say", "VB"), ("why", "SCONJ", "advmod", 7, "why", "WRB"),
      ("he", "PRON", "nsubj", 7, "he", "PRP"), ("had", "AUX", "aux", 7, "have"),
      ("left", "VERB", "ccomp", 3, "leave", "VBN"), (*STOP, 3)],
     "He did not say why he had left.", []),
    ([("Officials", "NOUN", "nsubj", 1, "official", "NNS"), ("asked", "VERB", "ROOT", 1, "ask"),
      ("what", "PRON", "dobj", 5, "what", "WP"), ("it", "PRON", "nsubj", 5, "it", "PRP"),
      ("would", "AUX", "aux", 5, "would", "MD"), ("cost", "VERB", "ccomp", 1, "cost", "VB"), (*STOP, 1)],
     "Officials asked what it would cost.", [("what it would cost", "asked", None)]),
], ids=["said why", "asked what"])
def test_reported_embedded_question_is_a_report_only_when_the_verb_asks_it(rows, text, expected) -> None:
    doc = parsed_doc(rows)
    assert doc.text == text
    assert clauses(doc) == expected


@pytest.mark.parametrize("rows, text, expected", [
    ([("Before", "SCONJ", "mark", 3), ("the", "DET", "det", 2), ("judge", "NOUN", "nsubj", 3),
      ("died", "VERB", "advcl", 7, "die"), (",", "PUNCT", "punct", 7), ("the", "DET", "det", 6),
      ("court", "NOUN", "nsubj", 7), ("agreed", "VERB", "ROOT", 7, "agree"), ("to", "PART", "aux", 9, "to", "TO"),
      ("hear", "VERB", "xcomp", 7, "hear", "VB"), ("the", "DET", "det", 11), ("case", "NOUN", "dobj", 9), (*STOP, 7)],
     "Before the judge died, the court agreed to hear the case.", []),
    ([("Income", "NOUN", "nsubj", 2), ("had", "AUX", "aux", 2, "have"), ("risen", "VERB", "advcl", 7, "rise", "VBN"),
      ("sharply", "ADV", "advmod", 2), (",", "PUNCT", "punct", 7), ("Mr", "PROPN", "compound", 6),
      ("Milburn", "PROPN", "nsubj", 7), ("told", "VERB", "ROOT", 7, "tell"), ("the", "DET", "det", 9),
      ("BBC", "PROPN", "dobj", 7), (*STOP, 7)],
     "Income had risen sharply, Mr Milburn told the BBC.", [("Income had risen sharply", "told", None)]),
], ids=["circumstance with a mark", "fronted clause parsed as adverbial"])
def test_reported_fronted_adverbial_is_a_report_unless_a_mark_makes_it_a_circumstance(rows, text, expected) -> None:
    doc = parsed_doc(rows)
    assert doc.text == text
    assert clauses(doc) == expected


@pytest.mark.parametrize("rows, text", [
    ([("He", "PRON", "nsubj", 1, "he", "PRP"), ("said", "VERB", "ROOT", 1, "say"), ("no", "DET", "det", 4),
      ("more", "ADJ", "amod", 4), ("talks", "NOUN", "ccomp", 1, "talk", "NNS"), ("today", "NOUN", "npadvmod", 4),
      (*STOP, 1)], "He said no more talks today."),
    ([("Inside", "ADP", "ROOT", 0), ("the", "DET", "det", 3), ("packed", "ADJ", "amod", 3), ("hall", "NOUN", "pobj", 0),
      (",", "PUNCT", "punct", 0), ("officials", "NOUN", "nsubj", 6, "official", "NNS"),
      ("said", "VERB", "parataxis", 0, "say"), (*STOP, 0)], "Inside the packed hall, officials said."),
], ids=["nominal ccomp", "phrase before the verb"])
def test_reported_clause_without_a_verb_is_no_report(rows, text) -> None:
    doc = parsed_doc(rows)
    assert doc.text == text
    assert clauses(doc) == []


@pytest.mark.parametrize("verb, lemma, belief", [("says", "say", False), ("believes", "believe", True)])
def test_reported_ccomp_of_a_speech_verb_is_a_clause_and_of_a_verb_of_thinking_a_belief(verb, lemma, belief) -> None:
    doc = parsed_doc([
        ("He", "PRON", "nsubj", 1, "he", "PRP"), (verb, "VERB", "ROOT", 1, lemma, "VBZ"), ("the", "DET", "det", 3),
        ("deal", "NOUN", "nsubj", 4), ("is", "AUX", "ccomp", 1, "be", "VBZ"), ("dead", "ADJ", "acomp", 4), (*STOP, 1),
    ])
    assert clauses(doc) == [("the deal is dead", verb, None)]
    assert find_reported_clauses(doc)[0].is_belief is belief


@pytest.mark.parametrize("rows, text, clause", [
    ([("According", "VERB", "prep", 5, "accord", "VBG"), ("to", "ADP", "prep", 0), ("Ofcom", "PROPN", "pobj", 1),
      (",", "PUNCT", "punct", 5), ("exports", "NOUN", "nsubj", 5, "export", "NNS"), ("fell", "VERB", "ROOT", 5, "fall"),
      ("sharply", "ADV", "advmod", 5), (*STOP, 5)],
     "According to Ofcom, exports fell sharply.", "exports fell sharply"),
    ([("Exports", "NOUN", "nsubj", 1, "export", "NNS"), ("fell", "VERB", "ROOT", 1, "fall"),
      ("sharply", "ADV", "advmod", 1), (",", "PUNCT", "punct", 1), ("according", "VERB", "prep", 1, "accord", "VBG"),
      ("to", "ADP", "prep", 4), ("Ofcom", "PROPN", "pobj", 5), (*STOP, 1)],
     "Exports fell sharply, according to Ofcom.", "Exports fell sharply"),
], ids=["before", "after"])
def test_reported_according_to_reports_the_clause_on_either_side(rows, text, clause) -> None:
    doc = parsed_doc(rows, ents={(2, 3) if rows[0][0] == "According" else (6, 7): "ORG"})
    assert doc.text == text
    assert clauses(doc) == [(clause, "according to", "Ofcom")]


# ------------------------------------------------------------------ speech acts


_SHE = ("She", "PRON", "nsubj", 1, "she", "PRP")
_CALLED = ("called", "VERB", "ROOT", 1, "call")


@pytest.mark.parametrize("rows, text, expected", [
    ([("Mayors", "NOUN", "nsubj", 1, "mayor", "NNS"), ("urged", "VERB", "ROOT", 1, "urge"),
      ("voters", "NOUN", "dobj", 1, "voter", "NNS"), ("to", "PART", "aux", 4, "to", "TO"),
      ("reject", "VERB", "xcomp", 1, "reject", "VB"), ("the", "DET", "det", 6), ("plan", "NOUN", "dobj", 4),
      (*STOP, 1)],
     "Mayors urged voters to reject the plan.", [("voters to reject the plan", "urged")]),
    ([_SHE, _CALLED, ("on", "ADP", "prep", 1), ("them", "PRON", "pobj", 2, "they", "PRP"),
      ("not", "PART", "neg", 6, "not", "RB"), ("to", "PART", "aux", 6, "to", "TO"),
      ("turn", "VERB", "xcomp", 1, "turn", "VB"), ("away", "ADV", "advmod", 6), (*STOP, 1)],
     "She called on them not to turn away.", [("them not to turn away", "called")]),
    ([_SHE, _CALLED, ("for", "ADP", "prep", 1), ("an", "DET", "det", 4), ("inquiry", "NOUN", "pobj", 2), (*STOP, 1)],
     "She called for an inquiry.", [("an inquiry", "called")]),
    ([_SHE, ("promised", "VERB", "ROOT", 1, "promise"), ("a", "DET", "det", 4), ("full", "ADJ", "amod", 4),
      ("review", "NOUN", "dobj", 1), (*STOP, 1)], "She promised a full review.", [("a full review", "promised")]),
    ([_SHE, _CALLED, ("the", "DET", "det", 3), ("plan", "NOUN", "dobj", 1), ("a", "DET", "det", 5),
      ("disaster", "NOUN", "oprd", 1), (*STOP, 1)],
     "She called the plan a disaster.", [("the plan a disaster", "called")]),
    ([_SHE, ("accused", "VERB", "ROOT", 1, "accuse"), ("the", "DET", "det", 3), ("mayor", "NOUN", "dobj", 1),
      ("of", "ADP", "prep", 3), ("lying", "VERB", "pcomp", 4, "lie", "VBG"), (*STOP, 1)],
     "She accused the mayor of lying.", [("the mayor of lying", "accused")]),
    ([_SHE, _CALLED, ("the", "DET", "det", 3), ("plan", "NOUN", "dobj", 1), ("“", "PUNCT", "punct", 6, "", "``"),
      ("a", "DET", "det", 6), ("disaster", "NOUN", "appos", 3), ("”", "PUNCT", "punct", 6, "", "''"), (*STOP, 1)],
     "She called the plan “a disaster”.", [("the plan “a disaster”", "called")]),
    ([_SHE, ("spoke", "VERB", "ROOT", 1, "speak"), ("about", "ADP", "prep", 1), ("the", "DET", "det", 4),
      ("budget", "NOUN", "pobj", 2), (*STOP, 1)], "She spoke about the budget.", [("the budget", "spoke")]),
], ids=["to-infinitive with hearer", "called on them not to", "called for", "promise object",
        "object with oprd", "object with of", "object holding a quotation", "about"])
def test_speech_act_reports_its_complement(rows, text, expected) -> None:
    doc = parsed_doc(rows)
    assert doc.text == text
    assert acts(doc) == expected


@pytest.mark.parametrize("rows, text", [
    ([_SHE, ("criticised", "VERB", "ROOT", 1, "criticise"), ("the", "DET", "det", 3), ("plan", "NOUN", "dobj", 1),
      (*STOP, 1)], "She criticised the plan."),
    ([_SHE, ("criticised", "VERB", "ROOT", 1, "criticise"), ("Jane", "PROPN", "compound", 3),
      ("Doe", "PROPN", "dobj", 1), (*STOP, 1)], "She criticised Jane Doe."),
    ([_SHE, ("spoke", "VERB", "ROOT", 1, "speak"), ("about", "ADP", "prep", 1), ("Jane", "PROPN", "compound", 4),
      ("Doe", "PROPN", "pobj", 2), (*STOP, 1)], "She spoke about Jane Doe."),
    ([_SHE, _CALLED, ("him", "PRON", "dobj", 1, "he", "PRP"), (*STOP, 1)], "She called him."),
    ([("Voters", "NOUN", "nsubjpass", 2, "voter", "NNS"), ("were", "AUX", "auxpass", 2, "be"),
      ("urged", "VERB", "ROOT", 2, "urge", "VBN"), ("to", "PART", "aux", 4, "to", "TO"),
      ("reject", "VERB", "xcomp", 2, "reject", "VB"), ("the", "DET", "det", 6), ("plan", "NOUN", "dobj", 4),
      (*STOP, 2)],
     "Voters were urged to reject the plan."),
], ids=["topic without predicate", "object only a name", "preposition object only a name", "pronoun", "passive"])
def test_speech_act_reports_nothing_when_its_complement_is_only_what_or_whom_it_was_about(rows, text) -> None:
    doc = parsed_doc(rows, ents={(2, 4): "PERSON"} if "Jane" in text else None)
    assert doc.text == text
    assert acts(doc) == []


# ------------------------------------------------------------------ kinds of quotation


@pytest.mark.parametrize("text, kind", [
    ("“We will win the vote.” Ravi Patel said.", "direct"),
    ("Critics attacked the so-called “road map” on Monday.", "scare"),
    ("She spoke on “This Week With George Stephanopoulos” on Sunday.", "scare"),
    ("He called the plan “a total disaster” on Monday.", "partial"),
], ids=["whole sentence", "after a scare cue", "title of a work", "fragment"])
def test_kind_of_quotation_from_its_words_and_place(text: str, kind: str) -> None:
    doc = unparsed_doc(text, ents={"Ravi Patel": "PERSON"}, verbs={"said": "say", "attacked": "attack"})
    assert quote_kind(doc, *first_quotation(doc)) == kind


@pytest.mark.parametrize("rows, text, kind", [
    ([("Its", "PRON", "poss", 5, "its", "PRP$"), ("“", "PUNCT", "punct", 3, "", "``"), ("zero", "NUM", "nummod", 3),
      ("tolerance", "NOUN", "compound", 5), ("”", "PUNCT", "punct", 3, "", "''"),
      ("policies", "NOUN", "nsubj", 6, "policy", "NNS"), ("failed", "VERB", "ROOT", 6, "fail"), (*STOP, 6)],
     "Its “zero tolerance” policies failed.", "scare"),
    ([("He", "PRON", "nsubj", 1, "he", "PRP"), ("said", "VERB", "ROOT", 1, "say"),
      ("“", "PUNCT", "punct", 5, "", "``"), ("we", "PRON", "nsubj", 5, "we", "PRP"),
      ("will", "AUX", "aux", 5, "will", "MD"), ("win", "VERB", "ccomp", 1, "win", "VB"), ("the", "DET", "det", 7),
      ("vote", "NOUN", "dobj", 5),
      ("”", "PUNCT", "punct", 5, "", "''"), ("on", "ADP", "prep", 1), ("Monday", "PROPN", "pobj", 9), (*STOP, 1)],
     "He said “we will win the vote” on Monday.", "direct"),
], ids=["modifies the noun after it", "has its own subject"])
def test_kind_of_quotation_from_its_parse(rows, text, kind) -> None:
    doc = parsed_doc(rows)
    assert doc.text == text
    assert quote_kind(doc, *first_quotation(doc)) == kind


@pytest.mark.parametrize("text, title", [
    ("She spoke on ABC’s “This Week With George Stephanopoulos” on Sunday.", True),
    ("A scene from “The Long Road Home” aired.", True), ("“The Long Road Home” aired on Friday.", False),
    ("She quoted “the long road home” at length.", False), ("She quoted “Home” at length.", False),
], ids=["show", "film", "opens the sentence", "lower case", "one word"])
def test_title_of_work_is_capitalised_words_in_mid_sentence(text: str, title: bool) -> None:
    doc = unparsed_doc(text)
    assert is_title_of_work(doc, *first_quotation(doc)) is title


@pytest.mark.parametrize("rows, text, framed", [
    ([_SHE, _CALLED, ("the", "DET", "det", 3), ("plan", "NOUN", "dobj", 1), ("“", "PUNCT", "punct", 5, "", "``"),
      ("reckless", "ADJ", "oprd", 1), ("”", "PUNCT", "punct", 5, "", "''"), (*STOP, 1)],
     "She called the plan “reckless”.", True),
    ([_SHE, ("said", "VERB", "ROOT", 1, "say"), ("the", "DET", "det", 3), ("plan", "NOUN", "nsubj", 4),
      ("was", "AUX", "ccomp", 1, "be"), ("“", "PUNCT", "punct", 7, "", "``"), ("a", "DET", "det", 7),
      ("disaster", "NOUN", "attr", 4), ("”", "PUNCT", "punct", 7, "", "''"), (*STOP, 1)],
     "She said the plan was “a disaster”.", True),
    ([_SHE, ("dismissed", "VERB", "ROOT", 1, "dismiss"), ("it", "PRON", "dobj", 1, "it", "PRP"),
      ("as", "ADP", "prep", 1), ("“", "PUNCT", "punct", 5, "", "``"), ("absurd", "ADJ", "pobj", 3),
      ("”", "PUNCT", "punct", 5, "", "''"), (*STOP, 1)],
     "She dismissed it as “absurd”.", True),
    ([_SHE, ("said", "VERB", "ROOT", 1, "say"), ("a", "DET", "det", 5), ("“", "PUNCT", "punct", 5, "", "``"),
      ("senior", "ADJ", "amod", 5), ("source", "NOUN", "nsubj", 8), ("”", "PUNCT", "punct", 5, "", "''"),
      ("had", "AUX", "aux", 8, "have"), ("lied", "VERB", "ccomp", 1, "lie", "VBN"), (*STOP, 1)],
     "She said a “senior source” had lied.", False),
    ([_SHE, ("criticised", "VERB", "ROOT", 1, "criticise"), ("the", "DET", "det", 7),
      ("“", "PUNCT", "punct", 5, "", "``"), ("road", "NOUN", "compound", 5), ("map", "NOUN", "compound", 7),
      ("”", "PUNCT", "punct", 5, "", "''"), ("plan", "NOUN", "dobj", 1), (*STOP, 1)],
     "She criticised the “road map” plan.", False),
], ids=["oprd", "ccomp", "as", "subject of the report", "noun modifier"])
def test_speech_frame_is_a_speech_verb_reporting_the_quoted_words(rows, text, framed) -> None:
    doc = parsed_doc(rows)
    assert doc.text == text
    assert has_speech_frame(first_quotation(doc)[1]) is framed


# ------------------------------------------------------------------ parse helpers


@pytest.mark.parametrize("relative", ["which", "that"])
def test_subject_of_a_relative_clause_verb_is_the_noun_it_describes(relative: str) -> None:
    doc = parsed_doc([
        ("Acme", "PROPN", "nsubj", 8), (",", "PUNCT", "punct", 0), (relative, "PRON", "nsubj", 3, relative, "WDT"),
        ("said", "VERB", "relcl", 0, "say"), ("prices", "NOUN", "nsubj", 6, "price", "NNS"),
        ("would", "AUX", "aux", 6, "would", "MD"), ("rise", "VERB", "ccomp", 3, "rise", "VB"),
        (",", "PUNCT", "punct", 0), ("cut", "VERB", "ROOT", 8, "cut"), ("jobs", "NOUN", "dobj", 8, "job", "NNS"),
        (*STOP, 8),
    ], ents={(0, 1): "ORG"})
    assert doc.text == f"Acme, {relative} said prices would rise, cut jobs."
    assert subject_of(doc[3], frozenset(range(4, 7))) == doc[0]


@pytest.mark.parametrize("rows, text, verb, speaker", [
    ([("They", "PRON", "nsubj", 1, "they", "PRP"), ("found", "VERB", "ROOT", 1, "find"), ("a", "DET", "det", 3),
      ("way", "NOUN", "dobj", 1), ("to", "PART", "aux", 5, "to", "TO"), ("say", "VERB", "acl", 3, "say", "VB"),
      ("it", "PRON", "dobj", 5, "it", "PRP"), (*STOP, 1)], "They found a way to say it.", 5, None),
    ([("Officials", "NOUN", "nsubj", 3, "official", "NNS"), ("speaking", "VERB", "acl", 0, "speak", "VBG"),
      ("privately", "ADV", "advmod", 1), ("disagreed", "VERB", "ROOT", 3, "disagree"), (*STOP, 3)],
     "Officials speaking privately disagreed.", 1, 0),
], ids=["to-infinitive", "participle"])
def test_subject_of_a_verb_modifying_a_noun_is_that_noun_unless_infinitival(rows, text, verb, speaker) -> None:
    doc = parsed_doc(rows)
    assert doc.text == text
    assert subject_of(doc[verb], frozenset()) == (None if speaker is None else doc[speaker])


@pytest.mark.parametrize("by_unions", [True, False])
def test_subject_of_a_passive_speech_verb_is_its_agent_or_no_one(by_unions: bool) -> None:
    agent = [("by", "ADP", "agent", 3), ("unions", "NOUN", "pobj", 4, "union", "NNS")] if by_unions else []
    doc = parsed_doc([
        ("The", "DET", "det", 1), ("plan", "NOUN", "nsubjpass", 3), ("was", "AUX", "auxpass", 3, "be"),
        ("criticised", "VERB", "ROOT", 3, "criticise", "VBN"), *agent, (*STOP, 3),
    ])
    verb = doc[3]
    assert subject_of(verb, frozenset()) == (doc[5] if by_unions else None)
    assert preceding_subject(verb, frozenset()) is None  # the hearer or topic never speaks


@pytest.mark.parametrize("relative", [
    [("who", "PRON", "nsubj", 3, "who", "WP"), ("chairs", "VERB", "relcl", 0, "chair", "VBZ"), ("the", "DET", "det", 5),
     ("board", "NOUN", "dobj", 3)],
    [("who", "PRON", "dobj", 5, "who", "WP"), ("the", "DET", "det", 4), ("board", "NOUN", "nsubj", 5),
     ("hired", "VERB", "relcl", 0, "hire")],
], ids=["who chairs the board", "who the board hired"])
def test_preceding_subject_skips_relative_pronouns_and_relative_clause_subjects(relative: list[tuple]) -> None:
    doc = parsed_doc([
        ("Patel", "PROPN", "nsubj", 7), (",", "PUNCT", "punct", 0), *relative, (",", "PUNCT", "punct", 0),
        ("told", "VERB", "ROOT", 7, "tell"), ("reporters", "NOUN", "dobj", 7, "reporter", "NNS"),
        ("prices", "NOUN", "nsubj", 11, "price", "NNS"), ("would", "AUX", "aux", 11, "would", "MD"),
        ("rise", "VERB", "ccomp", 7, "rise", "VB"), (*STOP, 7),
    ], ents={(0, 1): "PERSON"})
    told = doc[7]
    assert preceding_subject(told, frozenset(range(9, 12))) == doc[0]
    assert preceding_subject(told, frozenset({0})) is None  # a word of the quote never speaks for it


@pytest.mark.parametrize("gap, ends", [
    (" said Jane Doe. ", True), (" she said; ", True), (" she asked? ", True),
    (" she said, ", False), (" said Mr. Patel, ", False), (" said J. Smith, ", False), ("", False),
])
def test_ends_sentence_unless_the_full_stop_closes_a_title_or_an_initial(gap: str, ends: bool) -> None:
    assert ends_sentence(gap) is ends


# ------------------------------------------------------------------ resolving the speaker


@pytest.mark.parametrize("word, pos, surveyed", [("Those", "PRON", 1), ("Some", "DET", 0), ("Another", "DET", 0)])
def test_resolve_an_unnamed_quantifier_subject_is_kept_as_a_phrase(word: str, pos: str, surveyed: int) -> None:
    n = surveyed
    doc = parsed_doc([
        (word, pos, "nsubj", 1 + n, word.lower(), "DT"), *([("surveyed", "VERB", "acl", 0, "survey", "VBN")] * n),
        ("said", "VERB", "ROOT", 1 + n, "say"), ("prices", "NOUN", "nsubj", 4 + n, "price", "NNS"),
        ("would", "AUX", "aux", 4 + n, "would", "MD"), ("rise", "VERB", "ccomp", 1 + n, "rise", "VB"), (*STOP, 1 + n),
    ])
    assert doc.text == f"{word}{' surveyed' * n} said prices would rise."
    assert speaker_of_clause(doc) == ("reported_verb", word, word, "NOUN_PHRASE", "said", "phrase")


@pytest.mark.parametrize("first, ents, organisation", [
    ([("Acme", "PROPN", "nsubj", 1), ("sued", "VERB", "ROOT", 1, "sue"), ("Globex", "PROPN", "dobj", 1), (*STOP, 1)],
     {(0, 1): "ORG", (2, 3): "ORG"}, "Acme"),
    ([("Globex", "PROPN", "nsubjpass", 2), ("was", "AUX", "auxpass", 2, "be"),
      ("sued", "VERB", "ROOT", 2, "sue", "VBN"), ("by", "ADP", "agent", 2), ("Acme", "PROPN", "pobj", 3), (*STOP, 2)],
     {(0, 1): "ORG", (4, 5): "ORG"}, "Globex"),
], ids=["Acme sued Globex", "Globex was sued by Acme"])
def test_resolve_it_is_the_organisation_last_named_as_a_subject(first, ents, organisation) -> None:
    n = len(first)
    doc = parsed_doc([
        *first, ("It", "PRON", "nsubj", 1 + n, "it", "PRP"), ("said", "VERB", "ROOT", 1 + n, "say"),
        ("the", "DET", "det", 3 + n), ("case", "NOUN", "nsubj", 4 + n), ("was", "AUX", "ccomp", 1 + n, "be"),
        ("weak", "ADJ", "acomp", 4 + n), (*STOP, 1 + n),
    ], ents=ents)
    assert text_of(doc).endswith(". It said the case was weak.")
    assert speaker_of_clause(doc) == ("reported_verb", "It", organisation, "ORG", "said", "pronoun")


# ------------------------------------------------------------------ page furniture, end to end


def test_find_quotes_skips_a_furniture_line_and_never_takes_an_antecedent_from_it() -> None:
    doc = parsed_doc([
        ("READ", "VERB", "dep", 9, "read", "VB"), ("MORE", "ADV", "advmod", 0, "more", "RBR"),
        (":", "PUNCT", "punct", 9, "", ":"), ("Budget", "PROPN", "nsubj", 6), ("will", "AUX", "aux", 6, "will", "MD"),
        ("not", "PART", "neg", 6, "not", "RB"), ("balance", "VERB", "ccomp", 9, "balance", "VB"),
        (",", "PUNCT", "punct", 9), ("Treasury", "PROPN", "nsubj", 9), ("says", "VERB", "ROOT", 9, "say", "VBZ"),
        ("\n", "SPACE", "dep", 9),
        ("The", "DET", "det", 12), ("department", "NOUN", "nsubj", 13), ("said", "VERB", "ROOT", 13, "say"),
        ("the", "DET", "det", 15), ("deficit", "NOUN", "nsubj", 17), ("would", "AUX", "aux", 17, "would", "MD"),
        ("grow", "VERB", "ccomp", 13, "grow", "VB"), (*STOP, 13),
    ], ents={(8, 9): "ORG"})
    assert doc.text == "READ MORE: Budget will not balance, Treasury says\nThe department said the deficit would grow."
    # Both clauses are found, and with every mention `the department` would be the Treasury named in the teaser.
    assert [c[0] for c in clauses(doc)] == ["Budget will not balance", "the deficit would grow"]
    assert speaker_of_clause(doc, 1)[2:4] == ("Treasury", "ORG")
    quotes = find_quotes(doc, find_mentions(doc))
    assert [(q.text, q.kind, q.rule, q.speaker_name, q.speaker_type, q.speaker_resolution) for q in quotes] == [
        ("the deficit would grow", "indirect", "reported_verb", "The department", "NOUN_PHRASE", "phrase"),
    ]
