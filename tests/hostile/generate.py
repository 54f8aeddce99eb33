"""Write a corpus of broken and hostile pages into a directory.

Each kind of page is named and says what it checks; the tests in this folder run every
guarantee (no crash, no hang, bounded memory, no terminal injection, no network,
correct encodings, nothing lost) over all of them. By hand, from the repository root::

    python -m tests.hostile.generate OUTDIR          # write every kind
    python -m tests.hostile.generate --list          # name each kind and what it checks
    python -m tests.hostile.generate OUTDIR nul_bytes gzip_bomb   # only these
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable
from pathlib import Path

from .registry import KINDS, Kind, Page


def all_kinds() -> dict[str, Kind]:
    # The kinds live in topic modules that register themselves on import.
    from . import (  # noqa: F401
        kinds_broken,
        kinds_encoding,
        kinds_inject,
        kinds_mhtml,
        kinds_size,
    )

    return KINDS


def write_file(directory: Path, filename: str, data: bytes) -> Path:
    target = os.path.join(os.fsencode(directory), os.fsencode(filename))
    parent = os.path.dirname(target)
    os.makedirs(parent, exist_ok=True)
    with open(target, "wb") as handle:
        handle.write(data)
    return Path(os.fsdecode(target))


def generate(directory: Path, names: Iterable[str] | None = None) -> list[Page]:
    """Write the named kinds (default: all) into ``directory``; return them in order."""
    kinds = all_kinds()
    chosen = list(kinds) if names is None else list(names)
    unknown = [n for n in chosen if n not in kinds]
    if unknown:
        raise KeyError(f"unknown kinds: {', '.join(unknown)}")
    directory.mkdir(parents=True, exist_ok=True)
    pages = []
    for name in chosen:
        spec = kinds[name]
        for extra, data in spec.extra_files.items():
            write_file(directory, extra, data)
        pages.append(Page(spec, write_file(directory, spec.filename, spec.build())))
    return pages


def pages_in(directory: Path) -> dict[str, Page]:
    """The pages :func:`generate` wrote into ``directory``, by kind name."""
    return {
        name: Page(
            spec,
            Path(os.fsdecode(os.path.join(os.fsencode(directory), os.fsencode(spec.filename)))),
        )
        for name, spec in all_kinds().items()
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("outdir", nargs="?", type=Path)
    parser.add_argument("kinds", nargs="*", help="only these kinds (default: all)")
    parser.add_argument("--list", action="store_true", help="list the kinds and exit")
    args = parser.parse_args(argv)
    kinds = all_kinds()
    if args.list or args.outdir is None:
        for spec in kinds.values():
            flag = " [heavy]" if spec.heavy else ""
            print(f"{spec.name:<28} {spec.filename!r}{flag}\n    {spec.checks}")
        print(f"{len(kinds)} kinds")
        return 0
    pages = generate(args.outdir, args.kinds or None)
    for page in pages:
        print(f"{page.name:<28} {os.fsencode(page.path)!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
