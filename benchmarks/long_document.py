"""Peak memory of one worker given one very long article: parsed in pieces, and whole.

    .venv/bin/python benchmarks/long_document.py [--corpus ../shared/corpus/bbc] [--chars 900000]

Builds one one-line article of `--chars` characters from the corpus's articles joined by spaces,
then runs each case in a fresh process (peak RSS is per process and never goes down):

- `loaded`: the model loaded, nothing parsed (the worker's floor);
- `articles`: the corpus's own articles, `--chars` characters of them, through `extract` (what a
  worker reaches on ordinary news);
- `pieces`: the long article through `extract`, which parses it in pieces and joins them;
- `whole`: the long article through a plain `nlp(text)`, as before pieces.

Prints seconds (model load excluded) and peak RSS in MiB for each.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from transforms.nlp import PIECE_CHARS, extract, loaded_model  # noqa: E402
from transforms.records import Document  # noqa: E402
from transforms.text import document_id, normalised_text  # noqa: E402

CASES = ("loaded", "articles", "pieces", "whole")


def corpus_articles(corpus: Path, chars: int) -> list[str]:
    """Return the corpus's articles, in name order, until they hold `chars` characters."""
    texts: list[str] = []
    total = 0
    for path in sorted(corpus.glob("*.txt")):
        if total >= chars:
            break
        text = normalised_text(path.read_text(encoding="utf-8"))
        texts.append(text)
        total += len(text) + 1
    return texts


def long_article(corpus: Path, chars: int) -> str:
    """Return one article of exactly `chars` characters on one line, made of the corpus's articles."""
    return " ".join(" ".join(text.split()) for text in corpus_articles(corpus, chars))[:chars].rstrip()


def peak_mib() -> float:
    """Return this process's peak resident memory in MiB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_case(case: str, corpus: Path, chars: int) -> dict[str, float]:
    """Run one case in this process and return its seconds and peak memory."""
    nlp = loaded_model()
    texts = corpus_articles(corpus, chars) if case == "articles" else [long_article(corpus, chars)]
    documents = [Document(document_id(text), "benchmark.txt", 0, text) for text in texts]
    started = time.perf_counter()
    if case == "whole":
        nlp(texts[0])
    elif case in ("articles", "pieces"):
        for _ in extract(nlp, documents):
            pass
    return {"seconds": time.perf_counter() - started, "peak_mib": peak_mib(),
            "characters": sum(len(text) for text in texts) if case != "loaded" else 0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "bbc")
    parser.add_argument("--chars", type=int, default=900_000)
    parser.add_argument("--case", choices=CASES, help="run one case in this process and print it as JSON")
    args = parser.parse_args()
    if not any(args.corpus.glob("*.txt")):
        print(f"skipped: no articles in {args.corpus}")
        return
    if args.case:
        print(json.dumps(run_case(args.case, args.corpus, args.chars)))
        return
    print(f"one worker, {args.chars:,} characters, pieces of at most {PIECE_CHARS:,} characters")
    for case in CASES:
        child = subprocess.run([sys.executable, __file__, "--case", case, "--corpus", str(args.corpus),
                                "--chars", str(args.chars)], capture_output=True, text=True, check=True)
        result = json.loads(child.stdout.strip().splitlines()[-1])
        print(f"  {case:9} {result['characters']:>9,} chars {result['seconds']:7.1f} s "
              f"{result['peak_mib']:8,.0f} MiB peak")


if __name__ == "__main__":
    main()
