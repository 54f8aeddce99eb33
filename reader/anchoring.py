"""Text anchors that survive re-extraction (the W3C Web Annotation selector model).

An anchor holds both a TextQuoteSelector (``exact`` with ``prefix``/``suffix`` context)
and a TextPositionSelector (``start``/``end``) over ``Article.text``. Highlights anchor a
range; reading positions, marks and bookmarks anchor a point (a short quote starting at
the offset), so they resume at the same passage whatever the terminal width.

When the text changes (a new extractor, whitespace, an edited page), :func:`locate` finds
the passage again, trying in order:

1. the quote exactly where it was, or exactly somewhere else (context and closeness pick
   among repeats), compared after normalising whitespace and typography;
2. an approximate match of the quote (bounded edit distance, Myers' bit-parallel
   algorithm) at candidate places voted for by exact seeds of the quote and its context.

Nothing matched is ``None``: the caller keeps the anchor as an orphan, never drops it.
Nothing here knows about the store or the screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

CONTEXT_CHARS = 32
"""Characters of prefix and suffix kept around a quote."""
POINT_QUOTE_CHARS = 32
"""Length of the quote that anchors a point (a reading position, mark or bookmark)."""

_MAX_OCCURRENCES = 400
"""Repeats of a quote examined; a quote repeated more is told apart by fuzzy context."""
_SHORT_QUOTE = 12
"""Quotes shorter than this need supporting context to be placed."""
_MAX_ERROR_RATE = 0.3
"""Largest edit distance accepted, as a share of the quote length."""
_END_CHARS = 32
"""Longest head and tail placed separately (a third of the quote when shorter)."""
_MIN_END_CHARS = 8
_SEED_LENGTH = 10
_MAX_SEED_HITS = 40
"""A seed found more often than this says nothing about where the quote is."""
_CANDIDATES = 6
_MAX_CONTEXT = 2 * CONTEXT_CHARS
"""Context used when placing: an imported anchor may carry far more, and comparing it
at every repeat of the quote would cost its length times the repeats."""
_MAX_FUZZY_QUOTE = 600
"""Longest quote matched approximately (the bit-parallel search costs the quote length
times the window); longer quotes are placed exactly, or by their ends."""


class AnchorMethod(StrEnum):
    POSITION = "position"
    """The text at the stored offsets is unchanged."""
    EXACT_NEAR = "exact-near"
    """The quote, exactly, close to where it was."""
    EXACT = "exact"
    """The quote, exactly, elsewhere in the text."""
    NORMALIZED = "normalized"
    """The quote with whitespace or typography changed."""
    ENDS = "ends"
    """The quote's first and last words, exactly, with text changed between them."""
    FUZZY = "fuzzy"
    """An approximate match of the quote and its context."""


