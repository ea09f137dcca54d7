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


def _texts_for_comparison(seed_text: str) -> list[str]:
    from tests.conftest import CORPUS

    texts = [seed_text,
             "There are people who ain't gonna say it. Let's go, y'all: c'mon, there's gotta be more.\n\nShe chose "
             "the MPs' data and got two pence; he gets euros.  ",
             ""]
    texts += [path.read_text(encoding="utf-8") for path in sorted((CORPUS / "bbc").glob("*.txt"))[::150]]
    return texts


def test_faster_components_annotate_exactly_as_the_stock_model(nlp: Language, seed_text: str) -> None:
    """The cached attribute ruler and verb-and-noun lemmatizer give the stock pipeline's tags,
    parts of speech, morphology, parse, and (for verbs and nouns) lemmas."""
    import spacy
    from spacy.attrs import DEP, HEAD, MORPH, POS, TAG

    from transforms.model_info import model_name

    assert "attribute_ruler" not in nlp.pipe_names and "newsdesk_attributes" in nlp.pipe_names
    stock = spacy.load(model_name())
    texts = _texts_for_comparison(seed_text)
    compared = 0
    for ours, theirs in zip(nlp.pipe(texts), stock.pipe(texts), strict=True):
        assert (ours.to_array([TAG, POS, MORPH, DEP, HEAD]) == theirs.to_array([TAG, POS, MORPH, DEP, HEAD])).all()
        for mine, reference in zip(ours, theirs, strict=True):
            if mine.pos_ in {"VERB", "NOUN"} or mine.lemma:
                assert mine.lemma_ == reference.lemma_, (mine.text, mine.pos_)
                compared += 1
    assert compared > 100
