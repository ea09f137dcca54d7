"""The run summary as Markdown, for the Prefect UI."""

from __future__ import annotations

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
        lines += ["", "Rejected input is listed in `etl_reject` "
                  "(`newsdesk query \"select * from etl_reject\"`)."]
    if report is not None:
        # The path is shown as well: a browser may not follow a file link from the Prefect UI's page.
        page = Path(report).resolve()
        lines += ["", f"Charts: [{page.name}]({page.as_uri()}) (`{page}`)."]
    return "\n".join(lines) + "\n"
