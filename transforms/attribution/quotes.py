"""Who said what: every quotation in a document, its kind, cue verb and speaker.

Quotation marks give direct, partial and scare quotes (`marks`, `kinds`); the parse gives
reported speech and beliefs (`reported`). A quoted fragment inside a reported clause (`he said
the figures were "complete rubbish"`) is part of that one indirect quote; a reported clause that
is all quotation (`"We will win," he said`) is the direct quote. Speakers come from the rule
table (`rules`). Finding is separate from writing: `transforms.frames` makes the rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span

from transforms.attribution.context import NO_SPEAKER, SCARE, Article, QuoteContext, Speaker
from transforms.attribution.furniture import furniture_lines
from transforms.attribution.kinds import MAX_SCARE_WORDS, has_speech_frame, quote_kind, word_count
from transforms.attribution.marks import QuoteSpan, find_quote_spans
from transforms.attribution.reported import ReportedClause, find_reported_clauses
from transforms.attribution.rules import attribute
from transforms.attribution.speech_acts import speech_act_clauses
from transforms.doc_text import text_of
from transforms.entities import sentence_index, sentence_starts
from transforms.records import Mention, Quote

# A reported clause this much covered by one quotation is that direct quote, not a report of it.
_DIRECT_SHARE = 0.6
# Rows whose speech verb frames the fragment itself; a fragment that only shares a sentence with one
# (`sentence_verb`) or follows someone's quote is the writer's term unless short of a clause.
_FRAMING_RULES = frozenset({"governing_verb", "according_to", "interrupted"})


@dataclass(frozen=True)
class _Candidate:
    start_char: int
    end_char: int
    marked: QuoteSpan | None = None
    reported: ReportedClause | None = None
    within: ReportedClause | None = None  # the reported clause a quoted fragment belongs to


def find_quotes(doc: Doc, mentions: Sequence[Mention], starts: Sequence[int] | None = None) -> list[Quote]:
    """Return every quotation in `doc` with its kind, cue verb and resolved speaker, in text order."""
    starts = sentence_starts(doc) if starts is None else starts
    furniture = furniture_lines(text_of(doc))
    # Teasers, captions and credits are not prose: nobody in them speaks or is spoken of.
    marked = find_quote_spans(text_of(doc))
    article = Article(doc, [m for m in mentions if not _within(m.start_char, furniture)], marked)
    quotes: list[Quote] = []
    earlier: list[Quote] = []  # the quotes a later one may refer back to (fragments left out)
    previous_marked: tuple[QuoteSpan, Quote] | None = None
    clause_speakers: dict[int, Speaker] = {}
    for candidate in _candidates(doc, marked):
        if _within(candidate.start_char, furniture):
            continue
        tokens = doc.char_span(candidate.start_char, candidate.end_char, alignment_mode="expand")
        if tokens is None:
            continue
        if candidate.reported is not None:
            kind = "belief" if candidate.reported.is_belief else "indirect"
            speaker = attribute(QuoteContext(article, tokens, kind, reported=candidate.reported,
                                             earlier=tuple(earlier), previous_marked=previous_marked))
            if speaker is None:
                continue  # `It was announced that …`: a report with no one reporting
            clause_speakers[id(candidate.reported)] = speaker
        elif id(candidate.within) in clause_speakers and quote_kind(doc, candidate.marked, tokens) != "scare":
            kind, speaker = "partial", clause_speakers[id(candidate.within)]
        else:
            candidate = replace(candidate, within=None)  # a scare term inside a report is still a scare term
            kind = quote_kind(doc, candidate.marked, tokens)
            speaker = SCARE if kind == "scare" else attribute(QuoteContext(
                article, tokens, kind, marked=candidate.marked, earlier=tuple(earlier),
                previous_marked=previous_marked)) or NO_SPEAKER
            if kind == "partial" and _unframed(tokens, speaker):
                kind, speaker = "scare", SCARE  # a quoted term nobody is said to have said
        quote = _quote(doc, candidate, kind, speaker, starts)
        if candidate.within is None:
            earlier.append(quote)
            if candidate.marked is not None:
                previous_marked = (candidate.marked, quote)
        quotes.append(quote)
    return quotes


def _unframed(tokens: Span, speaker: Speaker) -> bool:
    """Whether a fragment in marks is the writer's term: short and not what a speech verb reports
    (`an online "road map"`), or longer but only sharing a sentence with a speech verb."""
    framed = speaker.name is not None and has_speech_frame(tokens)
    if word_count(tokens) <= MAX_SCARE_WORDS:
        return not framed
    return speaker.rule not in _FRAMING_RULES and not framed


def _within(char: int, lines: Sequence[tuple[int, int]]) -> bool:
    return any(start <= char < end for start, end in lines)


def _candidates(doc: Doc, marked: list[QuoteSpan]) -> list[_Candidate]:
    """Merge quotation-mark spans and reported clauses into one list of quotes, in text order."""
    reported = _outermost_clauses(find_reported_clauses(doc) + speech_act_clauses(doc))
    kept_clauses, within = [], {}
    for clause in reported:
        inner = [m for m in marked if _overlap(m, clause) > 0]
        if any(m.open_char < clause.start_char and clause.end_char <= m.outer_end for m in inner):
            continue  # reported speech inside someone's quotation belongs to that quotation
        if any(_is_the_quotation(doc, m, clause) for m in inner):
            continue  # the clause is the quotation itself
        clause = _closed_at_its_quotation(clause, inner)
        kept_clauses.append(clause)
        within.update((id(m), clause) for m in inner if _overlap(m, clause) >= 0.5 * (m.end_char - m.start_char))
    candidates = [_Candidate(m.start_char, m.end_char, marked=m, within=within.get(id(m))) for m in marked]
    candidates += [_Candidate(c.start_char, c.end_char, reported=c) for c in kept_clauses]
    # A clause comes before the fragments inside it, so they can take its speaker.
    return sorted(candidates, key=lambda c: (c.start_char, -c.end_char))


def _outermost_clauses(clauses: list[ReportedClause]) -> list[ReportedClause]:
    """Drop a clause nested in another: `he said she told him X` reports one thing."""
    kept: list[ReportedClause] = []
    for clause in sorted(clauses, key=lambda c: (c.start_char, -c.end_char)):
        if kept and clause.start_char < kept[-1].end_char:
            continue
        kept.append(clause)
    return kept


def _closed_at_its_quotation(clause: ReportedClause, inner: list[QuoteSpan]) -> ReportedClause:
    """A clause that runs into a quotation ends where the quotation closes (`said the team was "very
    pleased with the ruling."`), whatever the parse did with the closing words."""
    ends = [m.outer_end for m in inner if clause.start_char < m.open_char and m.outer_end > clause.end_char]
    return replace(clause, end_char=max(ends)) if ends else clause


def _is_the_quotation(doc: Doc, marked: QuoteSpan, clause: ReportedClause) -> bool:
    """Whether a reported clause is a quotation in marks (`"We will win," he said`), not an indirect
    clause that runs into one (`said the team was "very pleased with the ruling."`): one quote
    either way, direct in the first case and indirect, spanning both, in the second."""
    lead = text_of(doc)[clause.start_char : marked.open_char]
    return (_overlap(marked, clause) >= _DIRECT_SHARE * (clause.end_char - clause.start_char)
            and sum(ch.isalpha() for ch in lead) == 0)


def _overlap(marked: QuoteSpan, clause: ReportedClause) -> int:
    return max(0, min(marked.end_char, clause.end_char) - max(marked.start_char, clause.start_char))


def _quote(doc: Doc, candidate: _Candidate, kind: str, speaker: Speaker, starts: Sequence[int]) -> Quote:
    return Quote(
        start_char=candidate.start_char,
        end_char=candidate.end_char,
        text=text_of(doc)[candidate.start_char : candidate.end_char],
        kind=kind,
        cue_verb=speaker.cue_verb,
        speaker_mention=speaker.mention,
        speaker_name=speaker.name,
        speaker_type=speaker.entity_type,
        sentence_index=sentence_index(starts, candidate.start_char),
        rule=speaker.rule if candidate.within is None else "within_reported",
        confidence=round(speaker.confidence, 2),
        nested=candidate.within is not None,
        speaker_resolution=speaker.resolution,
    )
