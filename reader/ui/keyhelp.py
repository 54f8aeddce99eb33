"""What keys do, read from the real bindings (for the help screen and the palette).

Nothing here is a hand-kept list: it reads the bindings of live widgets, with the
user's keymap applied, so help and palette cannot drift from what the keys do.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode

from reader.ui.keyseq import KeySequence


@dataclass(frozen=True, slots=True)
class KeyHelp:
    group: str
    keys: tuple[str, ...]
    """Keys as shown to the user ("j", "↓", "^o")."""
    description: str
    tooltip: str
    action: str
    node: DOMNode | None = None
    """Where the action runs (None for key sequences, which the view handles)."""
    binding_id: str | None = None


def group_title(node: DOMNode) -> str:
    if node.BINDING_GROUP_TITLE:
        return node.BINDING_GROUP_TITLE
    # "ArticleView" -> "Article view"
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", type(node).__name__).split()
    return " ".join([words[0], *(w.lower() for w in words[1:])]) if words else "Keys"


def describe(binding: Binding) -> str:
    if binding.description:
        return binding.description
    if binding.tooltip:
        return binding.tooltip
    name = binding.action.split("(")[0].split(".")[-1]
    return name.replace("_", " ").capitalize()


def _merge(entries: Iterable[tuple[DOMNode, Binding, str]]) -> list[KeyHelp]:
    """One row per (node, action), its keys joined, in first-seen order."""
    rows: dict[tuple[int, str], KeyHelp] = {}
    for node, binding, shown in entries:
        slot = (id(node), binding.action)
        row = rows.get(slot)
        if row is None:
            rows[slot] = KeyHelp(
                group=group_title(node),
                keys=(shown,),
                description=describe(binding),
                tooltip=binding.tooltip,
                action=binding.action,
                node=node,
                binding_id=binding.id,
            )
        elif shown not in row.keys:
            rows[slot] = KeyHelp(
                row.group,
                (*row.keys, shown),
                row.description,
                row.tooltip or binding.tooltip,
                row.action,
                row.node,
                row.binding_id or binding.id,
            )
    return list(rows.values())


def active_key_help(screen: DOMNode) -> list[KeyHelp]:
    """Every binding active on ``screen`` now: the focused widget and its ancestors,
    the screen and the app, as Textual would dispatch them (disabled ones left out)."""
    app = screen.app
    active = getattr(screen, "active_bindings", {})
    return _merge(
        (item.node, item.binding, app.get_key_display(item.binding))
        for item in active.values()
        if not item.binding.system
    )


def node_key_help(node: DOMNode, keymap: Mapping[str, str] | None = None) -> list[KeyHelp]:
    """Every binding ``node`` declares (its own and inherited), with ``keymap`` applied,
    whether or not it has focus."""
    # Widgets keep their merged bindings in ``_bindings``; there is no public accessor.
    bindings: BindingsMap = node._bindings.copy()
    if keymap:
        bindings.apply_keymap(dict(keymap))
    app = node.app
    return _merge(
        (node, binding, app.get_key_display(binding))
        for _key, binding in bindings
        if not binding.system
    )


def nodes_key_help(nodes: Iterable[DOMNode], keymap: Mapping[str, str]) -> list[KeyHelp]:
    rows: list[KeyHelp] = []
    for node in nodes:
        rows.extend(node_key_help(node, keymap))
    return rows


def sequence_key_help(node: DOMNode, sequences: Iterable[KeySequence]) -> list[KeyHelp]:
    """Rows for multi-key sequences (``za``, ``zR``) that ``node`` handles itself."""
    group = group_title(node)
    return [
        KeyHelp(group, (seq.display,), seq.description, "", seq.action, node, seq.id or None)
        for seq in sequences
    ]


def grouped(rows: Iterable[KeyHelp]) -> dict[str, list[KeyHelp]]:
    groups: dict[str, list[KeyHelp]] = {}
    for row in rows:
        groups.setdefault(row.group, []).append(row)
    return groups
