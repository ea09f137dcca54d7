"""The scheduled deployment `newsdesk serve` runs: one run at a time."""

from __future__ import annotations

from typing import Any

from prefect import serve
from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.deployments.runner import RunnerDeployment

from flows.etl import newsdesk_etl

# What a scheduled run does when the previous one is still going: `skip` cancels the new run
# (the next one loads whatever it missed: runs are incremental), `enqueue` makes it wait its turn.
COLLISION_STRATEGIES = {"skip": ConcurrencyLimitStrategy.CANCEL_NEW, "enqueue": ConcurrencyLimitStrategy.ENQUEUE}


def scheduled_deployment(name: str, cron: str, parameters: dict[str, Any], on_collision: str = "skip",
                         tags: list[str] | None = None) -> RunnerDeployment:
    """Return the deployment of the ETL on a cron schedule, limited to one run at a time."""
    if on_collision not in COLLISION_STRATEGIES:
        raise ValueError(f"unknown collision strategy {on_collision!r}: use {' or '.join(COLLISION_STRATEGIES)}")
    return newsdesk_etl.to_deployment(
        name=name, cron=cron, parameters=parameters, tags=tags, description="Scheduled Newsdesk ETL",
        concurrency_limit=ConcurrencyLimitConfig(limit=1, collision_strategy=COLLISION_STRATEGIES[on_collision]),
    )


def serve_scheduled(deployment: RunnerDeployment) -> None:
    """Register the deployment with the Prefect server and run its scheduled runs until stopped."""
    serve(deployment)
