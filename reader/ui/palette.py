"""Command palette (``ctrl+p``): every action of the screen and the view, and themes.

The commands are read from the live bindings (with the keymap applied), so the palette
offers exactly what the keys do, with the keys shown beside each command.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any, Protocol, runtime_checkable

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content

from reader.ui.keyhelp import KeyHelp

# Actions that make no sense picked from a list (they answer a key in context).
_SKIPPED_ACTIONS = frozenset({"command_palette", "escape", "screen.copy_text", "help_quit"})


@runtime_checkable
class CommandSource(Protocol):
    """A screen that knows which of its actions the palette should offer."""

    def palette_entries(self) -> list[KeyHelp]: ...


@dataclass(frozen=True, slots=True)
class Command:
    title: str
    help: str
    keys: str
    run: Callable[[], Any]


def display(title: str, keys: str, highlighted: Content | None = None) -> Content:
    shown = highlighted if highlighted is not None else Content(title)
    if keys:
        shown = Content.assemble(shown, ("  ", ""), (keys, "$text-muted"))
    return shown


def runnable(row: KeyHelp) -> bool:
    """The row's node has the action, and does not hide it right now."""
    node = row.node
    name = row.action.split("(")[0]
    if node is None or "." in name:
        return False  # namespaced actions ("app.focus_next") belong to the key, not a list
    if not hasattr(node, f"action_{name}"):
        return False
    return node.check_action(name, ()) is not False


class ReaderCommands(Provider):
    """Actions of the screen the palette was opened from, then the themes."""

    def _commands(self) -> list[Command]:
        screen = self.screen
        app = self.app
        entries = screen.palette_entries() if isinstance(screen, CommandSource) else []
        # One command per action; keys that run the same action (⏎ and za) are joined.
        commands: dict[tuple[int, str], Command] = {}
        for row in entries:
            if row.action in _SKIPPED_ACTIONS or not runnable(row):
                continue
            slot = (id(row.node), row.action)
            keys = " ".join(row.keys)
            known = commands.get(slot)
            if known is not None:
                commands[slot] = dataclasses.replace(known, keys=f"{known.keys} {keys}")
                continue
            commands[slot] = Command(
                title=row.description,
                help=row.tooltip or row.group,
                keys=keys,
                run=partial(app.run_action, row.action, row.node),
            )
        return [*commands.values(), *self._theme_commands()]

    def _theme_commands(self) -> Iterable[Command]:
        app = self.app
        set_theme = getattr(app, "choose_theme", None)
        if set_theme is None:
            return
        for name, theme in sorted(app.available_themes.items()):
            description = getattr(theme, "description", "")
            current = " (current)" if name == app.theme else ""
            yield Command(
                title=f"Theme: {name}",
                help=f"{description}{current}" or "Switch to this theme",
                keys="",
                run=partial(set_theme, name),
            )

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(
                display(command.title, command.keys), command.run, command.title, command.help
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = max(matcher.match(command.title), matcher.match(command.help) * 0.5)
            if score > 0:
                yield Hit(
                    score,
                    display(command.title, command.keys, matcher.highlight(command.title)),
                    command.run,
                    command.title,
                    command.help,
                )
