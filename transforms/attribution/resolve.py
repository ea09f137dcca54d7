"""Who a speaker phrase stands for: a name, a surname, a pronoun, a description, a spokesperson or a
document, resolved through the article's mentions and the quotes before it.

`resolve(subject, cue, context, rule)` turns the subject a rule found into a `Speaker`, or None
when the phrase cannot speak (`it` with nothing before it, a determiner).
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from transforms.attribution.context import Article, QuoteContext, Speaker
from transforms.attribution.parse import SUBJECT_DEPS, is_definite_description, is_plural_name, lemma, noun_phrase
from transforms.canonical import split_title
from transforms.entities import full_name_for
from transforms.gender import PRONOUN_GENDERS
from transforms.lexicon import document_nouns, organisation_nouns, person_nouns, spokespeople
from transforms.records import Mention, Quote

SPEAKER_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_NAME_DEPS = frozenset({"appos", "compound", "flat"})  # `director Tim Osborne`, not `a spokesman for X`
_HEAD_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
# `Some say …`, `another tweeted …`, `those surveyed said …`: people left unnamed, kept as written.
_QUANTIFIERS = frozenset({"some", "many", "others", "another", "several", "few", "most", "both", "all", "those",
                          "one", "each", "either", "neither"})
_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})  # `according to him`
_GROUP_PRONOUNS = frozenset({"they", "we", "them", "us"})
_THING_PRONOUNS = frozenset({"it"})  # `The company said … It added …`
_AGE_DESCRIPTION = re.compile(r"^the \d+-year-old$", re.IGNORECASE)
_ANTECEDENT_WINDOW = 2  # people named most recently, among whom a pronoun looks for a subject
_ORGANISATION_REACH = 600  # characters back that `the company` or `it` looks for its organisation


def resolve(subject: Token, cue: str, context: QuoteContext, rule: str, confidence: float) -> Speaker | None:
    """Return the speaker a subject phrase stands for, or None when it cannot be a speaker."""
    article = context.article
    written = noun_phrase(subject)

    def found(name: str | None, entity_type: str | None, resolution: str, penalty: float,
              mention: str | None = None) -> Speaker:
        return Speaker(mention or written, name, entity_type, cue, rule, confidence - penalty, resolution)

    mention = article.mention_at(subject.idx)
    if not _heads_noun_phrase(subject) and (mention is None or mention.entity_type not in SPEAKER_TYPES):
        return None  # `Was`, `Ahead`: a speaker is a noun phrase headed by a noun or a name
    if lemma(subject) in document_nouns():
        source = _source_of_document(subject, article)
        if source is not None:
            return found(source.entity_name, source.entity_type, "document", 0.1)
    elif mention is None or mention.entity_type not in SPEAKER_TYPES:
        mention = _named_in_phrase(subject, article)
    if mention is not None and mention.entity_type in SPEAKER_TYPES:
        return found(mention.entity_name, mention.entity_type, "name", 0.0, _covering(written, subject, mention, article))
    lower = subject.lower_
    if subject.pos_ == "PRON":
        return _pronoun(subject, context, found)
    if _AGE_DESCRIPTION.match(written):  # `the 34-year-old`
        antecedent = person_antecedent(subject.idx, context)
        if antecedent is not None:
            return found(antecedent, "PERSON", "description", 0.15)
    if subject.pos_ == "PROPN":
        person = full_name_for(split_title(written)[1], article.person_full_names)
        if person is not None:  # `Mourinho`, missed by the NER, named in full elsewhere
            return found(person, "PERSON", "surname", 0.1)
    if subject.pos_ in {"NOUN", "PROPN"}:
        represented = _represented(subject, article)
        if represented is not None:
            return found(represented.entity_name, represented.entity_type, "spokesperson", 0.1)
        if is_definite_description(subject, person_nouns()):
            antecedent = person_antecedent(subject.idx, context)
            if antecedent is not None:
                return found(antecedent, "PERSON", "description", 0.15)
        if is_definite_description(subject, organisation_nouns()):
            organisation = organisation_antecedent(subject.idx, context, named_only=True)
            if organisation is not None:
                return found(organisation[0], organisation[1], "description", 0.15)
    if lower in {"who", "which", "that", "this", "these"} or subject.pos_ in {"PUNCT", "SPACE"}:
        return None
    if subject.pos_ == "DET" and lower not in _QUANTIFIERS:
        return None
    return found(written[:1].upper() + written[1:], "NOUN_PHRASE", "phrase", 0.1)  # `one of their frontbenchers`


def _heads_noun_phrase(head: Token) -> bool:
    """Whether a word can head a speaker phrase: a noun, a name, a pronoun, a number, or an adjective
    made a noun by its determiner (`the 34-year-old`)."""
    return (head.pos_ in _HEAD_POS or head.lower_ in _QUANTIFIERS
            or (head.pos_ == "ADJ" and any(c.dep_ == "det" for c in head.lefts)))


def _pronoun(subject: Token, context: QuoteContext, found) -> Speaker | None:
    lower = subject.lower_
    if lower in _PERSON_PRONOUNS:
        antecedent = person_antecedent(subject.idx, context, PRONOUN_GENDERS[lower])
        if antecedent is not None:
            return found(antecedent, "PERSON", "pronoun", 0.1)
    if lower in _THING_PRONOUNS:
        antecedent = organisation_antecedent(subject.idx, context)
        if antecedent is not None:
            return found(antecedent[0], antecedent[1], "pronoun", 0.15)
    if lower in _GROUP_PRONOUNS or lower in _PERSON_PRONOUNS:
        return found(None, "PRONOUN", "pronoun", 0.3)
    if lower in _QUANTIFIERS:  # `those surveyed say …`
        phrase = noun_phrase(subject)
        return found(phrase[:1].upper() + phrase[1:], "NOUN_PHRASE", "phrase", 0.1)
    return None


def _represented(head: Token, article: Article) -> Mention | None:
    """`A spokesman for the ministry`, `an FA spokesman`: who a spokesperson speaks for (an
    organisation speaks through its spokesman; a person's spokesman is someone else)."""
    if lemma(head) not in spokespeople() and head.lower_ not in spokespeople():
        return None
    return _organisation_of(head, article, {"for", "of", "at"})


def _source_of_document(head: Token, article: Article) -> Mention | None:
    """`Figures from Ofcom show …`, `a report in The Globe`, `city records`: the organisation behind
    a document speaks; never a person merely named near it."""
    return _organisation_of(head, article, {"from", "by", "of", "in"})


def _organisation_of(head: Token, article: Article, prepositions: set[str]) -> Mention | None:
    """Return the organisation a phrase belongs to: named before its head (`an FA spokesman`,
    `Ofcom's figures`) or as the object of one of `prepositions` after it."""
    candidates = [c for c in head.lefts if c.dep_ in {"compound", "poss", "nmod"}]
    candidates += [obj for prep in head.rights if prep.dep_ == "prep" and prep.lower_ in prepositions
                   for obj in prep.children if obj.dep_ == "pobj"]
    for token in candidates:
        mention = article.mention_at(token.idx)
        if mention is not None and mention.entity_type in SPEAKER_TYPES - {"PERSON"}:
            return mention
    return None


def _covering(written: str, head: Token, mention: Mention, article: Article) -> str:
    """Return the phrase as written, stretched to the whole name when the name runs past the head
    (`the Office` + `for National Statistics`)."""
    if not mention.start_char <= head.idx < mention.end_char:
        return written
    start = min(article.text.find(written, max(0, mention.start_char - len(written))), mention.start_char)
    if start < 0:
        return written
    end = max(head.idx + len(head.text), mention.end_char)
    return article.text[start:end].strip()


def _named_in_phrase(head: Token, article: Article) -> Mention | None:
    """`Menatep's managing director Tim Osborne`: the one person named inside the subject phrase."""
    tokens = list(head.doc[head.left_edge.i : head.i + 1])
    tokens += [t for child in head.rights if child.dep_ in _NAME_DEPS for t in child.subtree]
    named = {m for t in tokens for m in article.mentions
             if m.start_char <= t.idx < m.end_char and m.entity_type == "PERSON" and not _is_possessor(m, article)}
    return named.pop() if len(named) == 1 else None


def _is_possessor(mention: Mention, article: Article) -> bool:
    """`Mr Blair's spokesman`, `the Clinton campaign`: the person owns the phrase and is not the one speaking."""
    text = article.text
    return mention.text.endswith(("'s", "’s")) or text[mention.end_char : mention.end_char + 2] in {"'s", "’s"}


def person_antecedent(before: int, context: QuoteContext, gender: str | None = None) -> str | None:
    """Return the person a `he`/`she` stands for: the last person quoted, else the last person named,
    of the pronoun's gender where the article tells it."""
    article = context.article

    def agrees(name: str) -> bool:
        known = article.genders.get(name)
        return gender is None or known is None or known == gender

    def candidate(m: Mention) -> bool:
        return (m.entity_type == "PERSON" and not context.start_char <= m.start_char < context.end_char
                and not _in_marked_quote(m.start_char, context.earlier) and agrees(m.entity_name))

    for quote in reversed(context.earlier):
        if quote.speaker_type == "PERSON" and quote.speaker_name and agrees(quote.speaker_name):
            named_since = [m for m in article.mentions if quote.end_char <= m.start_char < before and candidate(m)]
            if not named_since:
                return quote.speaker_name
            break
    people = [m for m in article.mentions if m.start_char < before and candidate(m)]
    if not people:
        return None
    # Prefer the last person who was a subject: `Smith criticised Doe. "…," he said.` is Smith.
    subjects = [m for m in people[-_ANTECEDENT_WINDOW:] if _is_subject(m, article)]
    return (subjects or people)[-1].entity_name


def organisation_antecedent(before: int, context: QuoteContext, named_only: bool = False) -> tuple[str, str] | None:
    """Return the organisation an `it` stands for: the last organisation quoted, else the last one named."""
    for quote in reversed(context.earlier):
        phrase = quote.speaker_type == "NOUN_PHRASE" and not named_only and not is_plural_name(quote.speaker_name)
        if quote.speaker_name and (quote.speaker_type == "ORG" or phrase):
            return quote.speaker_name, quote.speaker_type
        if quote.speaker_name:
            break
    organisations = [m for m in context.article.mentions
                     if m.entity_type == "ORG" and before - _ORGANISATION_REACH <= m.start_char < before]
    if not organisations:
        return None
    # As for people, the organisation last named as a subject: `Yukos sued Rosneft. It said …` is Yukos.
    subjects = [m for m in organisations[-_ANTECEDENT_WINDOW:] if _is_subject(m, context.article)]
    return (subjects or organisations)[-1].entity_name, "ORG"


def _in_marked_quote(char: int, earlier: tuple[Quote, ...]) -> bool:
    """Whether a character lies inside quotation marks: names said by someone are not antecedents."""
    return any(q.kind not in {"indirect", "belief"} and q.start_char <= char < q.end_char for q in earlier)


def _is_subject(mention: Mention, article: Article) -> bool:
    span = article.doc.char_span(mention.start_char, mention.end_char, alignment_mode="expand")
    return span is not None and span.root.dep_ in SUBJECT_DEPS
