"""Who said what: classifying quoted spans and attributing each to its speaker.

Finding is separate from writing: `find_quotes(doc, mentions)` returns `Quote` records and
`transforms.frames` turns them into table frames.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from transforms.entities import sentence_index, sentence_starts
from transforms.lexicon import scare_cues, speech_verbs
from transforms.quote_spans import QuoteSpan, find_quote_spans
from transforms.records import Mention, Quote

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_NOUN_PHRASE_DEPS = frozenset({"compound", "det", "amod", "nmod", "poss", "case", "nummod", "punct"})
_NAME_DEPS = frozenset({"appos", "compound", "flat"})  # `director Tim Osborne`, not `a spokesman for X`
_CLAUSE_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl"})
_SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_PERSON_PRONOUNS = frozenset({"he", "she"})
_GROUP_PRONOUNS = frozenset({"they", "we"})
_MAX_SCARE_WORDS = 4
_ANTECEDENT_WINDOW = 3  # people named most recently, among whom a pronoun looks for a subject
_MAX_CLIMB = 4
_ADJACENT_ATTRIBUTION_TOKENS = 12  # `he said.` split off into a sentence of its own
_INTERRUPTION_CHARS = 80  # `"A," she said, "B."`: the gap between the two halves


@dataclass(frozen=True)
class _Speaker:
    mention: str | None
    name: str | None
    entity_type: str | None
    cue_verb: str
    rule: str
    confidence: float


_NO_SPEAKER = _Speaker(None, None, None, "", "none", 0.3)


def find_quotes(doc: Doc, mentions: Sequence[Mention], starts: Sequence[int] | None = None) -> list[Quote]:
    """Return every quotation in `doc` with its kind, cue verb and resolved speaker."""
    starts = sentence_starts(doc) if starts is None else starts
    according_to = _according_to_matches(doc)
    quotes: list[Quote] = []
    previous: tuple[QuoteSpan, Quote] | None = None
    for span in find_quote_spans(doc.text):
        tokens = _quote_tokens(doc, span)
        if tokens is None:
            continue
        kind = quote_kind(doc, span, tokens)
        if kind == "scare":
            speaker = _Speaker(None, None, None, "", "scare", 0.6)
        else:
            speaker = _speaker(doc, span, tokens, mentions, quotes, according_to, previous, kind)
        quote = Quote(
            start_char=span.start_char,
            end_char=span.end_char,
            text=doc.text[span.start_char : span.end_char],
            kind=kind,
            cue_verb=speaker.cue_verb,
            speaker_mention=speaker.mention,
            speaker_name=speaker.name,
            speaker_type=speaker.entity_type,
            sentence_index=sentence_index(starts, span.start_char),
            rule=speaker.rule,
            confidence=speaker.confidence,
        )
        quotes.append(quote)
        previous = (span, quote)
    return quotes


def _quote_tokens(doc: Doc, span: QuoteSpan) -> Span | None:
    return doc.char_span(span.start_char, span.end_char, alignment_mode="expand")


# ---------------------------------------------------------------- classification


def quote_kind(doc: Doc, span: QuoteSpan, tokens: Span) -> str:
    """Return `direct`, `partial` or `scare` for a quoted span."""
    words = [t for t in tokens if t.is_alpha]
    has_verb = any(t.pos_ in {"VERB", "AUX"} for t in tokens)
    if _follows_scare_cue(doc, span) and len(words) <= _MAX_SCARE_WORDS:
        return "scare"
    if len(words) <= _MAX_SCARE_WORDS and not has_verb:
        if _modifies_following_noun(doc, span, tokens) or (
            all(w.text[:1].isupper() for w in words) and not _opens_sentence(doc, span)
        ):
            return "scare"
        return "partial"
    if _opens_sentence(doc, span) or _has_clause(tokens):
        return "direct"
    return "partial"


def _follows_scare_cue(doc: Doc, span: QuoteSpan) -> bool:
    before = doc.text[max(0, span.open_char - 30) : span.open_char].lower().rstrip()
    return any(before.endswith(cue) for cue in scare_cues())


def _modifies_following_noun(doc: Doc, span: QuoteSpan, tokens: Span) -> bool:
    """`‘America First’ policies`: the quoted words hang on the noun right after the mark."""
    following = next((t for t in doc[tokens.end :] if t.idx > span.close_char and not t.is_punct), None)
    if following is None or following.pos_ not in {"NOUN", "PROPN"}:
        return False
    return any(t.head == following or following in t.ancestors for t in tokens if t.head not in tokens)


def _opens_sentence(doc: Doc, span: QuoteSpan) -> bool:
    """Whether only punctuation or a colon stands between the sentence start and the mark."""
    sent = doc.char_span(span.open_char, span.open_char + 1, alignment_mode="expand")
    if sent is None:
        return False
    sentence = sent[0].sent
    lead = doc.text[sentence.start_char : span.open_char].strip()
    return not lead or lead.endswith(":") or all(not ch.isalnum() for ch in lead)


def _has_clause(tokens: Span) -> bool:
    """Whether the quoted words hold a verb with its own subject: a sentence, not a fragment."""
    return any(t.dep_ in _SUBJECT_DEPS and t.head in tokens for t in tokens)


# ---------------------------------------------------------------- attribution


def _speaker(doc: Doc, span: QuoteSpan, tokens: Span, mentions: Sequence[Mention], earlier: list[Quote],
             according_to: list[Span], previous: tuple[QuoteSpan, Quote] | None, kind: str) -> _Speaker:
    inside = set(range(tokens.start, tokens.end))
    interrupted = _interrupted_continuation(doc, span, previous)
    if interrupted is not None:
        return interrupted
    attempts = (
        ("governing_verb", 0.9, _governing_speech_verb(tokens, inside)),
        ("according_to", 0.85, _according_to_for(tokens, according_to, inside)),
        ("sentence_verb", 0.75, _sentence_speech_verb(tokens, inside)),
        ("adjacent_sentence", 0.7, _adjacent_speech_verb(doc, tokens, inside)),
    )
    for rule, confidence, found in attempts:
        if found is None:
            continue
        cue, subject = found
        if subject is None:
            continue
        speaker = _resolved(doc, subject, cue, mentions, earlier, span, rule, confidence)
        if speaker is not None:
            return speaker
    if kind != "direct":
        return _NO_SPEAKER
    nearest = _nearest_person(mentions, tokens, span)
    if nearest is not None:
        return _Speaker(nearest.text, nearest.entity_name, nearest.entity_type, "", "nearest_person", 0.5)
    return _carried_over(doc, span, previous)


def _governing_speech_verb(tokens: Span, inside: set[int]) -> tuple[str, Token | None] | None:
    """The speech verb the quote hangs on in the parse: `X noted that ‘…’`, `‘…,’ he said`."""
    for token in tokens:
        if token.head.i in inside:
            continue
        ancestor, climbed = token.head, 0
        while climbed < _MAX_CLIMB:
            if _is_speech_verb(ancestor) and ancestor.i not in inside:
                return ancestor.text, _subject_of(ancestor, inside)
            if ancestor.head == ancestor:
                break
            ancestor, climbed = ancestor.head, climbed + 1
    return None


def _sentence_speech_verb(tokens: Span, inside: set[int]) -> tuple[str, Token | None] | None:
    """The speech verb nearest the quote in the sentences it touches."""
    sentence_tokens = range(tokens[0].sent.start, tokens[-1].sent.end)
    doc = tokens.doc
    candidates = [doc[i] for i in sentence_tokens if i not in inside and _is_speech_verb(doc[i])]
    if not candidates:
        return None
    verb = min(candidates, key=lambda t: min(abs(t.i - tokens.start), abs(t.i - tokens.end)))
    return verb.text, _subject_of(verb, inside)


def _adjacent_speech_verb(doc: Doc, tokens: Span, inside: set[int]) -> tuple[str, Token | None] | None:
    """`"…." He said.` or `He said: ` split off by the sentence splitter."""
    after = tokens[-1].sent.end
    neighbours = []
    if after < len(doc):
        neighbours.append(doc[after].sent)
    before = tokens[0].sent.start
    if before > 0 and doc[before - 1].sent.text.rstrip().endswith(":"):
        neighbours.append(doc[before - 1].sent)
    for sent in neighbours:
        if len(sent) > _ADJACENT_ATTRIBUTION_TOKENS or any(t.i in inside for t in sent):
            continue
        verb = next((t for t in sent if _is_speech_verb(t)), None)
        if verb is not None:
            return verb.text, _subject_of(verb, inside)
    return None


def _according_to_matches(doc: Doc) -> list[Span]:
    matcher = Matcher(doc.vocab)
    matcher.add("ACCORDING_TO", [[{"LOWER": "according"}, {"LOWER": "to"}]])
    return [doc[start:end] for _, start, end in matcher(doc)]


def _according_to_for(tokens: Span, matches: list[Span], inside: set[int]) -> tuple[str, Token | None] | None:
    sentences = {tokens[0].sent.start, tokens[-1].sent.start}
    for match in matches:
        if match.start in inside or match.sent.start not in sentences:
            continue
        objects = [t for t in match[-1].children if t.dep_ == "pobj"]
        if objects:
            return "according to", objects[0]
    return None


def _is_speech_verb(token: Token) -> bool:
    return token.pos_ == "VERB" and token.lemma_.lower() in speech_verbs()


def _subject_of(verb: Token, inside: set[int]) -> Token | None:
    """The subject of a speech verb, climbing from `telling …` or `…, adding` to its clause."""
    current = verb
    for _ in range(3):
        subjects = [t for t in current.children if t.dep_ in _SUBJECT_DEPS and t.i not in inside]
        if subjects:
            subject = subjects[0]
            if subject.tag_ == "WP" and current.dep_ == "relcl":  # `X, who said …`
                return current.head
            return subject
        if current.dep_ == "relcl":
            return current.head
        if current.dep_ not in _CLAUSE_DEPS or current.head == current:
            return None
        current = current.head
    return None


def _resolved(doc: Doc, subject: Token, cue: str, mentions: Sequence[Mention], earlier: list[Quote],
              span: QuoteSpan, rule: str, confidence: float) -> _Speaker | None:
    written = _noun_phrase(doc, subject)
    mention = _mention_at(mentions, subject) or _named_in_phrase(mentions, subject)
    if mention is not None and mention.entity_type in _SPEAKER_TYPES:
        return _Speaker(written, mention.entity_name, mention.entity_type, cue, rule, confidence)
    lower = subject.lower_
    if subject.pos_ == "PRON":
        if lower in _PERSON_PRONOUNS:
            antecedent = _person_antecedent(doc, mentions, earlier, subject.idx, span)
            if antecedent is not None:
                return _Speaker(written, antecedent[0], antecedent[1], cue, rule + "+pronoun", confidence - 0.1)
        if lower in _GROUP_PRONOUNS or lower in _PERSON_PRONOUNS:
            return _Speaker(written, None, "PRONOUN", cue, rule + "+pronoun", confidence - 0.3)
        return None
    if subject.pos_ in {"NOUN", "PROPN"}:
        name = written[:1].upper() + written[1:]
        return _Speaker(written, name, "NOUN_PHRASE", cue, rule, confidence - 0.1)
    return None


def _noun_phrase(doc: Doc, head: Token) -> str:
    """The speaker as written: the head noun with its determiners, titles and modifiers."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in _NOUN_PHRASE_DEPS:
            start = min(start, child.left_edge.i)
    while start < head.i and doc[start].is_punct:
        start += 1
    return doc[start : head.i + 1].text


