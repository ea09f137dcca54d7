"""Scoring predicted quotes against gold: matching rules and name comparison."""

from __future__ import annotations

import pytest

from transforms.evaluation import (
    GoldQuote, PredictedQuote, coverage, gold_quotes, ignored, iou, matches, normalised_name, same_speaker, scores,
)


def gold(start: int, end: int, doc: str = "d", speaker: str = "", reference: str = "", verb: str = "") -> GoldQuote:
    return GoldQuote(doc, "x" * (end - start), start, end, speaker, reference, verb)


def predicted(start: int, end: int, doc: str = "d", speaker: str = "", reference: str = "",
              verb: str = "") -> PredictedQuote:
    return PredictedQuote(doc, "x" * (end - start), start, end, speaker, reference, verb)


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


@pytest.mark.parametrize(("a", "b"), [("Tony Blair", "Gordon Brown"), ("he", "Tony Blair"), ("", "Tony Blair")])
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
