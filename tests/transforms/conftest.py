"""Fixtures for the transforms tests: a blank pipeline and the seed article parsed once."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from transforms.entities import find_mentions
from transforms.attribution.quotes import find_quotes
from transforms.records import Mention, Quote


@pytest.fixture(scope="session")
def blank_nlp() -> Language:
    """A blank English pipeline that only splits sentences: for tests where the model is not the point."""
    blank = spacy.blank("en")
    blank.add_pipe("sentencizer")
    return blank


@pytest.fixture(scope="session")
def seed_doc(nlp: Language, seed_text: str) -> Doc:
    """The seed article parsed by the real model."""
    return nlp(seed_text)


@pytest.fixture(scope="session")
def seed_mentions(seed_doc: Doc) -> list[Mention]:
    """The linked entity mentions of the seed article."""
    return find_mentions(seed_doc)


@pytest.fixture(scope="session")
def seed_quotes(seed_doc: Doc, seed_mentions: list[Mention]) -> list[Quote]:
    """The quotations of the seed article."""
    return find_quotes(seed_doc, seed_mentions)
