"""What publishing a load costs against the warehouse's size.

    .venv/bin/python benchmarks/publish.py [--sizes 50 200 800] [--db warehouse/newsdesk.duckdb]

A load writes the hidden writer file, checkpoints it, and publishes it for readers as a copy
swapped in by an atomic rename (warehouse/publishing.py). This builds writer files of about the
given sizes in MiB (a table of random text), and an existing warehouse if `--db` names one, and
times `publish` on each, best of three, printing MiB, seconds and MiB/s.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import duckdb

from warehouse.publishing import WarehouseFiles, publish

FILLER = "create table filler as select md5(i::varchar) || repeat(md5((i * 7)::varchar), 30) as text " \
         "from range($rows) as t(i)"
BYTES_PER_ROW = 1000  # about what one filler row takes on disk, compressed


def writer_of_size(files: WarehouseFiles, mib: int) -> None:
    with duckdb.connect(str(files.writer)) as con:
        con.execute(FILLER, {"rows": mib * 1024 * 1024 // BYTES_PER_ROW})
        con.execute("checkpoint")


def best_of_three(files: WarehouseFiles) -> float:
    times = []
    for _ in range(3):
        started = time.perf_counter()
        publish(files)
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[50, 200, 800])
    parser.add_argument("--db", type=Path, help="also time an existing warehouse (its writer file is copied)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsdesk-publish-", dir=Path(__file__).resolve().parent))
    try:
        cases = []
        if args.db is not None:
            files = WarehouseFiles.at(work / "existing.duckdb")
            shutil.copyfile(WarehouseFiles.at(args.db).writer, files.writer)
            cases.append((f"{args.db}", files))
        for mib in args.sizes:
            files = WarehouseFiles.at(work / f"w{mib}.duckdb")
            writer_of_size(files, mib)
            cases.append((f"filler ~{mib} MiB", files))
        print(f"{'warehouse':40} {'MiB':>8} {'seconds':>8} {'MiB/s':>8}")
        for name, files in cases:
            size = files.writer.stat().st_size / 1024**2
            seconds = best_of_three(files)
            print(f"{name:40} {size:8.1f} {seconds:8.3f} {size / seconds:8.0f}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
