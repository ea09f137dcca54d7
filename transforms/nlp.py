"""The spaCy model and running it over documents."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
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
from transforms.attribution.quotes import find_quotes
from transforms.records import Document, Extraction

BATCH_SIZE = 32  # spaCy is fastest at 16-64 on this kind of machine; 256 costs time and memory
BATCH_CHARS = 100_000  # about 32 news articles of average length; fewer when they are long
# The parser's working memory grows with the words it is given at once: 900,000 characters in one
# call took a worker to 3.1 GB. A longer document is parsed in pieces of at most this many
# characters, well above the longest article in the corpora (34,309) so that real articles go
# whole, and half the batch cap so that two pieces share a batch and no batch exceeds the cap.
PIECE_CHARS = 50_000
# Where a long text is best cut, best first. Each match ends where the next piece starts, at a
# word, so every piece but the last ends in its whitespace and tokenizes as in the whole text.
_CUTS = (
    re.compile(r"\n\s*(?=\S)"),  # a paragraph break
    # a sentence end; not after `Dr.`, `Mrs.` or `U.S.`, which would cut a name or a title off it
    re.compile(r"(?<!\b[A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})[.!?][\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])"),
    re.compile(r"\s+(?=\S)"),  # a space between words
)


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
            batch_chars: int = BATCH_CHARS, piece_chars: int = PIECE_CHARS) -> Iterator[Extraction]:
    """Yield the mentions and quotes of each document, in order (in this process: parallelism is
    the caller's, one worker process per core)."""
    for document, parsed in _parsed(nlp, documents, batch_size, batch_chars, piece_chars):
        keep_text(parsed, document.text)
        starts = sentence_starts(parsed)
        mentions = find_mentions(parsed, starts)
        quotes = find_quotes(parsed, mentions, starts)
        yield Extraction(document.document_id, tuple(mentions), tuple(quotes))


@dataclass(frozen=True)
class _Piece:
    """A document's text, or one piece of it when it is longer than the piece limit."""

    document: Document
    text: str
    last: bool  # the document's last piece


def _parsed(nlp: Language, documents: Iterable[Document], size: int, chars: int,
            piece_chars: int) -> Iterator[tuple[Document, Doc]]:
    """Yield each document with its parsed `Doc`, in order; a long document's pieces are parsed in
    batches like any other text and joined back into one `Doc` of the whole text."""
    pieces = (
        _Piece(document, document.text[start:end], end == len(document.text))
        for document in documents
        for start, end in piece_bounds(document.text, piece_chars)
    )
    parsed: list[Doc] = []  # the pieces of the current document parsed so far
    for batch in _batches(pieces, size, chars):
        for piece, doc in zip(batch, nlp.pipe([p.text for p in batch], batch_size=len(batch)), strict=True):
            parsed.append(doc)
            if piece.last:
                yield piece.document, parsed[0] if len(parsed) == 1 else joined(parsed)
                parsed = []


def joined(pieces: Sequence[Doc]) -> Doc:
    """Return one `Doc` of the pieces' text, keeping each piece's tags, lemmas, morphology, parse
    (every head within its piece), sentences and entities.

    The pieces' tensors are left out, which would otherwise be held twice while the pieces are
    joined: the rules do not read them, and the model has no word vectors, so only `Doc.vector`
    and `similarity` (unused) differ from a Doc parsed whole.
    """
    return Doc.from_docs(list(pieces), ensure_whitespace=False, exclude=["tensor"])


def piece_bounds(text: str, limit: int = PIECE_CHARS) -> list[tuple[int, int]]:
    """Return the (start, end) offsets of consecutive pieces of `text`, none longer than `limit`
    characters, that join back into it.

    Each cut is the last paragraph break in the second half of a piece's room, else the last
    sentence end there, else the last space between words, else the limit itself; so every piece
    but the last is at least half the limit, and the pieces are few.
    """
    if limit < 1:
        raise ValueError(f"piece limit must be at least 1 character, not {limit}")
    bounds: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > limit:
        end = _cut(text, start, limit)
        bounds.append((start, end))
        start = end
    bounds.append((start, len(text)))
    return bounds


def _cut(text: str, start: int, limit: int) -> int:
    """Return where the piece from `start` ends: the best boundary in the second half of its room."""
    earliest, latest = start + (limit + 1) // 2, start + limit
    for pattern in _CUTS:
        # One character past `latest` lets a match that ends there see the word it ends before.
        ends = [m.end() for m in pattern.finditer(text, start, latest + 1) if earliest <= m.end() <= latest]
        if ends:
            return ends[-1]
    return latest


def _batches(pieces: Iterable[_Piece], size: int, chars: int) -> Iterator[list[_Piece]]:
    """Batches of at most `size` texts and, unless one text is longer, `chars` characters: the
    model's working memory follows the words in a batch, not the documents."""
    batch: list[_Piece] = []
    length = 0
    for piece in pieces:
        if batch and (len(batch) == size or length + len(piece.text) > chars):
            yield batch
            batch, length = [], 0
        batch.append(piece)
        length += len(piece.text)
    if batch:
        yield batch
