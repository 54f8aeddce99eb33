"""Which export a file is, by its content (never its name), and reading it."""

from __future__ import annotations

import csv
import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from reader.errors import LoadError
from reader.loaders.names import display_name
from reader.loaders.readlater.records import Export

if TYPE_CHECKING:
    from reader.config import Limits

_PEEK = 64 * 1024


class ExportKind(StrEnum):
    OMNIVORE = "omnivore"
    WALLABAG = "wallabag"
    POCKET = "pocket"
    INSTAPAPER = "instapaper"
    RAINDROP = "raindrop"
    READWISE = "readwise"


def _head(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read(_PEEK)
    except OSError:
        return b""


def export_kind(path: str | Path) -> ExportKind | None:
    """The export ``path`` holds, or None (then it is a page, an archive, or nothing)."""
    path = Path(path)
    head = _head(path)
    if head.startswith(b"PK\x03\x04"):
        import zipfile

        from reader.loaders.readlater.omnivore import is_omnivore

        try:
            with zipfile.ZipFile(path) as archive:
                names = [i.filename for _, i in zip(range(1000), archive.infolist(), strict=False)]
        except (zipfile.BadZipFile, OSError, ValueError, EOFError):
            return None
        return ExportKind.OMNIVORE if is_omnivore(names) else None
    text = head.decode("utf-8-sig", "ignore").lstrip()
    if text.startswith("["):
        # wallabag: a JSON list whose entries have url and is_archived.
        window = text[:4000]
        return ExportKind.WALLABAG if '"is_archived"' in window and '"url"' in window else None
    if text.startswith(("{", "<")):
        return None
    from reader.loaders.readlater.csv_lists import csv_kind, rows

    first = text.split("\n", 1)[0]
    if "," not in first:
        return None
    try:
        header, _ = rows(first + "\n")
    except csv.Error:
        return None
    kind = csv_kind(header)
    return ExportKind(kind) if kind else None


def read_export(path: str | Path, limits: Limits) -> Export:
    """Everything in the export at ``path``: LoadError (one line) when it is none."""
    from reader.loaders.files import read_path

    path = Path(path)
    name = display_name(str(path))
    kind = export_kind(path)
    if kind is None:
        raise LoadError(f"{name} is not a read-later export the reader knows")
    export = Export(kind.value)
    if kind is ExportKind.OMNIVORE:
        from reader.loaders.readlater.omnivore import read_omnivore
        from reader.loaders.safezip import SafeZip

        total = limits.max_decompressed_bytes * 8
        with SafeZip(path, limits.max_input_bytes, total) as archive:
            read_omnivore(archive, export)
            if archive.unsafe:
                export.skip(f"{archive.unsafe} entries with unsafe names (absolute or ..) ignored")
        return export
    text = read_path(str(path), limits).decode("utf-8-sig", "replace")
    if kind is ExportKind.WALLABAG:
        from reader.loaders.readlater.wallabag import read_wallabag

        try:
            data = json.loads(text)
        except (json.JSONDecodeError, RecursionError) as error:
            raise LoadError(f"{name}: not valid JSON ({error})") from None
        if not isinstance(data, list):
            raise LoadError(f"{name}: expected a list of wallabag entries")
        read_wallabag(data, export)
        return export
    import csv

    from reader.loaders.readlater.csv_lists import read_links, read_readwise, rows

    try:
        _, table = rows(text)
    except csv.Error as error:
        raise LoadError(f"{name}: damaged CSV ({error})") from None
    if kind is ExportKind.READWISE:
        read_readwise(table, export)
    else:
        read_links(kind.value, table, export)
    return export
