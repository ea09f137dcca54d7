"""Scoring predicted quotes against gold: matching rules and name comparison."""

from __future__ import annotations

import pytest

from transforms.evaluation import (
    GoldQuote, PredictedQuote, coverage, gold_quotes, ignored, iou, is_named, matches, named_speaker_agrees,
    normalised_name, same_speaker, scores, speaker_names,
)


def gold(start: int, end: int, doc: str = "d", speaker: str = "", reference: str = "", verb: str = "") -> GoldQuote:
    return GoldQuote(doc, "x" * (end - start), start, end, speaker, reference, verb)


def predicted(start: int, end: int, doc: str = "d", speaker: str = "", reference: str = "",
              verb: str = "", speaker_type: str = "") -> PredictedQuote:
    return PredictedQuote(doc, "x" * (end - start), start, end, speaker, reference, verb, speaker_type)


@pytest.mark.parametrize(("g", "p", "expected"), [
    ((0, 100), (0, 100), 1.0),
    ((0, 100), (50, 200), 0.5),  # coverage is a share of the gold quote only
    ((0, 100), (100, 200), 0.0),
    ((10, 20), (0, 100), 1.0),
])
def test_coverage_is_the_share_of_gold_characters_predicted(g, p, expected) -> None:
    assert coverage(gold(*g), predicted(*p)) == expected


def test_iou_penalises_a_prediction_far_longer_than_the_gold() -> None:
    assert iou(gold(10, 20), predicted(0, 100)) == pytest.approx(0.1)


def test_matching_is_one_to_one_and_takes_the_best_cover() -> None:
    golds = [gold(0, 100), gold(0, 100)]
    preds = [predicted(0, 40), predicted(0, 100)]
    found = matches(golds, preds, coverage, 0.3)
    assert [(m.gold.end, m.predicted.end) for m in found] == [(100, 100), (100, 40)]


def test_matching_needs_more_than_the_threshold_and_the_same_document() -> None:
    assert matches([gold(0, 100)], [predicted(0, 30)], coverage, 0.3) == []
    assert matches([gold(0, 100)], [predicted(0, 100, doc="other")], coverage, 0.3) == []


def test_scores_count_precision_recall_and_attribute_accuracy() -> None:
    golds = [gold(0, 10, speaker="Mr Blair", reference="Tony Blair", verb="said"), gold(20, 30)]
    preds = [predicted(0, 10, speaker="Blair", reference="Tony Blair", verb="told"), predicted(50, 60),
             predicted(70, 80)]
    result = scores(golds, preds, matches(golds, preds, coverage, 0.3))
    assert (result.precision, result.recall) == (pytest.approx(1 / 3), 0.5)
    assert result.f1 == pytest.approx(0.4)
    assert (result.speaker_mention_accuracy, result.speaker_reference_accuracy, result.verb_accuracy) == (1, 1, 0)


@pytest.mark.parametrize(("a", "b"), [
    ("Mr Blair", "Tony Blair"),
    ("Blair", "Tony Blair"),
    ("the Treasury", "The Treasury"),
    ("Ségolène Royal", "Segolene Royal"),
    ("Takaichi’s", "Sanae Takaichi"),
    ("", ""),
])
def test_same_speaker_after_normalising_titles_case_accents_possessives(a: str, b: str) -> None:
    assert same_speaker(a, b)


@pytest.mark.parametrize(("a", "b"), [
    ("the Lib Dems", "Liberal Democrats"),
    ("the Tories", "Conservative Party"),
    ("the Conservatives", "Tories"),
    ("U.S.", "United States"),
])
def test_same_speaker_through_the_operators_alias_list(a: str, b: str) -> None:
    assert same_speaker(a, b) and same_speaker(b, a)


@pytest.mark.parametrize(("a", "b"), [("Tony Blair", "Gordon Brown"), ("he", "Tony Blair"), ("", "Tony Blair"),
                                      ("the Lib Dems", "Labour")])
def test_different_speakers_do_not_match(a: str, b: str) -> None:
    assert not same_speaker(a, b)


def test_normalised_name_drops_title_and_determiner() -> None:
    assert normalised_name("Prime Minister Sanae Takaichi") == "sanae takaichi"
    assert normalised_name("the FSA") == "fsa"


def test_gold_lines_need_every_field() -> None:
    line = '{"doc_id": "d", "quote": "x", "quote_start": 0, "quote_end": 1, "speaker": "", "reference": "", "verb": ""}'
    assert gold_quotes([line, ""])[0].end == 1
    with pytest.raises(ValueError, match="quote_start"):
        gold_quotes(['{"doc_id": "d", "quote": "x"}'])


