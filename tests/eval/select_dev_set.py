"""Print the development-set articles: 8 per BBC category, drawn with a fixed seed.

Run: python tests/eval/select_dev_set.py ../shared/corpus/bbc
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

CATEGORIES = ("business", "entertainment", "politics", "sport", "tech")
PER_CATEGORY = 8
SEED = 2026


def dev_set(corpus: Path) -> list[str]:
    """Return the file stems of the development set, in category order."""
    rng = random.Random(SEED)
    chosen: list[str] = []
    for category in CATEGORIES:
        stems = sorted(path.stem for path in corpus.glob(f"{category}_*.txt"))
        chosen += sorted(rng.sample(stems, PER_CATEGORY))
    return chosen


if __name__ == "__main__":
    print("\n".join(dev_set(Path(sys.argv[1]))))
