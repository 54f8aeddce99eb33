"""Make untrusted text safe to show: no terminal control sequences, no markup.

Page text, titles, URLs and file names come from the open web. Textual passes ESC
sequences in widget text straight to the terminal, so every string from a page goes
through :func:`clean` before it reaches a widget or stdout.
"""

from __future__ import annotations

import re

# CSI, OSC (ended by BEL or ST), DCS/SOS/PM/APC strings, and two-byte escapes.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[PX^_][^\x1b\x9c]*(?:\x1b\\|\x9c)?"
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|\x9d[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
# The bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): they can
# reorder what a terminal shows (the "Trojan Source" trick). Plain right-to-left text,
# and the RLM/LRM marks, are left alone.
BIDI_RANGES = "\u202a-\u202e\u2066-\u2069"
BIDI_CONTROLS = re.compile(f"[{BIDI_RANGES}]")
# kitty's image placeholder: in a kitty terminal a page could name a picture with it
# (the reader draws figures that way; its own cells never come from page text).
KITTY_PLACEHOLDER = "\U0010eeee"
# C0 (but tab and newline), DEL, C1, the bidi controls and kitty's placeholder.
_CONTROL = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{BIDI_RANGES}{KITTY_PLACEHOLDER}]")
_CONTROL_INLINE = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f{BIDI_RANGES}{KITTY_PLACEHOLDER}]")


def neutralise_bidi(text: str) -> str:
    """``text`` without bidi controls, everything else kept (``clean`` and
    ``clean_line`` do this too, with the other control characters)."""
    if text.isprintable():
        return text
    return BIDI_CONTROLS.sub("", text)


def clean(text: str) -> str:
    """Strip escape sequences and control characters, keeping tabs and newlines."""
    if text.isprintable():
        return text
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def clean_line(text: str) -> str:
    """Like :func:`clean`, for one-line fields (titles, URLs, file names): line breaks
    and tabs become spaces."""
    if text.isprintable():
        return text
    text = _ESCAPE_SEQUENCE.sub("", text)
    text = text.replace("\t", " ").replace("\r\n", " ").replace("\n", " ").replace("\r", " ")
    return _CONTROL_INLINE.sub("", text)


def has_control(text: str) -> bool:
    """True when ``text`` holds anything :func:`clean` would remove."""
    return _CONTROL.search(text) is not None or "\x1b" in text


# Characters JSON may carry raw that a terminal or a line reader would act on: C1 and
# DEL, the bidi controls, the Unicode line separators, and lone surrogates (a file name
# that is not UTF-8, as the OS hands it over). All only occur inside JSON strings.
_JSON_UNSAFE = re.compile(f"[\x7f-\x9f\u2028\u2029{BIDI_RANGES}\ud800-\udfff]")


def escape_json(serialised: str) -> str:
    """JSON text (from ``json.dumps(..., ensure_ascii=False)``) with the characters above
    written as ``\\uXXXX`` escapes: the same values, safe to print and to encode."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", serialised)
