"""Scoring predicted quotes against gold: matching rules and name comparison."""

from __future__ import annotations

import pytest

from transforms.evaluation import (
    GoldQuote, PredictedQuote, coverage, gold_quotes, iou, matches, normalised_name, same_speaker, scores,
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
