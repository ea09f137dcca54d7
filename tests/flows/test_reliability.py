"""Runs that nothing breaks: analysts reading during loads, overlapping runs, failed runs that
keep their NLP and their record, an empty source, and as many chunks in flight as workers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from flows.etl import EmptySourceError, newsdesk_etl
from tests.helpers import rows, snapshot
from transforms.model_info import extractor_fingerprint
from warehouse.publishing import RunLockTimeoutError, WarehouseFiles, run_lock
from warehouse.staging import StagingCache

pytestmark = pytest.mark.usefixtures("prefect_api")
NEWSDESK = Path(sys.executable).with_name("newsdesk")


def run(source: Path, db: Path, **kwargs) -> dict:
    options = {"processes": 1, "lock_timeout": 30} | kwargs
    return newsdesk_etl(source=str(source), db=str(db), **options)


def change_berg(source: Path) -> None:
    article = source / "nested" / "berg.md"
    article.write_text(article.read_text(encoding="utf-8").replace("Oslo", "Bergen"), encoding="utf-8")


# An analyst's session in another process: one connection held open throughout, reporting what it
# sees when asked, and fresh connections opened in a tight loop until told to stop.
ANALYST = textwrap.dedent("""
    import json, sys, threading, duckdb
    db = sys.argv[1]
    COUNTS = "select (select count(*) from dim_document where is_current), (select count(*) from etl_run)"
    held = duckdb.connect(db, read_only=True)
    print(json.dumps(held.execute(COUNTS).fetchone()), flush=True)
    stop = threading.Event()
    seen, errors = [], []
    def loop():
        while not stop.is_set():
            try:
                con = duckdb.connect(db, read_only=True)
                seen.append(tuple(con.execute(COUNTS).fetchone()))
                con.close()
            except Exception as error:
                errors.append(str(error))
    reader = threading.Thread(target=loop)
    reader.start()
    sys.stdin.readline()
    stop.set()
    reader.join()
    print(json.dumps({"held": held.execute(COUNTS).fetchone(), "seen": sorted(set(seen)), "reads": len(seen),
                      "errors": errors[:5]}), flush=True)
