"""May a link in a page open a file on this computer? The policy, without any UI.

A saved page is untrusted: its links may point at ``/proc/self/environ``,
``~/.bash_history`` or ``../../etc/…`` as easily as at the next saved page. A local
link is resolved against the page's own folder (symlinks followed, ``~`` not expanded:
a browser would not either), and only a regular file of a page kind outside the
kernel's and devices' trees may be opened, and then only after the reader confirms
with the resolved path in front of them (the UI asks).
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

PAGE_SUFFIXES = (".html", ".htm", ".mhtml", ".mht", ".txt", ".md", ".markdown")
"""File names a link may open (each also compressed, ``.gz``)."""
SYSTEM_TREES = (Path("/proc"), Path("/sys"), Path("/dev"))
"""Never opened from a link, whatever the name: process memory, kernel state, devices."""


@dataclass(frozen=True, slots=True)
class LocalTarget:
    allowed: bool
    path: Path
    """Where the link really leads: absolute, symlinks resolved."""
    reason: str
    """One line: why it may be opened, or why not."""


def is_page_name(name: str) -> bool:
    lowered = name.lower()
    if lowered.endswith(".gz"):
        lowered = lowered[:-3]
    return lowered.endswith(PAGE_SUFFIXES)


def page_folder(page_source: str) -> Path | None:
    """The folder a local page's relative links start from; None for a page that has
    none on this computer (standard input, a URL)."""
    if not page_source or page_source == "-" or "://" in page_source:
        return None
    return Path(os.path.abspath(page_source)).parent


def decide(link_path: str, page_source: str) -> LocalTarget:
    """Whether ``link_path`` (a path from a link, or from a ``file:`` URL) on the page
    read from ``page_source`` may be opened."""
    written = Path(link_path)
    if not written.is_absolute():
        folder = page_folder(page_source)
        if folder is None:
            return LocalTarget(False, written, "a relative link on a page with no folder here")
        written = folder / written
    try:
        resolved = Path(os.path.realpath(written))
    except (OSError, ValueError):
        return LocalTarget(False, written, "the link's path cannot be resolved")
    for tree in SYSTEM_TREES:
        if _inside(written, tree) or _inside(resolved, tree):
            return LocalTarget(False, resolved, f"{tree} holds system files, never pages")
    try:
        mode = os.stat(resolved).st_mode
    except FileNotFoundError:
        return LocalTarget(False, resolved, "no such file")
    except (OSError, ValueError) as error:
        reason = getattr(error, "strerror", None) or "it cannot be read"
        return LocalTarget(False, resolved, f"cannot read it: {reason[:1].lower()}{reason[1:]}")
    if stat.S_ISDIR(mode):
        return LocalTarget(False, resolved, "it is a directory, not a page")
    if not stat.S_ISREG(mode):
        return LocalTarget(False, resolved, "it is not a regular file (a pipe or a device)")
    if not is_page_name(resolved.name):
        kinds = " ".join(PAGE_SUFFIXES)
        return LocalTarget(False, resolved, f"not a saved page ({kinds}, or .gz of one)")
    return LocalTarget(True, resolved, "a saved page on this computer")


def _inside(path: Path, tree: Path) -> bool:
    return path == tree or tree in path.parents
