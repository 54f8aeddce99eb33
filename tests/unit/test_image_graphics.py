"""kitty graphics and Sixel are made ready only for a terminal that asks for them."""

from __future__ import annotations

import io
import sys

import pytest

from reader.ui.image_viewer import graphics


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def nothing_prepared(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(graphics, "_prepared", [])


@pytest.mark.parametrize("mode", ["halfblock", "off"])
def test_half_blocks_and_off_never_import_textual_image(
    mode: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "__stdout__", FakeTerminal())
    monkeypatch.setitem(sys.modules, "textual_image.widget", None)  # importing it fails
    assert graphics.prepare(mode) is None  # type: ignore[arg-type]
    assert graphics.prepared() is None


def test_without_a_terminal_nothing_is_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "__stdout__", io.StringIO())
    assert graphics.prepare("kitty") is None
    assert graphics.prepared() is None


def test_a_terminal_that_cannot_answer_means_half_blocks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A terminal on stdout but not on stdin: textual-image's questions fail on import.
    for name in [m for m in sys.modules if m.startswith("textual_image")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setattr(sys, "__stdout__", FakeTerminal())
    assert graphics.prepare("kitty") is None
    assert graphics.prepared() is None


def test_a_missing_textual_image_means_half_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "__stdout__", FakeTerminal())
    monkeypatch.setitem(sys.modules, "textual_image.widget", None)
    assert graphics.prepare("sixel") is None
    assert graphics.prepared() is None


def test_a_terminal_asking_for_kitty_gets_it(monkeypatch: pytest.MonkeyPatch) -> None:
    # Imported while stdout is no terminal, textual-image asks it nothing.
    import textual_image.widget  # noqa: F401

    monkeypatch.setattr(sys, "__stdout__", FakeTerminal())
    assert graphics.prepare("kitty") == "kitty"
    assert graphics.prepared() == "kitty"
