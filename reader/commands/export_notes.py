"""``reader export PAGE [--format md|json] [-o FILE]``: a page's highlights and notes.

Markdown (title, source, each highlight as a block quote followed by its note) is ready
for Obsidian or a notes folder; JSON is W3C Web Annotation JSON-LD, which
``reader import-notes`` and other annotation tools read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reader.atomic import write_atomic
from reader.errors import ReaderError, StoreError
from reader.loaders.names import display_name

if TYPE_CHECKING:
    from reader.store import Store, StoredArticle

FORMATS = ("md", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "page",
        metavar="PAGE",
        nargs="?",
        help="a page in the library: its path, URL or library id",
    )
    parser.add_argument(
        "--all",
        action="store_true",
        help="every article's notes: md writes one file per article into the folder -o "
        "names; json one W3C Web Annotation list (for reader import-notes)",
    )
    parser.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        help="md (Markdown) or json (W3C Web Annotation); default: from FILE's suffix, else md",
    )
    parser.add_argument(
        "-o", "--output", metavar="FILE", help="write to FILE (a folder for --all md), not stdout"
    )
    parser.add_argument(
        "--follow-symlinks",
        action="store_true",
        help="if FILE is a symbolic link, write to the file it points to (refused otherwise)",
    )


def find_article(store: Store, page: str, max_bytes: int) -> StoredArticle:
    """The article the user means: a library id, a URL or a path (also a moved copy)."""
    stored = None
    if page.strip().isdigit():
        stored = store.articles.get(int(page))
        if stored is not None and stored.deleted:
            stored = None
    if stored is None:
        stored = store.articles.find(page, max_bytes)
    if stored is None:
        raise StoreError(
            f"{display_name(page)} is not in the library "
            "(open it with reader PAGE, or add it with reader import)"
        )
    return stored


def export_text(store_page: str, fmt: str) -> tuple[str, int, int]:
    """The export of ``store_page`` in ``fmt``, and how many highlights and bookmarks
    it holds."""
    from reader.config import load_settings
    from reader.store import open_library
    from reader.store.annotations import to_json, to_markdown

    settings = load_settings()
    with open_library(settings) as store:
        stored = find_article(store, store_page, settings.limits.max_input_bytes)
        highlights = store.highlights.list(stored.id)
        bookmarks = store.bookmarks.list(stored.id)
    render = to_json if fmt == "json" else to_markdown
    return render(stored, highlights, bookmarks), len(highlights), len(bookmarks)


def run(args: argparse.Namespace) -> int:
    fmt = args.format
    if fmt is None:
        fmt = "json" if args.output and args.output.lower().endswith((".json", ".jsonld")) else "md"
    if args.all:
        if args.page:
            raise ReaderError("give either PAGE or --all, not both")
        return _export_all(fmt, args.output)
    if not args.page:
        raise ReaderError("name the PAGE to export (path, URL or library id), or use --all")
    from reader.notes_export import counted

    text, count, bookmarks = export_text(args.page, fmt)
    if args.output:
        write_atomic(args.output, text, follow_symlinks=args.follow_symlinks)
        written = f"{counted(count, bookmarks)} written to {display_name(args.output)}"
        print(written, file=sys.stderr)
    else:
        sys.stdout.write(text)
    if not count and not bookmarks:
        print(
            "reader: no highlights or bookmarks on this page yet: only its title and source",
            file=sys.stderr,
        )
    return 0


def _export_all(fmt: str, output: str | None) -> int:
    from reader.config import load_settings
    from reader.store import open_library
    from reader.store.export_all import library_json, write_markdown_folder

    settings = load_settings()
    with open_library(settings) as store:
        if fmt == "json":
            text, count = library_json(store)
            if output:
                write_atomic(output, text)
            else:
                sys.stdout.write(text)
            target = display_name(output) if output else "standard output"
            print(f"{count} highlights written to {target}", file=sys.stderr)
            return 0
        if not output:
            raise ReaderError(
                "--all as Markdown writes one file per article: name a folder with -o"
            )
        files, count = write_markdown_folder(store, Path(output), write_atomic)
    print(f"{count} highlights in {files} files written to {display_name(output)}", file=sys.stderr)
    return 0
