"""Photo credits and agency lines: names in them are the picture's makers and
sellers, not what the article is about ("AP Photo/Evan Vucci", "Photo: Ana Ruiz /
Reuters", "(Ellen M. Banner / The Seattle Times)", "Credit Harry Campbell")."""

from __future__ import annotations

import re

_AGENCIES = (
    r"(?:Getty\s+Images|AFP|Reuters|AP|EPA(?:-EFE)?|Agence\s+France-Presse|Shutterstock|"
    r"Bloomberg|Alamy|PA(?:\s+Wire)?|Xinhua|Anadolu|iStock(?:photo)?|NurPhoto|SOPA\s+Images)"
)
_CREDIT = re.compile(
    # "AP Photo/Evan Vucci", "Photo: X / Reuters", "Photograph by X", "Image credit: X"
    r"(?:\b(?:AP|AFP|Reuters)\s+)?\b(?:Photo(?:graph)?s?|Images?|Pictures?|Illustrations?|"
    r"Video|Credits?)(?:\s+(?:credit|courtesy))?\s*(?:by\b|:|/|\|)[^\n()]{0,80}"
    # "Credit Ashraf Shazly/Agence France-Presse" at the start of a line or sentence
    r"|(?:^|(?<=[\n.!?] ))Credits?\s+[A-Z][^\n()]{0,80}"
    # "© Provided by Business Insider Inc"
    r"|(?:©|\(c\)|Copyright)\s*(?:\d{4},?\s*)?(?:Provided\s+by\s+)?(?:[A-Z][\w.&'’-]*\s?){1,5}"
    # "(Ellen M. Banner / The Seattle Times)": a name and a publication in brackets
    r"|\([^()\n]{2,60}\s?/\s?[^()\n]{2,60}\)"
    # "Ashraf Shazly/Agence France-Presse — Getty Images", "X/AFP via Getty Images"
    rf"|(?:[A-Z][\w.'’-]*\s?){{1,4}}/\s?{_AGENCIES}\b[^\n()]{{0,40}}"
    # "(Reuters)" closing a caption
    rf"|\({_AGENCIES}\)(?=[ \t]*$)"
    rf"|\b{_AGENCIES}\s+via\s+Getty\s+Images|\bGetty\s+Images\b|\bShutterstock\b",
    re.MULTILINE,
)
_SENTENCE_IN_CREDIT = re.compile(r"[.!?]\s+[A-Z][a-z]+\s+[a-z]+\s+[a-z]+")
"""A credit stops where a sentence of prose begins."""


def credit_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The credits in ``text[start:end]``."""
    out: list[tuple[int, int]] = []
    for match in _CREDIT.finditer(text, start, end):
        s, e = match.span()
        prose = _SENTENCE_IN_CREDIT.search(text, s, e)
        if prose is not None:
            e = prose.start() + 1
        if e > s:
            out.append((s, e))
    return out
