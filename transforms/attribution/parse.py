"""Parse helpers every attribution rule shares: speech verbs, subjects, noun phrases, paragraphs,
and the one `according to` matcher."""

from __future__ import annotations

import re
from functools import cache

from spacy.attrs import LEMMA, POS
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from transforms.doc_text import text_of
from transforms.lexicon import cognition_verbs, speech_verbs, titles

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_NOUN_PHRASE_DEPS = frozenset({"compound", "det", "amod", "nmod", "poss", "case", "nummod", "punct"})
_CLAUSE_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp"})
_ACCORDING_KEY = "newsdesk_according_to"
_SENTENCE_END = re.compile(r"(?P<word>[\w]*)(?P<mark>[.?!;])")
_PARTITIVES = frozenset({"one", "some", "many", "several", "most", "all", "both", "none", "each"})


def lemma(token: Token) -> str:
    """Return the lower-case lemma, or the word itself where the pipeline gave none (proper nouns)."""
    return (token.lemma_ or token.lower_).lower()


def is_speech_verb(token: Token) -> bool:
    """Whether a token is a verb of saying (by lemma, from transforms/data/speech_verbs.txt)."""
    return token.pos_ == "VERB" and lemma(token) in speech_verbs()


def is_cognition_verb(token: Token) -> bool:
    """Whether a token is a verb of thinking, hoping or expecting (transforms/data/cognition_verbs.txt)."""
    return token.pos_ == "VERB" and lemma(token) in cognition_verbs()


@cache
def report_verbs() -> frozenset[str]:
    """Return the lemmas of every verb that reports speech or thought."""
    return speech_verbs() | cognition_verbs()


def is_report_verb(token: Token) -> bool:
    """Whether a token is a verb that reports what someone said or thought."""
    return is_speech_verb(token) or is_cognition_verb(token)


def verbs_among(doc: Doc, lemmas: frozenset[str]) -> list[Token]:
    """Return the verbs of `doc` whose lemma is one of `lemmas`, found from the token arrays (one
    pass in C, then only the few candidates as Python objects)."""
    wanted = _lemma_ids(doc.vocab, lemmas)
    verb = doc.vocab.strings["VERB"]
    columns = doc.to_array([POS, LEMMA]).tolist()
    return [doc[i] for i, (pos, lemma_id) in enumerate(columns) if pos == verb and lemma_id in wanted]


@cache
def _lemma_ids(vocab: Vocab, lemmas: frozenset[str]) -> frozenset[int]:
    return frozenset(vocab.strings.add(lemma) for lemma in lemmas)


def is_passive(verb: Token) -> bool:
    """Whether a verb is passive: `Patel was told …` (its subject is the hearer, not the speaker)."""
    return any(child.dep_ in {"nsubjpass", "auxpass"} for child in verb.children)


def passive_agent(verb: Token) -> Token | None:
    """Return the `by` agent of a passive verb (`was told by the council`), or None."""
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        objects = [c for c in agent.children if c.dep_ == "pobj"]
        if objects:
            return objects[0]
    return None


def noun_phrase(head: Token) -> str:
    """Return the speaker as written: the head noun with its determiners, titles and modifiers."""
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


def subject_of(verb: Token, inside: frozenset[int]) -> Token | None:
    """Return the subject of a speech verb, climbing from `telling …` or `…, adding` to its clause;
    a passive verb's subject is its hearer, so its speaker is the `by` agent or no one."""
    current = verb
    for _ in range(3):
        if current is not verb and current.dep_ == "ccomp" and is_speech_verb(current.head):
            current = current.head  # `X said A, adding B`: adding's subject is X, not A's
            continue
        if is_passive(current) and is_report_verb(current):
            agent = passive_agent(current)
            return agent if agent is not None and agent.i not in inside else None
        subjects = [t for t in current.children if t.dep_ in SUBJECT_DEPS and t.i not in inside]
        if subjects:
            subject = subjects[0]
            if subject.tag_ in {"WP", "WDT"} and current.dep_ == "relcl":  # `X, who said …`, `an ad that attacks …`
                return current.head
            return subject
        if current.dep_ == "relcl":
            return current.head
        if current.dep_ == "acl":  # `officials speaking on condition …` speak; `a way to say …` is no one
            return None if any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children) else current.head
        if current.dep_ not in _CLAUSE_DEPS or current.head == current:
            return None
        if current.dep_ == "xcomp":  # `required him to pledge`: the one required, not the requirer
            objects = [c for c in current.head.children if c.dep_ in {"dobj", "dative"} and c.i not in inside
                       and (c.pos_ in {"PRON", "PROPN"} or c.ent_type_)]
            if objects:
                return objects[0]
        current = current.head
    return None


