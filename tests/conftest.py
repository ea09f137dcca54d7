"""Shared fixtures: the real spaCy model loaded once, paths to the seed article and corpus."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from transforms.nlp import loaded_model

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CORPUS = ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def nlp() -> spacy.language.Language:
    """The real English model, loaded once for the whole session."""
    return loaded_model()


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The normalised text of the seed article."""
    from transforms.text import normalised_text

    (path,) = sorted(SEEDS.glob("*.txt"))
    return normalised_text(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def prefect_api():
    """A temporary Prefect server and database, started once for every test that runs a flow."""
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
