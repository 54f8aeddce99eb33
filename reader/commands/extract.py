"""``reader extract PAGE... [--format md|text|json|jsonl] [--analyze]``: print articles.

No TUI: each page is loaded, extracted and printed to stdout in order. A page that
fails is reported on stderr (and, in json/jsonl, as ``{"source", "error"}`` in its
place) and the batch goes on; the exit status is then 2. Nothing printed carries
terminal control sequences.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from reader.config import Limits, Settings, load_settings
from reader.errors import ReaderError
from reader.loaders.base import RawDocument
from reader.models import Analysis, Article
from reader.sanitize import clean, clean_line, escape_json

FORMATS = ("md", "text", "json", "jsonl")
ANALYSIS_KEYS = ("entities", "dates", "enumerations")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "pages",
        nargs="+",
        metavar="PAGE",
        help="a saved page (.html .htm .mhtml .mht .txt .md, optionally .gz), "
        "- for standard input, or an http(s) URL",
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default="md",
        help="md: the article as Markdown (default); text: the body only, paragraphs "
        "separated by blank lines; json: one object (an array for several pages); "
        "jsonl: one object per line per page",
    )
    parser.add_argument(
        "--analyze",
        action="store_true",
        help="add the entities, dates and enumerations found in the text (json, jsonl); "
        "md: the enumerated groups' member lists",
    )


def article_record(article: Article, analysis: Analysis | None = None) -> dict[str, Any]:
    """The JSON object for one page: metadata at the top level, then text, Markdown,
    blocks, sections and link groups (all offsets into ``text``)."""
    data = article.to_dict()
    metadata = data.pop("metadata")
    record: dict[str, Any] = {"source": data.pop("source"), **metadata}
    record.update(data)
    if analysis is not None:
        found = analysis.to_dict()
        for key in ANALYSIS_KEYS:
            record[key] = found.get(key, [])
        if analysis.notice:
            record["analysis_notice"] = analysis.notice
    return record


def _load_analyser(settings: Settings, stderr: TextIO) -> Callable[[Article], Analysis] | None:
    """The analysis the settings ask for (model, size bound), cached in their data
    folder as the reading screen's is."""
    try:
        from reader.analysis import analyse
    except ImportError as error:
        print(f"reader: --analyze skipped: analysis is unavailable ({error})", file=stderr)
        return None
    return functools.partial(
        analyse,
        model=settings.analysis.model,
        max_chars=settings.analysis.max_chars,
        data_dir=settings.resolved_data_dir(),
    )


def _error_line(source: str, error: ReaderError) -> str:
    message = str(error) or type(error).__name__
    return message if source in message else f"{source}: {message}"


_KEPT = frozenset({int, float, bool, type(None)})


def _cleaned(value: Any) -> Any:
    if type(value) in _KEPT:  # most values of a record: no need for the tests below
        return value
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean(str(key)): _cleaned(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_cleaned(item) for item in value]
    return value


class _Printer:
    """Writes each page as soon as it is done, in the chosen format."""

    def __init__(self, fmt: str, out: TextIO, pages: int) -> None:
        self.fmt = fmt
        self.out = out
        self.array = fmt == "json" and pages > 1
        self.count = 0

    def _write(self, text: str) -> None:
        # JSON is made safe value by value before it is serialised (_json); cleaning the
        # serialised text would eat the escapes around what it removes.
        self.out.write(text if self.fmt in ("json", "jsonl") else clean(text))
        self.out.flush()

    def _separator(self) -> str:
        if self.count == 0:
            return "[\n" if self.array else ""
        if self.fmt == "json":
            return ",\n"
        return "" if self.fmt == "jsonl" else "\n"

    def page(
        self, article: Article, analysis: Analysis | None, extra: dict[str, Any] | None = None
    ) -> None:
        if self.fmt == "md":
            from reader.extract.markdown_export import article_markdown

            passages = []
            if analysis is not None:
                from reader.analysis.sections import enumeration_sections

                passages = enumeration_sections(article, analysis)
            body = article_markdown(article, passages)
        elif self.fmt == "text":
            body = article.text + "\n"
        else:
            record = article_record(article, analysis)
            body = self._json({**extra, **record} if extra else record)
        self._write(self._separator() + body)
        self.count += 1

    def failure(self, source: str, message: str) -> None:
        if self.fmt in ("json", "jsonl"):
            self._write(self._separator() + self._json({"source": source, "error": message}))
            self.count += 1

    def _json(self, record: dict[str, Any]) -> str:
        """One record: every string cleaned of control characters but ``source``, which
        is the page as given, escaped where it holds such characters (or bytes that are
        not UTF-8) so that it stays exact and the output stays printable."""
        record = {
            key: value if key == "source" else _cleaned(value) for key, value in record.items()
        }
        indent = None if self.fmt == "jsonl" else 2
        text = escape_json(json.dumps(record, ensure_ascii=False, indent=indent))
        return text if self.array else text + "\n"

    def close(self) -> None:
        if self.array:
            self._write("\n]\n" if self.count else "[]\n")


