"""Inline text with marks: whitespace collapsed as it is written, marks tracked on the fly.

The canonical text never starts or ends with whitespace, holds single spaces between
words (or one ``\\n`` where a line break was asked for), and carries no control
characters, soft hyphens or zero-width spaces. Mark offsets are relative to the text
being built.
"""

from __future__ import annotations

import re

from reader.models import Mark, MarkKind
from reader.sanitize import clean

# Invisible characters that would only break search and word counts.
_INVISIBLE = str.maketrans("", "", "\xad\u200b\u2060\ufeff")


def scrub(text: str) -> str:
    """``text`` without escape sequences, control characters and invisible characters."""
    if text.isprintable():
        return text
    return clean(text).translate(_INVISIBLE)


def collapse(text: str | None) -> str:
    """``text`` on one line: whitespace runs become one space, ends trimmed."""
    if not text:
        return ""
    return " ".join(scrub(text).split())


_ASCII_SPACE = re.compile(r"[ \t\n\r\f\v]+")


def tidy(text: str | None) -> str:
    """Like :func:`collapse`, but typographic spaces (no-break, ideographic) are kept:
    for titles and other one-line fields the page wrote on purpose."""
    if not text:
        return ""
    return _ASCII_SPACE.sub(" ", scrub(text)).strip()


class Inline:
    """Builds one run of inline text and its marks."""

    __slots__ = ("_open", "buf", "length", "marks", "sep")

    def __init__(self) -> None:
        self.buf: list[str] = []
        self.length = 0
        self.sep = ""
        self.marks: list[Mark] = []
        self._open: list[list] = []  # [kind, start or None, href]

    def add(self, text: str | None) -> None:
        if not text:
            return
        text = scrub(text)
        words = text.split()
        if not words:
            if text:
                self.space()
            return
        if text[0].isspace():
            self.space()
        if self.length and self.sep:
            self.buf.append(self.sep)
            self.length += len(self.sep)
        self.sep = ""
        for mark in self._open:
            if mark[1] is None:
                mark[1] = self.length
        joined = words[0] if len(words) == 1 else " ".join(words)
        self.buf.append(joined)
        self.length += len(joined)
        if text[-1].isspace():
            self.sep = " "

    def space(self) -> None:
        if self.sep != "\n":
            self.sep = " "

    def newline(self) -> None:
        self.sep = "\n"

    def open_mark(self, kind: MarkKind, href: str | None = None) -> None:
        self._open.append([kind, None, href])

    def close_mark(self) -> None:
        kind, start, href = self._open.pop()
        if start is not None and self.length > start:
            self.marks.append(Mark(kind, start, self.length, href))

    def take(self) -> tuple[str, list[Mark]]:
        """The text so far and its marks; the builder starts over empty, and marks still
        open continue into whatever comes next."""
        text = "".join(self.buf)
        marks = self.marks
        for kind, start, href in self._open:
            if start is not None and self.length > start:
                marks.append(Mark(kind, start, self.length, href))
        marks.sort(key=lambda m: (m.start, -m.end))
        self.buf = []
        self.length = 0
        self.sep = ""
        self.marks = []
        for mark in self._open:
            mark[1] = None
        return text, marks

    def __bool__(self) -> bool:
        return self.length > 0
