"""How fast `newsdesk run` and everything it started end when the run is signalled mid-NLP.

    .venv/bin/python benchmarks/stop_on_signal.py [--after 4] [--signal TERM|KILL|INT] [--articles 300]

Runs `newsdesk run --processes 2` over BBC articles with no Prefect server configured (so it
starts its temporary one), sends the signal `--after` seconds into the NLP, and prints how long
the main process took to exit and how long until every process it had started was gone.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
NEWSDESK = Path(sys.executable).with_name("newsdesk")
STARTED_NLP = "documents need the NLP"  # a flow log line: on the terminal with --verbose


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--after", type=float, default=4.0)
    parser.add_argument("--signal", default="TERM", choices=["TERM", "KILL", "INT"])
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "bbc")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsdesk-stop-"))
    try:
        source = work / "articles"
        source.mkdir()
        for number, path in enumerate(sorted(args.corpus.rglob("*.txt"))[: args.articles]):
            shutil.copy(path, source / f"{number:04d}.txt")
        environment = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
        environment["PREFECT_HOME"] = str(work / "prefect")
        output = work / "output.txt"
        with output.open("w") as sink:
            run = subprocess.Popen([str(NEWSDESK), "run", str(source), "--db", str(work / "w.duckdb"),
                                    "--processes", "2", "--verbose"], env=environment, stdout=sink, stderr=subprocess.STDOUT)
        while STARTED_NLP not in output.read_text() and run.poll() is None:
            time.sleep(0.1)
        time.sleep(args.after)
        started = psutil.Process(run.pid).children(recursive=True)
        signalled = time.monotonic()
        run.send_signal(getattr(signal, f"SIG{args.signal}"))
        run.wait()
        exited = time.monotonic() - signalled
        while any(p.is_running() and p.status() != psutil.STATUS_ZOMBIE for p in started):
            time.sleep(0.05)
        print(f"SIG{args.signal} {args.after:g} s into the NLP: main process exited after {exited:.2f} s; "
              f"all {len(started)} processes it started gone after {time.monotonic() - signalled:.2f} s")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
