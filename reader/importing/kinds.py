"""Sort what the user named into pages, web archives and read-later exports, by
content (a file's name decides nothing)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def split_sources(sources: Sequence[str]) -> tuple[list[str], list[str], list[str]]:
    """``(pages and directories, archives, exports)``, each in the order given."""
    from reader.loaders.readlater import export_kind
    from reader.loaders.webarchive import archive_kind

    pages: list[str] = []
    archives: list[str] = []
    exports: list[str] = []
    for source in sources:
        try:
            is_file = Path(source).is_file()
        except (OSError, ValueError):
            is_file = False
        if is_file and archive_kind(source):
            archives.append(source)
        elif is_file and export_kind(source):
            exports.append(source)
        else:
            pages.append(source)
    return pages, archives, exports
