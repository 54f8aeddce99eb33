"""The user's ``[keymap]`` as the app applies it: binding ids renamed since a config
was written still work, each with a one-line notice naming the new id.

No Textual here: the command line reads the notices too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

RENAMED_IDS: dict[str, str] = {
    # The app's keys.
    "quit": "app.quit",
    "help": "app.help",
    "library": "app.library",
    # The reading screen's keys, before they were prefixed by feature.
    "search": "reading.search",
    "next-match": "reading.next-match",
    "previous-match": "reading.previous-match",
    "link-hints": "reading.link-hints",
    "link-list": "reading.link-list",
    "contents": "reading.contents",
    "toggle-sidebar": "reading.toggle-sidebar",
    "back": "reading.back",
    "next-page": "reading.next-page",
    "previous-page": "reading.previous-page",
    # The library's search results, now under the library's prefix.
    "results.down": "library.result-down",
    "results.up": "library.result-up",
    # Widgets' and dialogs' keys, from "widget-what" to "widget.what".
    "hints-submit": "hints.submit",
    "hints-cancel": "hints.cancel",
    "search-submit": "search.submit",
    "search-cancel": "search.cancel",
    "entities-filter-clear": "entities.filter-clear",
    "entities-filter-down": "entities.filter-down",
    "message-close": "message.close",
    "confirm-yes": "confirm.yes",
    "confirm-no": "confirm.no",
    "prompt-cancel": "prompt.cancel",
    "note-save": "note.save",
    "note-cancel": "note.cancel",
    "help-close": "help.close",
    "links-close": "link-list.close",
    # Esc was two bindings (the passage's, then the highlights'); it is one now.
    "clear-search": "reading.escape",
    "passage.leave": "reading.escape",
}
"""Old binding id → the id it has now."""


@dataclass(frozen=True, slots=True)
class Keymap:
    bindings: dict[str, str]
    """Binding id → keys, every id current."""
    notices: tuple[str, ...] = ()
    """One line per renamed id the user wrote."""


def renamed_notice(old: str, new: str) -> str:
    return f'[keymap] "{old}" is now "{new}"; the old id still works but is deprecated.'


def resolve_keymap(keymap: Mapping[str, str]) -> Keymap:
    """``keymap`` with renamed ids translated. An id written under its current name
    wins over the same binding written under an old one."""
    bindings = {key: keys for key, keys in keymap.items() if key not in RENAMED_IDS}
    notices: list[str] = []
    for old, keys in keymap.items():
        new = RENAMED_IDS.get(old)
        if new is None:
            continue
        notices.append(renamed_notice(old, new))
        bindings.setdefault(new, keys)
    return Keymap(bindings, tuple(notices))
