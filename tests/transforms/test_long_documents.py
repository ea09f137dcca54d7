"""Long documents: parsed in pieces cut at the best boundary, joined back into one Doc of the whole text."""

from __future__ import annotations

from collections.abc import Iterator

import numpy
import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language

from tests.conftest import CORPUS
from transforms.doc_text import keep_text
from transforms.entities import find_mentions, sentence_starts
from transforms.nlp import BATCH_CHARS, PIECE_CHARS, extract, joined, piece_bounds
from transforms.attribution.quotes import find_quotes
from transforms.records import Document, Extraction
from transforms.text import document_id


def _pieces(text: str, limit: int) -> list[str]:
    return [text[start:end] for start, end in piece_bounds(text, limit)]


def _document(text: str) -> Document:
    return Document(document_id(text), "long.txt", 0, text)


def _one_line(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------- cutting


@pytest.mark.parametrize("text", ["", "Short.", "x" * 20])
def test_piece_bounds_keeps_a_text_within_the_limit_whole(text: str) -> None:
    assert piece_bounds(text, 20) == [(0, len(text))]


def test_piece_bounds_cuts_at_a_paragraph_break_before_a_later_sentence_end() -> None:
    text = "One two three.\nFour five. Six seven eight"
    assert _pieces(text, 30) == ["One two three.\n", "Four five. Six seven eight"]


def test_piece_bounds_keeps_a_blank_line_with_the_piece_before() -> None:
    assert _pieces("One two three.\n\n  Four five six.", 20) == ["One two three.\n\n  ", "Four five six."]


def test_piece_bounds_cuts_at_a_sentence_end_before_a_later_space() -> None:
    text = "He said it was over. She said “Never.” Then they left the room"
    assert _pieces(text, 40) == ["He said it was over. She said “Never.” ", "Then they left the room"]


@pytest.mark.parametrize("title", ["Dr.", "Mrs.", "U.S."])
def test_piece_bounds_does_not_cut_a_title_or_initials_off_a_name(title: str) -> None:
    text = f"The panel heard it all. Then {title} Smith spoke at length"
    first, _ = _pieces(text, len(text) - 10)
    assert first == "The panel heard it all. "


def test_piece_bounds_cuts_between_words_when_no_sentence_ends() -> None:
    assert _pieces("alpha beta gamma delta", 12) == ["alpha beta ", "gamma delta"]


def test_piece_bounds_cuts_at_the_limit_when_there_is_no_space() -> None:
    assert _pieces("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def test_piece_bounds_ignores_a_boundary_in_the_first_half_of_a_piece() -> None:
    """A paragraph break early in a piece's room would make a small piece; a space later wins."""
    text = "Hi.\nthe rest of this line goes on and on"
    assert _pieces(text, 20)[0] == "Hi.\nthe rest of "


def test_piece_bounds_refuses_a_limit_below_one_character() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        piece_bounds("text", 0)


@given(st.text(alphabet=st.sampled_from("ab .!?\n“”\"'DrU"), max_size=300), st.integers(1, 60))
def test_pieces_join_into_the_text_each_within_the_limit_and_at_least_half_of_it(text: str, limit: int) -> None:
    bounds = piece_bounds(text, limit)
    assert "".join(text[start:end] for start, end in bounds) == text
    assert [end for _, end in bounds[:-1]] == [start for start, _ in bounds[1:]]
    assert all(end - start <= limit for start, end in bounds)
    assert all(end - start >= (limit + 1) // 2 for start, end in bounds[:-1])


# ---------------------------------------------------------------- joining


@pytest.fixture(scope="module")
def long_text(seed_text: str) -> str:
    """About 20,000 characters of real news: the seed article and ten BBC articles, in paragraphs."""
    paths = sorted((CORPUS / "bbc").glob("*.txt"))[:10]
    if not paths:
        pytest.skip(f"no BBC articles in {CORPUS / 'bbc'}")
    return "\n\n".join([seed_text] + [path.read_text(encoding="utf-8").strip() for path in paths])


def test_joined_doc_keeps_each_pieces_text_tags_lemmas_parse_entities_and_sentences(
        nlp: Language, long_text: str) -> None:
    texts = _pieces(long_text, 3_000)
    pieces = list(nlp.pipe(texts))
    doc = joined(pieces)
    assert len(pieces) > 5 and doc.text == long_text
    attrs = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE]  # HEAD is relative: the same when joined
    assert numpy.array_equal(doc.to_array(attrs), numpy.concatenate([piece.to_array(attrs) for piece in pieces]))
    offsets = [sum(len(t) for t in texts[:i]) for i in range(len(texts))]
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [
        (e.start_char + offset, e.end_char + offset, e.label_) for piece, offset in zip(pieces, offsets)
        for e in piece.ents]
    assert sentence_starts(doc) == [start + offset for piece, offset in zip(pieces, offsets)
                                    for start in sentence_starts(piece)]
    piece_of = [i for i, piece in enumerate(pieces) for _ in piece]
    assert all(piece_of[token.i] == piece_of[token.head.i] for token in doc)
    assert {t.lemma_ for t in doc if t.lower_ == "said"} == {"say"}


# ---------------------------------------------------------------- extracting


def _assert_offsets_index(text: str, extraction: Extraction) -> None:
    """Offsets index the whole text, and sentences count on across pieces rather than restart."""
    found = sorted((*extraction.mentions, *extraction.quotes), key=lambda f: f.start_char)
    assert all(text[f.start_char : f.end_char] == f.text for f in found)
    indices = [f.sentence_index for f in found]
    assert indices == sorted(indices)


@pytest.mark.parametrize("one_line", [False, True], ids=["paragraphs", "one_line"])
def test_extract_in_small_pieces_gives_mentions_and_quotes_that_index_the_text(
        nlp: Language, long_text: str, one_line: bool) -> None:
    text = _one_line(long_text) if one_line else long_text
    (extraction,) = extract(nlp, [_document(text)], piece_chars=1_500)
    assert len(extraction.mentions) > 100 and len(extraction.quotes) > 20
    _assert_offsets_index(text, extraction)


def _shifted(extraction: Extraction, chars: int, sentences: int) -> set[tuple]:
    return {(found.start_char + chars, found.end_char + chars, found.sentence_index + sentences,
             *(getattr(found, f) for f in ("text", "entity_name", "kind", "speaker_name", "cue_verb", "rule")
               if hasattr(found, f)))
            for found in (*extraction.mentions, *extraction.quotes)}


@pytest.mark.parametrize("separator", ["\n", " "], ids=["paragraphs", "one_line"])
def test_copies_of_an_article_cut_between_them_give_each_copy_the_articles_quotes_and_mentions(
        nlp: Language, seed_text: str, separator: str) -> None:
    article = seed_text if separator == "\n" else _one_line(seed_text)
    copies = 4
    step = len(article) + len(separator)
    text = separator.join([article] * copies)
    assert [start for start, _ in piece_bounds(text, step)] == [i * step for i in range(copies)]
    (single,) = extract(nlp, [_document(article)])
    (whole,) = extract(nlp, [_document(text)], piece_chars=step)
    sentences = len(sentence_starts(nlp(article)))
    assert single.quotes and single.mentions
    assert (len(whole.quotes), len(whole.mentions)) == (copies * len(single.quotes), copies * len(single.mentions))
    assert _shifted(whole, 0, 0) == set().union(*(_shifted(single, i * step, i * sentences) for i in range(copies)))


def test_extract_gives_documents_within_the_piece_limit_as_one_model_call_did(
        nlp: Language, seed_text: str, long_text: str) -> None:
    """Short documents around a long one come out as they did before documents had pieces."""
    short = [seed_text, long_text[-2_000:]]
    extractions = list(extract(nlp, [_document(short[0]), _document(long_text), _document(short[1])],
                               piece_chars=2_500))
    for text, extraction in zip(short, extractions[::2], strict=True):
        doc = nlp(text)
        keep_text(doc, text)
        starts = sentence_starts(doc)
        mentions = find_mentions(doc, starts)
        assert extraction == Extraction(document_id(text), tuple(mentions), tuple(find_quotes(doc, mentions, starts)))


def test_extract_never_gives_the_model_more_than_a_piece_or_a_batch_of_characters(
        nlp: Language, seed_text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """The model's working memory grows with the words it is given at once: however long a
    document, no text it is given passes the piece limit and no batch the batch cap."""
    text = "\n".join([seed_text] * (PIECE_CHARS // len(seed_text) + 2))
    batches: list[list[int]] = []
    pipe = nlp.pipe

    def recording_pipe(texts: list[str], **kwargs) -> Iterator:
        batches.append([len(t) for t in texts])
        return pipe(texts, **kwargs)

    monkeypatch.setattr(nlp, "pipe", recording_pipe)
    (extraction,) = extract(nlp, [_document(text)])
    assert len(text) > PIECE_CHARS and sum(map(sum, batches)) == len(text)
    assert max(map(max, batches)) <= PIECE_CHARS and max(map(sum, batches)) <= BATCH_CHARS
    _assert_offsets_index(text, extraction)
