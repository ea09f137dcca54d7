"""The run summary as Markdown, for the Prefect UI."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

_ROWS = (
    ("Files found", "files_found"),
    ("Files unchanged (skipped unread)", "files_unchanged"),
    ("Documents new", "documents_new"),
    ("Documents changed", "documents_changed"),
    ("Documents unchanged", "documents_unchanged"),
    ("Documents removed (marked)", "documents_removed"),
    ("Documents through the NLP", "documents_extracted"),
    ("… of them extracted by an earlier, failed run", "documents_reused"),
    ("Rejected files or lines", "rejected"),
    ("Mentions loaded", "mentions"),
    ("Quotes loaded", "quotes"),
)


def summary_markdown(summary: dict[str, Any], report: str | Path | None = None) -> str:
    """Return a Markdown report of one run: counts, then seconds per stage, then a link to the
    report page (`newsdesk report`) when one was written."""
    lines = [
        f"# Newsdesk run `{summary['run_id']}`",
        "",
        f"Source `{summary['source']}` → warehouse `{summary['db']}`",
        "",
        "| | count |",
        "|---|---:|",
        *(f"| {label} | {summary[key]:,} |" for label, key in _ROWS),
        "",
        "| stage | seconds |",
        "|---|---:|",
        *(f"| {stage} | {seconds:.2f} |" for stage, seconds in summary["stage_seconds"].items()),
    ]
    if summary["rejected"]:
        query = shlex.join(["newsdesk", "query", "select * from etl_reject", "--db", str(summary["db"])])
        lines += ["", f"Rejected input is listed in `etl_reject` (`{query}`)."]
    if report is not None:
        # The path is shown as well: a browser may not follow a file link from the Prefect UI's page.
        page = Path(report).resolve()
        lines += ["", f"Charts: [{page.name}]({page.as_uri()}) (`{page}`)."]
    return "\n".join(lines) + "\n"


# What an operator can do about the errors a run fails with, by class: said once, here, for the
# UI's failure artifact and the CLI's line (the run's error carries it as a note); the message
# itself says the particulars.
_ADVICE = {
    "EmptySourceError": "If the folder is unmounted or mistyped, fix that and run again; to mark every "
                        "document of the source removed, run with `--allow-empty`.",
    "SourceConflictError": "Give this folder its own name with `--source-name`; if the folder moved, load it "
                           "under a new name (the old source's documents stay, marked by their source).",
    "WarehouseBusyError": "Another run held the warehouse for longer than the lock timeout: run again when "
                          "it is done, or raise `NEWSDESK_LOCK_TIMEOUT`.",
    "PublishError": "The load did not reach the published warehouse: free disk space and run again.",
    "NotADirectoryError": "Give a folder or a `.jsonl` file that exists.",
    "ValueError": "Fix the option the message names and run again.",
}
_DEFAULT_ADVICE = ("Nothing was loaded: the warehouse is as the last completed run left it, and extracted "
                   "documents are kept for the next run. Read the error and the logs of this flow run, "
                   "fix the cause and run again.")


def what_to_do(error: BaseException) -> str:
    """Return what an operator can do about a run that failed with `error`."""
    return _ADVICE.get(type(error).__name__, _DEFAULT_ADVICE)


def failure_note(stage: str, error: BaseException) -> str:
    """Return the note a failed run's error carries to whoever called the flow (the CLI prints it)."""
    return f"The run failed in stage {stage!r}. What to do: {what_to_do(error).replace('`', '')}"


def failure_markdown(source: str, db: str, stage: str, error: BaseException) -> str:
    """Return a Markdown report of a failed run: what failed, in which stage, and what to do."""
    status = shlex.join(["newsdesk", "status", "--db", db])
    return "\n".join([
        "# Newsdesk run failed",
        "",
        f"Source `{source}` → warehouse `{db}`",
        "",
        f"**Stage:** {stage}  ",
        f"**Error:** `{type(error).__name__}`: {error}",
        "",
        f"**What to do:** {what_to_do(error)}",
        "",
        f"The run is recorded in `etl_run` with its stage and error (`{status}`).",
    ]) + "\n"
