"""Who said what: every quotation in a document, its kind, cue verb and speaker.

Quotation marks give direct, partial and scare quotes (`transforms.quote_spans`); the parse gives
reported speech (`transforms.reported_speech`). A quoted fragment inside a reported clause
(`he said the figures were "complete rubbish"`) is part of that one indirect quote; a reported
clause that is all quotation (`"We will win," he said`) is the direct quote. Speakers come from
`transforms.speakers`. Finding is separate from writing: `transforms.frames` makes the rows.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from transforms.doc_text import text_of
from transforms.entities import sentence_index, sentence_starts
from transforms.lexicon import scare_cues
from transforms.quote_spans import QuoteSpan, find_quote_spans
from transforms.records import Mention, Quote
from transforms.reported_speech import ReportedClause, find_reported_clauses
from transforms.speakers import SCARE, Speaker, SpeakerFinder

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_MAX_SCARE_WORDS = 4
# A reported clause this much covered by one quotation is that direct quote, not a report of it.
_DIRECT_SHARE = 0.6


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
    finder = SpeakerFinder(doc, mentions)
    quotes: list[Quote] = []
    clause_speakers: dict[int, Speaker] = {}
    for candidate in _candidates(doc):
        if candidate.reported is not None:
            kind, speaker = "indirect", finder.for_reported(candidate.reported)
            if speaker is None:
                continue  # `It was announced that …`: a report with no one reporting
            clause_speakers[id(candidate.reported)] = speaker
        elif id(candidate.within) in clause_speakers:
            kind, speaker = "partial", clause_speakers[id(candidate.within)]
        else:
            tokens = doc.char_span(candidate.start_char, candidate.end_char, alignment_mode="expand")
            if tokens is None:
                continue
            kind = quote_kind(doc, candidate.marked, tokens)
            speaker = SCARE if kind == "scare" else finder.for_marked(candidate.marked, tokens, kind)
            if kind == "partial" and speaker.name is None and _word_count(tokens) <= _MAX_SCARE_WORDS:
                kind, speaker = "scare", SCARE  # a quoted term nobody is said to have said
        quote = _quote(doc, candidate, kind, speaker, starts)
        if candidate.within is None:
            finder.remember(quote, candidate.marked)
        quotes.append(quote)
    return quotes


def _candidates(doc: Doc) -> list[_Candidate]:
    """Merge quotation-mark spans and reported clauses into one list of quotes, in text order."""
    marked = find_quote_spans(text_of(doc))
    reported = _outermost_clauses(find_reported_clauses(doc))
    kept_clauses, within = [], {}
    for clause in reported:
        inner = [m for m in marked if _overlap(m, clause) > 0]
        if any(m.open_char < clause.start_char and clause.end_char <= m.outer_end for m in inner):
            continue  # reported speech inside someone's quotation belongs to that quotation
        if any(_overlap(m, clause) >= _DIRECT_SHARE * (clause.end_char - clause.start_char) for m in inner):
            continue  # the clause is the quotation itself
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
    )


# ---------------------------------------------------------------- classification


def quote_kind(doc: Doc, span: QuoteSpan, tokens: Span) -> str:
    """Return `direct`, `partial` or `scare` for a span in quotation marks."""
    words = [t for t in tokens if t.is_alpha]
    has_verb = any(t.pos_ in {"VERB", "AUX"} for t in tokens)
    if _follows_scare_cue(doc, span) and len(words) <= _MAX_SCARE_WORDS:
        return "scare"
    if _opens_sentence(doc, span) and _ends_utterance(doc, span):
        return "direct"  # `"Every single time."`: a whole sentence in quotation marks
    if len(words) <= _MAX_SCARE_WORDS and not has_verb:
        if _modifies_following_noun(span, tokens) or (
            all(w.text[:1].isupper() for w in words) and not _opens_sentence(doc, span)
        ):
            return "scare"
        return "partial"
    if _opens_sentence(doc, span) or _has_clause(tokens):
        return "direct"
    return "partial"


def _word_count(tokens: Span) -> int:
    return sum(1 for t in tokens if t.is_alpha)


def _follows_scare_cue(doc: Doc, span: QuoteSpan) -> bool:
    before = text_of(doc)[max(0, span.open_char - 30) : span.open_char].lower().rstrip()
    return any(before.endswith(cue) for cue in scare_cues())


def _modifies_following_noun(span: QuoteSpan, tokens: Span) -> bool:
    """`‘America First’ policies`: the quoted words hang on the noun right after the mark."""
    following = next((t for t in tokens.doc[tokens.end :] if t.idx > span.close_char and not t.is_punct), None)
    if following is None or following.pos_ not in {"NOUN", "PROPN"}:
        return False
    return any(t.head == following or following in t.ancestors for t in tokens if t.head not in tokens)


def _opens_sentence(doc: Doc, span: QuoteSpan) -> bool:
    """Whether only punctuation or a colon stands between the sentence start and the mark."""
    mark = doc.char_span(span.open_char, span.open_char + 1, alignment_mode="expand")
    if mark is None:
        return False
    sentence = mark[0].sent
    lead = text_of(doc)[sentence.start_char : span.open_char].strip()
    return not lead or lead.endswith(":") or all(not ch.isalnum() for ch in lead)


def _ends_utterance(doc: Doc, span: QuoteSpan) -> bool:
    """Whether the quoted words end with a sentence's closing punctuation inside the marks."""
    return text_of(doc)[span.start_char : span.end_char].rstrip()[-1:] in {".", "?", "!"}


def _has_clause(tokens: Span) -> bool:
    """Whether the quoted words hold a verb with its own subject: a sentence, not a fragment."""
    return any(t.dep_ in _SUBJECT_DEPS and t.head in tokens for t in tokens)
