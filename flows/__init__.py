"""Prefect flows and tasks: orchestration only."""

import os

# Set by the project, not the user: no telemetry, and room for a slow first start of the
# ephemeral API server on a small machine.
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
# The client side of Prefect's analytics (the "anonymous usage data" notice) reads this alone.
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "90")