""")


def test_analysts_reading_during_a_load_never_block_it_and_see_the_old_state_or_the_new(source: Path,
                                                                                       db: Path) -> None:
    run(source, db)
    (source / "more.md").write_text("Mayor Ida Lund said on Tuesday that the bridge would reopen.", encoding="utf-8")
    analyst = subprocess.Popen([sys.executable, "-c", ANALYST, str(db)], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    try:
        old = tuple(json.loads(analyst.stdout.readline()))
        summary = run(source, db, lock_timeout=5)
        out, _ = analyst.communicate("stop\n", timeout=60)
    finally:
        analyst.kill()
    report = json.loads(out)

    assert summary["documents_new"] == 1
    new = (old[0] + 1, old[1] + 1)
    assert report["errors"] == [] and report["reads"] > 0
    assert {tuple(seen) for seen in report["seen"]} <= {old, new}
    assert tuple(report["held"]) == old  # the session opened before the load keeps its snapshot
    assert rows(db, "select count(*) from dim_document where is_current")[0][0] == new[0]


def _folder(root: Path, prefix: str, names: list[str]) -> Path:
    root.mkdir(parents=True)
    towns = ["Oslo", "Bergen", "Lyon", "Porto", "Turin", "Ghent", "Graz", "Cork", "Malmo", "Tartu"]
    for i, name in enumerate(names):
        (root / name).write_text(
            f"Minister {prefix.title()} Haugen said on Monday that the budget for {towns[i % 10]} "
            f"would rise by {i + 2} percent in {prefix} plan {i}.", encoding="utf-8")
    return root


def _newsdesk_run(folder: Path, db: Path) -> subprocess.Popen:
    from prefect.settings import PREFECT_API_URL

    environment = {key: value for key, value in os.environ.items() if not key.startswith("PREFECT_")}
    environment.update(PREFECT_API_URL=PREFECT_API_URL.value(), NEWSDESK_LOCK_TIMEOUT="300")
    return subprocess.Popen([str(NEWSDESK), "run", str(folder), "--db", str(db), "--processes", "1"],
                            env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _run_both_at_once(first: Path, second: Path, db: Path, documents: int) -> None:
    """Start two runs; hold the run lock until both have done their NLP, so that both planned
    against the same warehouse before either loads (the overlap that used to corrupt it)."""
    files = WarehouseFiles.at(db)
    cache = StagingCache(files.staging, extractor_fingerprint())
    with run_lock(files, 5):
        runs = [_newsdesk_run(first, db), _newsdesk_run(second, db)]
        deadline = time.monotonic() + 300
        while len(cache.held_ids()) < documents and time.monotonic() < deadline:
            assert all(r.poll() is None for r in runs), [r.communicate()[0][-3000:] for r in runs]
            time.sleep(0.2)
    for process in runs:
        output, _ = process.communicate(timeout=300)
        assert process.returncode == 0, output[-3000:]


def _load_order(db: Path) -> list[Path]:
    return [Path(source) for (source,) in rows(db, "select source from etl_run where status = 'completed' "
                                                   "order by finished_at")]


# Rows as the data say them, without the ids of the runs that wrote them.
_CONTENT = {
    "documents": "select document_id, source_id, source_path, source_line, is_current from dim_document order by all",
    "mentions": "select * exclude (mention_id) from fact_mention order by all",
    "quotes": "select * exclude (quote_id, enclosing_quote_id) from fact_quote order by all",
    "entities": "select * from dim_entity order by all",
    "files": "select source_id, source_path, file_sha256 from etl_file order by all",
}


def assert_same_as_one_after_the_other(db: Path, tmp_path: Path) -> None:
    """The warehouse equals the one the same runs give when run one after the other, in the
    order their loads happened."""
    sequential = tmp_path / "sequential" / "w.duckdb"
    for folder in _load_order(db):
        run(folder, sequential)
    for name, sql in _CONTENT.items():
        assert rows(db, sql) == rows(sequential, sql), name


def test_two_runs_at_once_over_different_folders_end_as_one_after_the_other(tmp_path: Path, db: Path) -> None:
    first = _folder(tmp_path / "first", "first", [f"a_{i:03d}.txt" for i in range(100)])
    second = _folder(tmp_path / "second", "second", [f"b_{i:03d}.txt" for i in range(100)])

    _run_both_at_once(first, second, db, 200)

    # Two sources side by side: neither run's plan, made before the other loaded, removes the other's documents.
    current = rows(db, "select s.source_name, count(*), min(d.source_path) from dim_document d "
                       "join dim_source s using (source_id) where d.is_current group by all order by all")
    assert current == [("first", 100, "a_000.txt"), ("second", 100, "b_000.txt")]
    assert rows(db, "select count(*) from dim_document where not is_current") == [(0,)]
    assert_same_as_one_after_the_other(db, tmp_path)


def test_two_runs_at_once_over_the_same_file_names_leave_one_document_per_path(tmp_path: Path, db: Path) -> None:
    names = [f"story_{i:02d}.txt" for i in range(50)]
    first = _folder(tmp_path / "first", "first", names)
    second = _folder(tmp_path / "second", "second", names)

    _run_both_at_once(first, second, db, 100)

    per_path = rows(db, "select source_id, source_path, count(*) from dim_document where is_current group by all")
    assert len(per_path) == 100 and {count for _, _, count in per_path} == {1}
    texts = rows(db, "select s.source_name, d.text from dim_document d join dim_source s using (source_id)")
    assert all(f"in {name} plan" in text for name, text in texts)
    assert_same_as_one_after_the_other(db, tmp_path)


def test_a_run_killed_mid_nlp_leaves_its_finished_chunks_for_the_next(tmp_path: Path, db: Path) -> None:
    import signal

    folder = _folder(tmp_path / "many", "many", [f"k_{i:03d}.txt" for i in range(320)])
    files = WarehouseFiles.at(db)
    cache = StagingCache(files.staging, extractor_fingerprint())
    killed = _newsdesk_run(folder, db)
    try:
        deadline = time.monotonic() + 300
        while not cache.held_ids() and killed.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        killed.send_signal(signal.SIGKILL)
    finally:
        killed.wait()
    staged = len(cache.held_ids())
    assert 0 < staged < 320 and not files.published.exists()

    summary = run(folder, db)

    assert summary["documents_extracted"] == 320 and summary["documents_reused"] == staged
    assert rows(db, "select count(*) from dim_document where is_current") == [(320,)]


def test_a_run_that_cannot_get_the_lock_fails_once_keeps_its_nlp_and_is_on_record(source: Path, db: Path) -> None:
    run(source, db)
    change_berg(source)
    files = WarehouseFiles.at(db)

    with run_lock(files, 5):  # another run is loading
        with pytest.raises(RunLockTimeoutError, match=r"after 1 s \(NEWSDESK_LOCK_TIMEOUT\)"):
            run(source, db, lock_timeout=1)
        assert files.pending_runs.exists()  # the lock was busy, so the failure waits in the journal
    summary = run(source, db)

    assert summary["documents_changed"] == 1 and summary["documents_reused"] == 1  # no NLP done twice
    failed = rows(db, "select status, stage, error_class from etl_run order by started_at")
    assert failed == [("completed", "publish", None), ("failed", "lock", "RunLockTimeoutError"),
                      ("completed", "publish", None)]
    assert not files.pending_runs.exists()
    assert StagingCache(files.staging, extractor_fingerprint()).held_ids() == frozenset()  # removed once loaded


def test_a_failed_run_is_on_record_at_once_when_the_lock_is_free(source: Path, db: Path, monkeypatch) -> None:
    from flows import etl

    run(source, db)
    change_berg(source)

    def refuse(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(etl, "_load_batch", refuse)
    with pytest.raises(OSError):
        run(source, db)

    (failed,) = rows(db, "select stage, error_class, error_message from etl_run where status = 'failed'")
    assert failed[:2] == ("load", "OSError") and "No space left" in failed[2]
    monkeypatch.undo()
    assert run(source, db)["documents_reused"] == 1


def test_an_empty_source_fails_unless_the_operator_allows_it(source: Path, db: Path, tmp_path: Path) -> None:
    run(source, db)
    before = snapshot(db)
    shutil.rmtree(source)
    source.mkdir()  # the same source, found empty: an unmounted folder looks like this

    with pytest.raises(EmptySourceError, match="--allow-empty"):
        run(source, db)
    assert snapshot(db) == before

    summary = run(source, db, allow_empty=True)
    assert summary["documents_removed"] == 4
    assert rows(db, "select count(*) from dim_document where is_current") == [(0,)]


def test_six_workers_have_six_chunks_in_flight(tmp_path: Path, db: Path) -> None:
    from prefect import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    folder = _folder(tmp_path / "many", "many", [f"n_{i:02d}.txt" for i in range(12)])
    summary = run(folder, db, processes=6, chunk_documents=1)

    async def extract_runs():
        async with get_client() as client:
            found = await client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[summary["run_id"]])))
            return [r for r in found if r.name.startswith("extract")]

    import asyncio
    extracts = asyncio.run(extract_runs())
    assert len(extracts) == 12
    events = sorted([(r.start_time, 1) for r in extracts] + [(r.end_time, -1) for r in extracts])
    running = peak = 0
    for _, step in events:
        running += step
        peak = max(peak, running)
    assert peak == 6
