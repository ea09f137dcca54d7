"""The `newsdesk` command: run the ETL, query the warehouse, watch runs, serve a schedule."""

from __future__ import annotations

import sys

from newsdesk import cli_run, cli_warehouse  # noqa: F401  (their commands register on the app)
from newsdesk.cli_app import app, command, say_failed
from newsdesk.server_command import server

command("server")(server)


def main() -> None:
    """Run the `newsdesk` command: an error nobody foresaw is one line, its traceback with --verbose."""
    try:
        app()
    except Exception as error:
        if _verbose_asked(sys.argv[1:]):
            raise
        say_failed(f"newsdesk failed: {type(error).__name__}: {error}. Run again with --verbose for the traceback.")
        sys.exit(1)


def _verbose_asked(arguments: list[str]) -> bool:
    return "--verbose" in arguments or "-v" in arguments


if __name__ == "__main__":
    main()