@dataclass(frozen=True, slots=True)
class TextAnchor:
    """A passage of ``Article.text``: quote selector and position selector together."""

    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an anchor was found in a text, and how."""

    start: int
    end: int
    method: AnchorMethod
    score: float
    """1.0 for an exact match; lower for approximate ones."""


def range_anchor(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> TextAnchor:
    """The anchor of ``text[start:end]`` (a highlight)."""
    start = max(0, min(start, len(text)))
    end = max(start, min(end, len(text)))
    return TextAnchor(
        start=start,
        end=end,
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
    )


def point_anchor(text: str, offset: int, quote: int = POINT_QUOTE_CHARS) -> TextAnchor:
    """The anchor of a point (reading position, mark, bookmark): the passage starting at
    ``offset``, with the text before it as context. Resolve it with ``placement.start``."""
    offset = max(0, min(offset, len(text)))
    anchor = range_anchor(text, offset, min(len(text), offset + quote), CONTEXT_CHARS)
    return TextAnchor(anchor.start, anchor.end, anchor.exact, anchor.prefix, "")


def whole_quote(anchor: TextAnchor, text: str, placement: Placement) -> bool:
    """Whether ``placement`` holds all of the anchor's quote, as it was written
    (whitespace and typography aside). A quote whose words changed or went missing was
    placed approximately: the reader is told it *moved*, not that it is anchored."""
    return same_quote(anchor.exact, text[placement.start : placement.end])


def same_quote(quote: str, placed: str) -> bool:
    """Whether ``placed`` reads as ``quote`` (whitespace and typography aside)."""
    return _normalize_plain(placed).strip() == _normalize_plain(quote).strip()


def locate(anchor: TextAnchor, text: str) -> Placement | None:
    """Find ``anchor`` in ``text``; ``None`` when it cannot be placed (an orphan)."""
    return TextIndex(text).locate(anchor)


# --- normalisation -----------------------------------------------------------------

_FOLD = str.maketrans(
    "\u2018\u2019\u201a\u201b\u2032\u201c\u201d\u201e\u201f\u2033"
    "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2026",
    "'''''\"\"\"\"\"-------.",
)
_DROPPED = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


def _normalize(text: str) -> tuple[str, list[int]]:
    """Whitespace runs → one space, typographic quotes/dashes → ASCII, lower case,
    invisible characters dropped. Returns the text and, for each of its characters,
    the offset of the original character it came from."""
    chars: list[str] = []
    origin: list[int] = []
    in_space = False
    folded = text.translate(_FOLD)
    for i, ch in enumerate(folded):
        if ch.isspace():
            if not in_space:
                chars.append(" ")
                origin.append(i)
                in_space = True
            continue
        if ch in _DROPPED:
            continue
        in_space = False
        low = ch.lower()
        chars.append(low if len(low) == 1 else ch)
        origin.append(i)
    return "".join(chars), origin


def _normalize_plain(text: str) -> str:
    return _normalize(text)[0]


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


# --- searching -----------------------------------------------------------------------


class TextIndex:
    """One text prepared for placing many anchors (normalised once)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._norm: str | None = None
        self._origin: list[int] = []

    @property
    def norm(self) -> str:
        if self._norm is None:
            self._norm, self._origin = _normalize(self.text)
        return self._norm

    def _to_original(self, start: int, end: int) -> tuple[int, int]:
        norm = self.norm
        if not norm:
            return 0, 0
        if start >= len(norm):
            return len(self.text), len(self.text)
        orig_start = self._origin[start]
        orig_end = self._origin[end - 1] + 1 if end > start else orig_start
        return orig_start, orig_end

    def _to_norm(self, offset: int) -> int:
        """The normalised offset of the first kept character at or after ``offset``."""
        from bisect import bisect_left

        self.norm  # noqa: B018 - builds the index
        return bisect_left(self._origin, offset)

    def locate(self, anchor: TextAnchor) -> Placement | None:
        """Where ``anchor`` now is. The cost is bounded per anchor: linear in the text
        and the quote, whatever context the anchor carries."""
        if len(anchor.prefix) > _MAX_CONTEXT or len(anchor.suffix) > _MAX_CONTEXT:
            prefix = anchor.prefix[-_MAX_CONTEXT:]
            anchor = TextAnchor(
                anchor.start, anchor.end, anchor.exact, prefix, anchor.suffix[:_MAX_CONTEXT]
            )
        if not anchor.exact:
            return self._locate_empty(anchor)
        text = self.text
        if (
            text[anchor.start : anchor.end] == anchor.exact
            and text[max(0, anchor.start - len(anchor.prefix)) : anchor.start] == anchor.prefix
            and text[anchor.end : anchor.end + len(anchor.suffix)] == anchor.suffix
        ):
            return Placement(anchor.start, anchor.end, AnchorMethod.POSITION, 1.0)
        return self._locate_exact(anchor) or self._locate_ends(anchor) or self._locate_fuzzy(anchor)

    def locate_point(self, anchor: TextAnchor) -> int | None:
        """Where a point anchor (:func:`point_anchor`) now is: at its quote, or else
        right after its prefix when the passage it started was removed."""
        found = self.locate(anchor)
        if found is None and anchor.exact and anchor.prefix:
            found = self._locate_empty(TextAnchor(anchor.start, anchor.start, "", anchor.prefix))
        return None if found is None else found.start

    def _locate_empty(self, anchor: TextAnchor) -> Placement | None:
        """An empty quote (a point at the very end): place it after its prefix."""
        if not anchor.prefix:
            offset = min(anchor.start, len(self.text))
            return Placement(offset, offset, AnchorMethod.POSITION, 1.0)
        probe = TextAnchor(
            max(0, anchor.start - len(anchor.prefix)), anchor.start, anchor.prefix, "", ""
        )
        found = self.locate(probe)
        if found is None:
            return None
        return Placement(found.end, found.end, found.method, found.score)

    def _context_score(self, anchor: TextAnchor, n_start: int, n_end: int) -> float:
        """How well the text around a normalised match agrees with the stored context."""
        norm = self.norm
        prefix = _normalize_plain(anchor.prefix)
        suffix = _normalize_plain(anchor.suffix)
        weight = len(prefix) + len(suffix)
        if weight == 0:
            return 1.0
        before = norm[max(0, n_start - len(prefix)) : n_start]
        after = norm[n_end : n_end + len(suffix)]
        return (
            _similarity(prefix, before) * len(prefix) + _similarity(suffix, after) * len(suffix)
        ) / weight

    def _expected_norm_start(self, anchor: TextAnchor) -> int:
        return self._to_norm(min(anchor.start, len(self.text)))

    def _locate_exact(self, anchor: TextAnchor) -> Placement | None:
        quote = _normalize_plain(anchor.exact)
        found = self._locate_quote(anchor, quote)
        if found is None and quote.strip() != quote:
            found = self._locate_quote(anchor, quote.strip())  # whitespace at its ends went
        return found

    def _locate_quote(self, anchor: TextAnchor, quote: str) -> Placement | None:
        norm = self.norm
        if not quote.strip():
            return None
        expected = self._expected_norm_start(anchor)
        best: tuple[float, int, int] | None = None
        count = 0
        position = norm.find(quote)
        while position != -1 and count < _MAX_OCCURRENCES:
            count += 1
            context = self._context_score(anchor, position, position + len(quote))
            distance = abs(position - expected)
            # Context decides between repeats; closeness breaks ties and nudges near ones.
            score = context + 0.25 / (1.0 + distance / 1000.0)
            if best is None or score > best[0]:
                best = (score, position, distance)
            position = norm.find(quote, position + 1)
        if best is None:
            return None
        _, n_start, distance = best
        context = self._context_score(anchor, n_start, n_start + len(quote))
        if len(quote) < _SHORT_QUOTE and context < 0.5 and count > 1:
            return None  # a short quote repeated, with nothing around it to tell which one
        start, end = self._to_original(n_start, n_start + len(quote))
        if self.text[start:end] != anchor.exact:
            method = AnchorMethod.NORMALIZED
        elif distance <= max(500, len(norm) // 20):
            method = AnchorMethod.EXACT_NEAR
        else:
            method = AnchorMethod.EXACT
        return Placement(start, end, method, 1.0 if method != AnchorMethod.NORMALIZED else 0.99)

    def _locate_ends(self, anchor: TextAnchor) -> Placement | None:
        """A long quote with something inserted, removed or edited inside it: place its
        head and its tail, each with its own context, and take what lies between."""
        exact = anchor.exact
        size = min(_END_CHARS, len(exact) // 3)
        if size < _MIN_END_CHARS:
            return None
        head = TextAnchor(
            anchor.start, anchor.start + size, exact[:size], anchor.prefix, exact[size : 2 * size]
        )
        tail = TextAnchor(
            anchor.end - size, anchor.end, exact[-size:], exact[-2 * size : -size], anchor.suffix
        )
        first = self._locate_exact(head)
        last = self._locate_exact(tail) if first else None
        if first is None or last is None or last.end <= first.start:
            return None
        length = last.end - first.start
        if not len(exact) // 2 <= length <= len(exact) * 2 + 400:
            return None
        return Placement(first.start, last.end, AnchorMethod.ENDS, 0.9)

    # --- approximate -------------------------------------------------------------

    def _candidates(self, anchor: TextAnchor, quote: str) -> list[int]:
        """Normalised start offsets where the quote may begin, best voted first."""
        norm = self.norm
        prefix = _normalize_plain(anchor.prefix)
        suffix = _normalize_plain(anchor.suffix)
        votes: dict[int, int] = {}
        # Each seed (an exact piece of the context or the quote) votes for a start.
        pieces: list[tuple[str, int]] = []
        for offset in range(0, max(len(prefix) - _SEED_LENGTH + 1, 0), _SEED_LENGTH):
            pieces.append((prefix[offset : offset + _SEED_LENGTH], offset - len(prefix)))
        for offset in range(0, max(len(quote) - _SEED_LENGTH + 1, 1), _SEED_LENGTH):
            pieces.append((quote[offset : offset + _SEED_LENGTH], offset))
        for offset in range(0, max(len(suffix) - _SEED_LENGTH + 1, 0), _SEED_LENGTH):
            pieces.append((suffix[offset : offset + _SEED_LENGTH], len(quote) + offset))
        for piece, shift in pieces:
            if len(piece.strip()) < 4:
                continue
            hits: list[int] = []
            found = norm.find(piece)
            while found != -1 and len(hits) <= _MAX_SEED_HITS:
                hits.append(found)
                found = norm.find(piece, found + 1)
            if len(hits) > _MAX_SEED_HITS:
                continue
            for hit in hits:
                bucket = (hit - shift) // 16
                votes[bucket] = votes.get(bucket, 0) + 1
        expected = self._expected_norm_start(anchor)
        ranked = sorted(votes, key=lambda b: (-votes[b], abs(b * 16 - expected)))
        starts = [bucket * 16 for bucket in ranked[:_CANDIDATES]]
        if expected // 16 not in ranked[:_CANDIDATES]:
            starts.append(expected)
        return starts

    def _locate_fuzzy(self, anchor: TextAnchor) -> Placement | None:
        norm = self.norm
        quote = _normalize_plain(anchor.exact).strip()
        if len(quote) < _SHORT_QUOTE or not norm:
            return None  # a few letters, approximately, could be anywhere
        if len(quote) > _MAX_FUZZY_QUOTE:
            return None
        max_errors = max(1, int(len(quote) * _MAX_ERROR_RATE))
        slack = max_errors + 16
        best: tuple[float, int, int] | None = None
        for candidate in self._candidates(anchor, quote):
            lo = max(0, candidate - slack)
            hi = min(len(norm), candidate + len(quote) + slack)
            match = _best_substring(quote, norm, lo, hi, max_errors)
            if match is None:
                continue
            n_start, n_end, errors = match
            quote_score = 1.0 - errors / len(quote)
            context = self._context_score(anchor, n_start, n_end)
            if len(quote) < _SHORT_QUOTE * 2 and context < 0.5:
                continue  # a short approximate match needs its context to agree
            score = 0.75 * quote_score + 0.25 * context
            if best is None or score > best[0]:
                best = (score, n_start, n_end)
        if best is None:
            return None
        score, n_start, n_end = best
        whole_start = not anchor.prefix[-1:].isalnum() and quote[:1].isalnum()
        whole_end = not anchor.suffix[:1].isalnum() and quote[-1:].isalnum()
        n_start, n_end = _snap_to_words(norm, n_start, n_end, whole_start, whole_end)
        start, end = self._to_original(n_start, n_end)
        return Placement(start, end, AnchorMethod.FUZZY, round(score, 3))


def _snap_to_words(
    norm: str, start: int, end: int, whole_start: bool, whole_end: bool
) -> tuple[int, int]:
    """An approximate match may stop a letter or two inside a word; when the quote
    began or ended on a whole word, so does its placement."""
    if whole_start:
        while start > 0 and norm[start - 1].isalnum() and norm[start].isalnum():
            start -= 1
    if whole_end:
        while end < len(norm) and norm[end - 1].isalnum() and norm[end].isalnum():
            end += 1
    return start, end


def _myers_scores(pattern: str, text: str, anchored: bool = False) -> list[int]:
    """For each position j of ``text``, the least edit distance between ``pattern`` and
    a substring of ``text`` ending at j (Myers' bit-parallel algorithm). ``anchored``
    makes the substring start at 0 (plain edit distance to each prefix of ``text``)."""
    m = len(pattern)
    full = (1 << m) - 1
    high = 1 << (m - 1)
    peq: dict[str, int] = {}
    for i, ch in enumerate(pattern):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    pv, mv, score = full, 0, m
    scores: list[int] = []
    for ch in text:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & full) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | anchored) & full
        mh = (mh << 1) & full
        pv = mh | (~(xv | ph) & full)
        mv = ph & xv
        scores.append(score)
    return scores


