"""The scheduled deployment runs one run at a time, as Prefect's API records it."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from flows.deployment import scheduled_deployment

pytestmark = pytest.mark.usefixtures("prefect_api")


def _stored(deployment_id) -> object:
    from prefect import get_client

    async def read():
        async with get_client() as client:
            return await client.read_deployment(deployment_id)

    return asyncio.run(read())


@pytest.mark.parametrize(("on_collision", "strategy"), [("skip", "CANCEL_NEW"), ("enqueue", "ENQUEUE")])
def test_the_served_deployment_allows_one_run_at_a_time(on_collision: str, strategy: str, tmp_path: Path) -> None:
    deployment = scheduled_deployment(f"scheduled-{on_collision}", "*/15 * * * *",
                                      {"source": str(tmp_path), "db": str(tmp_path / "w.duckdb")},
                                      on_collision=on_collision)

    stored = _stored(deployment.apply())

    assert stored.global_concurrency_limit.limit == 1
    assert stored.concurrency_options.collision_strategy.value == strategy
    assert stored.parameters["source"] == str(tmp_path)
    assert {f"source:{tmp_path.name}", "warehouse:w.duckdb"} <= set(stored.tags)
    assert [s.schedule.cron for s in stored.schedules] == ["*/15 * * * *"]


def test_an_unknown_collision_strategy_is_refused() -> None:
    with pytest.raises(ValueError, match="skip or enqueue"):
        scheduled_deployment("x", "* * * * *", {}, on_collision="pile-up")
