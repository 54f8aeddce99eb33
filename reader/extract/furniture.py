"""Page furniture: breadcrumbs, share bars, view counters, ratings, cookie notices,
newsletter boxes. Recognised by text (works for text dumps too) and, in HTML, by the
names pages give such boxes."""

from __future__ import annotations

import re

import lxml.html

from reader.extract.inline import collapse

_WIDGET_WORDS = (
    r"views?|shares?|share\s+(?:this|on)(?:\s+\w+){0,2}|tweet|print|e-?mail|save[ds]?|"
    r"bookmark|listen(?:\s+to\s+this\s+article)?|comments?|reply|likes?|follow(?:\s+us)?|"
    r"subscribe|advertisement|advertising|sponsored(?:\s+content)?|ad|"
    r"skip\s+to\s+(?:main\s+)?content|back\s+to\s+top|menu|close|loading|"
    r"continue\s+reading|read\s+more|show\s+more|load\s+more|see\s+more|copy\s+link|"
    r"link\s+copied|facebook|twitter|linkedin|whatsapp|pinterest|reddit|flipboard|"
    r"telegram|messenger|sms|x|gift\s+this\s+article|font\s+size|text\s+size|a\+|a-"
)
_WIDGET = re.compile(
    rf"^(?:{_WIDGET_WORDS})\s*[:(]?\s*(?:[\d.,]+\s*[kKmM]?)?\s*\)?[.!:…]*$", re.IGNORECASE
)
_SHARE_WORD = re.compile(rf"^(?:{_WIDGET_WORDS})$", re.IGNORECASE)
_RATING = re.compile(
    r"^(?:[A-Za-z][\w ]{0,24}[!.]?\s*\(\s*\d[\d,.\s]*\)"
    r"|[★☆✩✪✫✬✭✮✯✰⭐\s]+(?:\(\s*\d[\d,.]*\s*\))?"
    r"|(?:rating|rated|score)\s*:?\s*\d+(?:[.,]\d+)?\s*(?:/|out\s+of)\s*\d+.*"
    r"|\d(?:[.,]\d)?\s+out\s+of\s+5(?:\s+stars)?.*)$",
    re.IGNORECASE,
)
_BREADCRUMB_LEAD = re.compile(r"^(?:current|you\s+are\s+here|location)\s*:", re.IGNORECASE)
_CRUMB_SEPARATOR = re.compile(r"\s*(?:>|›|»|→|/|\\)\s*")
_COOKIE = re.compile(
    r"\b(?:we|this\s+(?:site|website)|our\s+(?:site|website|partners))\s+uses?\s+cookies\b"
    r"|\b(?:accept|allow|reject|manage)\s+(?:all\s+)?cookies\b"
    r"|\bcookies?\s+(?:policy|settings|preferences|consent|notice)\b",
    re.IGNORECASE,
)
_NEWSLETTER = re.compile(
    r"\b(?:sign\s*up|subscribe)\b.{0,40}\bnewsletters?\b"
    r"|\bnewsletters?\b.{0,40}\b(?:sign\s*up|subscribe)\b"
    r"|\benter\s+your\s+e-?mail(?:\s+address)?\b"
    r"|\bget\s+the\s+latest\b.{0,60}\b(?:delivered|inbox)\b",
    re.IGNORECASE,
)
_FURNITURE_TOKENS = frozenset(
    {
        "breadcrumb",
        "breadcrumbs",
        "crumbs",
        "share",
        "sharing",
        "sharebar",
        "shares",
        "social",
        "socialshare",
        "newsletter",
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "rating",
        "ratings",
        "subscribe",
        "subscription",
    }
)
_CAPTION_TOKENS = frozenset(
    {
        "caption",
        "captions",
        "figcaption",
        "credit",
        "credits",
        "photocredit",
        "imagecredit",
        "copyright",
        "bildunterschrift",
        "bildnachweis",
        "bildquelle",
        "legende",
        "legend",
        "didascalia",
        "pie",
        "wp-caption-text",
    }
)
_MAX_CAPTION_TEXT = 400
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
_MAX_FURNITURE_TEXT = 600
# A notice is a sentence or two; longer text mentioning cookies is about cookies.
_MAX_NOTICE_TEXT = 280


