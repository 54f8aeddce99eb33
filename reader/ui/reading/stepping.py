"""What ``n``/``N`` step through: the list the reader chose last.

Search matches and the chosen entity's mentions both answer ``n``/``N``. Whichever
was chosen most recently and is still in force wins; with neither, the fallback (the
search) explains what to do. Esc clears that same list first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from reader.models import Span
    from reader.ui.article_view.view import ArticleView


class Steppable(Protocol):
    @property
    def active(self) -> bool:
        """Something is chosen to step through (and highlighted)."""
        ...

    def step(self, forward: bool) -> None: ...

    def reset(self) -> None:
        """Forget the list and clear its highlights."""
        ...


class StepChoice:
    def __init__(self, fallback: Steppable) -> None:
        self._fallback = fallback
        self._chosen: list[Steppable] = []
        """Most recently chosen last."""

    def choose(self, source: Steppable) -> None:
        if source in self._chosen:
            self._chosen.remove(source)
        self._chosen.append(source)

    @property
    def current(self) -> Steppable:
        for source in reversed(self._chosen):
            if source.active:
                return source
        return self._fallback

    def step(self, forward: bool) -> None:
        self.current.step(forward)

    def reset_current(self) -> bool:
        """Clear the list ``n``/``N`` would step through; False when none is in force."""
        source = self.current
        if not source.active:
            return False
        source.reset()
        return True


def step_anchor(view: ArticleView, current: Span | None, forward: bool) -> int | None:
    """Where the next step starts: from the current item while it is on screen (None);
    after the reader scrolled away, from what is on screen now, as less and vim do."""
    top = view.top_offset()
    bottom = max(top, view.offset_at(view.scrollable_content_region.height - 1))
    if current is not None and top <= current.start <= bottom:
        return None
    return top if forward else bottom
