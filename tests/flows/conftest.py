"""Fixtures of the flow tests: a folder of good articles and a warehouse path, per test."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import good_source


@pytest.fixture()
def source(tmp_path: Path) -> Path:
    """The seed article, a Markdown article and a two-article JSONL file."""
    return good_source(tmp_path / "articles")


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    """Where the test's warehouse is published (created by the first run)."""
    return tmp_path / "warehouse" / "test.duckdb"
