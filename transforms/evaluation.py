"""Scoring extracted quotes against a human-annotated gold set.

Matching follows the convention of research quote extractors for news: each gold quote is
matched, one-to-one and in order, to the unused predicted quote that covers the largest share
of its characters, when that share exceeds a threshold (0.3, and 0.8 for a stricter view).
A strict score matches on span intersection-over-union >= 0.5 instead.

A gold set may also name neutral spans: words attributed to someone that are not speech (a
belief, a poll's finding) and that an extractor may fairly take for a quote. A prediction left
unmatched that has more than 30% of its characters inside one neutral span is ignored: neither
right nor wrong, so it counts in neither precision nor recall.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from transforms.canonical import split_title, stripped_name

COVERAGE_THRESHOLDS = (0.3, 0.8)
STRICT_IOU = 0.5
NEUTRAL_SHARE = 0.3


@dataclass(frozen=True)
class ScoredQuote:
    """A quote as scoring sees it, gold or predicted: a span in an article and who said it."""

    doc_id: str
    quote: str
    start: int
    end: int
    speaker: str
    reference: str
    verb: str


GoldQuote = ScoredQuote  # one annotated quote
PredictedQuote = ScoredQuote  # one extracted quote, with offsets into the same text as the gold


@dataclass(frozen=True)
class Match:
    """A gold quote and the predicted quote matched to it."""

    gold: GoldQuote
    predicted: PredictedQuote


@dataclass(frozen=True)
class Scores:
    """Precision, recall and F1 of quote spans, with attribute accuracy over matched quotes."""

    gold: int
    predicted: int
    matched: int
    speaker_mention_correct: int
    speaker_reference_correct: int
    verb_correct: int
    ignored: int = 0  # predictions inside neutral spans, left out of `predicted`

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def speaker_mention_accuracy(self) -> float:
        return self.speaker_mention_correct / self.matched if self.matched else 0.0

    @property
    def speaker_reference_accuracy(self) -> float:
        return self.speaker_reference_correct / self.matched if self.matched else 0.0

    @property
    def verb_accuracy(self) -> float:
        return self.verb_correct / self.matched if self.matched else 0.0


def gold_quotes(lines: Iterable[str]) -> list[GoldQuote]:
    """Return the gold quotes of a JSONL text, one quote a line."""
    quotes = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        record = json.loads(line)
        try:
            quotes.append(GoldQuote(
                doc_id=str(record["doc_id"]), quote=record["quote"], start=int(record["quote_start"]),
                end=int(record["quote_end"]), speaker=record.get("speaker") or "",
                reference=record.get("reference") or "", verb=record.get("verb") or "",
            ))
        except KeyError as error:
            raise ValueError(f"gold line {number} lacks field {error}") from error
    return quotes


def coverage(gold: GoldQuote, predicted: PredictedQuote) -> float:
    """Return the share of the gold quote's characters that the prediction covers."""
    overlap = min(gold.end, predicted.end) - max(gold.start, predicted.start)
    return max(overlap, 0) / (gold.end - gold.start) if gold.end > gold.start else 0.0


def iou(gold: GoldQuote, predicted: PredictedQuote) -> float:
    """Return the intersection over union of two spans."""
    overlap = max(min(gold.end, predicted.end) - max(gold.start, predicted.start), 0)
    union = max(gold.end, predicted.end) - min(gold.start, predicted.start)
    return overlap / union if union else 0.0


def matches(gold: Sequence[GoldQuote], predicted: Sequence[PredictedQuote],
            score: Callable[[GoldQuote, PredictedQuote], float], threshold: float,
            inclusive: bool = False) -> list[Match]:
    """Return one-to-one matches, each gold quote taking the best unused prediction in its document."""
    unused_by_document = by_document(predicted)
    found = []
    for g in gold:
        unused = unused_by_document.get(g.doc_id, [])
        best, best_score = None, 0.0
        for p in unused:
            s = score(g, p)
            passes = s >= threshold if inclusive else s > threshold
            if passes and s > best_score:
                best, best_score = p, s
        if best is not None:
            unused.remove(best)
            found.append(Match(g, best))
    return found


def by_document(quotes: Iterable[ScoredQuote]) -> dict[str, list[ScoredQuote]]:
    """Return the quotes grouped by document id, in their order."""
    grouped: dict[str, list[ScoredQuote]] = defaultdict(list)
    for q in quotes:
        grouped[q.doc_id].append(q)
    return grouped


def neutral_share(predicted: PredictedQuote, neutral: GoldQuote) -> float:
    """Return the share of the prediction's characters inside a neutral span."""
    overlap = min(neutral.end, predicted.end) - max(neutral.start, predicted.start)
    return max(overlap, 0) / (predicted.end - predicted.start) if predicted.end > predicted.start else 0.0


def ignored(predicted: Sequence[PredictedQuote], matched: Sequence[Match],
            neutral: Sequence[GoldQuote]) -> list[PredictedQuote]:
    """Return the unmatched predictions with more than NEUTRAL_SHARE of their characters in one neutral span."""
    used = {id(m.predicted) for m in matched}
    neutral_by_document = by_document(neutral)
    return [p for p in predicted if id(p) not in used
            and any(neutral_share(p, n) > NEUTRAL_SHARE for n in neutral_by_document.get(p.doc_id, ()))]


def scores(gold: Sequence[GoldQuote], predicted: Sequence[PredictedQuote], matched: Sequence[Match],
           neutral: Sequence[GoldQuote] = ()) -> Scores:
    """Return span and attribute scores for a set of matches, leaving out predictions in neutral spans."""
    left_out = len(ignored(predicted, matched, neutral)) if neutral else 0
    return Scores(
        gold=len(gold), predicted=len(predicted) - left_out, matched=len(matched), ignored=left_out,
        speaker_mention_correct=sum(same_speaker(m.gold.speaker, m.predicted.speaker) for m in matched),
        speaker_reference_correct=sum(same_speaker(m.gold.reference, m.predicted.reference) for m in matched),
        verb_correct=sum(normalised_name(m.gold.verb) == normalised_name(m.predicted.verb) for m in matched),
    )


def normalised_name(name: str) -> str:
    """Return a name folded for comparison: no accents, case, title, possessive or leading `the`."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = stripped_name(text)
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE)
    _, text = split_title(text)
    return re.sub(r"\s+", " ", text).strip().casefold()


def same_speaker(gold: str, predicted: str) -> bool:
    """Whether two speaker names agree: equal once normalised, or one is the other's surname/first words."""
    a, b = normalised_name(gold), normalised_name(predicted)
    if a == b:
        return True
    if not a or not b:
        return False
    short, long = sorted((a.split(), b.split()), key=len)
    return long[-len(short):] == short or long[: len(short)] == short
