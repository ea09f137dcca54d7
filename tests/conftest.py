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


# What makes a test slow: a real Prefect run (the harness, a flow, a served deployment), a whole
# evaluation set, a wheel built and installed, a browser. `make test-fast` leaves these out;
# `make test` (and CI) runs everything.
_SLOW_FIXTURES = frozenset({"prefect_api"})
_SLOW_FOLDERS = frozenset({"eval", "packaging"})
_SLOW_MODULES = frozenset({"test_report_browser.py", "test_process_lifecycle.py", "test_run_command.py",
                           "test_against_a_server.py", "test_stopping.py"})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the slow tests `slow`, by what they use, so that no test has to remember to."""
    for item in items:
        path = Path(str(item.fspath))
        if (_SLOW_FIXTURES & set(getattr(item, "fixturenames", ())) or path.name in _SLOW_MODULES
                or _SLOW_FOLDERS & set(path.relative_to(ROOT).parts)):
            item.add_marker(pytest.mark.slow)
