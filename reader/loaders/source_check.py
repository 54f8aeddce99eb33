"""What can be said about a page the user named before reading it: a missing file, a
directory, a scheme the reader does not fetch. Shared by the CLI and the library's
"add a page" prompt."""

from __future__ import annotations

import os
import re
from pathlib import Path

from reader.errors import LoadError

_WEB_URL = re.compile(r"^https?://", re.IGNORECASE)
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]{1,30}):")


def check_source(source: str) -> None:
    """Raise LoadError now for a page that cannot possibly be read."""
    from reader.loaders.names import display_name

    if source == "-" or _WEB_URL.match(source):
        return
    name = display_name(source)
    if _SCHEME.match(source) and not os.path.lexists(source):
        scheme = source.split(":", 1)[0]
        raise LoadError(f"cannot open {name}: only files and http(s) URLs, not {scheme}:")
    from reader.loaders.files import not_regular, special_kind

    path = Path(source)
    try:
        kind = special_kind(path.stat().st_mode)
    except (OSError, ValueError):
        raise LoadError(f"no such file: {name}") from None
    if kind is not None:  # a FIFO would block the reader, a device never ends
        raise not_regular(name, kind)
    if not os.access(path, os.R_OK):
        raise LoadError(f"cannot read {name}: permission denied")