def _mention_at(mentions: Sequence[Mention], token: Token) -> Mention | None:
    return next((m for m in mentions if m.start_char <= token.idx < m.end_char), None)


def _named_in_phrase(mentions: Sequence[Mention], head: Token) -> Mention | None:
    """`Menatep's managing director Tim Osborne`: the person named inside the subject phrase."""
    tokens = [t for t in head.doc[head.left_edge.i : head.i + 1]]
    tokens += [t for child in head.rights if child.dep_ in _NAME_DEPS for t in child.subtree]
    text = head.doc.text
    named = {m for t in tokens for m in mentions
             if m.start_char <= t.idx < m.end_char and m.entity_type == "PERSON" and not _is_possessor(text, m)}
    if len(named) == 1:
        return named.pop()
    return None


def _is_possessor(text: str, mention: Mention) -> bool:
    """`Mr Blair's spokesman`: Blair owns the phrase, he is not the one speaking."""
    return mention.text.endswith(("'s", "’s")) or text[mention.end_char : mention.end_char + 2] in {"'s", "’s"}


def _person_antecedent(doc: Doc, mentions: Sequence[Mention], earlier: list[Quote], before: int,
                       span: QuoteSpan) -> tuple[str, str] | None:
    """The person a `he`/`she` stands for: the last person quoted, else the last person named."""
    for quote in reversed(earlier):
        if quote.speaker_type == "PERSON" and quote.speaker_name:
            named_since = [m for m in mentions if quote.end_char <= m.start_char < before and m.entity_type == "PERSON"
                           and not span.start_char <= m.start_char < span.end_char]
            if not named_since:
                return quote.speaker_name, "PERSON"
            break
    people = [m for m in mentions if m.entity_type == "PERSON" and m.start_char < before
              and not (span.start_char <= m.start_char < span.end_char)]
    if not people:
        return None
    # Prefer the last person who was a subject: `Smith criticised Doe. "…," he said.` is Smith.
    subjects = [m for m in people[-_ANTECEDENT_WINDOW:] if _is_subject(doc, m)]
    return (subjects or people)[-1].entity_name, "PERSON"


