"""Quote quality on PolNeAR's training split (840 US political articles annotated by others) must
not fall below what was reached."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.evaluation import Evaluation, evaluate_polnear
from tests.helpers import required_corpus

pytestmark = pytest.mark.slow  # the real model over 840 articles: about two minutes

POLNEAR = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "polnear-train"
# Reached on 2026-11-25 at commit 74f2d95 (coverage > 0.3): precision 0.952, recall 0.770, F1 0.851,
# named-speaker accuracy 0.927 over 6,948 matched quotes with a named source. Each floor is that less
# a margin of about 0.01 (14,007 gold quotes: one quote moves a score by less than 0.0001).
FLOORS = {"precision": 0.942, "recall": 0.760, "f1": 0.841, "named_speaker_accuracy": 0.917}


@pytest.fixture(scope="module")
def polnear(nlp) -> Evaluation:
    return evaluate_polnear(required_corpus(POLNEAR, "the PolNeAR floor check"))


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_polnear_score_does_not_fall_below_its_floor(polnear: Evaluation, metric: str) -> None:
    value = getattr(polnear.by_threshold[0.3], metric)
    assert value >= FLOORS[metric], f"{metric} fell to {value:.3f} (floor {FLOORS[metric]})"


def test_polnear_floor_covers_all_840_training_articles(polnear: Evaluation) -> None:
    assert len(polnear.per_document) == 840
