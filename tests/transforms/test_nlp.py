"""Running the model over documents: one extraction per document, in order."""

from __future__ import annotations

from spacy.language import Language

from transforms.nlp import extract
from transforms.records import Document
from transforms.text import document_id


def _document(text: str, path: str) -> Document:
    return Document(document_id(text), path, 0, text)


def test_extract_yields_one_extraction_per_document_in_order(nlp: Language) -> None:
    documents = [_document('"We will win," said John Smith.', "a.txt"), _document("Nothing quoted here.", "b.txt")]
    extractions = list(extract(nlp, documents, batch_size=1))
    assert [x.document_id for x in extractions] == [d.document_id for d in documents]
    assert [len(x.quotes) for x in extractions] == [1, 0]
    assert extractions[0].quotes[0].speaker_name == "John Smith"
    assert "John Smith" in {m.entity_name for m in extractions[0].mentions}
