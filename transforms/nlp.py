"""The spaCy model and running it over documents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

import spacy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.symbols import NOUN, VERB
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

from transforms.doc_text import keep_text
from transforms.entities import find_mentions, sentence_starts
from transforms.model_info import model_name
from transforms.quotes import find_quotes
from transforms.records import Document, Extraction

BATCH_SIZE = 32  # spaCy is fastest at 16-64 on this kind of machine; 256 costs time and memory
BATCH_CHARS = 100_000  # about 32 news articles of average length; fewer when they are long


@cache
def loaded_model(name: str | None = None) -> Language:
    """Return the spaCy model, loaded once per process.

    Two stock components are swapped for faster ones that give the same annotations: the
    attribute ruler (tag → part of speech and morphology, through a Matcher of 179 patterns run
    over every token) for one that remembers the answer for each word, tag and label; and the
    lemmatizer for one that lemmatizes only verbs and nouns (the only lemmas the rules read:
    `said` → say, `spokesmen` → spokesman), also remembering each answer.
    """
    nlp = spacy.load(name or model_name())
    if "attribute_ruler" in nlp.pipe_names and CachedAttributeRuler.can_replace(nlp.get_pipe("attribute_ruler")):
        nlp.add_pipe("newsdesk_attributes", after="attribute_ruler")
        nlp.disable_pipe("attribute_ruler")
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("newsdesk_lemmas", after="lemmatizer")
        nlp.disable_pipe("lemmatizer")
    return nlp


class CachedAttributeRuler:
    """A pipeline component with the stock attribute ruler's exact result, computed once per
    distinct (word, tag, dependency label).

    A one-token pattern's match depends only on the token's lowercase form, tag, label and
    whether it is whitespace, so the attributes those patterns give are cached under that key.
    The few two-token patterns (`gon na`, `there is`) are matched in each document by a small
    Matcher, and their tokens get every matching pattern's attributes again, in the ruler's order.
    """

    KEY = (LOWER, TAG, DEP, IS_SPACE)
    _KEY_NAMES = frozenset({"LOWER", "TAG", "DEP", "IS_SPACE"})

    def __init__(self, ruler: AttributeRuler) -> None:
        vocab = ruler.vocab
        self._attrs = ruler.attrs
        self._single = Matcher(vocab)
        self._multi = Matcher(vocab)
        self._multi_index: dict[int, int] = {}
        for attr_id, pattern in enumerate(ruler.patterns):
            key = vocab.strings.add(str(attr_id))
            for tokens in pattern["patterns"]:
                if len(tokens) == 1:
                    self._single.add(key, [tokens])
                else:
                    self._multi.add(key, [tokens])
                    self._multi_index[key] = pattern["index"]
        self._cache: dict[tuple[int, ...], tuple[int, ...]] = {}  # key → matching one-token patterns
        self._net_of: dict[tuple[int, ...], dict[int, int]] = {}

    @classmethod
    def can_replace(cls, ruler: AttributeRuler) -> bool:
        """Whether every one-token pattern reads only the attributes the cache is keyed on."""
        return all(
            set(token) <= cls._KEY_NAMES
            for pattern in ruler.patterns
            for tokens in pattern["patterns"]
            if len(tokens) == 1
            for token in tokens
        )

    def _net(self, attr_ids: tuple[int, ...]) -> dict[int, int]:
        """The attributes a token ends with after these patterns, applied in the ruler's order."""
        net = self._net_of.get(attr_ids)
        if net is None:
            net = {}
            for attr_id in sorted(attr_ids):
                net.update(self._attrs[attr_id])
            self._net_of[attr_ids] = net
        return net

    def _single_ids(self, doc: Doc, i: int) -> tuple[int, ...]:
        strings = doc.vocab.strings
        return tuple(int(strings[m]) for m, _, _ in self._single(doc[i : i + 1], allow_missing=True))

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        keys = doc.to_array(list(self.KEY)).tolist()
        values = doc.to_array([POS, MORPH, LEMMA])
        special: list[tuple[int, dict[int, int]]] = []
        ids_of: list[tuple[int, ...]] = []
        for i, key in enumerate(map(tuple, keys)):
            ids = self._cache.get(key)
            if ids is None:
                ids = self._cache[key] = self._single_ids(doc, i)
            ids_of.append(ids)
            if ids:
                net = self._net(ids)
                for column, attr in enumerate((POS, MORPH, LEMMA)):
                    if attr in net:
                        values[i, column] = net[attr]
                if TAG in net or DEP in net:
                    special.append((i, net))
        doc.from_array([POS, MORPH, LEMMA], values)
        strings = doc.vocab.strings
        extra: dict[int, list[int]] = {}
        for match_id, start, end in self._multi(doc, allow_missing=True):
            index = self._multi_index[match_id]
            extra.setdefault(range(start, end)[index], []).append(int(strings[match_id]))
        for i, net in special:
            set_token_attrs(doc[i], {a: v for a, v in net.items() if a in (TAG, DEP)})
        for i, ids in extra.items():
            set_token_attrs(doc[i], self._net(tuple(sorted(set(ids_of[i]) | set(ids)))))
        return doc


@Language.factory("newsdesk_attributes")
def _make_cached_attribute_ruler(nlp: Language, name: str) -> CachedAttributeRuler:
    return CachedAttributeRuler(nlp.get_pipe("attribute_ruler"))


class VerbNounLemmatizer:
    """A pipeline component: the rule lemmatizer's answer for verbs and nouns, cached; lemmas the
    attribute ruler already set are kept, as the stock lemmatizer keeps them."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self._lemmatizer = lemmatizer
        self._cache: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        columns = doc.to_array([ORTH, POS, MORPH, LEMMA])
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(columns.tolist()):
            if (pos == VERB or pos == NOUN) and not lemma:
                key = (orth, pos, morph)  # the stock lemmatizer's own cache key
                value = self._cache.get(key)
                if value is None:
                    text = self._lemmatizer.rule_lemmatize(doc[i])[0]
                    value = self._cache[key] = doc.vocab.strings.add(text)
                columns[i, 3] = value
                changed = True
        if changed:
            doc.from_array([LEMMA], columns[:, 3:4])
        return doc


@Language.factory("newsdesk_lemmas")
def _make_verb_noun_lemmatizer(nlp: Language, name: str) -> VerbNounLemmatizer:
    return VerbNounLemmatizer(nlp.get_pipe("lemmatizer"))


def extract(nlp: Language, documents: Iterable[Document], *, batch_size: int = BATCH_SIZE,
            batch_chars: int = BATCH_CHARS) -> Iterator[Extraction]:
    """Yield the mentions and quotes of each document, in order (in this process: parallelism is
    the caller's, one worker process per core)."""
    for batch in _batches(documents, batch_size, batch_chars):
        for parsed, document in zip(nlp.pipe([d.text for d in batch], batch_size=len(batch)), batch, strict=True):
            keep_text(parsed, document.text)
            starts = sentence_starts(parsed)
            mentions = find_mentions(parsed, starts)
            quotes = find_quotes(parsed, mentions, starts)
            yield Extraction(document.document_id, tuple(mentions), tuple(quotes))


def _batches(documents: Iterable[Document], size: int, chars: int) -> Iterator[list[Document]]:
    """Batches of at most `size` documents and, unless one document is longer, `chars` characters:
    the model's working memory follows the words in a batch, not the documents."""
    batch: list[Document] = []
    length = 0
    for document in documents:
        if batch and (len(batch) == size or length + len(document.text) > chars):
            yield batch
            batch, length = [], 0
        batch.append(document)
        length += len(document.text)
    if batch:
        yield batch
