"""The attribution rules: one table, tried in order, each row a name, the quotes it serves, a
confidence and a function over a `QuoteContext`.

A row's function returns what it found (a cue and the subject phrase that speaks, or a speaker
taken whole from an earlier quote) or None; the first row whose finding resolves to a speaker
attributes the quote, and `fact_quote.rule` is that row's name. Rows serve `reported` clauses
(found by a verb or `according to`), quotes in `marked` quotation marks, or only `direct` ones.
Adding a rule is adding a row, and a test for it on a hand-built `Doc`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from transforms.attribution.context import QuoteContext, Speaker
from transforms.attribution.parse import (
    according_to, ends_sentence, is_speech_verb, preceding_subject, same_paragraph, subject_of,
)
from transforms.attribution.resolve import resolve

_MAX_CLIMB = 4
_ADJACENT_ATTRIBUTION_TOKENS = 12  # `he said.` split off into a sentence of its own
_INTERRUPTION_CHARS = 80  # `"A," she said, "B."`: the gap between the two halves
_CARRY_CHARS = 400  # how far a floating quote looks back for the quote it continues


@dataclass(frozen=True)
class Found:
    """What a rule found: the cue as written and the subject that speaks, or a whole speaker."""

    cue: str
    subject: Token | None = None
    speaker: Speaker | None = None


@dataclass(frozen=True)
class Rule:
    """One row of the table."""

    name: str
    kind: str  # reported | marked | direct: the quotes the rule attributes
    confidence: float
    find: Callable[[QuoteContext], Found | None]

    def serves(self, context: QuoteContext) -> bool:
        if self.kind == "reported":
            return context.reported is not None
        return context.marked is not None and (self.kind == "marked" or context.kind == "direct")


def attribute(context: QuoteContext) -> Speaker | None:
    """Return the speaker the first applicable row finds, or None when no row does."""
    for rule in RULES:
        if not rule.serves(context):
            continue
        found = rule.find(context)
        if found is None:
            continue
        if found.speaker is not None:
            return found.speaker
        if found.subject is None or context.article.in_quotation(found.subject.idx):
            continue
        speaker = resolve(found.subject, found.cue, context, rule.name, rule.confidence)
        if speaker is not None:
            return speaker
    return None


# ------------------------------------------------------------------ reported clauses


def reported_verb(context: QuoteContext) -> Found | None:
    """`The minister said exports fell`: the subject of the verb that reports the clause."""
    clause = context.reported
    if clause.cue.lower_ == "according":
        return None
    return Found(clause.cue_text, clause.speaker_head or subject_of(clause.cue, context.inside))


def according_to_clause(context: QuoteContext) -> Found | None:
    """`According to the ministry, exports fell`: X in `according to X`."""
    clause = context.reported
    return Found("according to", clause.speaker_head) if clause.cue.lower_ == "according" else None


def reported_preceding_subject(context: QuoteContext) -> Found | None:
    """A verb the parse left without a subject: the last subject before it in its sentence."""
    clause = context.reported
    if clause.cue.lower_ == "according":
        return None
    return Found(clause.cue_text, preceding_subject(clause.cue, context.inside))


# ------------------------------------------------------------------ quotes in quotation marks


def interrupted(context: QuoteContext) -> Found | None:
    """`"A," she said, "B."`: the second half belongs to the first half's speaker."""
    if context.previous_marked is None:
        return None
    earlier_span, earlier = context.previous_marked
    gap = context.article.text[earlier_span.outer_end : context.marked.open_char]
    if (earlier.speaker_name is None or len(gap) > _INTERRUPTION_CHARS or "\n" in gap
            or not earlier.cue_verb or earlier.cue_verb not in gap or ends_sentence(gap)):
        return None
    return Found(earlier.cue_verb, speaker=Speaker(earlier.speaker_mention, earlier.speaker_name, earlier.speaker_type,
                                                   earlier.cue_verb, "interrupted", earlier.confidence, "earlier"))


def governing_verb(context: QuoteContext) -> Found | None:
    """The speech verb the quote hangs on in the parse: `X noted that ‘…’`, `‘…,’ he said`."""
    tokens, inside = context.tokens, context.inside
    for token in tokens:
        if token.head.i in inside:
            continue
        ancestor, climbed = token.head, 0
        while climbed < _MAX_CLIMB:
            if is_speech_verb(ancestor) and ancestor.i not in inside and same_paragraph(tokens, ancestor):
                return Found(ancestor.text, subject_of(ancestor, inside) or preceding_subject(ancestor, inside))
            if ancestor.head == ancestor:
                break
            ancestor, climbed = ancestor.head, climbed + 1
    return None


