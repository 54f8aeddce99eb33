"""A second opinion on the article: trafilatura's view of the tree we already parsed.

readability-lxml stays the core (it keeps headings, lists, tables, code, links and
figures); trafilatura, which tells article text from furniture well, is asked what it
thinks the article is. Our blocks it does not have are dropped (quotes, code, tables,
figures, a heading followed by a kept block and the article's lead paragraph are
exempt: trafilatura drops or rewrites those itself), and when readability found much
less than trafilatura, its blocks are added in document order (the *rescue*).
trafilatura is imported on the first page that needs it: it costs a tenth of a second
of imports.
"""

from __future__ import annotations

import copy
import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import lxml.html

from reader.extract.blocks import Draft, build_drafts
from reader.models import BlockKind

MAX_INPUT_CHARS = 3_000_000
"""Largest page (decoded characters) handed to trafilatura: its run time grows much
faster than the page (minutes on a hostile 30 MB page)."""
MAX_INPUT_NODES = 60_000
"""Most elements handed to trafilatura, for the same reason."""
MIN_SECONDS_LEFT = 2.0
"""Time budget that must remain for the second opinion to run at all."""

_RESCUE_RATIO = 1.6
"""trafilatura's text must be this much longer than ours for the rescue."""
_RESCUE_COVER = 0.6
"""…and hold at least this share of our text's word trigrams."""
_REPLACE_RATIO = 1.3
_STUB_CHARS = 1500
"""Our article shorter than this is a stub: trafilatura's blocks after it are added."""
DROP_MAX_CHARS = 400
"""Longer blocks are kept even when trafilatura lacks them: it misses article text
more often than readability keeps that much furniture."""
_DROP_MIN_CHARS = 500
"""trafilatura's text must be at least this long (and cover ours) before it may drop
anything: a short answer means it failed on the page, not that ours is furniture."""
_DROP_COVER = 0.5
_PROSE_WORDS = 12
"""A block of at least this many words reads as a sentence of prose: the first block,
a paragraph that long, is the article's lead and is kept whatever trafilatura thinks
(``reads_as_lead``); a rescued run needs one such block (``_left_out``)."""
_LABEL_WORDS = 5
"""Most words of a label ("Step 2", "Finished terrarium")."""
ANCHOR_CHARS = 150
"""Blocks this long that both have mark the article's first and last paragraphs; only
blocks outside them are dropped (inside, trafilatura's gaps are captions and lists
more often than furniture)."""
EXEMPT = frozenset({BlockKind.QUOTE, BlockKind.CODE, BlockKind.TABLE, BlockKind.FIGURE})
_RUN_KEEPERS = EXEMPT | {BlockKind.HEADING}
"""Blocks that make a rescued run worth adding even without a sentence of prose."""
# Words; each CJK character counts as one (those scripts put no spaces between words).
_CJK = "\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af"
_WORD = re.compile(rf"[{_CJK}]|[^\W{_CJK}]+")
_TAGS = {
    "p": "p",
    "list": "ul",
    "item": "li",
    "quote": "blockquote",
    "code": "pre",
    "row": "tr",
    "cell": "td",
    "lb": "br",
    "ref": "a",
    "del": "s",
}
_HI = {"#b": "b", "#i": "i", "#u": "u", "#t": "code", "#sup": "sup", "#sub": "sub"}

logging.getLogger("trafilatura").setLevel(logging.CRITICAL)


@dataclass(frozen=True, slots=True)
class Opinion:
    drafts: list[Draft]
    """trafilatura's article as block drafts, in document order."""
    text: str


@dataclass(frozen=True, slots=True)
class Verdict:
    drafts: list[Draft]
    rescued: bool
    """trafilatura's blocks were added: readability had found much less."""
    dropped: int
    """Our blocks dropped because trafilatura lacked them."""


def too_large(text_chars: int, nodes: int) -> bool:
    """True for a page too large to hand to trafilatura (checked before the call)."""
    return text_chars > MAX_INPUT_CHARS or nodes > MAX_INPUT_NODES


_given = threading.local()


