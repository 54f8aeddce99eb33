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
import functools
import logging
import re
import types
from typing import Any
from urllib.parse import unquote_plus

import lxml.html
import readability.readability as _readability
from lxml import etree
from lxml.etree import tounicode
from lxml.html import fragment_fromstring
from readability import Document
from readability.readability import REGEXES as _REGEXES

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
            names = element.keys()
            if not names:  # most elements: no attribute proxy made for them
                continue
            for name in names:
                if name.startswith("on") or name == "style":
                    del element.attrib[name]
            source = element.get("src")
            if source and ":" in source and _scripted(source):
                element.set("src", "")
        return doc


def _no_description(*_args: object, **_kwargs: object) -> str:
    return ""


_GLOBALS: dict[str, Any] = dict(vars(_readability))
# ``describe`` and ``text_content`` only feed its debug log lines, which are built
# whether or not anything is logged (a walk up the tree per call, 100,000s a batch).
_GLOBALS.update(
    clean=_collapse,
    text_length=_text_length,
    html_cleaner=_TreeCleaner(),
    describe=_no_description,
    text_content=_no_description,
)

# The tags readability's ``divToPElementsRe`` finds in the markup of a div's children
# (``<(blockquote|dl|div|img|ol|p|pre|table|ul)``, any case, so any tag starting so:
# "p" covers "pre"). Serialised, the only "<" followed by a letter opens an element:
# text and attribute values are escaped, scripts and styles are gone by then.
_BLOCK_PREFIXES = ("blockquote", "dl", "div", "img", "ol", "p", "table", "ul")
_BLOCK_TAG = _REGEXES["divToPElementsRe"]
# The shortcuts below read these patterns as plain word lists; a library that changed
# them is asked through its own patterns.
_AS_READ = _BLOCK_TAG.pattern == "<(blockquote|dl|div|img|ol|p|pre|table|ul)" and all(
    re.fullmatch(r"[a-z-]+(?:\|[a-z-]+)*", _REGEXES[key].pattern)
    for key in ("unlikelyCandidatesRe", "okMaybeItsACandidateRe")
)


def _is_block(tag: str) -> bool:
    if _AS_READ and tag.isascii():
        return tag.lower().startswith(_BLOCK_PREFIXES)
    return _BLOCK_TAG.match("<" + tag) is not None


_IN_CODE = etree.XPath("ancestor-or-self::pre | ancestor-or-self::code")
_HOLDS_ARTICLE = etree.XPath(
    "descendant-or-self::main | descendant-or-self::article | descendant-or-self::math"
)
_UNLIKELY = tuple(_REGEXES["unlikelyCandidatesRe"].pattern.split("|"))
_MAYBE_OK = tuple(_REGEXES["okMaybeItsACandidateRe"].pattern.split("|"))


@functools.lru_cache(maxsize=16384)
def _unlikely(names: str) -> bool:
    """readability's test of an element's class and id (``unlikelyCandidatesRe`` and
    not ``okMaybeItsACandidateRe``, both lists of words searched in any case). The same
    class comes back on element after element, and an ASCII one, nearly all, needs no
    regular expression."""
    if _AS_READ and names.isascii():
        lowered = names.lower()
        return any(w in lowered for w in _UNLIKELY) and not any(w in lowered for w in _MAYBE_OK)
    return bool(
        _REGEXES["unlikelyCandidatesRe"].search(names)
        and not _REGEXES["okMaybeItsACandidateRe"].search(names)
    )


def _holding_blocks(root: lxml.html.HtmlElement) -> set[lxml.html.HtmlElement]:
    """The elements of ``root`` with a block element somewhere below them."""
    holding: set[lxml.html.HtmlElement] = set()
    for element in root.iter(etree.Element):
        if not _is_block(element.tag):
            continue
        for ancestor in element.iterancestors():
            if ancestor in holding:
                break  # and so are all of its ancestors
            holding.add(ancestor)
    return holding


_BASE_TAGS = ("base", "{http://www.w3.org/1999/xhtml}base")
_LIBRARY_PARSE = types.FunctionType(Document._parse.__code__, _GLOBALS, "_parse")

_INLINE_TAGS = frozenset(
    ("a", "b", "cite", "code", "em", "font", "i", "small", "span", "strong", "sub", "sup", "u")
)


class _ArticleDocument(Document):
    """readability's Document, returning its result as a tree (``article``)."""

    article: lxml.html.HtmlElement | None = None

    # The two methods below do what the library's do, in the same order, with the same
    # result; they differ in how they look (see the comments), which was a third of
    # readability's run time.

    def _parse(self, input: Any) -> lxml.html.HtmlElement:
        if not isinstance(input, lxml.html.HtmlElement) or self.url:
            return _LIBRARY_PARSE(self, input)
        # The library's steps for our tree and no URL, with one walk where it takes
        # two: hidden elements and ``display: none`` ones are dropped in one pass (the
        # same elements go: each is in the page or inside one that goes), and the
        # ``<base>`` tags lxml finds with a two-path XPath are found by one iteration.
        doc = input
        self.encoding = "utf-8"
        for elem in doc.xpath("//*[@hidden or @style]"):
            if elem.get("hidden") is not None or _REGEXES["displayNoneRe"].search(
                elem.get("style") or ""
            ):
                elem.drop_tree()
        doc = _GLOBALS["html_cleaner"].clean_html(doc)
        base_href = None
        for base in [b for b in doc.iter(*_BASE_TAGS) if b.get("href") is not None]:
            base_href = base.get("href")
            base.drop_tree()
        if base_href:
            doc.make_links_absolute(
                base_href, resolve_base_href=False, handle_failures=self.handle_failures
            )
        return doc

    def remove_unlikely_candidates(self) -> None:
        # Only an element with a class or an id can look unlikely; the library formats
        # and searches a string for every element of the page.
        for elem in self.html.xpath(".//*[@class or @id]"):
            s = "{} {}".format(elem.get("class", ""), elem.get("id", ""))
            if len(s) < 2:
                continue
            if (
                _unlikely(s)
                and elem.tag not in ["html", "body"]
                and not _IN_CODE(elem)
                and not _HOLDS_ARTICLE(elem)
            ):
                elem.drop_tree()

    def transform_misused_divs_into_paragraphs(self) -> None:
        # The library serialises every div's children (and every inline child) to
        # search the markup for a block tag, again for each ancestor; one pass up from
        # the block elements answers all. Nothing below changes the answer: a div
        # becomes a p (both blocks), and the elements moved or added in one div are
        # never below a child looked at later.
        holding = _holding_blocks(self.html)
        for elem in self.html.findall(".//div"):
            if elem not in holding:
                elem.tag = "p"

        for elem in self.html.findall(".//div"):
            children = list(elem)
            paragraph = None
            if elem.text and elem.text.strip():
                p = fragment_fromstring("<p/>")
                p.text = elem.text
                elem.text = None
                elem.insert(0, p)
                paragraph = p

            for child in children:
                if child.tag == "br":
                    paragraph = None
                    continue
                if child.tag not in _INLINE_TAGS or child in holding:
                    paragraph = None
                    continue
                if paragraph is None:
                    paragraph = fragment_fromstring("<p/>")
                    child.addprevious(paragraph)
                paragraph.append(child)

            for pos, child in reversed(list(enumerate(elem))):
                if child.tail and child.tail.strip():
                    p = fragment_fromstring("<p/>")
                    p.text = child.tail
                    child.tail = None
                    elem.insert(pos + 1, p)
                if child.tag == "br":
                    child.drop_tree()

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
