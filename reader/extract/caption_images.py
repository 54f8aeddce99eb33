"""Captions whose picture readability dropped get it back, as one figure block.

readability often keeps a caption (``<figcaption>``, ``class="media-caption"``) and
drops the picture beside it: a ``<div>`` holding only an image scores as clutter. The
caption then reads as an orphan (``furniture.is_orphan_caption``) and would be removed
as text about a picture nobody sees, although the picture is on the page. Before the
furniture rules run, such a caption is joined with its picture into a ``<figure>``:
the picture beside it in the article (readability kept both, but apart), else a copy
of the one beside the same caption on the page. A caption whose picture is on neither
(a slideshow's, a video's that is not shown) stays an orphan.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator

import lxml.html

from reader.extract.furniture import caption_tokens, is_orphan_caption, names_of
from reader.extract.inline import collapse

_MAX_STEPS = 3
"""Siblings before a caption looked at for its picture (wrappers and spacers
between them)."""
_PICTURES = ("img", "picture")
_CELLS = frozenset({"td", "th", "li", "dd", "dt"})


def _is_pixel(image: lxml.html.HtmlElement) -> bool:
    return image.get("width") in ("0", "1") or image.get("height") in ("0", "1")


def _picture_in(element: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The first real picture in ``element`` (itself included); a ``<picture>``'s
    ``<img>`` comes with its ``<picture>`` (whose sources name its addresses)."""
    for image in element.iter("img"):
        if _is_pixel(image):
            continue
        parent = image.getparent()
        return parent if parent is not None and parent.tag == "picture" else image
    return None


def _before(caption: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """The elements just before ``caption`` where its picture would be: the caption's
    own earlier siblings, then its parent's (a caption wrapped in a ``<p>``)."""
    node = caption
    for _ in range(2):
        steps = 0
        for sibling in node.itersiblings(preceding=True):
            if not isinstance(sibling.tag, str):
                continue
            yield sibling
            steps += 1
            # Text before the picture is running text: the caption is not its.
            if steps >= _MAX_STEPS or collapse(sibling.text_content()):
                break
        parent = node.getparent()
        if parent is None or collapse(parent.text_content()) != collapse(caption.text_content()):
            return
        node = parent


def picture_for(caption: lxml.html.HtmlElement) -> lxml.html.HtmlElement | None:
    """The picture ``caption`` belongs to: in its ``<figure>``, else just before it."""
    figure = next(caption.iterancestors("figure"), None)
    if figure is not None:
        found = _picture_in(figure)
        if found is not None:
            return found
    for element in _before(caption):
        if any(collapse(c.text_content()) for c in element.iter("figcaption")):
            return None  # a figure with a caption of its own: its picture is taken
        if element.tag in _PICTURES or next(element.iter(*_PICTURES), None) is not None:
            found = _picture_in(element)
            if found is not None:
                return found
            return None
    return None


def _page_captions(root: lxml.html.HtmlElement) -> dict[str, list[lxml.html.HtmlElement]]:
    """The page's caption elements by their text."""
    found: dict[str, list[lxml.html.HtmlElement]] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "figcaption" or caption_tokens(names_of(element)):
            key = collapse(element.text_content())
            if key:
                found.setdefault(key, []).append(element)
    return found


def _same_caption(
    caption: lxml.html.HtmlElement, on_page: dict[str, list[lxml.html.HtmlElement]]
) -> lxml.html.HtmlElement | None:
    """The page's element for the article's ``caption``: same text, and the same tag
    and class where several have that text."""
    candidates = on_page.get(collapse(caption.text_content()), [])
    return next(
        (c for c in candidates if c.tag == caption.tag and c.get("class") == caption.get("class")),
        candidates[0] if candidates else None,
    )


def _orphans(article: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The orphan captions of the article, outer ones before those inside them."""
    return [
        element
        for element in article.iter()
        if isinstance(element.tag, str)
        and element is not article
        and is_orphan_caption(element, names_of(element))
    ]


def attach_caption_images(article: lxml.html.HtmlElement, page: lxml.html.HtmlElement) -> int:
    """Join each orphan caption of ``article`` with its picture, found beside it in the
    article or beside the same caption in ``page`` (the tree readability read); the
    number of captions that got their picture. When a box named like a caption
    (``class="caption-container"``) has no picture of its own, the captions inside it
    are looked at in turn."""
    orphans = _orphans(article)
    if not orphans:
        return 0
    on_page: dict[str, list[lxml.html.HtmlElement]] | None = None
    joined: list[lxml.html.HtmlElement] = []
    for caption in orphans:
        if any(ancestor in joined for ancestor in caption.iterancestors()):
            continue
        picture = picture_for(caption)
        if picture is None:
            if on_page is None:
                on_page = _page_captions(page)
            original = _same_caption(caption, on_page)
            found = picture_for(original) if original is not None else None
            picture = copy.deepcopy(found) if found is not None else None
            if picture is not None:
                picture.tail = None
        if picture is None:
            continue
        _join(caption, picture)
        joined.append(caption)
    return len(joined)


def _join(caption: lxml.html.HtmlElement, picture: lxml.html.HtmlElement) -> None:
    """Put ``picture`` and ``caption`` together in a ``<figure>`` where the caption
    was (inside the caption's own ``<figure>`` when it has one)."""
    holder = next(caption.iterancestors("figure"), None)
    if picture.getparent() is not None:
        # Moved, not copied: the article shows it once, with its caption.
        tail = picture.tail
        picture.tail = None
        parent = picture.getparent()
        previous = picture.getprevious()
        parent.remove(picture)
        if tail:
            if previous is not None:
                previous.tail = (previous.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail
    if holder is not None:
        caption.addprevious(picture)
        return
    figure = lxml.html.Element("figure")
    if caption.tag in _CELLS:
        # A table cell or list item stays one: the figure goes inside it.
        inner = lxml.html.Element("figcaption")
        inner.text, caption.text = caption.text, None
        for child in list(caption):
            inner.append(child)
        figure.append(picture)
        figure.append(inner)
        caption.append(figure)
        return
    figure.tail = caption.tail
    caption.tail = None
    caption.addprevious(figure)
    figure.append(picture)
    if caption.tag != "figcaption":
        # The figure reads its caption from a <figcaption> or a "caption" class name.
        caption.tag = "figcaption"
    figure.append(caption)
