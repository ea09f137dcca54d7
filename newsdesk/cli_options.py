"""The options the `newsdesk` commands share, their help, and how the help is drawn."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from transforms.sources import DEFAULT_EXCLUDE


class _NoTypeLabels:
    """Help without type labels (`<str>`, `<bool>`): each option's help says what its value is,
    and typer 0.29 would otherwise label every option, `--help` included."""

    def get_params(self, ctx: Any) -> list[Any]:
        params = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            param.display_type_rich = _no_type_label
        return params


class Command(_NoTypeLabels, TyperCommand):
    """A `newsdesk` command."""


class Group(_NoTypeLabels, TyperGroup):
    """The `newsdesk` command group."""


def _no_type_label(ctx: Any = None) -> str:
    return ""


DbOption = Annotated[str, typer.Option(
    "--db", envvar="NEWSDESK_DB", show_envvar=True, help="Warehouse file")]
VerboseOption = Annotated[bool, typer.Option(
    "--verbose", "-v", help="On failure, show the traceback (and, for runs, Prefect's log lines as they come)")]
SourceNameOption = Annotated[str | None, typer.Option(
    "--source-name", show_default="the folder's or file's base name",
    help="Name of the source in the warehouse, beside the other sources")]
IncludeOption = Annotated[list[str] | None, typer.Option(
    "--include", show_default="every file", help="Load only files matching this glob (repeatable; with a slash "
    "it matches the path, e.g. 'text/*.txt', else any file or folder name)")]
ExcludeOption = Annotated[list[str] | None, typer.Option(
    "--exclude", show_default=", ".join(DEFAULT_EXCLUDE), help="Skip files matching this glob (repeatable; "
    "replaces the default; --exclude '' skips nothing)")]
SectionPatternOption = Annotated[str, typer.Option(
    "--section-pattern", help="Regular expression whose 'section' group (or first group) finds the section in "
    "a file's path, e.g. '^(?P<section>\\[a-z]+)_' for business_001.txt; '' for none; the default takes the "
    "first sub-folder")]
LockTimeoutOption = Annotated[float, typer.Option(
    "--lock-timeout", envvar="NEWSDESK_LOCK_TIMEOUT", show_envvar=True, min=0,
    help="Longest wait, in seconds, for another run to finish loading the same warehouse")]
ProcessesOption = Annotated[int | None, typer.Option(
    "--processes", envvar="NEWSDESK_PROCESSES", show_envvar=True, min=1, show_default="by corpus size",
    help="NLP worker processes: one per core, but one per 100 documents at most")]
BatchSizeOption = Annotated[int, typer.Option(
    "--batch-size", envvar="NEWSDESK_BATCH_SIZE", show_envvar=True, min=1,
    help="Documents per spaCy nlp.pipe batch")]