def _is_subject(doc: Doc, mention: Mention) -> bool:
    span = doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
    return span is not None and span.root.dep_ in _SUBJECT_DEPS


def _nearest_person(mentions: Sequence[Mention], tokens: Span, span: QuoteSpan) -> Mention | None:
    sentence_start, sentence_end = tokens[0].sent.start_char, tokens[-1].sent.end_char
    people = [m for m in mentions if m.entity_type == "PERSON" and sentence_start <= m.start_char < sentence_end
              and not (span.open_char <= m.start_char <= span.close_char)]
    if not people:
        return None
    return min(people, key=lambda m: min(abs(m.start_char - span.open_char), abs(m.start_char - span.close_char)))


def _interrupted_continuation(doc: Doc, span: QuoteSpan, previous: tuple[QuoteSpan, Quote] | None) -> _Speaker | None:
    """`"A," she said, "B."`: the second half belongs to the first half's speaker."""
    if previous is None:
        return None
    earlier_span, earlier = previous
    gap = doc.text[earlier_span.outer_end : span.open_char]
    if (earlier.speaker_name is None or len(gap) > _INTERRUPTION_CHARS or "\n" in gap
            or not earlier.cue_verb or earlier.cue_verb not in gap or _ends_sentence(gap)):
        return None
    return _Speaker(earlier.speaker_mention, earlier.speaker_name, earlier.speaker_type, earlier.cue_verb,
                    "interrupted", earlier.confidence)


def _ends_sentence(gap: str) -> bool:
    """Whether the words between two quotes close a sentence: `said Jane Doe. "…` does, `she said, "…` not."""
    return any(mark in gap.rstrip() for mark in (".", "?", "!", ";"))


def _carried_over(doc: Doc, span: QuoteSpan, previous: tuple[QuoteSpan, Quote] | None) -> _Speaker:
    """A floating quote goes to the speaker of the quote just before it, a paragraph away at most."""
    if previous is None:
        return _NO_SPEAKER
    earlier_span, earlier = previous
    gap = doc.text[earlier_span.outer_end : span.open_char]
    if earlier.speaker_name is None or gap.count("\n") > 2 or len(gap) > 400:
        return _NO_SPEAKER
    return _Speaker(None, earlier.speaker_name, earlier.speaker_type, "", "carried_over", 0.5)
