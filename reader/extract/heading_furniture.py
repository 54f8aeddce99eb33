"""Furniture inside headings and citation markers, in any of the languages the reader
meets most.

Wikis put an "[edit]" link after each heading ("[Bearbeiten]", "[modifier]",
"[editar]", "[modifica]"…) and documentation sites a permalink ("¶", "#", "🔗",
"Permalink"): links to the page's machinery, not part of the heading, its contents
entry or the text. :func:`heading_furniture` names the rule a heading's edge breaks;
:func:`strip_heading_edges` keeps the rest. In HTML the same things are recognised by
the names wikis and site generators give them (``mw-editsection``, ``headerlink``).

Wikipedia-style citation markers (``<sup class="reference"><a href="#cite_note-1">
[1]</a></sup>``) become superscripts (``¹``) in the canonical text: they point at a
footnote of the page itself, which the reader does not number as a link, and read as
footnote marks rather than bracketed numbers.
"""

from __future__ import annotations

import re

import lxml.html

from reader.extract.blocks import Draft
from reader.extract.inline import collapse
from reader.models import BlockKind, Mark

_EDIT_WORDS = (
    r"edit(?:\s+source)?|edit\s+section|bearbeiten|quelltext\s+bearbeiten|modifier"
    r"|modifier\s+le\s+code|modifica(?:\s+wikitesto)?|editar(?:\s+c[óo]digo(?:-fuente)?)?"
    r"|bewerken|brontekst\s+bewerken|edytuj(?:\s+kod)?|redigera|rediger|muokkaa"
    r"|upravit|szerkeszt[ée]s|d[üu]zenle|править|правка|редактировать|編集|编辑|編輯"
)
_EDIT_LINK = re.compile(
    rf"\[\s*(?:{_EDIT_WORDS})(?:\s*[|·]\s*(?:{_EDIT_WORDS}))*\s*\]", re.IGNORECASE
)
_EDIT_WORD = re.compile(rf"(?:{_EDIT_WORDS})", re.IGNORECASE)
_PERMALINK_WORDS = re.compile(
    r"[#¶§🔗⚓]|\U0001f517|permalink|permanent\s+link|link\s+to\s+(?:this\s+)?(?:section|heading)"
    r"|anchor|direktlink|lien\s+permanent|enlace\s+permanente|collegamento\s+permanente",
    re.IGNORECASE,
)
_TRAILING_EDIT = re.compile(rf"\s*(?:{_EDIT_LINK.pattern})\s*$", re.IGNORECASE)
_TRAILING_PERMALINK = re.compile(r"\s*(?:[¶§🔗⚓]|\U0001f517|(?<=\s)#)\s*$")
_LEADING_PERMALINK = re.compile(r"^(?:[¶§🔗⚓]|\U0001f517|#(?=\s))\s*")

_HTML_CLASSES = frozenset(
    {
        "mw-editsection",
        "editsection",
        "headerlink",
        "header-anchor",
        "heading-anchor",
        "anchor-link",
        "anchorjs-link",
        "permalink",
        "hash-link",
        "direct-link",
    }
)
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def heading_furniture(text: str) -> str | None:
    """The name of the rule the edge of heading ``text`` breaks: "edit-link" for a
    trailing "[edit]", "permalink" for a trailing or leading "¶" / "#" / "🔗"."""
    if _TRAILING_EDIT.search(text):
        return "edit-link"
    if _TRAILING_PERMALINK.search(text) or _LEADING_PERMALINK.match(text):
        return "permalink"
    return None


def strip_heading_edges(text: str) -> tuple[int, int]:
    """The range of heading ``text`` left once edit links and permalinks at its edges
    are taken off (the whole text when that would leave nothing)."""
    start, end = 0, len(text)
    while True:
        match = _TRAILING_EDIT.search(text, start, end) or _TRAILING_PERMALINK.search(
            text, start, end
        )
        if match is None or match.start() <= start:
            break
        end = match.start()
    match = _LEADING_PERMALINK.match(text, start, end)
    if match is not None and match.end() < end:
        start = match.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else (0, len(text))


def clean_heading(draft: Draft) -> Draft:
    """``draft`` without edit links and permalinks at its edges (headings only); its
    marks are cut to what is left."""
    if draft.kind is not BlockKind.HEADING or not draft.text:
        return draft
    start, end = strip_heading_edges(draft.text)
    if (start, end) == (0, len(draft.text)):
        return draft
    marks = [
        Mark(m.kind, max(m.start, start) - start, min(m.end, end) - start, m.href)
        for m in draft.marks
        if m.start < end and m.end > start
    ]
    draft.text = draft.text[start:end]
    draft.marks = [m for m in marks if m.end > m.start]
    return draft


