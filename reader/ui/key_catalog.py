"""Every key binding of the reader, read from the key tables and the widgets that
declare them: for ``reader keys``, and to check a user's ``[keymap]`` (an id that
does not exist, a key taken from another binding) with one line per mistake.

The classes are found by walking ``reader.ui``'s widgets and screens, so a binding
added anywhere is listed without a hand-kept list to update.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from textual.binding import Binding
from textual.dom import DOMNode

from reader.config_warnings import suggestion
from reader.ui.keymap import RENAMED_IDS, resolve_keymap
from reader.ui.keyseq import KeySequence


@dataclass(frozen=True, slots=True)
class KeyEntry:
    group: str
    """Where the key works ("Reading", "Library", "Link list" …)."""
    id: str
    keys: tuple[str, ...]
    description: str
    remappable: bool = True
    """False for key sequences (``za``, ``m<letter>``), which ``[keymap]`` cannot change."""


def _import_all() -> None:
    import reader.ui

    for module in pkgutil.walk_packages(reader.ui.__path__, "reader.ui."):
        importlib.import_module(module.name)


def _subclasses(cls: type) -> Iterable[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


@cache
def binding_owners() -> tuple[type[DOMNode], ...]:
    """The reader's widget, screen and app classes that declare bindings with ids."""
    _import_all()
    seen: dict[type, None] = {}
    for cls in _subclasses(DOMNode):
        if not cls.__module__.startswith("reader.ui."):
            continue
        if any(isinstance(b, Binding) and b.id for b in cls.__dict__.get("BINDINGS", ())):
            seen.setdefault(cls, None)
    return tuple(seen)


def _group(cls: type[DOMNode]) -> str:
    title = cls.__dict__.get("BINDING_GROUP_TITLE") or ""
    if title:
        return str(title)
    # "LinkHintBar" -> "Link hint bar"
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", cls.__name__).split()
    return " ".join([words[0], *(word.lower() for word in words[1:])])


def _sequences() -> list[tuple[str, KeySequence]]:
    from reader.ui.article_view.keys import VIEW_SEQUENCES
    from reader.ui.library.keys import LIBRARY_SEQUENCES

    return [("Article", seq) for seq in VIEW_SEQUENCES] + [
        ("Library", seq) for seq in LIBRARY_SEQUENCES
    ]


def _own_bindings(cls: type[DOMNode]) -> list[Binding]:
    return [b for b in cls.__dict__.get("BINDINGS", ()) if isinstance(b, Binding) and b.id]


def key_entries(keymap: Mapping[str, str] | None = None) -> list[KeyEntry]:
    """One entry per binding id (its keys with ``keymap`` applied), then the key
    sequences, in the order the tables list them."""
    keymap = keymap or {}
    entries: dict[str, KeyEntry] = {}
    for cls in binding_owners():
        for binding in _own_bindings(cls):
            assert binding.id is not None
            keys = _keys_of(binding, keymap)
            old = entries.get(binding.id)
            if old is not None:
                keys = tuple(dict.fromkeys((*old.keys, *keys)))
                entries[binding.id] = KeyEntry(old.group, old.id, keys, old.description)
                continue
            description = binding.description or binding.tooltip
            entries[binding.id] = KeyEntry(_group(cls), binding.id, keys, description)
    listed = sorted(entries.values(), key=lambda entry: _rank(entry.group))
    for group, seq in _sequences():
        listed.append(KeyEntry(group, seq.id, (seq.display,), seq.description, False))
    return listed


GROUP_ORDER = ("Application", "Reading", "Article", "Library")
"""Where most keys are used first; the rest (dialogs, panes) follow in table order."""


def _rank(group: str) -> int:
    return GROUP_ORDER.index(group) if group in GROUP_ORDER else len(GROUP_ORDER)


def _keys_of(binding: Binding, keymap: Mapping[str, str]) -> tuple[str, ...]:
    written = keymap.get(binding.id or "") or binding.key
    return tuple(key.strip() for key in written.split(",") if key.strip())


def binding_ids() -> list[str]:
    return list(dict.fromkeys(e.id for e in key_entries() if e.remappable))


def _contexts() -> list[list[Binding]]:
    """Bindings that answer the same key presses, so one key must not mean two of them:
    the app's keys with each screen's and its main widgets', and each other widget's."""
    from textual.app import App

    from reader.ui.article_view.keys import ARTICLE_BINDINGS
    from reader.ui.library.keys import LIBRARY_BINDINGS, RESULTS_BINDINGS, TABLE_BINDINGS
    from reader.ui.reading.keys import READING_BINDINGS

    app = [b for cls in binding_owners() if issubclass(cls, App) for b in _own_bindings(cls)]
    grouped = {
        id(binding) for table in (app, READING_BINDINGS, ARTICLE_BINDINGS) for binding in table
    }
    contexts = [
        [*app, *READING_BINDINGS, *ARTICLE_BINDINGS],
        [*app, *LIBRARY_BINDINGS, *TABLE_BINDINGS, *RESULTS_BINDINGS],
    ]
    grouped |= {id(binding) for binding in contexts[1]}
    for cls in binding_owners():
        own = [b for b in _own_bindings(cls) if id(b) not in grouped]
        if own:
            contexts.append(own)
    return contexts


def keymap_warnings(written: Mapping[str, str], where: str) -> list[str]:
    """One line per mistake in the user's keymap ``written`` (old ids allowed): an id
    no binding has (with the nearest that exists), a key another binding of the same
    place already answers to."""
    ids = binding_ids()
    known = set(ids) | set(RENAMED_IDS)
    lines = [
        f"{where}: [keymap] {name}: no such binding{suggestion(name, ids)} (reader keys lists them)"
        for name in written
        if name not in known
    ]
    keymap = resolve_keymap(written).bindings
    taken: dict[tuple[str, str], str] = {}
    for context in _contexts():
        for binding in context:
            if binding.id not in keymap:
                continue
            for key in _keys_of(binding, keymap):
                for other in context:
                    if other.id == binding.id or key not in _keys_of(other, keymap):
                        continue
                    pair = (binding.id or "", other.id or other.action)
                    if pair in taken or pair[::-1] in taken:
                        continue
                    taken[pair] = key
                    lines.append(
                        f'{where}: [keymap] {binding.id} = "{keymap[binding.id or ""]}":'
                        f" {key} is already the key of {pair[1]}"
                        f" ({other.description or other.tooltip}); one of them loses it"
                    )
    return lines
