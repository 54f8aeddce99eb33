"""``reader export PAGE [--format md|json] [-o FILE]``: a page's highlights and notes.

Markdown (title, source, each highlight as a block quote followed by its note) is ready
for Obsidian or a notes folder; JSON is W3C Web Annotation JSON-LD, which
``reader import-notes`` and other annotation tools read.
"""

from __future__ import annotations

import argparse
import sys

from reader.atomic import write_atomic
from reader.errors import StoreError
from reader.loaders.names import display_name

FORMATS = ("md", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("page", metavar="PAGE", help="a page in the library: its path or URL")
    parser.add_argument(
        "-f",
        "--format",
        choices=FORMATS,
        help="md (Markdown) or json (W3C Web Annotation); default: from FILE's suffix, else md",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE, not stdout")
    parser.add_argument(
        "--follow-symlinks",
        action="store_true",
        help="if FILE is a symbolic link, write to the file it points to (refused otherwise)",
    )


def export_text(store_page: str, fmt: str) -> tuple[str, int]:
    """The export of ``store_page`` in ``fmt``, and how many highlights it holds."""
    from reader.config import load_settings
    from reader.store import open_library
    from reader.store.annotations import to_json, to_markdown

    settings = load_settings()
    with open_library(settings) as store:
        stored = store.articles.find(store_page, settings.limits.max_input_bytes)
        if stored is None:
            raise StoreError(
                f"{display_name(store_page)} is not in the library "
                "(open it with reader PAGE, or add it with reader import)"
            )
        highlights = store.highlights.list(stored.id)
    render = to_json if fmt == "json" else to_markdown
    return render(stored, highlights), len(highlights)


def run(args: argparse.Namespace) -> int:
    fmt = args.format
    if fmt is None:
        fmt = "json" if args.output and args.output.lower().endswith((".json", ".jsonld")) else "md"
    text, count = export_text(args.page, fmt)
    if args.output:
        write_atomic(args.output, text, follow_symlinks=args.follow_symlinks)
        plural = "s" if count != 1 else ""
        print(f"{count} highlight{plural} written to {display_name(args.output)}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0
