"""Rich tables and JSON for `newsdesk eval`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsdesk.evaluation import Evaluation
from transforms.evaluation import Match, Scores, ignored, is_named, named_speaker_agrees, same_speaker


@dataclass(frozen=True)
class _Layout:
    """Which columns a gold set can fill: neutral spans give an `ignored` count; a gold without
    resolved speakers (PolNeAR) has no reference to score."""

    ignored: bool
    reference: bool

    @staticmethod
    def of(result: Evaluation) -> _Layout:
        return _Layout(ignored=bool(result.neutral), reference=any(g.reference for g in result.gold))

    def columns(self) -> list[str]:
        return ["match", "gold", "pred", *(["ignored"] if self.ignored else []), "matched", "precision", "recall",
                "F1", "speaker (mention)", "speaker (named)", "speaker (reference)", "verb"]

    def row(self, label: str, s: Scores) -> list[str]:
        reference = f"{s.speaker_reference_accuracy:.3f}" if self.reference else "n/a"
        return [label, str(s.gold), str(s.predicted), *([str(s.ignored)] if self.ignored else []), str(s.matched),
                f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", f"{s.speaker_mention_accuracy:.3f}",
                f"{s.named_speaker_accuracy:.3f}", reference, f"{s.verb_accuracy:.3f}"]


def summary_rows(result: Evaluation) -> tuple[list[str], list[list[str]]]:
    """Return the columns and rows of the overall scores, one row per matching rule."""
    layout = _Layout.of(result)
    rows = [layout.row(f"coverage > {threshold:g}", s) for threshold, s in result.by_threshold.items()]
    return layout.columns(), [*rows, layout.row("strict IoU >= 0.5", result.strict)]


def per_document_rows(result: Evaluation) -> tuple[list[str], list[list[str]]]:
    """Return the columns and rows of each document's scores at the lowest coverage threshold, worst F1 first."""
    layout = _Layout.of(result)
    ranked = sorted(result.per_document.items(), key=lambda item: (item[1].f1, item[0]))
    return ["document", *layout.columns()[1:]], [layout.row(doc_id, s) for doc_id, s in ranked]


def _scores_json(s: Scores, layout: _Layout) -> dict[str, Any]:
    return {"gold": s.gold, "predicted": s.predicted, "ignored": s.ignored, "matched": s.matched,
            "precision": round(s.precision, 4), "recall": round(s.recall, 4), "f1": round(s.f1, 4),
            "speaker_mention_accuracy": round(s.speaker_mention_accuracy, 4),
            "named_matched": s.named_matched, "named_speaker_accuracy": round(s.named_speaker_accuracy, 4),
            "speaker_reference_accuracy": round(s.speaker_reference_accuracy, 4) if layout.reference else None,
            "verb_accuracy": round(s.verb_accuracy, 4)}


def evaluation_json(result: Evaluation) -> dict[str, Any]:
    """Return every score as plain JSON values (null where the gold set cannot score it)."""
    layout = _Layout.of(result)
    return {
        "coverage": {str(t): _scores_json(s, layout) for t, s in result.by_threshold.items()},
        "strict_iou": _scores_json(result.strict, layout),
        "per_document": {doc_id: _scores_json(s, layout) for doc_id, s in result.per_document.items()},
    }


def error_lines(result: Evaluation) -> list[str]:
    """Return one line per miss: gold not found, prediction not in the gold, wrong speaker or verb, and
    (NAMED) a speaker that disagrees with a named gold source. A prediction inside a neutral span is
    neither right nor wrong: it is not listed."""
    matched_gold = {id(m.gold) for m in result.matched}
    not_extra = {id(m.predicted) for m in result.matched}
    not_extra |= {id(p) for p in ignored(result.predicted, result.matched, result.neutral)}
    lines = [f"MISSED   {g.doc_id} [{g.start}:{g.end}] {g.quote[:90]!r} ({g.reference or g.speaker})"
             for g in result.gold if id(g) not in matched_gold]
    lines += [f"EXTRA    {p.doc_id} [{p.start}:{p.end}] {p.quote[:90]!r} ({p.reference})"
              for p in result.predicted if id(p) not in not_extra]
    # A gold set without resolved speakers (PolNeAR) is checked on the speaker as written.
    resolved = _Layout.of(result).reference
    for m in result.matched:
        if not (same_speaker(m.gold.reference, m.predicted.reference) if resolved
                else same_speaker(m.gold.speaker, m.predicted.speaker)):
            lines.append(f"SPEAKER  {_speakers(m)}")
        if is_named(m.gold.speaker) and not named_speaker_agrees(m.gold, m.predicted):
            lines.append(f"NAMED    {_speakers(m)}")
        if not same_speaker(m.gold.verb, m.predicted.verb):
            lines.append(f"VERB     {m.gold.doc_id} [{m.gold.start}] gold {m.gold.verb!r} got {m.predicted.verb!r}")
    return sorted(lines)


def _speakers(m: Match) -> str:
    """Return where a matched quote is and whom the gold and we name as its speaker."""
    return (f"{m.gold.doc_id} [{m.gold.start}] gold {m.gold.speaker!r}->{m.gold.reference!r} "
            f"got {m.predicted.speaker!r}->{m.predicted.reference!r} | {m.gold.quote[:50]!r}")
