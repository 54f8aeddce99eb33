"""Isolate the article body with readability-lxml, on the tree we already parsed.

Two things differ from calling ``Document(html).summary()``:

* the page is not parsed again: readability gets our tree (its cleaner works on a deep
  copy, which is cheaper than a parse) and hands back its result as a tree, not as a
  string we would have to parse a third time;
* readability measures text with a helper that runs three regular expressions over
  every element's text, again for each ancestor; that alone is half its run time. Our
  copy of its methods sees a helper giving the same lengths from one C-level
  split/join. The library module itself is left untouched.
"""

from __future__ import annotations

import logging
import types
from typing import Any

import lxml.html
import readability.readability as _readability
from lxml.etree import tounicode
from readability import Document

from reader.errors import ExtractError

# readability logs its failures with a traceback; with no logging configured Python
# would print that to stderr. Its failure reaches the user as one ExtractError line.
for _name in ("readability", "readability.readability", "htmldate"):
    logging.getLogger(_name).setLevel(logging.CRITICAL)

# Attributes readability strips from its result (cleaners.bad_attrs); stripping them in
# the tree keeps its retry-on-short-result length test close to the original.
_PRESENTATION_ATTRS = ("style", "width", "height", "color", "bgcolor", "background")


def _collapse(text: str) -> str:
    return " ".join(text.split())


def _text_length(element: lxml.html.HtmlElement) -> int:
    text = element.text_content()
    return len(" ".join(text.split())) if text else 0


_GLOBALS: dict[str, Any] = dict(vars(_readability))
_GLOBALS.update(clean=_collapse, text_length=_text_length)


class _ArticleDocument(Document):
    """readability's Document, returning its result as a tree (``article``)."""

    article: lxml.html.HtmlElement | None = None

    def get_clean_html(self) -> str:
        root = self.html
        for element in root.iter():
            attrib = element.attrib
            for name in _PRESENTATION_ATTRS:
                if name in attrib:
                    del attrib[name]
            for name in [n for n in attrib if n.startswith("on")]:
                del attrib[name]
        self.article = root
        return tounicode(root, method="html")


for _name, _member in vars(Document).items():
    if isinstance(_member, types.FunctionType) and _name not in vars(_ArticleDocument):
        setattr(
            _ArticleDocument,
            _name,
            types.FunctionType(
                _member.__code__, _GLOBALS, _name, _member.__defaults__, _member.__closure__
            ),
        )


def isolate_article(root: lxml.html.HtmlElement, base_url: str | None) -> lxml.html.HtmlElement:
    """The article body as a ``<div>`` holding the blocks readability kept.

    ``root`` itself is only touched where readability drops hidden elements
    (``hidden``, ``display: none``), which nobody should read anyway."""
    document = _ArticleDocument(root, url=base_url, handle_failures="discard")
    try:
        document.summary(html_partial=True)
    except _readability.Unparseable as error:
        raise ExtractError(f"no article found ({error})") from None
    if document.article is None:
        raise ExtractError("no article found")
    return document.article
