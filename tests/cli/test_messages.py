"""Messages a person can act on: one line naming the path or the cause, the traceback only with --verbose."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from newsdesk import cli
from tests.conftest import SEEDS

NEWSDESK = Path(sys.executable).with_name("newsdesk")


def _invoke(*arguments: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli.app, list(arguments), env={"COLUMNS": "300"})
    return result.exit_code, result.output


@pytest.mark.parametrize(("arguments", "named", "why"), [
    (["run", str(SEEDS), "--db", "/proc/newsdesk/x.duckdb"], "/proc/newsdesk/x.duckdb", "nothing can be made below /proc"),
    (["run", str(SEEDS), "--db", "{tmp}"], "{tmp}", "is a folder"),
    (["run", str(SEEDS), "--db", "{file}/w.duckdb"], "{file}/w.duckdb", "is a file, so the warehouse cannot go below it"),
    (["run", "{tmp}/absent", "--db", "{tmp}/w.duckdb"], "{tmp}/absent", "does not exist"),
    (["serve", str(SEEDS), "--db", "/proc/newsdesk/x.duckdb"], "/proc/newsdesk/x.duckdb", "nothing can be made"),
    (["query", "select 1", "--db", "{tmp}"], "{tmp}", "is a folder"),
    (["report", "--db", "{file}", "--out", "/proc/newsdesk"], "/proc/newsdesk", "nothing can be made below /proc"),
    (["export", "--db", "{file}", "--parquet", "{file}"], "{file}", "is a file, not a folder"),
    (["eval", "--gold", "{tmp}/gold.jsonl", "--articles", "{tmp}"], "{tmp}/gold.jsonl", "does not exist"),
    (["eval", "--polnear", "{file}"], "{file}", "is not a folder"),
])
def test_a_path_that_cannot_be_used_is_named_in_one_line_before_any_work(
        tmp_path: Path, arguments: list[str], named: str, why: str) -> None:
    (tmp_path / "plain.txt").write_text("not a warehouse", encoding="utf-8")
    places = {"tmp": str(tmp_path), "file": str(tmp_path / "plain.txt")}
    code, output = _invoke(*(argument.format(**places) for argument in arguments))
    assert code == 2
    lines = output.strip().splitlines()
    assert len(lines) == 1, output
    assert named.format(**places) in lines[0] and why in lines[0], output


def test_an_unforeseen_error_is_one_line_and_its_traceback_comes_with_verbose(monkeypatch, capsys) -> None:
    broken = typer.Typer()

    @broken.command()
    def boom(verbose: bool = typer.Option(False, "--verbose")) -> None:
        raise LookupError("the index moved")

    monkeypatch.setattr(cli, "app", broken)
    monkeypatch.setattr(sys, "argv", ["newsdesk"])
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert stopped.value.code == 1
    err = capsys.readouterr().err
    assert " ".join(err.split()) == ("newsdesk failed: LookupError: the index moved. Run again with --verbose for "
                                     "the traceback.")

    monkeypatch.setattr(sys, "argv", ["newsdesk", "--verbose"])
    with pytest.raises(LookupError):
        cli.main()


@pytest.fixture()
def conflicting_runs(tmp_path: Path, prefect_api) -> tuple[list[str], dict[str, str]]:
    """The command of a run that fails in its discover stage (a second folder under a used name), and its
    environment (Prefect's test server, so no temporary server starts)."""
    from prefect.settings import PREFECT_API_URL

    environment = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), "COLUMNS": "120"}
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        for path in SEEDS.glob("*.txt"):
            (tmp_path / folder / path.name).write_bytes(path.read_bytes())
    db = str(tmp_path / "w.duckdb")
    first = subprocess.run([str(NEWSDESK), "run", str(tmp_path / "a"), "--db", db, "--source-name", "desk"],
                           capture_output=True, text=True, env=environment, timeout=300)
    assert first.returncode == 0, first.stdout + first.stderr
    return [str(NEWSDESK), "run", str(tmp_path / "b"), "--db", db, "--source-name", "desk"], environment


def test_a_failed_run_says_why_and_what_to_do_in_one_line(conflicting_runs) -> None:
    command, environment = conflicting_runs
    failed = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=300)
    assert failed.returncode == 1
    assert "Traceback" not in failed.stdout + failed.stderr
    lines = [line for line in failed.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, failed.stderr
    (line,) = lines
    assert line.startswith("run failed: SourceConflictError: source name 'desk' is already used by")
    assert "The run failed in stage 'discover'. What to do: Give this folder its own name with --source-name" in line
    assert line.count("--source-name") == 1  # the advice is said once
    assert line.endswith("(--verbose shows the traceback)")


def test_verbose_shows_the_traceback_and_prefects_log_lines(conflicting_runs) -> None:
    command, environment = conflicting_runs
    failed = subprocess.run([*command, "--verbose"], capture_output=True, text=True, env=environment, timeout=300)
    assert failed.returncode == 1
    assert "Traceback (most recent call last)" in failed.stderr
    assert "Beginning flow run" in failed.stderr
    assert "run failed: SourceConflictError" in failed.stderr
