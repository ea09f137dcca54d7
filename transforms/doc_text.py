"""The text of a spaCy Doc, built once: `Doc.text` joins every token again on each access."""

from __future__ import annotations

from spacy.tokens import Doc

_KEY = "newsdesk_text"


def keep_text(doc: Doc, text: str) -> None:
    """Remember the text `doc` was made from (the tokenizer keeps every character, so it is
    `doc.text`), sparing the join."""
    doc.user_data[_KEY] = text


def text_of(doc: Doc) -> str:
    """Return `doc.text`, computed on first use and kept in the doc's user data."""
    text = doc.user_data.get(_KEY)
    if text is None:
        text = doc.user_data[_KEY] = doc.text
    return text
