"""`newsdesk ... --help` shows each option's default and environment variable, and no type labels."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from newsdesk.cli import app

COMMANDS = ["run", "query", "search", "status", "check", "serve", "export", "report", "eval", "server"]
# What typer prints for a parameter's type when nothing says otherwise: `<str>`, `<bool>`, `<list[str]>`...
TYPE_LABEL = re.compile(r"<(str|bool|int|float|path|list\[[a-z]+\]|datetime|[A-Z%-]+(\|[A-Z%-]+)*)>")


def _help(*command: str) -> str:
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "100", "NO_COLOR": "1"}, color=False)
    assert result.exit_code == 0, result.output
    return " ".join(result.output.replace("│", " ").split())  # the help's panel borders and wrapping aside


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_has_no_type_labels(command: str) -> None:
    text = _help(*filter(None, [command]))
    assert not TYPE_LABEL.search(text), TYPE_LABEL.search(text)
    assert "--help Show this message and exit." in text


@pytest.mark.parametrize("command", ["run", "query", "search", "status", "check", "serve", "export", "report"])
def test_every_db_option_names_its_environment_variable_and_default(command: str) -> None:
    text = _help(command)
    assert re.search(r"--db .*\[env var: NEWSDESK_DB\] \[default: warehouse/newsdesk\.duckdb\]", text), text


def test_run_help_shows_the_defaults_and_the_environment_variables_of_its_settings() -> None:
    text = _help("run")
    assert "[default: seeds]" in text
    for variable in ["NEWSDESK_PROCESSES", "NEWSDESK_LOCK_TIMEOUT", "NEWSDESK_BATCH_SIZE"]:
        assert f"[env var: {variable}]" in text
    assert "[default: 120" in text and "[default: 32]" in text
    assert "[default: (by corpus size)]" in text
    assert "[default: (the folder's or file's base name)]" in text
    assert "[default: (README*, LICENSE*, LICENCE*, COPYING*, CHANGELOG*, NOTICE*)]" in text
    assert "[default: local]" in text
    assert "--verbose" in text


def test_the_environment_sets_what_the_help_says_it_does(tmp_path) -> None:
    """NEWSDESK_DB is read by the option the help lists it under."""
    missing = tmp_path / "absent.duckdb"
    result = CliRunner().invoke(app, ["status"], env={"NEWSDESK_DB": str(missing), "COLUMNS": "200"})
    assert result.exit_code == 1
    assert str(missing) in " ".join(result.output.split())
