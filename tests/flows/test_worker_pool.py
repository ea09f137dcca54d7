"""The flow's worker pool: a run that fails or is stopped does not wait for the chunks in flight."""

from __future__ import annotations

import multiprocessing
import time
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool

import pytest

from flows.extraction import worker_pool
from tests.conftest import SEEDS
from transforms.records import Document
from transforms.text import document_id, normalised_text


def test_an_error_stops_the_workers_instead_of_waiting_for_their_chunks() -> None:
    text = normalised_text(next(SEEDS.glob("*.txt")).read_text(encoding="utf-8"))
    chunk = [Document(document_id(f"{text} {i}"), f"{i}.txt", 0, f"{text} {i}") for i in range(40)]
    with ThreadPoolExecutor(max_workers=1) as threads:
        with pytest.raises(KeyboardInterrupt):
            with worker_pool(2) as runner:
                in_flight = threads.submit(runner.run, chunk, 32)
                while not multiprocessing.active_children():  # the pool starts its workers on a submit
                    time.sleep(0.01)
                raise KeyboardInterrupt  # Ctrl-C while the chunk is with a worker

        with pytest.raises(BrokenProcessPool):
            in_flight.result(timeout=120)
