"""`newsdesk eval`: run the extractor over annotated articles and score it against the gold."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from transforms.evaluation import (
    COVERAGE_THRESHOLDS, STRICT_IOU, GoldQuote, Match, PredictedQuote, Scores, by_document, coverage, gold_quotes,
    iou, matches, scores,
)
from transforms.nlp import extract, loaded_model
from transforms.polnear import attributions, evaluation_spans
from transforms.records import Document, Quote
from transforms.text import decoded_text

# Scare quotes are names and terms, not anyone's words: they are not predictions of a quote; nor
# is a quoted fragment nested in a reported clause, which is scored as part of that clause.
SCORED_KINDS = frozenset({"direct", "indirect", "partial"})
QUOTE_MARKS = frozenset("\"'“”‘’«»„")


@dataclass(frozen=True)
class Evaluation:
    """Scores over the whole gold set, and per document, with the matches behind them."""

    by_threshold: dict[float, Scores]
    strict: Scores
    per_document: dict[str, Scores]
    gold: list[GoldQuote]
    predicted: list[PredictedQuote]
    matched: list[Match]  # at the lowest coverage threshold
    neutral: list[GoldQuote] = field(default_factory=list)  # spans where a prediction is not scored


def evaluate(gold_path: Path, articles: Path, *, batch_size: int = 32) -> Evaluation:
    """Return the scores of the extractor on the articles named in the gold file."""
    gold = gold_quotes(gold_path.read_text(encoding="utf-8").splitlines())
    doc_ids = sorted({g.doc_id for g in gold} | _listed_documents(gold_path))
    documents = [_document(articles, doc_id) for doc_id in doc_ids]
    return evaluation(gold, predictions(documents, batch_size=batch_size), doc_ids)


def evaluate_polnear(corpus: Path, *, limit: int | None = None, batch_size: int = 32) -> Evaluation:
    """Return the scores of the extractor on PolNeAR articles (`attributions/<id>.ann`, `text/<id>.txt`):
    its speech attributions are the gold, its other attributions neutral spans; the first `limit`
    articles by name, or all."""
    doc_ids = sorted(path.stem for path in (corpus / "attributions").glob("*.ann"))[:limit]
    if not doc_ids:
        raise FileNotFoundError(f"no PolNeAR annotation under {corpus / 'attributions'}")
    documents = [_document(corpus / "text", doc_id) for doc_id in doc_ids]
    gold: list[GoldQuote] = []
    neutral: list[GoldQuote] = []
    for document in documents:
        ann = (corpus / "attributions" / f"{document.document_id}.ann").read_text(encoding="utf-8")
        g, n = evaluation_spans(document.document_id, document.text, attributions(ann))
        gold += g
        neutral += n
    return evaluation(gold, predictions(documents, batch_size=batch_size), doc_ids, neutral)


def evaluation(gold: Sequence[GoldQuote], predicted: Sequence[PredictedQuote], doc_ids: Sequence[str],
               neutral: Sequence[GoldQuote] = ()) -> Evaluation:
    """Return the scores of predictions against gold, overall and per document."""
    matched = {t: matches(gold, predicted, coverage, t) for t in COVERAGE_THRESHOLDS}
    by_threshold = {t: scores(gold, predicted, matched[t], neutral) for t in COVERAGE_THRESHOLDS}
    strict = scores(gold, predicted, matches(gold, predicted, iou, STRICT_IOU, inclusive=True), neutral)
    g, p, n = (by_document(quotes) for quotes in (gold, predicted, neutral))
    per_document = {
        doc_id: scores(g.get(doc_id, []), p.get(doc_id, []),
                       matches(g.get(doc_id, []), p.get(doc_id, []), coverage, COVERAGE_THRESHOLDS[0]),
                       n.get(doc_id, []))
        for doc_id in doc_ids
    }
    return Evaluation(by_threshold, strict, per_document, list(gold), list(predicted),
                      matched[COVERAGE_THRESHOLDS[0]], list(neutral))


def _listed_documents(gold_path: Path) -> set[str]:
    """Articles annotated as having no quote are listed, one stem a line, in `<gold>.docs` if present."""
    listing = gold_path.with_suffix(".docs")
    if not listing.exists():
        return set()
    return {line.strip() for line in listing.read_text(encoding="utf-8").splitlines() if line.strip()}


def predictions(documents: Sequence[Document], *, batch_size: int = 32) -> list[PredictedQuote]:
    """Return the extractor's quotes for each article, with offsets into the file's text as read."""
    nlp = loaded_model()
    found = []
    for document, extraction in zip(documents, extract(nlp, documents, batch_size=batch_size)):
        found += [_predicted(document, q) for q in extraction.quotes if q.kind in SCORED_KINDS and not q.nested]
    return found


def _document(articles: Path, doc_id: str) -> Document:
    path = articles / f"{doc_id}.txt"
    if not path.exists():
        raise FileNotFoundError(f"gold names article {doc_id}, but {path} does not exist")
    text, _ = decoded_text(path.read_bytes())
    # Offsets must index the file's text as annotated, so the text is not normalised here.
    return Document(document_id=doc_id, source_path=path.name, source_line=0, text=text)


def _predicted(document: Document, quote: Quote) -> PredictedQuote:
    start, end = _with_marks(document.text, quote.start_char, quote.end_char)
    return PredictedQuote(doc_id=document.document_id, quote=document.text[start:end], start=start, end=end,
                          speaker=quote.speaker_mention or "", reference=quote.speaker_name or "",
                          verb=quote.cue_verb, speaker_type=quote.speaker_type or "")


def _with_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen a quote to the quotation marks around it, where there are any: annotators of news
    include them in a direct quote's span, and a span that includes them still covers all of a
    gold span that leaves them out."""
    if start > 0 and end < len(text) and text[start - 1] in QUOTE_MARKS and text[end] in QUOTE_MARKS:
        return start - 1, end + 1
    return start, end
