"""``reader keys``: every key binding id, its keys and what it does, for ``[keymap]``.

The keys shown are those in effect: the defaults with the config file's ``[keymap]``
applied (its mistakes, if any, are printed on stderr first)."""

from __future__ import annotations

import argparse
import sys

from reader.sanitize import clean_line


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--defaults", action="store_true", help="the built-in keys, ignoring [keymap]"
    )


def run(args: argparse.Namespace) -> int:
    from reader.config import load_settings
    from reader.config_warnings import keymap_source
    from reader.ui.key_catalog import key_entries, keymap_warnings
    from reader.ui.keymap import resolve_keymap

    settings = load_settings()
    keymap = {} if args.defaults else settings.keymap
    for line in keymap_warnings(keymap, keymap_source()) if keymap else []:
        print(f"reader: {clean_line(line)}", file=sys.stderr)
    entries = key_entries(resolve_keymap(keymap).bindings)
    width = max(len(entry.id) for entry in entries)
    keys_width = min(18, max(len(", ".join(entry.keys)) for entry in entries))
    group = None
    out = sys.stdout
    out.write('Binding ids for [keymap] in the config file, e.g. "reading.search" = "ctrl+f".\n')
    for entry in entries:
        if entry.group != group:
            group = entry.group
            out.write(f"\n{group}\n")
        keys = ", ".join(entry.keys)
        fixed = "" if entry.remappable else "  (key sequence, fixed)"
        out.write(f"  {entry.id:<{width}}  {keys:<{keys_width}}  {entry.description}{fixed}\n")
    return 0
