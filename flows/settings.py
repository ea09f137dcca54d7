"""The NEWSDESK_* environment variables, read in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass

DEFAULT_SOURCE = "seeds"
DEFAULT_DB = "warehouse/newsdesk.duckdb"
# The longest a run waits for another run to finish loading the same warehouse (the NLP is not
# waited for: runs do it before they take the lock).
DEFAULT_LOCK_TIMEOUT = 120.0


@dataclass(frozen=True)
class Settings:
    """Defaults for a run, from the environment."""

    db: str
    lock_timeout: float
    processes: int | None
    batch_size: int
    prefect_api_url: str | None


def settings() -> Settings:
    """Return the settings in force, from NEWSDESK_* variables or the defaults."""
    processes = os.environ.get("NEWSDESK_PROCESSES")
    return Settings(
        db=os.environ.get("NEWSDESK_DB", DEFAULT_DB),
        lock_timeout=float(os.environ.get("NEWSDESK_LOCK_TIMEOUT", str(DEFAULT_LOCK_TIMEOUT))),
        processes=int(processes) if processes else None,
        batch_size=int(os.environ.get("NEWSDESK_BATCH_SIZE", "32")),
        prefect_api_url=os.environ.get("PREFECT_API_URL") or None,
    )
