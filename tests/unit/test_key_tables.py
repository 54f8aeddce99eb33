"""The key tables: every binding and key sequence has a unique id prefixed by its
feature and a tooltip; sets derived from the tables agree with the screen; renamed ids
point at ids that exist."""

from __future__ import annotations

import functools
import re
from collections import Counter

import pytest
from textual.binding import Binding

from reader.ui.app import ReaderApp
from reader.ui.article_view.keys import ARTICLE_BINDINGS, MARK_SEQUENCES, VIEW_SEQUENCES
from reader.ui.keymap import RENAMED_IDS
from reader.ui.library.keys import (
    LIBRARY_BINDINGS,
    LIBRARY_SEQUENCES,
    RESULTS_BINDINGS,
    TABLE_BINDINGS,
)
from reader.ui.reading.keys import (
    ANNOTATION_ACTIONS,
    BOOKMARKS,
    ESCAPE,
    NOTES,
    PASSAGE,
    PASSAGE_ACTIONS,
    READING_BINDINGS,
    READING_KEYS,
    TAB_ACTIONS,
    action_name,
)
from reader.ui.reading.screen import ReadingScreen

PREFIXED_ID = re.compile(r"^[a-z]+(-[a-z]+)*\.[a-z][a-z0-9]*(-[a-z0-9]+)*$")

TABLES: dict[str, list[Binding]] = {
    "app": [b for b in ReaderApp.BINDINGS if isinstance(b, Binding)],
    "reading": READING_BINDINGS,
    "view": ARTICLE_BINDINGS,
    "library": LIBRARY_BINDINGS,
    "library table": TABLE_BINDINGS,
    "library results": RESULTS_BINDINGS,
}
BINDINGS = [binding for table in TABLES.values() for binding in table]
SEQUENCES = [*VIEW_SEQUENCES, *LIBRARY_SEQUENCES]


@pytest.mark.parametrize("binding", BINDINGS, ids=lambda b: b.id or b.action)
def test_every_binding_has_a_prefixed_id_and_a_tooltip(binding: Binding) -> None:
    assert binding.id and PREFIXED_ID.match(binding.id), binding.id
    assert binding.tooltip.strip(), binding.id


def test_the_app_has_only_bindings_the_table_test_sees() -> None:
    assert len(TABLES["app"]) == len(ReaderApp.BINDINGS)


def test_every_id_is_unique_across_bindings_and_sequences() -> None:
    ids = [b.id for b in BINDINGS] + [s.id for s in SEQUENCES]
    repeated = [name for name, count in Counter(ids).items() if count > 1]
    assert repeated == []
    for sequence in SEQUENCES:
        assert PREFIXED_ID.match(sequence.id), sequence.id
        assert sequence.description


def test_the_reading_screen_binds_its_table_and_nothing_else() -> None:
    assert ReadingScreen.BINDINGS == READING_BINDINGS
    grouped = [b for group in READING_KEYS.values() for b in group]
    assert grouped == READING_BINDINGS


def test_esc_is_one_binding_on_the_reading_screen() -> None:
    escapes = [b for b in READING_BINDINGS if "escape" in b.key.split(",")]
    assert escapes == ESCAPE and len(escapes) == 1
    assert escapes[0].id == "reading.escape"


def test_annotation_actions_come_from_the_table() -> None:
    table = {action_name(b.action) for b in (*PASSAGE, *NOTES, *BOOKMARKS)}
    marks = {action_name(s.action) for s in MARK_SEQUENCES}
    assert table | marks == ANNOTATION_ACTIONS
    assert {"set_mark", "jump_to_mark", "jump_back", "highlight", "add_bookmark"} <= marks | table
    assert PASSAGE_ACTIONS <= ANNOTATION_ACTIONS and TAB_ACTIONS <= ANNOTATION_ACTIONS
    # No reading-screen binding outside those groups is checked as an annotation.
    others = {action_name(b.action) for b in READING_BINDINGS} - table
    assert not others & ANNOTATION_ACTIONS


def test_every_screen_action_bound_has_a_method() -> None:
    for binding in READING_BINDINGS:
        assert hasattr(ReadingScreen, f"action_{action_name(binding.action)}"), binding.id
    for sequence in MARK_SEQUENCES:
        assert sequence.action.startswith("screen.")
        assert hasattr(ReadingScreen, f"action_{action_name(sequence.action)}"), sequence.id


def test_renamed_ids_point_at_current_ids() -> None:
    current = {b.id for bindings in _declared_bindings().values() for b in bindings}
    for old, new in RENAMED_IDS.items():
        assert new in current, (old, new)
        assert old not in current, old


@functools.cache
def _declared_bindings() -> dict[str, list[Binding]]:
    """The bindings each class of ``reader.ui`` declares itself, by class name."""
    import importlib
    import pkgutil

    from textual.dom import DOMNode

    import reader.ui

    for module in pkgutil.walk_packages(reader.ui.__path__, "reader.ui."):
        importlib.import_module(module.name)
    found: dict[str, list[Binding]] = {}
    pending: list[type] = [DOMNode]
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("reader.ui.") and "BINDINGS" in vars(cls):
            found[f"{cls.__module__}.{cls.__qualname__}"] = [
                b for b in vars(cls)["BINDINGS"] if isinstance(b, Binding)
            ]
    return found


def test_every_widget_binding_with_an_id_has_a_prefixed_unique_one_and_a_tooltip() -> None:
    declared = _declared_bindings()
    assert len(declared) >= 15, sorted(declared)
    ids: list[str] = []
    for owner, bindings in declared.items():
        for binding in bindings:
            if binding.id is None:
                # Unnamed: a vim duplicate or a dialog's own arrow keys, never shown.
                assert not binding.show, (owner, binding.key)
                continue
            assert PREFIXED_ID.match(binding.id), (owner, binding.id)
            assert binding.tooltip.strip(), (owner, binding.id)
            ids.append(binding.id)
    # Reading and library tables are declared by their screens: each id once.
    repeated = [name for name, count in Counter(ids).items() if count > 1]
    assert repeated == []
    assert set(ids) >= {b.id for b in BINDINGS}
