"""Quote quality on the 40-article BBC development set must not fall below what was reached."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.evaluation import evaluate
from tests.helpers import required_corpus

HERE = Path(__file__).resolve().parent
BBC = HERE.parents[2] / "shared" / "corpus" / "bbc"
# Reached on this set on 2026-11-25 at commit 74f2d95 (coverage > 0.3): F1 0.934, speaker (mention)
# 0.951, speaker (reference) 0.822. Each floor is that less a margin of about 0.015 (262 gold quotes:
# one quote moves F1 by about 0.004); the F1 floor is the issue's own bar, 0.92.
FLOORS = {"f1": 0.920, "speaker_mention_accuracy": 0.935, "speaker_reference_accuracy": 0.805}


@pytest.fixture(scope="module")
def dev_scores(nlp):
    return evaluate(HERE / "bbc_dev.jsonl", required_corpus(BBC, "the BBC development-set check"))


@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_dev_set_score_does_not_fall_below_its_floor(dev_scores, metric: str) -> None:
    value = getattr(dev_scores.by_threshold[0.3], metric)
    assert value >= FLOORS[metric], f"{metric} fell to {value:.3f} (floor {FLOORS[metric]})"


def test_dev_set_covers_forty_articles_in_five_categories() -> None:
    docs = (HERE / "bbc_dev.docs").read_text(encoding="utf-8").split()
    assert len(docs) == 40 and {d.split("_")[0] for d in docs} == {
        "business", "entertainment", "politics", "sport", "tech"}
