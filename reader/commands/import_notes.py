"""``reader import-notes FILE.json [--page PAGE]``: read exported annotations back.

Each annotation is matched to its page in the library by ``target.source`` (or to
PAGE), re-anchored against the stored text, and saved: annotations already there (same
``id``) are updated, not duplicated. Ones whose passage is gone are kept as orphans.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict

from reader.errors import ReaderError
from reader.loaders.names import display_name


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("file", metavar="FILE", help="W3C Web Annotation JSON (from reader export)")
    parser.add_argument(
        "--page",
        metavar="PAGE",
        help="attach every annotation to this page (path or URL in the library), "
        "whatever source the file names",
    )


def _read(path: str, limit: int) -> str:
    """The file's text, reading no more than ``limit`` bytes of it (``/dev/zero`` too)."""
    from reader.loaders.files import open_regular

    name = display_name(path)
    try:
        if path == "-":
            data = sys.stdin.buffer.read(limit + 1)
        else:
            # Never blocks on a FIFO, never reads a device without end.
            with open_regular(path, name) as handle:
                data = handle.read(limit + 1)
    except FileNotFoundError:
        raise ReaderError(f"no such file: {name}") from None
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or "no such file"
        raise ReaderError(f"cannot read {name}: {reason}") from None
    if len(data) > limit:
        raise ReaderError(f"{name} is larger than {limit // (1024 * 1024)} MB (the limit)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReaderError(f"{name}: not UTF-8 JSON") from None


def run(args: argparse.Namespace) -> int:
    from reader.anchoring import TextIndex
    from reader.config import load_settings
    from reader.store import open_library
    from reader.store.annotations import (
        MAX_NOTES_FILE_BYTES,
        NotAnnotations,
        ParsedAnnotation,
        kept_whole,
        parse_annotations,
        place,
        restore_bookmarks,
    )

    settings = load_settings()
    limit = min(settings.limits.max_input_bytes, MAX_NOTES_FILE_BYTES)
    try:
        parsed = parse_annotations(_read(args.file, limit))
    except NotAnnotations as error:
        raise ReaderError(f"{display_name(args.file)}: {error}") from None
    ignored = parsed.ignored
    by_source: dict[str, list[ParsedAnnotation]] = defaultdict(list)
    for annotation in parsed.annotations:
        by_source[args.page or annotation.source or ""].append(annotation)

    missing: list[tuple[str, int]] = []
    with open_library(settings) as store:
        store.require_writable()
        for source, group in by_source.items():
            stored = (
                store.articles.find(source, settings.limits.max_input_bytes) if source else None
            )
            text = store.articles.text(stored.id) if stored else None
            if stored is None or text is None:
                missing.append((source, len(group)))
                continue
            index = TextIndex(text)
            marks = [a for a in group if a.bookmark]
            group = [a for a in group if not a.bookmark]
            outcomes = [(a, p) for a in group if (p := place(a, index)) is not None]
            placed = [p for _, p in outcomes]
            ignored += len(group) - len(placed)
            added, updated = store.highlights.merge(stored.id, placed)
            orphans = sum(1 for p in placed if p.orphaned)
            # Placed, but not the whole quote as exported: words changed or went missing.
            moved = sum(1 for a, p in outcomes if not p.orphaned and not kept_whole(a, p))
            print(
                f"{display_name(stored.entry.display_title)}: "
                f"{len(placed) - orphans - moved} anchored, {moved} moved (fuzzy), "
                f"{orphans} orphaned ({added} new, {updated} updated)"
            )
            if marks:
                new, lost = restore_bookmarks(store, stored.id, marks, index)
                gone = f", {lost} not found in the text" if lost else ""
                print(f"  bookmarks: {len(marks)} read, {new} new{gone}")
    if ignored:
        print(f"{ignored} annotation{'s' if ignored != 1 else ''} without a text passage ignored")
    for source, count in missing:
        where = display_name(source) if source else "(no source)"
        print(f"reader: {count} annotations for {where}: not in the library", file=sys.stderr)
    if parsed.bad:
        count = len(parsed.bad)
        print(
            f"reader: {count} malformed annotation{'s' if count != 1 else ''} skipped "
            f"(first: {display_name(parsed.bad[0])})",
            file=sys.stderr,
        )
    return 2 if missing or parsed.bad else 0
