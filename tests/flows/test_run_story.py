"""What the Prefect UI shows of a run, read back through Prefect's API."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest

from flows.etl import newsdesk_etl

pytestmark = pytest.mark.usefixtures("prefect_api")


def _run_as_the_ui_shows_it(flow_run_id: str) -> tuple:
    from prefect import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId, LogFilter, LogFilterFlowRunId
    from prefect.logging.handlers import APILogHandler

    # Logs reach the server in batches, a second or two after they are written: send the run's now.
    APILogHandler().flush()

    async def read():
        async with get_client() as client:
            run = await client.read_flow_run(flow_run_id)
            tasks = await client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run.id])))
            logs = await client.read_logs(log_filter=LogFilter(flow_run_id=LogFilterFlowRunId(any_=[run.id])))
            artifacts = await client.read_artifacts(
                flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run.id])))
            return run, tasks, logs, {a.key: a for a in artifacts}

    return asyncio.run(read())


def test_the_run_is_named_and_tagged_by_its_source_and_each_chunk_by_its_number(source: Path, db: Path) -> None:
    (source / "broken.jsonl").write_text('{"text": "A fine article about Oslo."}\n{not json\n', encoding="utf-8")
    summary = newsdesk_etl(source=str(source), db=str(db), processes=1, lock_timeout=5, chunk_documents=2,
                           source_name="desk")

    run, task_runs, logs, artifacts = _run_as_the_ui_shows_it(summary["run_id"])
    assert re.fullmatch(r"desk \d{4}-\d\d-\d\d \d\d:\d\d:\d\d", run.name)
    assert {"source:desk", f"warehouse:{db.name}"} <= set(run.tags)
    chunks = sorted(t.name for t in task_runs if t.name.startswith("extract chunk"))
    assert chunks == ["extract chunk 1/3 (2 docs)", "extract chunk 2/3 (2 docs)", "extract chunk 3/3 (1 docs)"]
    chunk_lines = [log.message for log in logs if re.match(r"chunk \d/3: [12] documents, \d+ mentions, \d+ quotes",
                                                           log.message)]
    assert len(chunk_lines) == 3
    assert artifacts["newsdesk-run-progress"].type == "progress"
    assert float(artifacts["newsdesk-run-progress"].data) == 100.0
    rejects = json.loads(artifacts["newsdesk-run-rejects"].data)
    assert [(r["source_path"], r["source_line"], r["reason_code"]) for r in rejects] == [
        ("broken.jsonl", 2, "malformed_json")]