def is_breadcrumb(text: str) -> bool:
    if _BREADCRUMB_LEAD.match(text):
        return True
    parts = [p for p in _CRUMB_SEPARATOR.split(text) if p]
    if len(parts) < 2 or len(text) > 150:
        return False
    if not re.search(r"\s(?:>|›|»|→)\s|^home\s*(?:>|›|»|/)", text, re.IGNORECASE):
        return False
    return all(len(p.split()) <= 5 for p in parts)


def is_furniture_text(text: str) -> bool:
    """True for a whole block or line that is page furniture, not article."""
    text = text.strip()
    if not text:
        return False
    if len(text) <= 80:
        if _WIDGET.match(text) or _RATING.match(text) or is_breadcrumb(text):
            return True
        words = re.split(r"[\s|·•,/]+", text)
        if len(words) >= 2 and all(not w or _SHARE_WORD.match(w) for w in words):
            return True
    if len(text) > _MAX_NOTICE_TEXT:
        return False
    return bool(_COOKIE.search(text) or _NEWSLETTER.search(text))


def names_of(element: lxml.html.HtmlElement) -> set[str]:
    """The words of an element's class, id, aria-label and data-component."""
    names = " ".join(
        element.get(attr) or "" for attr in ("class", "id", "aria-label", "data-component")
    )
    if not names.strip():
        return set()
    return set(_TOKEN_SPLIT.split(names.lower()))


def caption_tokens(tokens: set[str]) -> bool:
    """True for the names of a caption or a picture credit."""
    return bool(tokens & _CAPTION_TOKENS)


def is_orphan_caption(element: lxml.html.HtmlElement, tokens: set[str]) -> bool:
    """A caption or photo credit whose image is not there (a slideshow's, a video's
    that is not shown): text about a picture nobody sees. A box that holds a heading
    or several paragraphs is a section of the article whatever its name says
    ("no_caption", a gallery's slide)."""
    if element.tag != "figcaption" and not caption_tokens(tokens):
        return False
    if len(collapse(element.text_content())) > _MAX_CAPTION_TEXT:
        return False
    if next(element.iter(*_HEADINGS), None) is not None:
        return False
    # Two paragraphs or a list are a gallery's text (the article), not a caption.
    if sum(1 for _ in element.iter("p", "ul", "ol")) >= 2:
        return False
    holder = next(element.iterancestors("figure"), None)
    if holder is None:
        holder = element.getparent()
    return holder is not None and next(holder.iter("img", "picture", "svg", "video"), None) is None


def furniture_boxes(article: lxml.html.HtmlElement) -> list[tuple[lxml.html.HtmlElement, str]]:
    """The furniture boxes of the article tree, each with the name of the rule it
    breaks ("orphan-caption" or "named-box"), outermost first."""
    found = []
    for element in article.iter():
        if not isinstance(element.tag, str) or element is article:
            continue
        tokens = names_of(element)
        if is_orphan_caption(element, tokens):
            found.append((element, "orphan-caption"))
            continue
        if not tokens & _FURNITURE_TOKENS:
            continue
        if len(collapse(element.text_content())) <= _MAX_FURNITURE_TEXT:
            found.append((element, "named-box"))
    return found


def strip_furniture(article: lxml.html.HtmlElement) -> None:
    """Remove furniture boxes from the article tree: elements named like share bars,
    breadcrumbs, cookie or newsletter boxes whose text is short enough to be one, and
    captions or credits whose image is not in the article."""
    for element, _ in furniture_boxes(article):
        if element.getparent() is not None:
            element.drop_tree()
