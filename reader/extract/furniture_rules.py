"""Named rules for the furniture that survives inside an article body, in any of the
languages the reader meets most (English, German, French, Italian, Spanish).

Each rule looks at one block's text and where the block stands (the first and last
few blocks are where stamps, bios and copyright lines live); :func:`furniture_rule`
names the first rule a block breaks, so tests and debugging can tell them apart.
HTML-only rules (captions with no image) live in :mod:`reader.extract.furniture`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

EDGE_BLOCKS = 3
"""How many blocks at the start or the end count as "near the top / the end"."""
_SHORT = 160
_MONTHS = (
    r"jan(?:uary|uar|vier|naio|ero)?|feb(?:ruary|ruar)?|f[ée]v(?:rier)?|febbraio|febrero"
    r"|m[äa]r(?:ch|z|s)?|marzo|apr(?:il|ile)?|avr(?:il)?|abril|ma[iy]|mai|maggio|mayo"
    r"|jun(?:e|i)?|juin|giugno|junio|jul(?:y|i)?|juil(?:let)?|luglio|julio"
    r"|aug(?:ust)?|ao[uû]t|agosto|sep(?:t(?:ember)?)?|sept(?:embre)?|settembre|septiembre"
    r"|o[ck]t(?:ober|obre)?|ottobre|octubre|nov(?:ember|embre)?|novembre|noviembre"
    r"|de[cz](?:ember|embre)?|d[ée]c(?:embre)?|dicembre|diciembre"
)
_DATE = (
    rf"(?:\d{{1,2}}[./-]\s?\d{{1,2}}[./-]\s?\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}(?:T[\d:.+Z-]+)?"
    rf"|\d{{1,2}}\.?\s+(?:de\s+)?(?:{_MONTHS})\.?,?\s+(?:de\s+)?\d{{4}}|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?"
    rf"\s+\d{{4}}|(?:{_MONTHS})\.?\s+\d{{4}})"
)
_TIME = r"\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:uhr|h|[a-z]{2,4}t|utc|gmt|cet|cest))?"
_WEEKDAYS = (
    r"mon|tue|wed|thu|fri|sat|sun|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|luned[iì]|marted[iì]|mercoled[iì]"
    r"|gioved[iì]|venerd[iì]|sabato|domenica|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado"
    r"|domingo"
)
_STAMP_WORDS = re.compile(
    r"\b(?:(?:last\s+)?updated|published|posted|first\s+published|modified|created"
    r"|aktualisiert|zuletzt\s+aktualisiert|ver[öo]ffentlicht|erstellt|ge[äa]ndert|stand|datum"
    r"|publi[ée]e?|mis\s+[àa]\s+jour|modifi[ée]e?|pubblicato|aggiornato|aggiornamento"
    r"|publicado|actualizado|actualizaci[óo]n|fecha)\b",
    re.IGNORECASE,
)
_STAMP_FILLER = re.compile(
    rf"\b(?:{_WEEKDAYS})[a-z]*\.?|{_DATE}|{_TIME}|\b(?:on|at|am|um|uhr|le|[àa]|il|alle|ore|el|a"
    r"|las|de|del|den|the|of|h|mins?|minutes?|hours?|ago|vor|stunden?|minuten?)\b|[\s:,.|·•/–—()-]+",
    re.IGNORECASE,
)
_DATE_RE = re.compile(_DATE, re.IGNORECASE)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright\b).{0,120}|.{0,120}\b(?:all\s+rights\s+reserved|alle\s+rechte"
    r"\s+vorbehalten|tous\s+droits\s+r[ée]serv[ée]s|tutti\s+i\s+diritti\s+riservati"
    r"|todos\s+los\s+derechos\s+reservados)\b.{0,60}"
    # A reuse notice: "This material may not be published, broadcast, rewritten…".
    r"|.{0,160}\b(?:(?:material|article|content|text)\s+may\s+not\s+be\s+(?:re)?(?:published"
    r"|produced|distributed|copied)|(?:without|prior)\s+(?:the\s+)?(?:prior\s+|express\s+)?written"
    r"\s+permission|written\s+permission\s+must\s+be\s+obtained|nachdruck\s+(?:nur\s+mit|verboten)"
    r"|reproduction\s+interdite|riproduzione\s+riservata|prohibida\s+su\s+reproducci[óo]n)\b.{0,160}",
    re.IGNORECASE,
)
_MAX_COPYRIGHT = 320
_TAG_LINE = re.compile(
    r"^(?:tags?|tagged(?:\s+with)?|topics?|schlagw[öo]rter|stichw[öo]rter|themen|mots[\s-]cl[ée]s"
    r"|[ée]tiquettes|argomenti|etichette|temas|etiquetas|filed\s+under|categor(?:y|ies|ie|ías?))"
    r"\s*:",
    re.IGNORECASE,
)
_CONTACT = re.compile(
    r"\b(?:follow\s+(?:us|me|him|her|them)\s+on|folgen\s+sie\s+(?:uns|mir)|suivez[\s-]nous"
    r"|seguici\s+su|s[ií]guenos\s+en|(?:e-?mail|write\s+to|contact)\s+(?:the\s+)?(?:author|reporter"
    r"|writer|us)\b|(?:reach|contact)\s+(?:him|her|them|the\s+author)\s+at"
    r"|schreiben\s+sie\s+(?:uns|dem\s+autor)|[\w.+-]+@[\w-]+\.[\w.]+)",
    re.IGNORECASE,
)
_BIO = re.compile(
    r"^(?:[A-Z][\w'’-]+\s){1,3}(?:is|was)\s+(?:a|an|the)\s+(?:\w+\s){0,4}"
    r"(?:writer|reporter|journalist|correspondent|editor|contributor|columnist|author)\b"
    r"|^(?:[A-Z][\w'’-]+\s){1,3}(?:ist|war)\s+(?:\w+\s){0,3}(?:redakteur|redakteurin|journalist"
    r"|journalistin|korrespondent|korrespondentin|autor|autorin)\b"
    r"|^about\s+the\s+author\b|^über\s+(?:den\s+autor|die\s+autorin)\b|^(?:à\s+propos\s+de\s+l'auteur)",
    re.IGNORECASE,
)
_PROMO = re.compile(
    r"\bclick\s+here\b|^like\s+this:?$|^share\s+this:?$|^(?:gef[äa]llt\s+mir|teilen\s+mit):?$"
    r"|\b(?:jetzt|hier)\s+(?:abonnieren|anmelden|registrieren|bestellen)\b"
    r"|\bnewsletter\s+(?:abonnieren|bestellen)\b|\babonnez[\s-]vous\b|\biscriviti\b"
    r"|\bsuscr[ií]bete\b|\b(?:sign\s+up|subscribe)\s+(?:now|today|for\s+free|here)\b"
    r"|\bdownload\s+(?:our|the)\s+(?:[\w-]+\s+){0,3}apps?\b|\bapps?\s+herunterladen\b"
    r"|^(?:advertisement|anzeige|werbung|publicit[ée]|pubblicit[àa]|publicidad|reklama|annonce)$"
    # Paywall and log-in notices, embeds waiting for consent, downloads, ad disclosures.
    r"|\balready\s+a\s+subscriber\b|\bto\s+(?:read|view|continue)\b.{0,40}\b(?:subscribe|log\s+in"
    r"|sign\s+in)\b|\b(?:you\s+are|sie\s+sind)\s+(?:currently\s+|aktuell\s+)?(?:not\s+logged\s+in"
    r"|nicht\s+(?:eingeloggt|angemeldet))\b|\bklicken\s+sie\s+auf\s+den\s+(?:\w+\s+)?button\b"
    r"|\bclick\s+(?:on\s+)?the\s+(?:\w+\s+)?button\s+(?:below\s+)?to\s+load\b"
    r"|\bals\s+pdf\s+herunterladen\b|\bdownload\s+(?:as\s+(?:a\s+)?)?pdf\b"
    r"|^\*?(?:werbung|anzeige)\s*[.:]|\benth[äa]lt\s+(?:werbung|affiliate[\s-]links?)\b"
    r"|\baffiliate[\s-]links?\b|\brss[\s-]feed\s+abonnieren\b",
    re.IGNORECASE,
)
_RELATED_LABEL = re.compile(
    r"^(?:related(?:\s+(?:articles?|stories|content|coverage|reading))?|read\s+(?:more|also|next)"
    r"|see\s+also|more\s+(?:on\s+this|about\s+this|from|on)\b[^:]{0,40}|also\s+read|recommended"
    r"|lesen\s+sie\s+(?:auch|mehr|hier)|mehr\s+(?:zum\s+thema|dazu|lesen)|auch\s+interessant"
    r"|siehe\s+auch|das\s+k[öo]nnte\s+sie\s+auch\s+interessieren|lire\s+(?:aussi|[ée]galement|la\s+suite)"
    r"|[àa]\s+lire\s+(?:aussi|[ée]galement)|voir\s+aussi|sur\s+le\s+m[êe]me\s+sujet|leggi\s+anche"
    r"|leggi\s+(?:di\s+)?pi[ùu]|vedi\s+anche|lee\s+tambi[ée]n|leer\s+m[áa]s|ver\s+tambi[ée]n"
    r"|(?:te|le|les|os)\s+pueden?\s+interesar|m[áa]s\s+informaci[óo]n|auch\s+lesen"
    r"|(?:das|dies)\s+(?:thema\s+)?k[öo]nnte\s+(?:sie|dich|euch)\s+(?:auch\s+)?interessieren"
    r"|lesen\s+sie\s+auch(?:\s+\w+){1,3}|weitere\s+(?:beitr[äa]ge|artikel)(?:\s+\w+){0,3})"
    r"\s*[:：»>|–—-]",
    re.IGNORECASE,
)


_CREDIT_LINE = re.compile(
    r"^(?:(?:photo|image|picture|header\s+image|featured\s+image|cover\s+image)s?(?:\s+credits?)?"
    r"|credits?(?:\s+photos?)?|cr[ée]dits?\s+photos?|fotos?|fotocredits?|bild|titelbild"
    r"|beitragsbild|headerbild|bildquelle|bildnachweis|bildrechte|foto\s+de\s+portada)"
    r"\s*(?::|\b(?:by|von|par|de|di)\b)\s*(?P<rest>\S.*)$",
    re.IGNORECASE,
)
_CREDIT_WORDS = 10
"""Most words after a credit label ("Photo by Jane Doe on Unsplash")."""
_CREDIT_END = re.compile(
    r"(?:©|\(c\))\s*(?!\d)[^!?©\d]{1,60}$|\((?:[^()]{0,40}/\s*)?(?:[\w.-]*istock[\w.]*|getty\s+images"
    r"|dpa|afp|reuters|ap|shutterstock|imago|picture[\s-]alliance|unsplash|pixabay|adobe\s+stock"
    r"|fotolia(?:\.com)?)\)$",
    re.IGNORECASE,
)
_CAPTION_CHARS = 200
"""Longest paragraph read as a picture's caption when it ends with a credit…"""
_CAPTION_WORDS = 3
"""…and fewest words before the credit."""
_BYLINE_LABEL = re.compile(r"^(?:by|von|par|di|por|door|av)\s*:?\s+(?P<names>\S.*)$", re.IGNORECASE)
_NAME_WORD = re.compile(
    r"(?:[A-ZÀ-ÖØ-Þ][\w'’.-]*|and|und|et|y|e|&|van|von|de|der|den|da|di|du|le|la)"
)


