"""Code blocks: their text with line breaks and indentation, and their language."""

from __future__ import annotations

import re
import textwrap

import lxml.html

from reader.extract.inline import scrub
from reader.extract.tags import SKIPPED_TAGS


def code_text(pre: lxml.html.HtmlElement) -> str:
    """The code in ``pre``: ``<br>`` as line breaks, common indentation and blank edge
    lines removed, no trailing spaces, no control characters."""
    pieces: list[str] = []
    _pre_text(pre, pieces)
    return _tidy_code("".join(pieces))


def _pre_text(element: lxml.html.HtmlElement, out: list[str]) -> None:
    if element.text:
        out.append(element.text)
    for child in element:
        tag = child.tag.lower() if isinstance(child.tag, str) else None
        if tag == "br":
            out.append("\n")
        elif tag is not None and tag not in SKIPPED_TAGS:
            _pre_text(child, out)
        if child.tail:
            out.append(child.tail)


def _tidy_code(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.isprintable():
        text = "\n".join(scrub(line) for line in text.split("\n"))
    lines = [line.rstrip() for line in textwrap.dedent(text).split("\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()
    if not lines:
        return ""
    lines[0] = lines[0].lstrip()
    return "\n".join(lines)


_LANGUAGE_PREFIXES = ("language-", "lang-", "highlight-source-", "highlight-")
_BRUSH = re.compile(r"\bbrush:\s*([\w+#.-]+)", re.IGNORECASE)


def code_language(pre: lxml.html.HtmlElement) -> str | None:
    candidates = [pre, *pre.iter("code")]
    for element in candidates:
        declared = element.get("data-lang") or element.get("data-language")
        if declared:
            return _language_name(declared)
        classes = element.get("class") or ""
        brush = _BRUSH.search(classes)
        if brush:
            return _language_name(brush.group(1))
        for token in classes.split():
            lowered = token.lower()
            for prefix in _LANGUAGE_PREFIXES:
                if lowered.startswith(prefix) and len(lowered) > len(prefix):
                    return _language_name(lowered[len(prefix) :])
    parent = pre.getparent()
    if parent is not None:
        for token in (parent.get("class") or "").split():
            lowered = token.lower()
            if lowered.startswith(("highlight-source-", "language-")):
                return _language_name(lowered.split("-", 2)[-1])
    return None


def _language_name(value: str) -> str | None:
    name = "".join(ch for ch in value.strip().lower() if ch.isalnum() or ch in "+#-_.")
    return name[:30] or None