def test_a_prediction_mostly_inside_a_neutral_span_is_neither_right_nor_wrong() -> None:
    golds = [gold(0, 10)]
    neutral = [gold(100, 200)]
    preds = [predicted(0, 10), predicted(120, 180), predicted(300, 310)]
    found = matches(golds, preds, coverage, 0.3)
    result = scores(golds, preds, found, neutral)
    assert (result.predicted, result.matched, result.ignored) == (2, 1, 1)
    assert result.precision == 0.5
    assert ignored(preds, found, neutral) == [preds[1]]


def test_a_neutral_overlap_needs_more_than_30_percent_of_the_prediction_in_one_document() -> None:
    neutral = [gold(100, 200)]
    assert ignored([predicted(170, 270)], [], neutral) == []  # 30 of 100 characters
    assert ignored([predicted(169, 269)], [], neutral) == [predicted(169, 269)]
    assert ignored([predicted(100, 200, doc="other")], [], neutral) == []


def test_a_prediction_matching_gold_counts_even_inside_a_neutral_span() -> None:
    # A speech report nested in a belief: the inner quote is gold, the outer attribution neutral.
    golds, neutral, preds = [gold(120, 180)], [gold(100, 200)], [predicted(120, 180)]
    result = scores(golds, preds, matches(golds, preds, coverage, 0.3), neutral)
    assert (result.predicted, result.matched, result.ignored) == (1, 1, 0)


def test_matching_is_the_same_when_documents_interleave() -> None:
    golds = [gold(0, 10, doc="a"), gold(0, 10, doc="b"), gold(0, 10, doc="a")]
    preds = [predicted(0, 10, doc="b"), predicted(0, 5, doc="a"), predicted(0, 10, doc="a")]
    found = matches(golds, preds, coverage, 0.3)
    assert [(m.gold.doc_id, m.predicted.doc_id, m.predicted.end) for m in found] == [
        ("a", "a", 10), ("b", "b", 10), ("a", "a", 5)]


@pytest.mark.parametrize("source", [
    "Sen. Ted Cruz (R-Texas)", "Clinton campaign spokesman Brian Fallon", "the Clinton campaign", "Trump",
    "Democrats", "Ms. White", "Mr. King", "The New York Times", "Trump's campaign manager",
    "The director of the European Centre, Ina Kirsch,",
])
def test_a_source_with_a_capitalised_name_is_named(source: str) -> None:
    assert is_named(source)


@pytest.mark.parametrize("source", [
    "he", "He", "She", "They", "I", "who", "", "officials", "Officials", "Aides", "The president",
    "the President", "Former officials", "Twenty-four percent", "a spokesman for Clinton",
    "a superdelegate supporting Clinton", "Supporters of Sanders",
    "Federal officials familiar with the house in Chappaqua, N.Y.", "the schedule published Thursday",
])
def test_a_pronoun_title_or_sentence_opening_word_is_not_a_name(source: str) -> None:
    assert not is_named(source)


@pytest.mark.parametrize(("source", "names"), [
    ("Sen. Ted Cruz (R-Texas)", ["Sen. Ted Cruz"]),
    ("Clinton campaign spokesman Brian Fallon", ["Brian Fallon"]),
    ("the Clinton campaign", []),
    ("Trump's campaign manager, Corey Lewandowski,", ["Corey Lewandowski"]),
    ("Corey Lewandowski, Trump's campaign manager", ["Corey Lewandowski"]),
    ("Jeffrey Lewis of the James Martin Center", ["Jeffrey Lewis"]),
    ("Wilcox, who served in the Army and the CIA", ["Wilcox"]),
    ("Mr. Trump and Mr. Cruz", ["Mr. Trump", "Mr. Cruz"]),
])
def test_speaker_names_are_the_capitalised_runs_that_head_the_source(source: str, names: list[str]) -> None:
    assert speaker_names(source) == names


@pytest.mark.parametrize(("source", "mention", "reference", "speaker_type"), [
    ("Sen. Ted Cruz (R-Texas)", "Ted Cruz", "Ted Cruz", "PERSON"),
    ("Sen. Ted Cruz (R-Texas)", "he", "Ted Cruz", "PERSON"),
    ("Clinton campaign spokesman Brian Fallon", "Brian Fallon", "Brian Fallon", "PERSON"),
    ("Brian Fallon, a spokesman for the Clinton campaign,", "Fallon", "Brian Fallon", "PERSON"),
    ("Former Secretary of State Hillary Clinton", "", "Hillary Clinton", "PERSON"),
    ("Donald J. Trump", "", "Donald Trump", "PERSON"),
    ("Mr. Trump", "Trump", "Donald Trump", "PERSON"),
    ("the Clinton campaign", "The Clinton campaign", "The Clinton campaign", "NOUN_PHRASE"),
    ("A YouGov poll of American voters", "A YouGov poll", "A YouGov poll", "NOUN_PHRASE"),
    ("The New York Times", "the New York Times", "New York Times", "ORG"),
    ("Sens. Johnny Isakson of Georgia and John Boozman of Arkansas", "Johnny Isakson", "Johnny Isakson", "PERSON"),
])
def test_a_named_source_agrees_with_our_mention_or_resolved_name(source, mention, reference, speaker_type) -> None:
    assert named_speaker_agrees(gold(0, 1, speaker=source), predicted(0, 1, speaker=mention, reference=reference,
                                                                       speaker_type=speaker_type))