def run(
    args: argparse.Namespace, stdout: TextIO | None = None, stderr: TextIO | None = None
) -> int:
    from reader.service import read_article

    out = stdout or sys.stdout
    err = stderr or sys.stderr
    if hasattr(out, "reconfigure"):
        out.reconfigure(errors="replace")
    settings = load_settings()
    limits = settings.limits
    analyser = None
    if args.analyze:
        if args.format in ("json", "jsonl", "md"):
            analyser = _load_analyser(settings, err)
        else:
            print("reader: --analyze adds to json, jsonl and md output only", file=err)
    from reader.importing.kinds import split_sources

    _, archives, exports = split_sources(args.pages)
    bundles = set(archives) | set(exports)
    many = len(args.pages) > 1 or bool(bundles)
    printer = _Printer(args.format, out, 2 if many else 1)
    failed = False
    for source in args.pages:
        if source in bundles:
            failed |= _extract_bundle(source, source in archives, printer, analyser, limits, err)
            continue
        try:
            article = read_article(source, limits)
            analysis = analyser(article) if analyser else None
        except ReaderError as error:
            failed = True
            message = _error_line(source, error)
            print(f"reader: {clean_line(message)}", file=err)
            printer.failure(source, message)
            continue
        printer.page(article, analysis)
    printer.close()
    return 2 if failed else 0


def _extract_bundle(
    source: str,
    is_archive: bool,
    printer: _Printer,
    analyser: Callable[[Article], Analysis] | None,
    limits: Limits,
    err: TextIO,
) -> bool:
    """Every page in a web archive or a read-later export; True when any failed."""
    from reader.extract.pipeline import extract

    failed = False
    try:
        pages = _archive_pages(source, limits) if is_archive else _export_pages(source, limits)
        for name, extra, read in pages:
            try:
                article = extract(read(), limits)
                analysis = analyser(article) if analyser else None
            except ReaderError as error:
                failed = True
                message = _error_line(name, error)
                print(f"reader: {clean_line(message)}", file=err)
                printer.failure(name, message)
                continue
            printer.page(article, analysis, extra)
    except ReaderError as error:
        print(f"reader: {clean_line(_error_line(source, error))}", file=err)
        printer.failure(source, str(error))
        return True
    return failed


PageReader = tuple[str, dict[str, Any], Callable[[], RawDocument]]


def _archive_pages(source: str, limits: Limits) -> Iterator[PageReader]:
    from reader.loaders.webarchive import list_pages, load_page

    for capture in list_pages(source).pages:
        when = capture.captured_at.isoformat() if capture.captured_at else None
        extra = {"url": capture.url, "captured_at": when, "archive_key": capture.key}
        yield capture.url, extra, functools.partial(load_page, source, capture, limits)


def _export_pages(source: str, limits: Limits) -> Iterator[PageReader]:
    from reader.loaders.document import document_from_bytes
    from reader.loaders.readlater import read_export
    from reader.loaders.sniff import Format

    for item in read_export(source, limits).items:
        if not item.content_html:
            continue  # a link only: `reader import` queues it, `--fetch` reads it
        when = item.added_at.isoformat() if item.added_at else None
        extra = {"url": item.url, "added_at": when, "export_tags": list(item.tags)}
        yield (
            item.url,
            extra,
            functools.partial(
                document_from_bytes,
                item.content_html.encode("utf-8", "surrogatepass"),
                source=item.url,
                name=item.url,
                filename="",
                limits=limits,
                hint=Format.HTML,
                page_url=item.url,
            ),
        )
