"""The spaCy model and running it over documents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.symbols import NOUN, VERB
from spacy.tokens import Doc

from transforms.entities import find_mentions, sentence_starts
from transforms.model_info import model_name
from transforms.quotes import find_quotes
from transforms.records import Document, Extraction

BATCH_SIZE = 32  # spaCy is fastest at 16-64 on this kind of machine; 256 costs time and memory


@cache
def loaded_model(name: str | None = None) -> Language:
    """Return the spaCy model, loaded once per process.

    The rules read lemmas only of verbs and nouns (`said` → say, `spokesmen` → spokesman), so the
    stock lemmatizer, which lemmatizes every token, is swapped for one that lemmatizes those alone
    and remembers each answer: the same lemmas at about half the cost.
    """
    nlp = spacy.load(name or model_name())
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("newsdesk_lemmas", after="lemmatizer")
        nlp.disable_pipe("lemmatizer")
    return nlp


class _VerbNounLemmatizer:
    """A pipeline component: the rule lemmatizer's answer for verbs and nouns, cached."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self._lemmatizer = lemmatizer
        self._cache: dict[tuple[int, int], str] = {}

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            pos = token.pos
            if pos == VERB or pos == NOUN:
                key = (token.orth, pos)
                lemma = self._cache.get(key)
                if lemma is None:
                    lemma = self._cache[key] = self._lemmatizer.rule_lemmatize(token)[0]
                token.lemma_ = lemma
        return doc


@Language.factory("newsdesk_lemmas")
def _make_verb_noun_lemmatizer(nlp: Language, name: str) -> _VerbNounLemmatizer:
    return _VerbNounLemmatizer(nlp.get_pipe("lemmatizer"))


def extract(nlp: Language, documents: Iterable[Document], *, batch_size: int = BATCH_SIZE) -> Iterator[Extraction]:
    """Yield the mentions and quotes of each document, in order (in this process: parallelism is
    the caller's, one worker process per core)."""
    pairs = ((doc.text, doc.document_id) for doc in documents)
    for parsed, document_id in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size):
        starts = sentence_starts(parsed)
        mentions = find_mentions(parsed, starts)
        quotes = find_quotes(parsed, mentions, starts)
        yield Extraction(document_id, tuple(mentions), tuple(quotes))
