"""Isolate the article body with readability-lxml, on the tree we already parsed.

Two things differ from calling ``Document(html).summary()``:

* the page is not parsed again: readability gets our tree (its cleaner works on a deep
  copy, which is cheaper than a parse) and hands back its result as a tree, not as a
  string we would have to parse a third time;
* readability measures text with a helper that runs three regular expressions over
  every element's text, again for each ancestor; that alone is half its run time. Our
  copy of its methods sees a helper giving the same lengths from one C-level
  split/join. The library module itself is left untouched;
* its cleaner (lxml's general-purpose ``Cleaner``, a fifth of its run time) is replaced
  by one doing only what is left to do on our tree, whose parse already dropped
  comments, processing instructions, scripts and styles; and readability is given no
  URL, so it does not rewrite every link of the copy to an absolute one (another
  tenth): our block walker resolves the links it keeps against the page's base.
"""

from __future__ import annotations

import copy
import logging
import re
import types
from typing import Any
from urllib.parse import unquote_plus

import lxml.html
import readability.readability as _readability
from lxml import etree
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


# lxml's test for a link it empties: a script scheme, or inline data that is not a
# base64 raster image (an SVG can hold script).
_DATA_IMAGE = re.compile(r"data:image/(.{1,255}?);base64,", re.IGNORECASE)
_SCRIPT_SCHEME = re.compile(r"(javascript|jscript|livescript|vbscript|data|about|mocha):", re.I)
_SCRIPTABLE_IMAGE = re.compile(r"xml|svg", re.IGNORECASE)
_LINK_SPACE = re.compile(r"[\s\x00-\x08\x0B\x0C\x0E-\x19]+")


def _scripted(link: str) -> bool:
    link = _LINK_SPACE.sub("", unquote_plus(link))
    images = _DATA_IMAGE.findall(link)
    if any(_SCRIPTABLE_IMAGE.search(kind) for kind in images):
        return True
    return len(_SCRIPT_SCHEME.findall(link)) > len(images)


class _TreeCleaner:
    """What ``readability.cleaners.html_cleaner`` does to our parsed tree: a copy
    without scripts, styles, stylesheet links, comments and processing instructions,
    without event-handler and inline style attributes, and with scripted picture
    sources emptied (as lxml's cleaner does; scripted links it also empties are left
    to our block walker, which keeps no such link)."""

    def clean_html(self, doc: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
        doc = copy.deepcopy(doc)
        lxml.html.xhtml_to_html(doc)
        for image in doc.iter("image"):
            image.tag = "img"
        etree.strip_elements(
            doc,
            "script",
            "style",
            "link",
            etree.Comment,
            etree.ProcessingInstruction,
            with_tail=False,
        )
        for element in doc.iter(etree.Element):
            attrib = element.attrib
            for name in [n for n in attrib if n.startswith("on") or n == "style"]:
                del attrib[name]
            source = attrib.get("src")
            if source and ":" in source and _scripted(source):
                attrib["src"] = ""
        return doc


_GLOBALS: dict[str, Any] = dict(vars(_readability))
_GLOBALS.update(clean=_collapse, text_length=_text_length, html_cleaner=_TreeCleaner())


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


def isolate_article(root: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    """The article body as a ``<div>`` holding the blocks readability kept.

    ``root`` itself is only touched where readability drops hidden elements
    (``hidden``, ``display: none``), which nobody should read anyway."""
    # No URL: readability would make every link of its copy absolute, which the block
    # walker does for the links it keeps (``urls.clean_url``).
    document = _ArticleDocument(root, handle_failures="discard")
    try:
        document.summary(html_partial=True)
    except _readability.Unparseable as error:
        raise ExtractError(f"no article found ({error})") from None
    if document.article is None:
        raise ExtractError("no article found")
    return document.article
