"""Hypothesis over the loaders and the extractor: any file, any text, any structure
gives an Article that keeps its invariants, or a ReaderError with one line.

CI runs a fixed number of examples per test (``HOSTILE_FUZZ_EXAMPLES``, default 300,
derandomised when ``CI`` is set); for a longer hunt run by hand, e.g.::

    HOSTILE_FUZZ_EXAMPLES=5000 python -m pytest tests/hostile/test_fuzz.py -s \\
        -p no:xdist --hypothesis-show-statistics
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.config import Limits
from reader.errors import ReaderError
from reader.extract.pipeline import extract
from reader.loaders import load
from reader.loaders.base import DocumentKind, RawDocument
from reader.models import Article
from reader.service import read_article

from .checks import TIME_LIMIT_SECONDS, check_offsets
from .fuzz_inputs import (
    html_documents,
    html_fragment,
    markdown_documents,
    saved_files,
    text_dumps,
    words_and_specials,
)

EXAMPLES = int(os.environ.get("HOSTILE_FUZZ_EXAMPLES", "300"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
        HealthCheck.filter_too_much,
    ],
)
LIMITS = Limits(extract_seconds=10.0)

OUTCOMES: Counter[str] = Counter()
_WORKDIR = Path(tempfile.mkdtemp(prefix="reader-fuzz-"))


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    total = sum(OUTCOMES.values())
    print(
        f"\nfuzz: {total} inputs without a failure: "
        + ", ".join(f"{key} {count}" for key, count in sorted(OUTCOMES.items()))
    )


def check_invariants(article: Article) -> None:
    check_offsets(
        article.text,
        [(b.id, b.start, b.end) for b in article.blocks],
        [(s.id, s.start, s.end) for s in article.sections],
    )
    for field in (article.text, article.title, article.markdown):
        field.encode("utf-8")  # no lone surrogates: storable, printable, JSON-safe
    data = article.to_dict()
    json.dumps(data, ensure_ascii=False).encode("utf-8")
    assert Article.from_dict(data) == article, "the JSON round trip changed the article"


def _outcome(label: str, call: Callable[[], Article]) -> None:
    start = time.perf_counter()
    try:
        article = call()
    except ReaderError as error:
        message = str(error)
        assert message.strip() and "\n" not in message, f"unclear error {message!r}"
        OUTCOMES[f"{label}:refused"] += 1
    else:
        check_invariants(article)
        OUTCOMES[f"{label}:article"] += 1
    elapsed = time.perf_counter() - start
    assert elapsed < TIME_LIMIT_SECONDS, f"took {elapsed:.1f} s"


@FUZZ
@given(saved_files())
def test_any_saved_file(saved: tuple[str, bytes]) -> None:
    suffix, content = saved
    handle, name = tempfile.mkstemp(suffix=suffix, dir=_WORKDIR)
    with os.fdopen(handle, "wb") as out:
        out.write(content)
    try:
        _outcome("file", lambda: read_article(name, LIMITS))
    finally:
        os.unlink(name)


@FUZZ
@given(st.binary(max_size=4096), st.sampled_from((".html", ".txt", ".md", ".mhtml", ".gz")))
def test_any_bytes_load(content: bytes, suffix: str) -> None:
    """The loader alone on raw bytes: a RawDocument of decoded text, or a ReaderError."""
    handle, name = tempfile.mkstemp(suffix=suffix, dir=_WORKDIR)
    with os.fdopen(handle, "wb") as out:
        out.write(content)
    try:
        try:
            document = load(name, LIMITS)
        except ReaderError:
            OUTCOMES["load:refused"] += 1
            return
        assert isinstance(document.text, str)
        document.text.encode("utf-8", "surrogatepass")
        OUTCOMES["load:document"] += 1
    finally:
        os.unlink(name)


@FUZZ
@given(
    st.sampled_from(list(DocumentKind)),
    st.one_of(
        html_fragment,
        words_and_specials,
        st.text(max_size=3000),
        html_documents().map(lambda b: b.decode("utf-8", "replace")),
        text_dumps().map(lambda b: b.decode("utf-8", "replace")),
        markdown_documents().map(lambda b: b.decode("utf-8", "replace")),
    ),
)
def test_extract_any_text(kind: DocumentKind, text: str) -> None:
    """The extractor on decoded text of every kind, whatever the loader would say."""
    document = RawDocument(source="fuzz-input", kind=kind, text=text)
    _outcome(f"extract-{kind}", lambda: extract(document, LIMITS))
