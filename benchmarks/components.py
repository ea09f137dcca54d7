"""Where one worker's time goes: each pipeline component, stock and Newsdesk's, and the rules.

    .venv/bin/python benchmarks/components.py [--corpus ../shared/corpus/bbc] [--documents 300]

Runs in one process over a fixed sample of articles (seed 1), after a warm-up pass over the same
sample so that caches are as they are in a long run; each figure is the best of `--repeat`
passes (the machine's speed drifts). Prints seconds and shares per component.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import spacy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from transforms.doc_text import keep_text  # noqa: E402
from transforms.entities import find_mentions, sentence_starts  # noqa: E402
from transforms.model_info import model_name  # noqa: E402
from transforms.nlp import loaded_model  # noqa: E402
from transforms.attribution.quotes import find_quotes  # noqa: E402


def component_seconds(nlp: spacy.language.Language, texts: list[str], batch_size: int = 32) -> dict[str, float]:
    """Seconds each enabled component takes over `texts`, run one component at a time."""
    docs = [nlp.make_doc(text) for text in texts]
    seconds = {}
    for name, component in nlp.pipeline:
        started = time.perf_counter()
        if hasattr(component, "pipe"):
            docs = list(component.pipe(docs, batch_size=batch_size))
        else:
            docs = [component(doc) for doc in docs]
        seconds[name] = time.perf_counter() - started
    started = time.perf_counter()
    for doc, text in zip(docs, texts, strict=True):
        keep_text(doc, text)
        starts = sentence_starts(doc)
        find_quotes(doc, find_mentions(doc, starts), starts)
    seconds["(rules: mentions and quotes)"] = time.perf_counter() - started
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "bbc")
    parser.add_argument("--documents", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    paths = sorted(args.corpus.glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in random.Random(1).sample(paths, min(args.documents, len(paths)))]
    for label, nlp in (("stock", spacy.load(model_name())), ("newsdesk", loaded_model())):
        component_seconds(nlp, texts)  # warm-up: caches filled as in a long run
        passes = [component_seconds(nlp, texts) for _ in range(args.repeat)]
        seconds = {name: min(p[name] for p in passes) for name in passes[0]}
        model = sum(v for k, v in seconds.items() if not k.startswith("("))
        print(f"\n{label} pipeline, {len(texts)} articles: model {model:.2f} s")
        for name, value in seconds.items():
            print(f"  {name:30} {value:6.2f} s  {value / model:6.1%} of the model")


if __name__ == "__main__":
    main()