# --- HTML ---------------------------------------------------------------------------


def _classes(element: lxml.html.HtmlElement) -> set[str]:
    return set((element.get("class") or "").lower().split())


_SMALL_TAGS = ("a", "span", "sup")
_MAX_LABEL = 40
"""Longest text an edit link or a permalink has ("[edit | edit source]")."""


def _named_furniture(element: lxml.html.HtmlElement) -> bool:
    """A small inline element named like an edit link or a permalink (a page's body
    may carry such a class name too, for other reasons)."""
    return (
        element.tag in _SMALL_TAGS
        and bool(_classes(element) & _HTML_CLASSES)
        and len(collapse(element.text_content())) <= _MAX_LABEL
    )


def _is_anchor_furniture(element: lxml.html.HtmlElement) -> bool:
    """An element inside a heading that is an edit link or a permalink."""
    if _named_furniture(element):
        return True
    if element.tag not in ("a", "span"):
        return False
    text = collapse(element.text_content())
    if not text:
        # An icon-only link to the heading itself (GitHub's octicon anchors).
        return element.tag == "a" and (element.get("href") or "").startswith("#")
    bare = text.strip("[]() ")
    return bool(
        _EDIT_LINK.fullmatch(text)
        or (element.tag == "a" and _EDIT_WORD.fullmatch(bare) and "edit" in _href_hint(element))
        or _PERMALINK_WORDS.fullmatch(bare)
    )


def _href_hint(element: lxml.html.HtmlElement) -> str:
    href = (element.get("href") or "").lower()
    return "edit" if "action=edit" in href or "veaction=edit" in href else href


def strip_anchor_furniture(article: lxml.html.HtmlElement) -> None:
    """Remove edit links and permalinks from the headings of the article tree (the
    wiki's ``mw-editsection`` spans wherever they are)."""
    doomed = [e for e in article.iter(*_SMALL_TAGS) if _named_furniture(e)]
    for heading in article.iter(*_HEADINGS):
        for element in heading.iterdescendants():
            if isinstance(element.tag, str) and _is_anchor_furniture(element):
                doomed.append(element)
    for element in doomed:
        if element.getparent() is not None:
            element.drop_tree()


_SUPERSCRIPTS = str.maketrans(
    "0123456789abcdefghijklmnoprstuvwxyz+-=()",
    "⁰¹²³⁴⁵⁶⁷⁸⁹ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ⁺⁻⁼⁽⁾",
)
_RAISED = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻ")
_CITATION = re.compile(r"\[\s*((?:[a-z]{1,5}\s?)?\d{1,4}|[a-z]{1,2})\s*\]", re.IGNORECASE)
CITATION_SEPARATOR = ","
"""Between two citation marks in a row (``¹⁸,¹⁹``), so they do not read as one."""


def superscript(label: str) -> str | None:
    """``label`` ("12", "a", "n 3") in superscript characters, or None when one of
    them has no superscript form."""
    squeezed = "".join(label.lower().split())
    if not squeezed or not all(ord(c) in _SUPERSCRIPTS for c in squeezed):
        return None
    return squeezed.translate(_SUPERSCRIPTS)


def _citation_label(sup: lxml.html.HtmlElement) -> str | None:
    """The label of a citation mark ``<sup>`` ("12" for "[12]"), or None when it is
    not one: a bracketed number or letter linking into the page itself."""
    match = _CITATION.fullmatch(collapse(sup.text_content()))
    if match is None:
        return None
    anchor = next(sup.iter("a"), None)
    internal = anchor is not None and (anchor.get("href") or "").startswith("#")
    if not internal and "reference" not in _classes(sup):
        return None
    return match.group(1)


def superscript_citations(article: lxml.html.HtmlElement) -> None:
    """Replace citation marks (``<sup><a href="#cite_note-1">[1]</a></sup>``) by
    their label in superscript characters, as plain text."""
    for sup in list(article.iter("sup")):
        label = _citation_label(sup)
        raised = superscript(label) if label is not None else None
        if raised is None:
            continue
        parent, previous = sup.getparent(), sup.getprevious()
        if parent is None:
            continue
        before = (previous.tail if previous is not None else parent.text) or ""
        if before and before[-1] in _RAISED:
            raised = CITATION_SEPARATOR + raised
        _replace_with_text(sup, raised)


def _replace_with_text(element: lxml.html.HtmlElement, text: str) -> None:
    parent = element.getparent()
    if parent is None:
        return
    tail = text + (element.tail or "")
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)