def preceding_subject(verb: Token, inside: frozenset[int]) -> Token | None:
    """When the parse gives a speech verb no subject (`But Tindall, who …, told …` misparsed),
    return the last subject before it in its sentence, outside relative clauses and the quote."""
    if is_passive(verb):
        return None
    sentence = verb.sent
    for token in reversed(verb.doc[sentence.start : verb.i]):
        if token.i in inside or token.dep_ not in SUBJECT_DEPS or token.tag_ in {"WP", "WDT"}:
            continue
        if token.pos_ in {"PROPN", "NOUN", "PRON"} and token.head.dep_ != "relcl":
            return token
    return None


def same_paragraph(tokens: Span, token: Token) -> bool:
    """Whether a token stands in the quote's paragraph: an attribution never reaches across a break."""
    text = text_of(tokens.doc)
    if token.idx < tokens.start_char:
        return "\n" not in text[token.idx : tokens.start_char]
    return "\n" not in text[tokens.end_char : token.idx]


def ends_sentence(gap: str) -> bool:
    """Whether the words between two quotes close a sentence: `said Jane Doe. "…` does, `she said, "…`
    and `said Mr. Patel, "…` do not (a full stop after a title or an initial closes no sentence)."""
    for match in _SENTENCE_END.finditer(gap.rstrip()):
        word = match.group("word").lower()
        if match.group("mark") != "." or not (len(word) == 1 or (word,) in titles()):
            return True
    return False


def is_definite_description(head: Token, nouns: frozenset[str]) -> bool:
    """Whether a phrase is `the singer`, `the company`: `the` and a head noun from `nouns`."""
    determiners = [c for c in head.lefts if c.dep_ == "det"]
    return (bool(determiners) and determiners[0].lower_ == "the" and head.tag_ in {"NN", "NNP"}
            and lemma(head) in nouns)


def is_plural_name(name: str | None) -> bool:
    """Whether a phrase ends in a plural noun (`Analysts`): it cannot be the antecedent of `it`."""
    last = (name or "").split()[-1:] or [""]
    return last[0].lower().endswith("s") and not last[0].lower().endswith("ss")


@cache
def _according_to_matcher(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab)
    matcher.add("ACCORDING_TO", [[{"LOWER": "according"}, {"LOWER": "to"}]])
    return matcher


def according_to(doc: Doc, start: int = 0, end: int | None = None) -> list[tuple[Token, Token]]:
    """Return (`according`, its object) for every `according to X` in tokens start..end."""
    found = doc.user_data.get(_ACCORDING_KEY)
    if found is None:  # matched once per document, however many quotes ask
        found = doc.user_data[_ACCORDING_KEY] = _according_to_all(doc)
    return [(doc[a], doc[o]) for a, o in found if a >= start and (end is None or a < end)]


def _according_to_all(doc: Doc) -> list[tuple[int, int]]:
    if "according" not in text_of(doc).lower():  # most documents: nothing to match token by token
        return []
    found = []
    for _, first, last in _according_to_matcher(doc.vocab)(doc):
        objects = [t for t in doc[last - 1].children if t.dep_ == "pobj"]
        if objects:
            found.append((first, objects[0].i))
    return found
