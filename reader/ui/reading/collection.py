"""The page's place in the library from the reading screen: its tags (asked with
completion from the library's tags) and read/archived/starred state. Store calls go
through the screen's store queue, one at a time, off the UI thread."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.errors import ReaderError

if TYPE_CHECKING:
    from reader.store import Store
    from reader.ui.feedback import Feedback
    from reader.ui.library.session import LibrarySession
    from reader.ui.store_queue import StoreQueue


class PageCollection:
    def __init__(
        self,
        queue: StoreQueue,
        feedback: Feedback,
        session: LibrarySession | None,
        cursor_blink: bool = True,
    ) -> None:
        self.queue = queue
        self.feedback = feedback
        self.session = session
        self.cursor_blink = cursor_blink

    def _store(self, article_id: int | None) -> Store | None:
        if article_id is None or self.session is None:
            self.feedback.say("This page is not in the library.", timeout=3)
            return None
        return self.session.store

    def toggle(self, article_id: int | None, what: str) -> None:
        """Mark the page read/archived/starred, or take the mark off."""
        # The store's modules load with the first mark, not before the first paint.
        from reader.store.library import STATE_FIELDS, STATE_SAID

        store = self._store(article_id)
        if store is None or article_id is None:
            return
        field = STATE_FIELDS[what]

        def job() -> bool:
            item = store.library.item(article_id)
            if item is None:
                raise ReaderError("the page is not in the library any more")
            value = not getattr(item, field)
            store.library.set_state(article_id, **{field: value})
            return value

        self.queue.submit(
            job, lambda value: self.feedback.say(STATE_SAID[what, value]), f"mark the page {what}"
        )

    def ask_tags(self, article_id: int | None, title: str) -> None:
        """Ask for the page's tags (completed from the library's), then save them."""
        store = self._store(article_id)
        if store is None or article_id is None:
            return

        def job() -> tuple[list[str], list[str]]:
            known = [tag.name for tag in store.library.tags() if tag.count]
            return store.library.tags_of(article_id), known

        self.queue.submit(
            job, lambda found: self._prompt(store, article_id, title, *found), "read the tags"
        )

    def _prompt(
        self, store: Store, article_id: int, title: str, current: list[str], known: list[str]
    ) -> None:
        from reader.ui.dialogs.tag_prompt import TagPrompt

        def answered(typed: str | None) -> None:
            if typed is None:
                return
            # Not at start: the store's modules are not for the first paint.
            from reader.tag_edit import tag_change

            change = tag_change(current, typed)
            if change.empty:
                return

            self.queue.submit(
                lambda: change.apply(store.library, article_id),
                lambda _: self.feedback.say(change.said),
                "save the tags",
            )

        prompt = TagPrompt(f"Tags of “{title}”", current, known, cursor_blink=self.cursor_blink)
        self.feedback.ask(prompt, answered)