def according_to_marked(context: QuoteContext) -> Found | None:
    """`…, according to X` in the sentences the quote touches."""
    sentences = context.sentences
    for according, source in according_to(context.doc, sentences.start, sentences.end):
        if according.i not in context.inside:
            return Found("according to", source)
    return None


def sentence_verb(context: QuoteContext) -> Found | None:
    """The speech verb nearest the quote in the sentences it touches."""
    tokens, inside = context.tokens, context.inside
    candidates = [t for t in context.sentences if t.i not in inside and is_speech_verb(t) and same_paragraph(tokens, t)]
    if not candidates:
        return None
    verb = min(candidates, key=lambda t: min(abs(t.i - tokens.start), abs(t.i - tokens.end)))
    return Found(verb.text, subject_of(verb, inside) or preceding_subject(verb, inside))


def adjacent_sentence(context: QuoteContext) -> Found | None:
    """`"…." He said.` or `He said: ` split off by the sentence splitter."""
    doc, tokens, inside = context.doc, context.tokens, context.inside
    neighbours = []
    if tokens[-1].sent.end < len(doc):
        neighbours.append(doc[tokens[-1].sent.end].sent)
    before = tokens[0].sent.start
    if before > 0 and doc[before - 1].sent.text.rstrip().endswith(":"):
        neighbours.append(doc[before - 1].sent)
    for sent in neighbours:
        introduces = sent.end <= tokens.start  # `Mr Straw said of the Tory leader:` may be long
        if (len(sent) > _ADJACENT_ATTRIBUTION_TOKENS and not introduces) or any(t.i in inside for t in sent):
            continue
        if "\n" in context.article.text[min(sent.end_char, tokens.start_char) : max(sent.start_char, tokens.end_char)]:
            continue  # an attribution never reaches across a paragraph break
        verb = next((t for t in sent if is_speech_verb(t)), None)
        if verb is not None:
            return Found(verb.text, subject_of(verb, inside) or preceding_subject(verb, inside))
    return None


def nearest_person(context: QuoteContext) -> Found | None:
    """A direct quote with no speech verb: the person named nearest it in its sentence and paragraph."""
    span, sentences = context.marked, context.sentences
    start, end = max(sentences.start_char, context.paragraph[0]), min(sentences.end_char, context.paragraph[1])
    people = [m for m in context.article.mentions if m.entity_type == "PERSON" and start <= m.start_char < end
              and not span.open_char <= m.start_char <= span.close_char]
    if not people:
        return None
    nearest = min(people, key=lambda m: min(abs(m.start_char - span.open_char), abs(m.start_char - span.close_char)))
    return Found("", speaker=Speaker(nearest.text, nearest.entity_name, nearest.entity_type, "", "nearest_person",
                                     0.5, "name"))


def carried_over(context: QuoteContext) -> Found | None:
    """A floating quote goes to the speaker of the quote just before it, a paragraph away at most."""
    if not context.earlier:
        return None
    earlier = context.earlier[-1]
    gap = context.article.text[earlier.end_char : context.marked.open_char]
    if earlier.speaker_name is None or gap.count("\n") > 2 or len(gap) > _CARRY_CHARS:
        return None
    return Found(earlier.cue_verb, speaker=Speaker(None, earlier.speaker_name, earlier.speaker_type, earlier.cue_verb,
                                                   "carried_over", 0.5, "earlier"))


RULES: tuple[Rule, ...] = (
    Rule("reported_verb", "reported", 0.85, reported_verb),
    Rule("according_to", "reported", 0.85, according_to_clause),
    Rule("preceding_subject", "reported", 0.6, reported_preceding_subject),
    Rule("interrupted", "marked", 0.9, interrupted),
    Rule("governing_verb", "marked", 0.9, governing_verb),
    Rule("according_to", "marked", 0.85, according_to_marked),
    Rule("sentence_verb", "marked", 0.75, sentence_verb),
    Rule("adjacent_sentence", "marked", 0.7, adjacent_sentence),
    Rule("nearest_person", "direct", 0.5, nearest_person),
    Rule("carried_over", "direct", 0.5, carried_over),
)
