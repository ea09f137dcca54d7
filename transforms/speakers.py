"""Who is speaking: the cue verb of a quote, its subject, and that subject resolved to a name.

A speaker is found, in order of trust, from the speech verb the quote hangs on in the parse,
`according to X`, a speech verb elsewhere in the sentence, or a short attribution sentence next
to it; a quote with none of these takes the nearest person in its sentence, else the speaker of
the quote just before it. Mentions resolve through the article's entities: a surname or title +
surname to the full name, `he`/`she` to the person last quoted or last named as a subject.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from transforms.canonical import split_title
from transforms.doc_text import text_of
from transforms.entities import full_name_for
from transforms.gender import PRONOUN_GENDERS, person_genders
from transforms.lexicon import organisation_nouns, person_nouns
from transforms.quote_spans import QuoteSpan
from transforms.records import Mention, Quote
from transforms.reported_speech import ReportedClause, is_speech_verb

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_NOUN_PHRASE_DEPS = frozenset({"compound", "det", "amod", "nmod", "poss", "case", "nummod", "punct"})
_NAME_DEPS = frozenset({"appos", "compound", "flat"})  # `director Tim Osborne`, not `a spokesman for X`
_CLAUSE_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl"})
_SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_PERSON_PRONOUNS = frozenset({"he", "she"})
_GROUP_PRONOUNS = frozenset({"they", "we"})
_THING_PRONOUNS = frozenset({"it"})  # `The company said … It added …`
_DOCUMENT_NOUNS = frozenset({"figure", "data", "report", "statement", "study", "survey", "research", "poll",
                             "analysis", "estimate", "forecast", "statistic", "document", "letter", "filing"})
_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "official", "source",
                           "insider", "aide"})
_PARTITIVES = frozenset({"one", "some", "many", "several", "most", "all", "both", "none", "each"})
_AGE_DESCRIPTION = re.compile(r"^the \d+-year-old$", re.IGNORECASE)
_ANTECEDENT_WINDOW = 2  # people named most recently, among whom a pronoun looks for a subject
_ORGANISATION_REACH = 600  # characters back that `the company` or `it` looks for its organisation
_MAX_CLIMB = 4
_ADJACENT_ATTRIBUTION_TOKENS = 12  # `he said.` split off into a sentence of its own
_INTERRUPTION_CHARS = 80  # `"A," she said, "B."`: the gap between the two halves


@dataclass(frozen=True)
class Speaker:
    """A quote's speaker as written and resolved, with the cue and how it was found."""

    mention: str | None
    name: str | None
    entity_type: str | None
    cue_verb: str
    rule: str
    confidence: float


NO_SPEAKER = Speaker(None, None, None, "", "none", 0.3)
SCARE = Speaker(None, None, None, "", "scare", 0.6)


