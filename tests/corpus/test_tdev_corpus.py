"""Per-page extraction quality on trafilatura-eval-dev must not regress.

Each page's snippet F1 (its ``with`` snippets found, its ``without`` snippets absent;
the benchmark's scoring) may not fall more than one snippet's worth (0.2) below the
committed baseline. Refresh the baseline on purpose after an improvement:
``python bench/extract_bench.py --only tdev --tdev-baseline tests/corpus/tdev_baseline.json``.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import sys
from pathlib import Path
from types import ModuleType

import pytest

from reader.config import Limits
from reader.errors import ReaderError
from reader.extract.invariants import violations
from reader.extract.pipeline import extract
from reader.loaders.document import document_from_bytes

ROOT = Path(__file__).resolve().parents[2]
TDEV = ROOT.parent / "shared" / "corpus" / "trafilatura-eval-dev"
BASELINE: dict[str, float] = json.loads((Path(__file__).parent / "tdev_baseline.json").read_text())
TOLERANCE = 0.2
PAGES = sorted(BASELINE)

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "extract_bench", ROOT / "bench" / "extract_bench.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def evaldata() -> dict[str, dict]:
    if not (TDEV / "evaldata.json").is_file():
        pytest.skip(f"{TDEV} is absent")
    data = json.loads((TDEV / "evaldata.json").read_text(encoding="utf-8"))
    return {entry["file"]: entry for entry in data.values()}


def test_the_baseline_covers_the_corpus(evaldata: dict[str, dict]) -> None:
    assert sorted(evaldata) == PAGES


@pytest.mark.parametrize("name", PAGES)
def test_page_does_not_regress(name: str, bench: ModuleType, evaldata: dict[str, dict]) -> None:
    path = TDEV / "html" / name
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    logging.getLogger("readability").setLevel(logging.CRITICAL)
    limits = Limits()
    doc = document_from_bytes(
        path.read_bytes(), source=name, name=name, filename=name, limits=limits
    )
    entry = evaldata[name]
    page = bench.SnippetPage(
        name,
        doc.text,
        "?",
        [" ".join(t.split()) for t in entry.get("with") or [] if t.strip()],
        [" ".join(t.split()) for t in entry.get("without") or [] if t.strip()],
    )
    try:
        article = extract(doc, limits)
    except ReaderError:
        text = ""
    else:
        assert violations(article) == []
        text = article.text
    score = bench.page_f1(bench.snippet_counts(page, text))
    assert score >= BASELINE[name] - TOLERANCE, f"{name}: F1 {score:.4f} < {BASELINE[name]:.4f}"
