"""Sentences and paragraphs of an article, for a passage cursor (no Textual here).

A *paragraph* is a block of the body, except that each list item and each line of a
code block or table counts as its own: those are what a reader points at. A
*sentence* is a piece of a paragraph ended by ``.``, ``!``, ``?`` or ``…`` (with any
closing quotes or brackets) before a space, by an ideographic full stop, or by a line
break; a period after an abbreviation or an initial ("Dr.", "U.S.", "J. Smith") ends
none. Headings, table rows and code lines are single sentences.

Sentences are found per paragraph when first asked for, so a 5,000-block article
costs nothing until the cursor moves, and then only the paragraphs it passes.
"""

from __future__ import annotations

import bisect
import re

from reader.models import Article, BlockKind, Span

_SENTENCE_END = re.compile(r"(?:[.!?…]+[\"'”’»)\]]*\s+|[。！？]+[」』”’)]*\s*|\n+)")
_ABBREVIATION = re.compile(
    r"(?:^|[\s(\"'“‘])(?:[A-Za-z]|(?:[A-Za-z]\.)+[A-Za-z]|Mr|Mrs|Ms|Dr|Prof|St|Mt|Gen|Sen"
    r"|Rep|Gov|Lt|Col|Capt|Sgt|Jr|Sr|Corp|Inc|Co|Ltd|Fig|Figs|Vol|pp|ca|cf|al"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|vs|approx|e\.g|i\.e)\.$"
)
"""A word before a period that does not end a sentence."""
_LOOKBEHIND = 14
_WHOLE_KINDS = frozenset({BlockKind.HEADING, BlockKind.FIGURE})
"""Blocks that are one sentence however they are punctuated."""
_LINE_KINDS = frozenset({BlockKind.LIST, BlockKind.CODE, BlockKind.TABLE})
"""Blocks whose lines (list items, code lines, table rows) are paragraphs."""


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def split_sentences(text: str, start: int, end: int) -> list[Span]:
    """The sentences of ``text[start:end]``, trimmed of surrounding space."""
    out: list[Span] = []
    first = start
    for match in _SENTENCE_END.finditer(text, start, end):
        stop = match.start()
        if "\n" not in match.group() and stop > start and text[stop - 1] not in "。！？":
            # "Dr. Smith": the word before the period, up to the period itself.
            word = text[max(start, stop - _LOOKBEHIND) : stop + 1]
            if match.group()[0] == "." and _ABBREVIATION.search(word):
                continue
            following = match.end()
            if following < end and text[following].islower():
                continue  # "e.g. this", "… and then": no new sentence starts lower case
        piece = _trim(text, first, match.end())
        if piece[1] > piece[0]:
            out.append(Span(*piece))
        first = match.end()
    piece = _trim(text, first, end)
    if piece[1] > piece[0]:
        out.append(Span(*piece))
    return out


class Passages:
    """Sentence and paragraph lookups over one article's text."""

    def __init__(self, article: Article) -> None:
        self.text = article.text
        self._paragraphs: list[Span] = []
        self._whole: list[bool] = []
        for block in article.blocks:
            if block.kind is BlockKind.RULE:
                continue
            if block.kind in _LINE_KINDS:
                for line in self._lines(block.start, block.end):
                    self._add(line, block.kind is not BlockKind.LIST)
            else:
                self._add(Span(block.start, block.end), block.kind in _WHOLE_KINDS)
        if not article.blocks:
            for line in self._lines(0, len(self.text)):
                self._add(line, False)
        self._starts = [p.start for p in self._paragraphs]
        self._ends = [p.end for p in self._paragraphs]
        self._sentences: dict[int, list[Span]] = {}

    def _lines(self, start: int, end: int) -> list[Span]:
        out: list[Span] = []
        position = start
        while position < end:
            newline = self.text.find("\n", position, end)
            stop = end if newline == -1 else newline
            out.append(Span(position, stop))
            position = stop + 1
        return out

    def _add(self, span: Span, whole: bool) -> None:
        start, end = _trim(self.text, span.start, span.end)
        if end > start:
            self._paragraphs.append(Span(start, end))
            self._whole.append(whole)

    # --- paragraphs ------------------------------------------------------------------

    @property
    def paragraph_count(self) -> int:
        return len(self._paragraphs)

    def _paragraph_index(self, offset: int) -> int:
        """The paragraph holding ``offset``, else the next one (the last at the end);
        -1 for an article without text."""
        if not self._paragraphs:
            return -1
        index = bisect.bisect_right(self._ends, offset)
        if index < len(self._paragraphs) and self._starts[index] <= offset:
            return index
        # Between paragraphs: the one after (before the first, at the end: the last).
        return min(index, len(self._paragraphs) - 1)

    def paragraph_at(self, offset: int) -> Span | None:
        index = self._paragraph_index(offset)
        return self._paragraphs[index] if index >= 0 else None

    def next_paragraph(self, offset: int) -> Span | None:
        """The paragraph starting after ``offset``."""
        index = bisect.bisect_right(self._starts, offset)
        return self._paragraphs[index] if index < len(self._paragraphs) else None

    def previous_paragraph(self, offset: int) -> Span | None:
        """The paragraph starting before ``offset``: the start of the current one when
        ``offset`` is inside it, else the one before."""
        index = bisect.bisect_left(self._starts, offset) - 1
        return self._paragraphs[index] if index >= 0 else None

    # --- sentences -------------------------------------------------------------------

    def sentences_of(self, index: int) -> list[Span]:
        found = self._sentences.get(index)
        if found is None:
            paragraph = self._paragraphs[index]
            if self._whole[index]:
                found = [paragraph]
            else:
                found = split_sentences(self.text, paragraph.start, paragraph.end)
            self._sentences[index] = found
        return found

    def sentence_at(self, offset: int) -> Span | None:
        """The sentence holding ``offset`` (the next one between sentences; the last one
        past the end of the text)."""
        index = self._paragraph_index(offset)
        if index < 0:
            return None
        sentences = self.sentences_of(index)
        ends = [s.end for s in sentences]
        position = bisect.bisect_right(ends, offset)
        return sentences[min(position, len(sentences) - 1)]

    def next_sentence(self, offset: int) -> Span | None:
        """The first sentence that starts after ``offset``."""
        index = max(0, self._paragraph_index(offset))
        while 0 <= index < len(self._paragraphs):
            for sentence in self.sentences_of(index):
                if sentence.start > offset:
                    return sentence
            index += 1
        return None

    def previous_sentence(self, offset: int) -> Span | None:
        """The last sentence that starts before ``offset``."""
        index = self._paragraph_index(offset)
        if index >= 0 and self._starts[index] >= offset:
            index -= 1
        while index >= 0:
            for sentence in reversed(self.sentences_of(index)):
                if sentence.start < offset:
                    return sentence
            index -= 1
        return None


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary to about ``limit`` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit)
    return flat[: cut if cut > limit // 2 else limit].rstrip(",;: ") + " …"


def first_words(text: str, words: int = 8, limit: int = 60) -> str:
    """The first ``words`` words of ``text`` on one line (a bookmark's default name)."""
    return shorten(" ".join(text.split()[:words]), limit)
