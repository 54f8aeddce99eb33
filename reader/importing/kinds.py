"""Sort what the user named into pages, web archives and read-later exports, by
content (a file's name decides nothing)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def split_sources(sources: Sequence[str]) -> tuple[list[str], list[str], list[str]]:
    """``(pages and directories, archives, exports)``, each in the order given."""
    from reader.loaders.readlater import export_kind
    from reader.loaders.webarchive import archive_kind
    from reader.store.importer import walk_pages

    pages: list[str] = []
    archives: list[str] = []
    exports: list[str] = []

    def route(source: str, is_file: bool) -> None:
        if is_file and archive_kind(source):
            archives.append(source)
        elif is_file and export_kind(source):
            exports.append(source)
        else:
            pages.append(source)

    for source in sources:
        try:
            path = Path(source)
            is_dir, is_file = path.is_dir(), path.is_file()
        except (OSError, ValueError):
            is_dir = is_file = False
        if is_dir:
            # A folder's .warc.gz files are archives, not gzip-compressed pages.
            for found in walk_pages(path):
                route(str(found), True)
        else:
            route(source, is_file)
    return pages, archives, exports
