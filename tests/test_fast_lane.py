"""The fast lane (`make test-fast`) leaves out exactly the tests that need real Prefect runs and the like."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _collected(marker: str, *paths: str) -> list[str]:
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                             "-m", marker, *paths], cwd=ROOT, capture_output=True, text=True, timeout=120)
    return [line for line in result.stdout.splitlines() if "::" in line]


def test_tests_that_run_a_flow_are_slow_and_pure_ones_are_not() -> None:
    paths = ("tests/flows/test_etl.py", "tests/transforms/test_text.py", "tests/cli/test_cli.py")
    fast = _collected("not slow", *paths)
    slow = _collected("slow", *paths)
    assert fast and slow
    assert not [test for test in fast if test.startswith("tests/flows/")]
    assert not [test for test in slow if test.startswith("tests/transforms/")]
    # a CLI test without a loaded warehouse stays fast; one that uses the Prefect harness does not
    assert "tests/cli/test_cli.py::test_run_on_a_missing_folder_fails_clearly_before_starting_prefect" in fast
    assert "tests/cli/test_cli.py::test_status_lists_the_run" in slow
