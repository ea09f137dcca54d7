"""The extraction stage on a Dask cluster, and the Parquet export."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from flows.etl import newsdesk_etl
from flows.runners import dask_runner
from tests.helpers import good_source, rows
from warehouse.export import export_parquet

pytestmark = pytest.mark.usefixtures("prefect_api")

# Tables compared between runners, without the columns that name the run itself.
COMPARED = {
    "dim_document": "select * exclude (loaded_run_id) from dim_document order by all",
    "dim_entity": "select * from dim_entity order by all",
    "dim_entity_alias": "select * from dim_entity_alias order by all",
    "fact_mention": "select * from fact_mention order by all",
    "fact_quote": "select * from fact_quote order by all",
    "fact_quote_entity": "select * from fact_quote_entity order by all",
}


def test_flow_on_a_two_worker_dask_cluster_gives_the_same_tables(tmp_path: Path) -> None:
    source = good_source(tmp_path / "articles")
    local_db, dask_db = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    newsdesk_etl(source=str(source), db=str(local_db), processes=1, lock_timeout=5)

    on_dask = newsdesk_etl.with_options(task_runner=dask_runner(workers=2))
    summary = on_dask(source=str(source), db=str(dask_db), lock_timeout=5, local_workers=False)

    assert summary["documents_extracted"] == 4
    for table, sql in COMPARED.items():
        assert rows(dask_db, sql) == rows(local_db, sql), table


def test_export_writes_hive_partitioned_parquet_that_duckdb_reads_back(tmp_path: Path) -> None:
    source, db, target = good_source(tmp_path / "articles"), tmp_path / "w.duckdb", tmp_path / "export"
    newsdesk_etl(source=str(source), db=str(db), processes=1, lock_timeout=5)

    counts = export_parquet(db, target)

    assert counts["fact_quote"] == rows(db, "select count(*) from fact_quote")[0][0] > 0
    months = sorted(p.name for p in (target / "fact_quote").iterdir())
    assert "month=2024-03" in months  # the two articles published in March 2024
    con = duckdb.connect()
    read_back = con.execute(
        "select count(*) from read_parquet(?, hive_partitioning = true)",
        [str(target / "fact_mention" / "*" / "*.parquet")]).fetchone()[0]
    assert read_back == counts["fact_mention"]
    assert con.execute("select count(*) from read_parquet(?)",
                       [str(target / "dim_entity" / "data.parquet")]).fetchone()[0] == counts["dim_entity"]
