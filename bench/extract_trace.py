"""Where the text of a page is lost: each stage of the extraction, and which rule.

For a page of the Mozilla corpus (``source.html`` + ``expected.html``), the text after
every stage of the pipeline is compared with the expected text in 4-token shingles (the
metric of ``extract_bench.py``). Each run of expected text that is lost is put down to
the first stage that no longer has it:

    page         not in the page's text at all (the expected text is not the page's)
    readability  readability-lxml (and our cleaner) left it out
    link-groups  the link-group splitter took it out of the article
    html-rules   an HTML furniture rule removed its element (the rule is named)
    blocks       lost while walking the tree into blocks
    opinion      the second opinion (trafilatura) dropped its block
    text-rules   a furniture rule on block text dropped its block (the rule is named)
    assembly     lost while assembling the article (cut to the size limit)

Extra text (in the article, not expected) is listed too, block by block.

For a page of trafilatura-eval-dev (``--tdev DIR`` and the names of its ``html/``
files) each "with" snippet the article misses is put down to the first stage that
no longer has it, and each "without" snippet it holds is listed.

    python bench/extract_trace.py PAGE_DIR [PAGE_DIR...] [--min-tokens N] [--extra]
    python bench/extract_trace.py --tdev DIR NAME [NAME...]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import lxml.html

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.config import Limits  # noqa: E402
from reader.extract import assemble, furniture, pipeline  # noqa: E402
from reader.loaders.base import DocumentKind, RawDocument  # noqa: E402

_TOKEN = re.compile(r"\w+")
STAGES = (
    "page",
    "readability",
    "link-groups",
    "html-rules",
    "blocks",
    "opinion",
    "text-rules",
    "assembly",
)


@dataclass
class Trace:
    texts: dict[str, str] = field(default_factory=dict)
    removed: list[tuple[str, str, str]] = field(default_factory=list)
    """(stage, rule, text) of each element or block a named rule removed."""


def _tree_text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.itertext())


def _joined(drafts: list[Any]) -> str:
    return "\n\n".join(d.text for d in drafts)


@contextmanager
def traced(trace: Trace) -> Iterator[None]:
    """The pipeline's stages wrapped so that each records its output in ``trace``."""
    saved: dict[tuple[Any, str], Any] = {}

    def wrap(module: Any, name: str, make: Callable[[Any], Any]) -> None:
        saved[(module, name)] = getattr(module, name)
        setattr(module, name, make(getattr(module, name)))

    def split(original: Any) -> Any:
        def inner(article: Any, groups: Any) -> Any:
            trace.texts["readability"] = _tree_text(article)
            result = original(article, groups)
            trace.texts["link-groups"] = _tree_text(article)
            return result

        return inner

    def strip(original: Any) -> Any:
        def inner(article: Any) -> None:
            for element, rule in furniture.furniture_boxes(article):
                trace.removed.append(("html-rules", rule, " ".join(_tree_text(element).split())))
            original(article)
            trace.texts["html-rules"] = _tree_text(article)

        return inner

    def drafts_after(stage: str) -> Callable[[Any], Any]:
        """A wrapper keeping the text of the drafts a stage hands on."""

        def wrapper(original: Any) -> Any:
            def inner(*args: Any, **kwargs: Any) -> Any:
                drafts = original(*args, **kwargs)
                trace.texts[stage] = _joined(drafts)
                return drafts

            return inner

        return wrapper

    def judge(original: Any) -> Any:
        def inner(drafts: Any, opinion: Any) -> Any:
            verdict = original(drafts, opinion)
            kept = {id(d) for d in verdict.drafts}
            for draft in drafts:
                if id(draft) not in kept and draft.text:
                    trace.removed.append(("opinion", "second-opinion", draft.text))
            trace.texts["opinion"] = _joined(verdict.drafts)
            return verdict

        return inner

    def named(rule: str, original: Any, text_of: Callable[..., str]) -> Any:
        def inner(*args: Any, **kwargs: Any) -> Any:
            result = original(*args, **kwargs)
            if result:
                name = result if isinstance(result, str) else rule
                trace.removed.append(("text-rules", name, text_of(*args)))
            return result

        return inner

    wrap(pipeline, "split_from_article", split)
    wrap(pipeline, "strip_furniture", strip)
    wrap(pipeline, "build_drafts", drafts_after("blocks"))
    wrap(pipeline, "judge", judge)
    wrap(pipeline, "refine", drafts_after("text-rules"))
    wrap(assemble, "is_furniture_text", lambda o: named("furniture-text", o, lambda t: t))
    wrap(assemble, "furniture_rule", lambda o: named("", o, lambda t, *_: t))
    wrap(assemble, "repeat_rule", lambda o: named("title-repeat", o, lambda t, *_: t))
    wrap(assemble, "is_byline_line", lambda o: named("byline-line", o, lambda t, *_: t))
    try:
        yield
    finally:
        for (module, name), original in saved.items():
            setattr(module, name, original)


def trace_page(source: str, name: str = "page") -> tuple[Trace, str]:
    """The trace of extracting ``source``, and the article's text."""
    trace = Trace()
    root = lxml.html.fromstring(source)
    body = root.find("body")
    trace.texts["page"] = (body if body is not None else root).text_content()
    with traced(trace):
        article = pipeline.extract(
            RawDocument(source=name, kind=DocumentKind.HTML, text=source), Limits()
        )
    trace.texts["assembly"] = article.text
    return trace, article.text


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.casefold())


def _shingles(tokens: list[str], n: int = 4) -> set[str]:
    return {" ".join(tokens[i : i + n]) for i in range(max(0, len(tokens) - n + 1))}