class SpeakerFinder:
    """Finds speakers for the quotes of one document, in text order."""

    def __init__(self, doc: Doc, mentions: Sequence[Mention]) -> None:
        self.doc = doc
        self.mentions = mentions
        self.genders = person_genders(text_of(doc), mentions)
        self.person_full_names = sorted({m.entity_name for m in mentions
                                         if m.entity_type == "PERSON" and " " in m.entity_name})
        self.earlier: list[Quote] = []
        self._previous_marked: tuple[QuoteSpan, Quote] | None = None

    def remember(self, quote: Quote, span: QuoteSpan | None) -> None:
        """Record a finished quote: later pronouns and floating quotes refer back to it."""
        self.earlier.append(quote)
        if span is not None:
            self._previous_marked = (span, quote)

    def for_reported(self, clause: ReportedClause) -> Speaker | None:
        """The speaker of reported speech (the subject of its verb, X in `according to X`), or None
        when the report has none (`it was announced that …`): then it is not a quote."""
        inside = self._inside(clause.start_char, clause.end_char)
        rule, confidence = clause.rule, 0.85
        subject = clause.speaker_head if clause.speaker_head is not None else subject_of(clause.cue, inside)
        if subject is None:
            subject, rule, confidence = preceding_subject(clause.cue, inside), rule + "+preceding_subject", 0.6
        if subject is None:
            return None
        return self._resolved(subject, clause.cue_text, clause.start_char, clause.end_char, rule, confidence)

    def for_marked(self, span: QuoteSpan, tokens: Span, kind: str) -> Speaker:
        """The speaker of a quote in quotation marks."""
        inside = set(range(tokens.start, tokens.end))
        interrupted = self._interrupted_continuation(span)
        if interrupted is not None:
            return interrupted
        attempts = (
            ("governing_verb", 0.9, _governing_speech_verb(tokens, inside)),
            ("according_to", 0.85, _according_to(tokens, inside)),
            ("sentence_verb", 0.75, _sentence_speech_verb(tokens, inside)),
            ("adjacent_sentence", 0.7, _adjacent_speech_verb(self.doc, tokens, inside)),
        )
        for rule, confidence, found in attempts:
            if found is None or found[1] is None:
                continue
            speaker = self._resolved(found[1], found[0], span.start_char, span.end_char, rule, confidence)
            if speaker is not None:
                return speaker
        if kind != "direct":
            return NO_SPEAKER
        nearest = self._nearest_person(tokens, span)
        if nearest is not None:
            return Speaker(nearest.text, nearest.entity_name, nearest.entity_type, "", "nearest_person", 0.5)
        return self._carried_over(span)

    def _inside(self, start: int, end: int) -> set[int]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return set(range(span.start, span.end)) if span is not None else set()

    # ------------------------------------------------------------ resolution

    def _resolved(self, subject: Token, cue: str, quote_start: int, quote_end: int, rule: str,
                  confidence: float) -> Speaker | None:
        written = noun_phrase(subject)
        mention = self._mention_at(subject) or self._named_in_phrase(subject)
        if mention is not None and mention.entity_type in _SPEAKER_TYPES:
            return Speaker(self._covering(written, subject, mention), mention.entity_name, mention.entity_type, cue,
                           rule, confidence)
        lower = subject.lower_
        if subject.pos_ == "PRON":
            if lower in _PERSON_PRONOUNS:
                antecedent = self._person_antecedent(subject.idx, quote_start, quote_end, PRONOUN_GENDERS[lower])
                if antecedent is not None:
                    return Speaker(written, antecedent, "PERSON", cue, rule + "+pronoun", confidence - 0.1)
            if lower in _THING_PRONOUNS:
                antecedent = self._organisation_antecedent(subject.idx)
                if antecedent is not None:
                    return Speaker(written, antecedent[0], antecedent[1], cue, rule + "+pronoun", confidence - 0.15)
            if lower in _GROUP_PRONOUNS or lower in _PERSON_PRONOUNS:
                return Speaker(written, None, "PRONOUN", cue, rule + "+pronoun", confidence - 0.3)
            return None
        if _AGE_DESCRIPTION.match(written):  # `the 34-year-old`
            antecedent = self._person_antecedent(subject.idx, quote_start, quote_end)
            if antecedent is not None:
                return Speaker(written, antecedent, "PERSON", cue, rule + "+description", confidence - 0.15)
        if subject.pos_ == "PROPN":
            person = self._person_named(written)
            if person is not None:  # `Mourinho`, missed by the NER, named in full elsewhere
                return Speaker(written, person, "PERSON", cue, rule + "+surname", confidence - 0.1)
        if subject.pos_ in {"NOUN", "PROPN"}:
            source = self._source_of_figures(subject)
            if source is not None:
                return Speaker(written, source.entity_name, source.entity_type, cue, rule + "+source", confidence - 0.1)
            represented = self._represented(subject)
            if represented is not None:
                return Speaker(written, represented.entity_name, represented.entity_type, cue, rule + "+for",
                               confidence - 0.1)
            if _is_definite_description(subject, person_nouns()):
                antecedent = self._person_antecedent(subject.idx, quote_start, quote_end)
                if antecedent is not None:
                    return Speaker(written, antecedent, "PERSON", cue, rule + "+description", confidence - 0.15)
            if _is_definite_description(subject, organisation_nouns()):
                organisation = self._organisation_antecedent(subject.idx, named_only=True)
                if organisation is not None:
                    return Speaker(written, organisation[0], organisation[1], cue, rule + "+description",
                                   confidence - 0.15)
        if subject.pos_ in {"DET", "PUNCT", "SPACE"}:
            return None
        name = written[:1].upper() + written[1:]  # `one of their frontbenchers`
        return Speaker(written, name, "NOUN_PHRASE", cue, rule, confidence - 0.1)

    def _represented(self, head: Token) -> Mention | None:
        """`A spokesman for the ministry`, `an FA spokesman`: who a spokesperson speaks for."""
        if lemma(head) not in _SPOKESPEOPLE:
            return None
        candidates = [c for c in head.lefts if c.dep_ in {"compound", "poss", "nmod"}]
        candidates += [obj for prep in head.rights if prep.dep_ == "prep" and prep.lower_ in {"for", "of", "at"}
                       for obj in prep.children if obj.dep_ == "pobj"]
        for token in candidates:
            mention = self._mention_at(token)
            # An organisation speaks through its spokesman; a person's spokesman is someone else.
            if mention is not None and mention.entity_type in _SPEAKER_TYPES - {"PERSON"}:
                return mention
        return None

    def _source_of_figures(self, head: Token) -> Mention | None:
        """`Figures from Ofcom show …`: the organisation behind a document speaks."""
        if lemma(head) not in _DOCUMENT_NOUNS:
            return None
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in {"from", "by", "of"}):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                mention = self._mention_at(obj)
                if mention is not None and mention.entity_type in _SPEAKER_TYPES:
                    return mention
        return None

    def _person_named(self, written: str) -> str | None:
        """The one full name in the article that a bare (title +) surname stands for."""
        _, bare = split_title(written)
        return full_name_for(bare, self.person_full_names)

    def _covering(self, written: str, head: Token, mention: Mention) -> str:
        """The phrase as written, stretched to the whole name when the name runs past the head
        (`the Office` + `for National Statistics`)."""
        if not mention.start_char <= head.idx < mention.end_char:
            return written
        start = min(text_of(self.doc).find(written, max(0, mention.start_char - len(written))), mention.start_char)
        if start < 0:
            return written
        end = max(head.idx + len(head.text), mention.end_char)
        return text_of(self.doc)[start:end].strip()

    def _mention_at(self, token: Token) -> Mention | None:
        return next((m for m in self.mentions if m.start_char <= token.idx < m.end_char), None)

    def _named_in_phrase(self, head: Token) -> Mention | None:
        """`Menatep's managing director Tim Osborne`: the person named inside the subject phrase."""
        tokens = list(head.doc[head.left_edge.i : head.i + 1])
        tokens += [t for child in head.rights if child.dep_ in _NAME_DEPS for t in child.subtree]
        named = {m for t in tokens for m in self.mentions
                 if m.start_char <= t.idx < m.end_char and m.entity_type == "PERSON" and not self._is_possessor(m)}
        return named.pop() if len(named) == 1 else None

    def _is_possessor(self, mention: Mention) -> bool:
        """`Mr Blair's spokesman`: Blair owns the phrase, he is not the one speaking."""
        text = text_of(self.doc)
        return mention.text.endswith(("'s", "’s")) or text[mention.end_char : mention.end_char + 2] in {"'s", "’s"}

    def _person_antecedent(self, before: int, quote_start: int, quote_end: int,
                           gender: str | None = None) -> str | None:
        """The person a `he`/`she` stands for: the last person quoted, else the last person named,
        of the pronoun's gender where the article tells it."""
        def candidate(m: Mention) -> bool:
            return (m.entity_type == "PERSON" and not quote_start <= m.start_char < quote_end
                    and not self._in_marked_quote(m.start_char) and self._agrees(m.entity_name, gender))

        for quote in reversed(self.earlier):
            if quote.speaker_type == "PERSON" and quote.speaker_name and self._agrees(quote.speaker_name, gender):
                named_since = [m for m in self.mentions if quote.end_char <= m.start_char < before and candidate(m)]
                if not named_since:
                    return quote.speaker_name
                break
        people = [m for m in self.mentions if m.start_char < before and candidate(m)]
        if not people:
            return None
        # Prefer the last person who was a subject: `Smith criticised Doe. "…," he said.` is Smith.
        subjects = [m for m in people[-_ANTECEDENT_WINDOW:] if self._is_subject(m)]
        return (subjects or people)[-1].entity_name

    def _organisation_antecedent(self, before: int, named_only: bool = False) -> tuple[str, str] | None:
        """The organisation an `it` stands for: the last organisation quoted, else the last one named."""
        for quote in reversed(self.earlier):
            singular_phrase = quote.speaker_type == "NOUN_PHRASE" and not named_only and not _plural(quote.speaker_name)
            if quote.speaker_name and (quote.speaker_type == "ORG" or singular_phrase):
                return quote.speaker_name, quote.speaker_type
            if quote.speaker_name:
                break
        organisations = [m for m in self.mentions
                         if m.entity_type == "ORG" and before - _ORGANISATION_REACH <= m.start_char < before]
        return (organisations[-1].entity_name, "ORG") if organisations else None

    def _agrees(self, name: str, gender: str | None) -> bool:
        known = self.genders.get(name)
        return gender is None or known is None or known == gender

    def _in_marked_quote(self, char: int) -> bool:
        """Whether a character lies inside quotation marks: names said by someone are not antecedents."""
        return any(q.kind != "indirect" and q.start_char <= char < q.end_char for q in self.earlier)

    def _is_subject(self, mention: Mention) -> bool:
        span = self.doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
        return span is not None and span.root.dep_ in _SUBJECT_DEPS

    def _nearest_person(self, tokens: Span, span: QuoteSpan) -> Mention | None:
        text = text_of(self.doc)
        sentence_start = max(tokens[0].sent.start_char, text.rfind("\n", 0, span.open_char) + 1)
        paragraph_end = text.find("\n", span.close_char)
        sentence_end = min(tokens[-1].sent.end_char, paragraph_end if paragraph_end >= 0 else len(text))
        people = [m for m in self.mentions if m.entity_type == "PERSON" and sentence_start <= m.start_char < sentence_end
                  and not (span.open_char <= m.start_char <= span.close_char)]
        if not people:
            return None
        return min(people, key=lambda m: min(abs(m.start_char - span.open_char), abs(m.start_char - span.close_char)))

    # ------------------------------------------------------------ context

    def _interrupted_continuation(self, span: QuoteSpan) -> Speaker | None:
        """`"A," she said, "B."`: the second half belongs to the first half's speaker."""
        if self._previous_marked is None:
            return None
        earlier_span, earlier = self._previous_marked
        gap = text_of(self.doc)[earlier_span.outer_end : span.open_char]
        if (earlier.speaker_name is None or len(gap) > _INTERRUPTION_CHARS or "\n" in gap
                or not earlier.cue_verb or earlier.cue_verb not in gap or _ends_sentence(gap)):
            return None
        return Speaker(earlier.speaker_mention, earlier.speaker_name, earlier.speaker_type, earlier.cue_verb,
                       "interrupted", earlier.confidence)

    def _carried_over(self, span: QuoteSpan) -> Speaker:
        """A floating quote goes to the speaker of the quote just before it, a paragraph away at most."""
        if not self.earlier:
            return NO_SPEAKER
        earlier = self.earlier[-1]
        gap = text_of(self.doc)[earlier.end_char : span.open_char]
        if earlier.speaker_name is None or gap.count("\n") > 2 or len(gap) > 400:
            return NO_SPEAKER
        return Speaker(None, earlier.speaker_name, earlier.speaker_type, "", "carried_over", 0.5)