def _best_substring(
    pattern: str, text: str, lo: int, hi: int, max_errors: int
) -> tuple[int, int, int] | None:
    """The substring of ``text[lo:hi]`` closest to ``pattern`` by edit distance, as
    ``(start, end, errors)``, or None when every one needs more than ``max_errors``."""
    window = text[lo:hi]
    if not window:
        return None
    ends = _myers_scores(pattern, window)
    errors = min(ends)
    if errors > max_errors:
        return None
    end = ends.index(errors) + 1
    # The start: the same search on the reversed strings, ending at our end.
    starts = _myers_scores(pattern[::-1], window[:end][::-1], anchored=True)
    back = starts.index(min(starts)) + 1
    start = end - back
    # Trim a leading/trailing space the alignment may have taken from the context.
    while start < end and window[start] == " " and not pattern.startswith(" "):
        start += 1
    while end > start and window[end - 1] == " " and not pattern.endswith(" "):
        end -= 1
    return lo + start, lo + end, errors


__all__ = [
    "CONTEXT_CHARS",
    "POINT_QUOTE_CHARS",
    "AnchorMethod",
    "Placement",
    "TextAnchor",
    "TextIndex",
    "locate",
    "point_anchor",
    "range_anchor",
    "same_quote",
    "whole_quote",
]