def lost_runs(trace: Trace, expected: str) -> list[tuple[str, str]]:
    """(stage, text) of each run of expected tokens lost at one stage."""
    tokens = _tokens(expected)
    present = {
        stage: _shingles(_tokens(trace.texts.get(stage, "")))
        for stage in STAGES
        if stage in trace.texts
    }
    stages = [s for s in STAGES if s in present]
    lost_at: list[str | None] = []
    for i in range(max(0, len(tokens) - 3)):
        shingle = " ".join(tokens[i : i + 4])
        where = None
        for stage in stages:
            if shingle not in present[stage]:
                where = stage
                break
        lost_at.append(where)
    runs: list[tuple[str, str]] = []
    start = 0
    while start < len(lost_at):
        stage = lost_at[start]
        end = start
        while end < len(lost_at) and lost_at[end] == stage:
            end += 1
        if stage is not None:
            runs.append((stage, " ".join(tokens[start : end + 3])))
        start = end
    return runs


def _rule_for(run: str, trace: Trace, stage: str) -> str:
    words = set(run.split())
    best, best_share = "", 0.0
    for where, rule, text in trace.removed:
        if where != stage or not text:
            continue
        theirs = set(_tokens(text))
        share = len(words & theirs) / max(1, len(words))
        if share > best_share:
            best, best_share = rule, share
    return best if best_share >= 0.5 else ""


def report(folder: Path, min_tokens: int, extra: bool) -> dict[str, int]:
    source = (folder / "source.html").read_text(encoding="utf-8", errors="replace")
    expected = lxml.html.fromstring(
        (folder / "expected.html").read_text(encoding="utf-8")
    ).text_content()
    trace, text = trace_page(source, folder.name)
    totals: dict[str, int] = {}
    print(f"== {folder.name}")
    for stage, run in lost_runs(trace, expected):
        size = len(run.split())
        rule = _rule_for(run, trace, stage) if stage in ("html-rules", "text-rules") else ""
        key = f"{stage}:{rule}" if rule else stage
        totals[key] = totals.get(key, 0) + max(0, size - 3)
        if size >= min_tokens:
            print(f"  lost [{key}] {size} tokens: {run[:160]}")
    if extra:
        wanted = _shingles(_tokens(expected))
        for block in text.split("\n\n"):
            got = _shingles(_tokens(block))
            if got and len(got - wanted) >= max(1, len(got) // 2):
                print(f"  extra {len(got - wanted)} shingles: {' '.join(block.split())[:160]}")
    print("  lost shingles by stage: " + ", ".join(f"{k} {v}" for k, v in sorted(totals.items())))
    return totals


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def report_snippets(tdev: Path, name: str, entry: dict[str, Any]) -> dict[str, int]:
    from reader.loaders.document import document_from_bytes

    path = tdev / "html" / name
    doc = document_from_bytes(
        path.read_bytes(), source=name, name=name, filename=name, limits=Limits()
    )
    try:
        trace, text = trace_page(doc.text, name)
    except Exception as error:  # a page with no article: every snippet is lost
        print(f"== {name}: {error}")
        return {}
    texts = {stage: _squeeze(t) for stage, t in trace.texts.items()}
    totals: dict[str, int] = {}
    final = _squeeze(text)
    print(f"== {name}")
    for snippet in (_squeeze(s) for s in entry.get("with") or [] if s.strip()):
        if snippet in final:
            continue
        stage = next((s for s in STAGES if s in texts and snippet not in texts[s]), None)
        if stage is None:
            continue
        rule = _rule_for(" ".join(_tokens(snippet)), trace, stage)
        key = f"{stage}:{rule}" if rule else stage
        totals["lost " + key] = totals.get("lost " + key, 0) + 1
        print(f"  lost [{key}]: {snippet[:150]}")
    for snippet in (_squeeze(s) for s in entry.get("without") or [] if s.strip()):
        if snippet in final:
            totals["leaked"] = totals.get("leaked", 0) + 1
            print(f"  leaked: {snippet[:150]}")
    return totals


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="+", type=Path, help="corpus page folders (names)")
    parser.add_argument("--tdev", type=Path, help="trafilatura-eval-dev: pages are names")
    parser.add_argument("--min-tokens", type=int, default=6, help="shortest run listed")
    parser.add_argument("--extra", action="store_true", help="list extra blocks too")
    args = parser.parse_args(argv)
    overall: dict[str, int] = {}
    if args.tdev is not None:
        import json

        evaldata = json.loads((args.tdev / "evaldata.json").read_text(encoding="utf-8"))
        entries = {e["file"]: e for e in evaldata.values()}
        for name in args.pages:
            if name.name not in entries:
                print(f"not in evaldata.json: {name.name}", file=sys.stderr)
                return 2
            for key, count in report_snippets(args.tdev, name.name, entries[name.name]).items():
                overall[key] = overall.get(key, 0) + count
        print("all pages:")
        for key, count in sorted(overall.items(), key=lambda item: -item[1]):
            print(f"  {key:32s} {count}")
        return 0
    for folder in args.pages:
        if not (folder / "source.html").is_file() or not (folder / "expected.html").is_file():
            print(f"not a corpus page: {folder}", file=sys.stderr)
            return 2
        for key, count in report(folder, args.min_tokens, args.extra).items():
            overall[key] = overall.get(key, 0) + count
    if len(args.pages) > 1:
        print("all pages, lost shingles by stage:")
        for key, count in sorted(overall.items(), key=lambda item: -item[1]):
            print(f"  {key:32s} {count}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