_MORE_LABEL = (
    r"(?:read\s+more|continue\s+reading|more|mehr|weiterlesen|mehr\s+lesen|lire\s+la\s+suite"
    r"|lire\s+plus|leer\s+m[áa]s|seguir\s+leyendo|leggi\s+(?:tutto|di\s+pi[ùu]|altro))"
)
_TEASER = re.compile(
    rf"(?:…|[.!?])\s*{_MORE_LABEL}(?:\s+{_MORE_LABEL})*\s*[»›>→]*$",
    re.IGNORECASE,
)
_TEASER_CHARS = 400


_TOGGLE = re.compile(
    r"^(?:(?:show|read|see)\s+)?(?:more|less)|(?:mehr|weniger)(?:\s+anzeigen)?|plus|moins"
    r"|(?:mostra\s+)?(?:altro|meno)|(?:ver\s+)?(?:m[áa]s|menos)|[+−-]\s*(?:more|less)$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Place:
    """Where a block stands among the article's blocks."""

    index: int
    count: int

    @property
    def near_top(self) -> bool:
        return self.index < EDGE_BLOCKS

    @property
    def near_end(self) -> bool:
        return self.index >= self.count - EDGE_BLOCKS


def is_stamp_line(text: str) -> bool:
    """ "Updated 5:27 am CST, Feb 3, 2019", "Aktualisiert am 3. März 2021", "12.03.2021"."""
    if len(text) > 120 or not _DATE_RE.search(text):
        return False
    rest = _STAMP_FILLER.sub(" ", _STAMP_WORDS.sub(" ", text))
    return not rest.split()


def is_copyright_line(text: str) -> bool:
    return len(text) <= _MAX_COPYRIGHT and bool(_COPYRIGHT.fullmatch(text.strip()))


def is_tag_line(text: str) -> bool:
    return len(text) <= 300 and bool(_TAG_LINE.match(text))


def is_contact_or_bio(text: str) -> bool:
    return len(text) <= 400 and bool(_CONTACT.search(text) or _BIO.search(text))


def is_promo(text: str) -> bool:
    return len(text) <= _SHORT and bool(_PROMO.search(text))


def is_credit_line(text: str) -> bool:
    """A picture credit on its own line ("Foto: dpa", "Photo by Jane Doe on Unsplash",
    "Crédits photos : Bestimage"), or a caption that ends with one ("The quay at
    dawn. © AFP / J. Doe", "… (mlharing / iStock.com)"): the text of a picture that
    is not shown."""
    match = _CREDIT_LINE.match(text)
    if match and len(text) <= 120 and len(match.group("rest").split()) <= _CREDIT_WORDS:
        return True
    credit = _CREDIT_END.search(text) if len(text) <= _CAPTION_CHARS else None
    # A caption before the credit: a line that is all copyright is another rule's.
    return (
        credit is not None
        and len(text[: credit.start()].split()) >= _CAPTION_WORDS
        and not _COPYRIGHT.fullmatch(text)
    )


def is_byline_label(text: str) -> bool:
    """ "By Jane Doe", "Von: Götz Warnke", "Par Marie Dupont et Jean Martin": a byline
    line (the header shows the author)."""
    match = _BYLINE_LABEL.match(text)
    if not match or len(text) > 80:
        return False
    words = [w for w in re.split(r"[\s,]+", match.group("names")) if w]
    return 0 < len(words) <= 8 and all(_NAME_WORD.fullmatch(w) for w in words)


def is_teaser(text: str) -> bool:
    """The cut start of another page's text with its "Read more" link ("Ever come home
    from a day of shopping and… Read more", "… Hintergründe. mehr")."""
    return len(text) <= _TEASER_CHARS and bool(_TEASER.search(text))


def is_toggle(text: str) -> bool:
    """A caption's or a box's "more" / "less" / "mehr" toggle, left as text."""
    return len(text) <= 20 and bool(_TOGGLE.fullmatch(text))


def is_related_line(text: str, link_chars: int) -> bool:
    """A "Related: <a>…</a>" / "Lesen Sie auch: …" paragraph: a related label and
    mostly link text."""
    match = _RELATED_LABEL.match(text)
    if not match or len(text) > 300:
        return False
    rest = len(text) - match.end()
    return rest <= 0 or link_chars >= rest * 0.5


_Rule = Callable[[str, Place, int], bool]
RULES: tuple[tuple[str, _Rule], ...] = (
    ("stamp-line", lambda t, p, _: (p.near_top or p.near_end) and is_stamp_line(t)),
    ("copyright-line", lambda t, p, _: p.near_end and is_copyright_line(t)),
    ("tag-line", lambda t, p, _: p.near_end and is_tag_line(t)),
    ("contact-or-bio", lambda t, p, _: p.near_end and is_contact_or_bio(t)),
    ("byline-line", lambda t, p, _: (p.near_top or p.near_end) and is_byline_label(t)),
    ("promo", lambda t, p, _: is_promo(t)),
    ("credit-line", lambda t, p, _: is_credit_line(t)),
    ("teaser", lambda t, p, _: is_teaser(t)),
    ("toggle", lambda t, p, _: is_toggle(t)),
    ("related-line", lambda t, p, links: is_related_line(t, links)),
)
"""(name, rule): rule(text, place, characters of link text) is True for furniture."""


def furniture_rule(text: str, place: Place, link_chars: int = 0) -> str | None:
    """The name of the first rule ``text`` breaks at ``place``, or None."""
    text = " ".join(text.split())
    if not text:
        return None
    for name, rule in RULES:
        if rule(text, place, link_chars):
            return name
    return None


# --- the title or subtitle repeated as the first block ---------------------------------

_SQUASH = re.compile(r"[\W_]+")
_TITLE_SEPARATOR = re.compile(r"\s+[|·•–—:-]{1,2}\s+")
_MIN_REPEAT = 8
"""Squashed characters a part of the title needs before a block equal to it is
dropped (a block "News" is not the repeat of a title "News | Site"; a block
equal to the whole title is, however short)."""


def _squash(text: str) -> str:
    return _SQUASH.sub("", text.casefold())


def title_keys(title: str) -> frozenset[str]:
    """The forms a page's title takes in its body: whole, or one part of "Title |
    Site" / "Site – Title" (whatever the separator), squashed."""
    parts = _TITLE_SEPARATOR.split(title)
    keys = (
        {key for key in map(_squash, parts) if len(key) >= _MIN_REPEAT} if len(parts) > 1 else set()
    )
    whole = _squash(title)
    return frozenset(keys | ({whole} if whole else set()))


def repeat_rule(text: str, title: str) -> str | None:
    """``"title-repeat"`` for a block that restates the page's title (the title block
    shows it), else None.

    A block that restates the subtitle stays: the subtitle is the article's own words
    (a standfirst heading, or the lead paragraph the page copied into its
    description), and the title block leaves out a standfirst the text already has
    (``reader.title_block.standfirst``), so it is never shown twice."""
    key = _squash(text)
    if key and title and key in title_keys(title):
        return "title-repeat"
    return None
