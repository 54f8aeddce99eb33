"""Old binding ids in the user's ``[keymap]``: translated to the current id, with one
notice per old id naming both."""

from __future__ import annotations

from reader.ui.keymap import RENAMED_IDS, renamed_notice, resolve_keymap


def test_current_ids_pass_through_without_a_notice() -> None:
    keymap = resolve_keymap({"reading.search": "ctrl+f", "view.top": "home"})
    assert keymap.bindings == {"reading.search": "ctrl+f", "view.top": "home"}
    assert keymap.notices == ()


def test_an_old_id_is_translated_with_a_one_line_notice() -> None:
    keymap = resolve_keymap({"search": "ctrl+f", "toggle-sidebar": "S", "notes.pen": "P"})
    assert keymap.bindings == {
        "reading.search": "ctrl+f",
        "reading.toggle-sidebar": "S",
        "notes.pen": "P",
    }
    assert len(keymap.notices) == 2
    first, second = keymap.notices
    assert '"search"' in first and '"reading.search"' in first and "\n" not in first
    assert '"toggle-sidebar"' in second and '"reading.toggle-sidebar"' in second


def test_the_current_id_wins_over_an_old_one_for_the_same_binding() -> None:
    keymap = resolve_keymap({"quit": "Q", "app.quit": "ctrl+q"})
    assert keymap.bindings == {"app.quit": "ctrl+q"}
    assert keymap.notices == (renamed_notice("quit", "app.quit"),)


def test_both_old_esc_ids_land_on_the_one_esc_binding() -> None:
    assert RENAMED_IDS["clear-search"] == RENAMED_IDS["passage.leave"] == "reading.escape"
    keymap = resolve_keymap({"passage.leave": "ctrl+g"})
    assert keymap.bindings == {"reading.escape": "ctrl+g"}


def test_every_old_id_is_translated() -> None:
    keymap = resolve_keymap(dict.fromkeys(RENAMED_IDS, "x"))
    assert set(keymap.bindings) == set(RENAMED_IDS.values())
    assert len(keymap.notices) == len(RENAMED_IDS)