def _readability_given(original: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """trafilatura's ``try_readability``, answering with the article our readability
    step already isolated when ``ask`` was given one (trafilatura would otherwise run
    its own copy of readability over the page again, to compare with its result)."""

    def try_readability(tree: Any) -> Any:
        article = getattr(_given, "article", None)
        return original(tree) if article is None else copy.deepcopy(article)

    return try_readability


def _trafilatura() -> Any:
    import trafilatura
    import trafilatura.external

    if not getattr(trafilatura.external.try_readability, "_ours", False):
        patched = _readability_given(trafilatura.external.try_readability)
        patched._ours = True  # type: ignore[attr-defined]
        trafilatura.external.try_readability = patched
    return trafilatura


def ask(
    root: lxml.html.HtmlElement,
    base: str | None,
    readability_view: lxml.html.HtmlElement | None = None,
) -> Opinion | None:
    """trafilatura's article in ``root`` (which it changes: hand it a tree nobody needs
    afterwards), or None when it found none or failed. ``readability_view`` is
    readability's article of the same page, which trafilatura compares its own with."""
    trafilatura = _trafilatura()
    _given.article = readability_view
    try:
        result = trafilatura.bare_extraction(
            root,
            # No URL: its links stay as the page wrote them and our block walker
            # resolves them against the page's base as it does ours (trafilatura's own
            # resolution, per link, cost a tenth of its run time and turned "#" and
            # script links into links to the site's home page).
            url=None,
            include_comments=False,
            include_tables=True,
            include_formatting=True,
            include_links=True,
            with_metadata=False,
            # Any format but "python" hands back its tree without also writing it out
            # as plain text (a tenth of its run time), which is never read here.
            output_format="xml",
        )
    except Exception:  # a failure of the second opinion leaves the first one standing
        return None
    finally:
        _given.article = None
    body = getattr(result, "body", None)
    if body is None or not len(body):
        return None
    html = _to_html(body)
    drafts = [d for d in build_drafts(html, base) if d.text]
    text = "\n\n".join(d.text for d in drafts)
    return Opinion(drafts, text) if text else None


def _to_html(body: lxml.etree._Element) -> lxml.html.HtmlElement:
    """trafilatura's XML (``<head rend="h2">``, ``<list>``, ``<hi rend="#b">``…) as the
    HTML our block walker reads."""
    for element in body.iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if tag == "head":
            rend = element.get("rend") or "h2"
            element.tag = rend if re.fullmatch(r"h[1-6]", rend) else "h2"
        elif tag == "hi":
            element.tag = _HI.get(element.get("rend") or "", "span")
        elif tag == "ref":
            element.tag = "a"
            if element.get("target"):
                element.set("href", element.get("target") or "")
        elif tag == "graphic":
            element.tag = "span"
        else:
            element.tag = _TAGS.get(tag, tag if tag in ("table", "body") else "div")
        if tag == "list" and element.get("rend") in ("ol", "1", "decimal"):
            element.tag = "ol"
    body.tag = "div"
    return lxml.html.fromstring(lxml.html.tostring(body, encoding="unicode"))


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.casefold())
    if len(words) < 3:
        return {tuple(words)} if words else set()
    return set(zip(words, words[1:], words[2:], strict=False))


def _share(grams: set[tuple[str, ...]], within: set[tuple[str, ...]]) -> float:
    return len(grams & within) / len(grams) if grams else 1.0


def judge(ours: list[Draft], opinion: Opinion | None) -> Verdict:
    """Our drafts, corrected by trafilatura's opinion (see the module docstring)."""
    if opinion is None:
        return Verdict(ours, False, 0)
    theirs = _trigrams(opinion.text)
    our_text = "\n\n".join(d.text for d in ours)
    mine = _trigrams(our_text)
    cover = _share(mine, theirs)
    if len(opinion.text) > len(our_text) * _RESCUE_RATIO and cover >= _RESCUE_COVER:
        return Verdict(_rescue(ours, opinion), True, 0)
    if cover < _RESCUE_COVER and len(opinion.text) > len(our_text) * _REPLACE_RATIO:
        # readability chose another part of the page, and a smaller one.
        return Verdict(_rescue(ours, opinion, replace=True), True, 0)
    if len(opinion.text) < _DROP_MIN_CHARS or cover < _DROP_COVER:
        return Verdict(ours, False, 0)
    kept = _drop(ours, lambda d: _share(_trigrams(d.text), theirs) >= 0.5)
    return Verdict(kept, False, len(ours) - len(kept))


