"""The shared ``pipeline`` fixture skips only where the model is absent."""

from __future__ import annotations

import pytest
from spacy_support import load_pipeline, model_installed

from reader.analysis import nlp


def test_a_model_that_is_not_installed_skips() -> None:
    assert not model_installed("no_such_spacy_model")
    with pytest.raises(pytest.skip.Exception, match="no_such_spacy_model not installed"):
        load_pipeline("no_such_spacy_model")


def test_an_installed_model_that_does_not_load_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(name: str, monitor: object = None) -> nlp.Pipeline:
        raise nlp.ModelUnavailable(f"entities need the spaCy model {name} (E053 bad config)")

    monkeypatch.setattr("spacy_support.model_installed", lambda name: True)
    monkeypatch.setattr(nlp, "load", broken)
    with pytest.raises(pytest.fail.Exception, match=r"installed but does not load.*E053"):
        load_pipeline("a_broken_model")
