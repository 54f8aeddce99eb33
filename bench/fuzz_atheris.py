"""Coverage-guided fuzzing of the loaders and the extractor with atheris (libFuzzer).

Not part of the test suite (``tests/hostile/test_fuzz.py`` runs Hypothesis in CI); run it
by hand from the repository root::

    pip install -e '.[fuzz]'       # atheris: CPython 3.11 manylinux wheels, no compiler
    python -m tests.hostile.generate /tmp/hostile-seeds    # optional seed corpus
    mkdir -p /tmp/fuzz-corpus
    python bench/fuzz_atheris.py /tmp/fuzz-corpus /tmp/hostile-seeds \\
        -atheris_runs=20000 -max_len=262144 -timeout=20 -rss_limit_mb=1024

Arguments after the script are libFuzzer's: corpus directories (the first one collects
new inputs), ``-atheris_runs=N`` to stop after N inputs (otherwise it runs until
interrupted), ``-timeout`` seconds per input (a hang is a finding), ``-rss_limit_mb``
(a memory blow-up is a finding), ``-jobs=2 -workers=2`` to use both cores.

Each input's first byte picks how it is fed: written to a file under one of the
suffixes the loaders recognise and read with ``read_article``, or decoded to text and
handed to the extractor as HTML, a text dump or Markdown. Anything but an Article (whose
offsets fit its text) or a ReaderError is a crash: libFuzzer prints the traceback and
saves the input as ``crash-<sha1>`` in the working directory. Reproduce one with
``python bench/fuzz_atheris.py crash-<sha1>``; re-run a whole corpus with
``-runs=0 DIR``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

import atheris

# Runs from a source checkout without installing the package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

with atheris.instrument_imports(include=["reader"]):
    from reader.config import Limits
    from reader.errors import ReaderError
    from reader.extract.pipeline import extract
    from reader.loaders.base import DocumentKind, RawDocument
    from reader.models import Article
    from reader.service import read_article

SUFFIXES = (".html", ".htm", ".xhtml", ".txt", ".md", ".mhtml", ".html.gz", "")
KINDS = tuple(DocumentKind)
LIMITS = Limits(extract_seconds=15.0)
WORKDIR = tempfile.mkdtemp(prefix="reader-atheris-")


def check(article: Article) -> None:
    size = len(article.text)
    for block in article.blocks:
        if not 0 <= block.start <= block.end <= size:
            raise AssertionError(f"block {block.id} [{block.start}, {block.end}) outside text")
    article.text.encode("utf-8")


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    mode = provider.ConsumeIntInRange(0, len(SUFFIXES) + len(KINDS) - 1)
    try:
        if mode < len(SUFFIXES):
            path = os.path.join(WORKDIR, "input" + SUFFIXES[mode])
            with open(path, "wb") as handle:
                handle.write(provider.ConsumeBytes(provider.remaining_bytes()))
            article = read_article(path, LIMITS)
        else:
            kind = KINDS[mode - len(SUFFIXES)]
            text = provider.ConsumeUnicodeNoSurrogates(provider.remaining_bytes())
            article = extract(RawDocument(source="fuzz-input", kind=kind, text=text), LIMITS)
    except ReaderError as error:
        if "\n" in str(error) or not str(error).strip():
            raise AssertionError(f"unclear error message {str(error)!r}") from error
        return
    check(article)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