def _drop(drafts: list[Draft], agreed: Callable[[Draft], bool]) -> list[Draft]:
    agree = [d.kind in EXEMPT or not d.text or agreed(d) for d in drafts]
    lead = next((i for i, d in enumerate(drafts) if d.text), None)
    if lead is not None and reads_as_lead(drafts[lead]):
        agree[lead] = True
    anchors = [i for i, d in enumerate(drafts) if agree[i] and len(d.text) >= ANCHOR_CHARS]
    anchors = anchors or [i for i, a in enumerate(agree) if a]
    first, last = (anchors[0], anchors[-1]) if anchors else (len(drafts), -1)
    keep = [
        agree[i] or first < i < last or len(d.text) > DROP_MAX_CHARS for i, d in enumerate(drafts)
    ]
    # A label between two blocks it has stays: trafilatura drops "Step 2" as it does
    # headings.
    texts = [i for i, d in enumerate(drafts) if d.text]
    for before, index, after in zip(texts, texts[1:], texts[2:], strict=False):
        if not keep[index] and agree[before] and agree[after] and is_label(drafts[index]):
            keep[index] = True
    # A heading stays when the next block does (trafilatura often drops headings).
    for index in range(len(drafts) - 1, -1, -1):
        if drafts[index].kind is BlockKind.HEADING and not keep[index]:
            keep[index] = next(
                (keep[j] for j in range(index + 1, len(drafts)) if drafts[j].text), False
            )
    return [d for d, k in zip(drafts, keep, strict=True) if k]


def is_label(draft: Draft) -> bool:
    """A paragraph that reads as a heading: a few words, no sentence ("Step 2")."""
    return (
        draft.kind is BlockKind.PARAGRAPH
        and len(_WORD.findall(draft.text)) <= _LABEL_WORDS
        and not draft.text.rstrip().endswith((".", "!", "?", ":", "…"))
    )


def _left_out(run: list[Draft], our_chars: int, *, between: bool) -> bool:
    """Whether a run of its blocks is not added to our (not stub) article: a run
    between two of ours that holds more text than our whole article is no gap in it (a
    gallery, a list of teasers), and a run without one sentence of prose or a heading
    is furniture (player controls, "View photo")."""
    if our_chars < _STUB_CHARS:
        return False
    if between and sum(len(d.text) for d in run) > our_chars:
        return True
    return not any(d.kind in _RUN_KEEPERS or _reads_as_prose(d) for d in run)


def _reads_as_prose(draft: Draft) -> bool:
    return len(_WORD.findall(draft.text)) >= _PROSE_WORDS


def reads_as_lead(draft: Draft) -> bool:
    """An article's first block written as a sentence or more: its lead, or standfirst,
    which trafilatura often leaves out (it sits apart from the body, in the header)."""
    return draft.kind is BlockKind.PARAGRAPH and _reads_as_prose(draft)


def _rescue(ours: list[Draft], opinion: Opinion, replace: bool = False) -> list[Draft]:
    """trafilatura's blocks in its order, each replaced by ours where ours has it (ours
    keep their structure); our blocks it lacks stay after the block before them.

    Its blocks past the last one we share are teasers of other pages as often as the
    rest of the article, so they are added only when ours is short (a stub); a run of
    its blocks between two of ours that outweighs our whole article is left out."""
    grams = [_trigrams(d.text) for d in ours]
    our_chars = sum(len(d.text) for d in ours)
    everything: set[tuple[str, ...]] = set().union(*grams) if grams else set()
    merged: list[Draft] = []
    pending: list[Draft] = []
    next_ours = 0
    for draft in opinion.drafts:
        theirs = _trigrams(draft.text)
        match = next(
            (
                j
                for j in range(next_ours, len(ours))
                if (grams[j] and _share(grams[j], theirs) >= 0.5) or _share(theirs, grams[j]) >= 0.8
            ),
            None,
        )
        if match is None:
            if _share(theirs, everything) < 0.5:
                pending.append(draft)
            continue
        if replace or not _left_out(pending, our_chars, between=next_ours > 0):
            merged.extend(pending)
        pending = []
        merged.extend(ours[next_ours : match + 1])
        next_ours = match + 1
    if replace:
        return [*merged, *pending]
    merged.extend(ours[next_ours:])
    if our_chars < _STUB_CHARS or next_ours == 0:
        merged.extend(pending)
    return merged