def _ends_sentence(gap: str) -> bool:
    """Whether the words between two quotes close a sentence: `said Jane Doe. "…` does, `she said, "…` not."""
    return any(mark in gap.rstrip() for mark in (".", "?", "!", ";"))


def _is_definite_description(head: Token, nouns: frozenset[str]) -> bool:
    """`the singer`, `the company`: a definite description whose head is one of `nouns`."""
    determiners = [c for c in head.lefts if c.dep_ == "det"]
    return (bool(determiners) and determiners[0].lower_ == "the" and head.tag_ in {"NN", "NNP"}
            and lemma(head) in nouns)


def lemma(token: Token) -> str:
    """The lower-case lemma, or the word itself where the pipeline gave none (proper nouns)."""
    return (token.lemma_ or token.lower_).lower()


def _plural(name: str | None) -> bool:
    """`Analysts`: a plural noun phrase cannot be the antecedent of `it`."""
    last = (name or "").split()[-1:] or [""]
    return last[0].lower().endswith("s") and not last[0].lower().endswith("ss")


def noun_phrase(head: Token) -> str:
    """The speaker as written: the head noun with its determiners, titles and modifiers."""
    doc = head.doc
    start = head.i
    for child in head.lefts:
        if child.dep_ in _NOUN_PHRASE_DEPS:
            start = min(start, child.left_edge.i)
    while start < head.i and (doc[start].is_punct or doc[start].is_space):
        start += 1
    end = head.i + 1
    if head.pos_ == "NUM" or head.lower_ in _PARTITIVES:  # `one of their frontbenchers`
        of = [c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"]
        if of:
            end = of[0].right_edge.i + 1
    return doc[start:end].text.strip()


def subject_of(verb: Token, inside: set[int]) -> Token | None:
    """The subject of a speech verb, climbing from `telling …` or `…, adding` to its clause."""
    current = verb
    for _ in range(3):
        if current is not verb and current.dep_ == "ccomp" and is_speech_verb(current.head):
            current = current.head  # `X said A, adding B`: adding's subject is X, not A's
            continue
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


def preceding_subject(verb: Token, inside: set[int]) -> Token | None:
    """When the parse gives a speech verb no subject (`But Tindall, who …, told …` misparsed),
    the last subject before it in its sentence, outside relative clauses and the quote."""
    sentence = verb.sent
    for token in reversed(verb.doc[sentence.start : verb.i]):
        if token.i in inside or token.dep_ not in _SUBJECT_DEPS or token.tag_ in {"WP", "WDT"}:
            continue
        if token.pos_ in {"PROPN", "NOUN", "PRON"} and token.head.dep_ != "relcl":
            return token
    return None


def _governing_speech_verb(tokens: Span, inside: set[int]) -> tuple[str, Token | None] | None:
    """The speech verb the quote hangs on in the parse: `X noted that ‘…’`, `‘…,’ he said`."""
    for token in tokens:
        if token.head.i in inside:
            continue
        ancestor, climbed = token.head, 0
        while climbed < _MAX_CLIMB:
            if is_speech_verb(ancestor) and ancestor.i not in inside and _same_paragraph(tokens, ancestor):
                return ancestor.text, subject_of(ancestor, inside) or preceding_subject(ancestor, inside)
            if ancestor.head == ancestor:
                break
            ancestor, climbed = ancestor.head, climbed + 1
    return None


def _same_paragraph(tokens: Span, verb: Token) -> bool:
    """An attribution never reaches across a paragraph break, whatever the parse says."""
    text = text_of(tokens.doc)
    if verb.idx < tokens.start_char:
        return "\n" not in text[verb.idx : tokens.start_char]
    return "\n" not in text[tokens.end_char : verb.idx]


def _according_to(tokens: Span, inside: set[int]) -> tuple[str, Token | None] | None:
    """`…, according to X` in the sentences the quote touches."""
    doc = tokens.doc
    for i in range(tokens[0].sent.start, tokens[-1].sent.end - 1):
        if i in inside or doc[i].lower_ != "according" or doc[i + 1].lower_ != "to":
            continue
        objects = [t for t in doc[i + 1].children if t.dep_ == "pobj"]
        if objects:
            return "according to", objects[0]
    return None


def _sentence_speech_verb(tokens: Span, inside: set[int]) -> tuple[str, Token | None] | None:
    """The speech verb nearest the quote in the sentences it touches."""
    doc = tokens.doc
    candidates = [doc[i] for i in range(tokens[0].sent.start, tokens[-1].sent.end)
                  if i not in inside and is_speech_verb(doc[i]) and _same_paragraph(tokens, doc[i])]
    if not candidates:
        return None
    verb = min(candidates, key=lambda t: min(abs(t.i - tokens.start), abs(t.i - tokens.end)))
    return verb.text, subject_of(verb, inside) or preceding_subject(verb, inside)


def _adjacent_speech_verb(doc: Doc, tokens: Span, inside: set[int]) -> tuple[str, Token | None] | None:
    """`"…." He said.` or `He said: ` split off by the sentence splitter."""
    neighbours = []
    after = tokens[-1].sent.end
    if after < len(doc):
        neighbours.append(doc[after].sent)
    before = tokens[0].sent.start
    if before > 0 and doc[before - 1].sent.text.rstrip().endswith(":"):
        neighbours.append(doc[before - 1].sent)
    for sent in neighbours:
        introduces = sent.end <= tokens.start  # `Mr Straw said of the Tory leader:` may be long
        if (len(sent) > _ADJACENT_ATTRIBUTION_TOKENS and not introduces) or any(t.i in inside for t in sent):
            continue
        if "\n" in text_of(doc)[min(sent.end_char, tokens.start_char) : max(sent.start_char, tokens.end_char)]:
            continue  # an attribution never reaches across a paragraph break
        verb = next((t for t in sent if is_speech_verb(t)), None)
        if verb is not None:
            return verb.text, subject_of(verb, inside) or preceding_subject(verb, inside)
    return None
