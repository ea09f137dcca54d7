"""Quote quality on the 40-article BBC development set must not fall below what was reached."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.evaluation import evaluate
from tests.helpers import required_corpus

HERE = Path(__file__).resolve().parent
BBC = HERE.parents[2] / "shared" / "corpus" / "bbc"
# Reached on this set (coverage > 0.3): F1 0.934, speaker (mention) 0.950, speaker (reference) 0.835.
# Each floor is that, less a margin of 0.02 for changes elsewhere that move one or two quotes.
FLOORS = {"f1": 0.914, "speaker_mention_accuracy": 0.930, "speaker_reference_accuracy": 0.815}


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