@pytest.mark.parametrize(("source", "mention", "reference", "speaker_type"), [
    # An organisation is not its candidate, nor is a spokesman whose title names one.
    ("the Clinton campaign", "Hillary Clinton", "Hillary Clinton", "PERSON"),
    ("the Clinton campaign", "Clinton", "Hillary Clinton", "PERSON"),
    ("Clinton campaign spokesman Brian Fallon", "Hillary Clinton", "Hillary Clinton", "PERSON"),
    ("Trump's campaign manager, Corey Lewandowski,", "Trump", "Donald Trump", "PERSON"),
    ("Cruz's father, Rafael Cruz", "Ted Cruz", "Ted Cruz", "PERSON"),
    ("Clinton", "the Clinton campaign", "The Clinton campaign", "NOUN_PHRASE"),
    # A description that the gold names someone in is not that description.
    ("The director of the European Centre, Ina Kirsch,", "The director", "Vin Weber", "PERSON"),
    ("Pentagon spokesman Navy Capt. Jeff Davis", "", "Navy Capt", "ORG"),
    ("Marco Rubio", "he", "Ted Cruz", "PERSON"),
    ("Marco Rubio", "", "", ""),
])
def test_a_named_source_disagrees_with_another_speaker(source, mention, reference, speaker_type) -> None:
    assert not named_speaker_agrees(gold(0, 1, speaker=source), predicted(0, 1, speaker=mention, reference=reference,
                                                                           speaker_type=speaker_type))


def test_named_speaker_accuracy_counts_only_matched_quotes_with_a_named_source() -> None:
    golds = [gold(0, 10, speaker="Sen. Ted Cruz (R-Texas)"), gold(20, 30, speaker="he"),
             gold(40, 50, speaker="the Clinton campaign"), gold(60, 70, speaker="Officials"),
             gold(80, 90, speaker="Marco Rubio")]
    preds = [predicted(0, 10, speaker="Cruz", reference="Ted Cruz", speaker_type="PERSON"),
             predicted(20, 30, speaker="he", reference="Ted Cruz", speaker_type="PERSON"),
             predicted(40, 50, speaker="Clinton", reference="Hillary Clinton", speaker_type="PERSON"),
             predicted(60, 70, speaker="officials", reference="Officials", speaker_type="NOUN_PHRASE")]
    result = scores(golds, preds, matches(golds, preds, coverage, 0.3))
    # Rubio's quote was not matched; the pronoun and `Officials` sources name no one.
    assert (result.matched, result.named_matched, result.named_speaker_correct) == (4, 2, 1)
    assert result.named_speaker_accuracy == 0.5


def test_named_speaker_accuracy_is_zero_without_a_named_source() -> None:
    golds, preds = [gold(0, 10, speaker="she")], [predicted(0, 10, speaker="she")]
    result = scores(golds, preds, matches(golds, preds, coverage, 0.3))
    assert (result.named_matched, result.named_speaker_accuracy) == (0, 0.0)


def test_a_second_piece_of_a_matched_gold_quote_is_neither_right_nor_wrong() -> None:
    # The gold joins `"A." … "B."` by one speaker into one quote; the extractor gives two.
    golds = [gold(0, 100)]
    preds = [predicted(0, 50), predicted(60, 100), predicted(200, 240)]
    found = matches(golds, preds, coverage, 0.3)
    assert ignored(preds, found, []) == [preds[1]]
    result = scores(golds, preds, found)
    assert (result.predicted, result.matched, result.ignored) == (2, 1, 1)


def test_a_piece_must_lie_mostly_inside_a_gold_quote_that_was_matched() -> None:
    golds = [gold(0, 100)]
    assert ignored([predicted(60, 130)], [], []) == []  # no match: the gold was missed, the piece is wrong
    first = predicted(0, 50)
    found = matches(golds, [first], coverage, 0.3)
    assert ignored([first, predicted(60, 160)], found, []) == []  # 40 of 100 characters inside
    assert ignored([first, predicted(60, 110)], found, []) == [predicted(60, 110)]
