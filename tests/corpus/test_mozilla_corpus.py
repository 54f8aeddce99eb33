"""Per-page extraction quality on the Mozilla corpus must not regress.

Each page's F1 (the benchmark's 4-token shingle metric against ``expected.html``) may
not fall more than 0.02 below the committed baseline. Refresh the baseline on purpose
after an improvement: ``python bench/extract_bench.py --baseline tests/corpus/baseline.json``.
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
from reader.extract.invariants import violations
from reader.extract.pipeline import extract
from reader.loaders.base import DocumentKind, RawDocument

ROOT = Path(__file__).resolve().parents[2]
MOZILLA = ROOT.parent / "shared" / "corpus" / "mozilla"
BASELINE: dict[str, float] = json.loads((Path(__file__).parent / "baseline.json").read_text())
TOLERANCE = 0.02
PAGES = sorted(BASELINE)

pytestmark = pytest.mark.corpus


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "extract_bench", ROOT / "bench" / "extract_bench.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    return _bench()


def test_the_baseline_covers_the_corpus() -> None:
    if not MOZILLA.is_dir():
        pytest.skip(f"{MOZILLA} is absent")
    present = sorted(p.name for p in MOZILLA.iterdir() if (p / "source.html").is_file())
    assert present == PAGES


@pytest.mark.parametrize("name", PAGES)
def test_page_does_not_regress(name: str, bench: ModuleType) -> None:
    folder = MOZILLA / name
    if not (folder / "source.html").is_file():
        pytest.skip(f"{folder} is absent")
    logging.getLogger("readability").setLevel(logging.CRITICAL)
    source = (folder / "source.html").read_text(encoding="utf-8", errors="replace")
    expected = bench.html_text((folder / "expected.html").read_text(encoding="utf-8"))
    article = extract(RawDocument(source=name, kind=DocumentKind.HTML, text=source), Limits())
    assert violations(article) == []
    score = bench.f1(*bench.precision_recall(expected, article.text))
    assert score >= BASELINE[name] - TOLERANCE, f"{name}: F1 {score:.4f} < {BASELINE[name]:.4f}"
