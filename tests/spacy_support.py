"""The spaCy pipeline as the tests get it: a missing model skips, a broken one fails."""

from __future__ import annotations

import importlib.util

import pytest

from reader.analysis import nlp


def model_installed(name: str) -> bool:
    """Whether spaCy and the model package ``name`` are installed (not whether they load)."""
    return all(importlib.util.find_spec(module) is not None for module in ("spacy", name))


def load_pipeline(name: str = nlp.DEFAULT_MODEL) -> nlp.Pipeline:
    """The pipeline ``name``. Skips the test where spaCy or the model is not installed;
    an installed model that does not load fails it: that is a broken install or a
    broken loader, which a skip would hide."""
    if not model_installed(name):
        pytest.skip(f"spaCy model {name} not installed: {nlp.install_hint(name)}")
    try:
        return nlp.load(name)
    except nlp.ModelUnavailable as error:
        pytest.fail(f"spaCy model {name} is installed but does not load: {error}")
