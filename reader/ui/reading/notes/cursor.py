"""The passage cursor: sentence moves, a selection grown by sentences, and ``''``.

The article view owns a text offset, ``cursor``. This controller moves it a sentence
at a time (the view's own ``}``/``{`` move it a paragraph), draws the sentence under
it (the "passage" overlay) while the reader works with passages, and grows a
selection by whole sentences (the "selection" overlay). The view moves the cursor
too (it follows the view when the reader scrolls, a click puts it under the pointer,
``}`` and ``]`` jump): in passage mode the drawn sentence follows it, and while
selecting the selection grows to it.

It also keeps the position before the last jump for ``''``: ``g``, ``G``, ``n`` and
``N`` (the screen reports their keys before they run), and any cursor move of more
than a screen's height at once (a mark, a bookmark, a note, a heading from the
contents, the scrollbar dragged), so no way of jumping has to report itself;
scrolling, even a page at a time, never counts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.models import Article, SectionKind, Span
from reader.passages import Passages
from reader.ui.article_view.roles import Role

if TYPE_CHECKING:
    from reader.ui.article_view.view import ArticleView

PASSAGE_LAYER = "passage"
SELECTION_LAYER = "selection"
PASSAGE_ROLE = Role.CURSOR.value
SELECTION_ROLE = Role.SELECTION.value


class PassageCursor:
    def __init__(self, view: ArticleView) -> None:
        self.view = view
        self._article: Article | None = None
        self._passages: Passages | None = None
        self.shown = False
        """Passage mode: the sentence under the cursor is drawn."""
        self.anchor: Span | None = None
        """The sentence where the selection started (None: not selecting)."""
        self.selection: Span | None = None
        self.previous: int | None = None
        """Where the cursor was before the last jump."""
        self._expected: int | None = None
        self._line = 0
        """The cursor's row when it last moved (to measure the next move)."""

    # --- lifecycle --------------------------------------------------------------------

    def reset(self, article: Article | None) -> None:
        """A new article is shown (the view has dropped its overlays)."""
        self._article, self._passages = article, None
        self.shown = False
        self.anchor = self.selection = None
        self.previous = None
        self._expected = None
        self._line = 0
        if article is not None:
            # Fix the stacking order: a selection paints over the sentence, both over
            # highlights (set by the annotations first).
            self.view.set_overlay(PASSAGE_LAYER, [])
            self.view.set_overlay(SELECTION_LAYER, [])

    @property
    def passages(self) -> Passages | None:
        """The article's sentences, split on first use: a long article's take tens of
        milliseconds, which the first paint should not wait for."""
        if self._passages is None and self._article is not None:
            self._passages = Passages(self._article)
        return self._passages

    @property
    def selecting(self) -> bool:
        return self.anchor is not None

    @property
    def active(self) -> bool:
        """Passage mode or a selection: Esc leaves it."""
        return self.shown or self.selecting

    def cursor_moved(self, old: int, new: int) -> None:
        """The view's cursor changed (watched by the screen)."""
        line, self._line = self._line, self.view.cursor_line
        if new == self._expected:
            return
        # A page down moves the cursor one row less than the view's height.
        if abs(self._line - line) >= max(1, self.view.scrollable_content_region.height):
            self.previous = old
        if self.selecting:
            self._extend(new, moved_by_view=True)
        elif self.shown:
            self._draw()

    def relaid(self) -> None:
        """The rows changed (a reflow, a section folded): measure moves from here."""
        self._line = self.view.cursor_line

    # --- what is under the cursor -------------------------------------------------------

    def current(self) -> Span | None:
        """The sentence under the cursor; when the cursor only follows the top of the
        view, the first sentence that starts on screen."""
        passages = self.passages
        if passages is None:
            return None
        cursor = self.view.cursor
        sentence = passages.sentence_at(cursor)
        if sentence is None or self.active:
            return sentence
        top = self.view.top_offset()
        if sentence.start < top <= cursor:
            following = passages.next_sentence(sentence.start)
            if following is not None:
                return following
        return sentence

    def target(self) -> Span | None:
        """What ``h`` and ``a`` act on: the keyboard selection, else the mouse
        selection, else the sentence under the cursor."""
        if self.selection is not None:
            return self.selection
        mouse = self.mouse_selection()
        return mouse if mouse is not None else self.current()

    def mouse_selection(self) -> Span | None:
        """The text dragged over with the mouse, widened to whole words."""
        found = self.view.selected_span()
        if found is None:
            return None
        text = self.view.article.text if self.view.article else ""
        start, end = found
        while start > 0 and _wordy(text[start - 1]) and _wordy(text[start]):
            start -= 1
        while end < len(text) and _wordy(text[end - 1]) and _wordy(text[end]):
            end += 1
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return Span(start, end) if end > start else None

    def done_with_target(self) -> None:
        """After ``h``/``a``: drop the selections they used."""
        if self.selecting:
            self.anchor = self.selection = None
            self.view.set_overlay(SELECTION_LAYER, [])
        if self.view.text_selection is not None:
            self.view.screen.clear_selection()

    # --- moves -----------------------------------------------------------------------

    def move_sentence(self, forward: bool) -> None:
        passages = self.passages
        if passages is None:
            return
        if not self.active:
            self._place(self.current(), bell=False)
            return
        cursor = self.view.cursor
        span = passages.next_sentence(cursor) if forward else passages.previous_sentence(cursor)
        self._place(span)

    def toggle_selection(self) -> None:
        """``v``: start a selection at the sentence under the cursor, or drop it. The
        cursor's moves grow it: by sentence, and by paragraph with the view's own
        ``}``/``{`` (which land on the next paragraph; the selection stops before
        it, as vim's does)."""
        if self.selecting:
            self.anchor = self.selection = None
            self.view.set_overlay(SELECTION_LAYER, [])
            return
        sentence = self.current()
        if sentence is None:
            return
        self._place(sentence, bell=False)
        self.anchor = sentence
        self._extend(self.view.cursor, moved_by_view=False)

    def leave(self) -> None:
        """Esc: drop the selection, then passage mode."""
        if self.selecting:
            self.toggle_selection()
            return
        self.shown = False
        self.view.set_overlay(PASSAGE_LAYER, [])
        # Nothing of the cursor stays on screen: its row marker goes too, until it moves.
        self.view.cursor_hidden = True

    def show_at(self, offset: int) -> None:
        """Passage mode at ``offset`` (the cursor is already there)."""
        if self.passages is None:
            return
        self.shown = True
        self._draw()

    # --- jumps -----------------------------------------------------------------------

    def before_jump(self) -> None:
        """A jump is about to move the view (``g``, ``G``, ``n``…): ``''`` comes back
        here, however short the jump. The passage when one is shown, else the reading
        position (the top line)."""
        self.previous = self.view.cursor if self.shown else self.view.top_offset()

    def jump(self, offset: int, *, center: bool = False) -> None:
        """Go to ``offset`` (a mark, bookmark or note); ``''`` comes back."""
        self.before_jump()
        self._expected = offset
        try:
            self.view.scroll_to_offset(offset, center=center)
        finally:
            self._expected = None

    def jump_back(self) -> bool:
        """``''``: back to where the last jump started (and ``''`` again returns)."""
        if self.previous is None:
            return False
        self.jump(self.previous)
        return True

    # --- internals ---------------------------------------------------------------------

    def _place(self, span: Span | None, *, bell: bool = True) -> None:
        if span is None:
            if bell:
                self.view.app.bell()
            return
        view = self.view
        self._open_sections_at(span.start)
        self._expected = span.start
        try:
            view.cursor = span.start
            top = view.scroll_offset.y
            rows = max(1, view.scrollable_content_region.height)
            if not top <= view.cursor_line < top + rows:
                view.scroll_to_offset(span.start, center=True)
        finally:
            self._expected = None
        self.shown = True
        if self.selecting:
            self._extend(span.start, moved_by_view=False)
        else:
            self._draw()

    def _open_sections_at(self, offset: int) -> None:
        """Moving into a folded section opens it (as vim's sentence moves do)."""
        for section in self.view.sections():
            if section.kind is not SectionKind.LINKS and section.start <= offset < section.end:
                self.view.open_section(section.id)

    def _draw(self) -> None:
        self.view.cursor_hidden = False
        sentence = self.passages.sentence_at(self.view.cursor) if self.passages else None
        spans = [(sentence.start, sentence.end, PASSAGE_ROLE)] if sentence else []
        self.view.set_overlay(PASSAGE_LAYER, spans)

    def _extend(self, cursor: int, *, moved_by_view: bool) -> None:
        """The selection: whole sentences from the anchor to the cursor. When the view
        put the cursor on the first character of a sentence (``}`` lands on the next
        paragraph), the selection stops before it, as vim's does."""
        anchor, passages = self.anchor, self.passages
        if anchor is None or passages is None:
            return
        sentence = passages.sentence_at(cursor) or anchor
        if cursor >= anchor.start:
            end = sentence.end
            if moved_by_view and cursor == sentence.start and cursor > anchor.start:
                before = passages.previous_sentence(cursor)
                end = before.end if before is not None else anchor.end
            self.selection = Span(anchor.start, max(end, anchor.end))
        else:
            self.selection = Span(min(sentence.start, anchor.start), anchor.end)
        self.view.set_overlay(
            SELECTION_LAYER, [(self.selection.start, self.selection.end, SELECTION_ROLE)]
        )
        self.shown = True
        self._draw()


def _wordy(char: str) -> bool:
    return char.isalnum() or char in "'’-_"
