"""Shared fixtures: isolated XDG dirs, the shared corpus location, determinism."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from reader.analysis.nlp import Pipeline

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SAMPLE_PAGE = SHARED / "pages" / "000_a2600e6869feb62b.txt"
MOZILLA = SHARED / "corpus" / "mozilla"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def need_shared(path: Path) -> Path:
    """Skip the calling test cleanly where ../shared is not laid out."""
    if not path.exists():
        pytest.skip(f"{path} is absent")
    return path


@pytest.fixture
def sample_page() -> Path:
    return need_shared(SAMPLE_PAGE)


@pytest.fixture
def mozilla_corpus() -> Path:
    return need_shared(MOZILLA)


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    """The default spaCy pipeline, loaded once (see ``spacy_support.load_pipeline``)."""
    from spacy_support import load_pipeline

    return load_pipeline()


@pytest.fixture(autouse=True)
def _patient_key_sequences(monkeypatch: pytest.MonkeyPatch) -> None:
    """A key prefix waits a minute, not a second: a busy test machine may take longer
    than a second between two keys a test presses (tests of the timeout shorten it)."""
    from reader.ui.keyseq import KeySequences

    monkeypatch.setattr(KeySequences, "TIMEOUT", 60.0)


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test reads or writes the user's real config, data or themes."""
    base = tmp_path_factory.mktemp("xdg")
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(base / name.lower()))
    monkeypatch.setenv("READER_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("READER_CONFIG_FILE", str(base / "config.toml"))
    monkeypatch.setenv("TEXTUAL_ANIMATIONS", "none")
    for key in [
        k
        for k in os.environ
        if k.startswith("READER_") and k not in ("READER_DATA_DIR", "READER_CONFIG_FILE")
    ]:
        monkeypatch.delenv(key)
