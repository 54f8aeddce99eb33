"""Mistakes in the config file that are not errors: a key or a section the reader does
not know (``mesure = 60``, ``[readng]``). Each is one line naming the file, the key and
the nearest name the reader knows, so a typo is never silently ignored.

Plain Python (no pydantic, no Textual): the command line reads these lines too. The
keymap's own mistakes (unknown binding ids, a key taken from another binding) are
found by ``reader.ui.key_catalog``, which knows the key tables.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any, get_type_hints

from reader import locations
from reader.config import Settings, file_values


def nearest(name: str, known: Iterable[str]) -> str | None:
    """The known name closest to ``name`` (a typo's likely meaning), if any is close."""
    import difflib

    names = list(known)
    found = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    if not found:
        # Case differences and a prefix typed in full count too ("Measure", "reading.").
        lowered = {candidate.lower(): candidate for candidate in names}
        found = difflib.get_close_matches(name.lower(), list(lowered), n=1, cutoff=0.6)
        found = [lowered[found[0]]] if found else []
    return found[0] if found else None


def suggestion(name: str, known: Iterable[str]) -> str:
    """``"; did you mean measure?"``, or an empty string when nothing is close."""
    close = nearest(name, known)
    return f"; did you mean {close}?" if close else ""


def sections() -> dict[str, type]:
    """Each section of the settings (``[reading]`` …) and its dataclass."""
    hints = get_type_hints(Settings)
    return {
        spec.name: hints[spec.name]
        for spec in dataclasses.fields(Settings)
        if dataclasses.is_dataclass(hints[spec.name])
    }


def unknown_settings(values: Mapping[str, Any], where: str) -> list[str]:
    """One line per key or section of ``values`` (a config file's tables, top-level
    names already matched to the settings' in any case) the settings do not have."""
    top = [spec.name for spec in dataclasses.fields(Settings)]
    known_sections = sections()
    lines: list[str] = []
    for key, value in values.items():
        if key in known_sections:
            if isinstance(value, Mapping):
                fields = [spec.name for spec in dataclasses.fields(known_sections[key])]
                for inner in value:
                    if inner not in fields:
                        lines.append(
                            f"{where}: [{key}] {inner}: unknown setting"
                            f"{suggestion(str(inner), fields)}"
                        )
            continue
        if key in top:
            continue
        if isinstance(value, Mapping):
            lines.append(
                f"{where}: [{key}]: unknown section"
                f"{_bracketed(suggestion(str(key), known_sections))}"
            )
        else:
            lines.append(f"{where}: {key}: unknown setting{suggestion(str(key), top)}")
    return lines


def _bracketed(said: str) -> str:
    # "; did you mean reading?" → "; did you mean [reading]?"
    prefix = "; did you mean "
    return f"{prefix}[{said[len(prefix) : -1]}]?" if said else ""


def config_file_values() -> dict[str, Any]:
    """The config file's tables as the settings read them; empty when there is no file
    or it cannot be read (reading the settings reports that, as an error)."""
    try:
        return file_values()
    except (OSError, ValueError):
        return {}


def config_warnings() -> list[str]:
    """The config file's unknown keys and sections, one line each."""
    values = config_file_values()
    if not values:
        return []
    return unknown_settings(values, str(locations.config_file()))


def keymap_source() -> str:
    """Where the keymap was written: the config file, unless only the environment has one."""
    if "keymap" in config_file_values():
        return str(locations.config_file())
    return "READER_KEYMAP"
