"""Defaults of a run. The CLI's options read the NEWSDESK_* environment variables
(`newsdesk run --help` lists them); a flow called from code takes these unless told otherwise."""

from __future__ import annotations

DEFAULT_SOURCE = "seeds"
DEFAULT_DB = "warehouse/newsdesk.duckdb"
# The longest a run waits for another run to finish loading the same warehouse (the NLP is not
# waited for: runs do it before they take the lock).
DEFAULT_LOCK_TIMEOUT = 120.0
DEFAULT_BATCH_SIZE = 32
