"""Hand a web URL to a graphical browser, never to one that would take over the terminal.

``webbrowser`` happily picks lynx, w3m or www-browser when no display is available; run
from inside the reader, such a browser would fight it for the screen. So a browser is
only used when a display is there and the chosen one is not a console browser.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import PurePath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import webbrowser

CONSOLE_BROWSERS = frozenset(
    {
        "www-browser",
        "lynx",
        "w3m",
        "elinks",
        "links",
        "links2",
        "browsh",
        "carbonyl",
        "netrik",
        "retawq",
        "chawan",
        "cha",
    }
)


def has_display() -> bool:
    if sys.platform == "darwin" or sys.platform.startswith("win"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def _command_name(controller: webbrowser.BaseBrowser) -> str:
    name = getattr(controller, "name", "") or ""
    first = name.split()[0] if name.split() else ""
    return PurePath(first).name.lower()


def graphical_browser() -> webbrowser.BaseBrowser | None:
    """The browser ``webbrowser`` would use, if it is a graphical one; else None."""
    if not has_display():
        return None
    # Loaded when a link is opened, not at every start.
    import webbrowser

    try:
        controller = webbrowser.get()
    except webbrowser.Error:
        return None
    if _command_name(controller) in CONSOLE_BROWSERS:
        return None
    return controller


def open_in_browser(url: str) -> bool:
    """Open ``url`` in a graphical browser; False when there is none or it failed.

    Blocks for as long as launching takes, so call it from a worker thread."""
    import webbrowser

    controller = graphical_browser()
    if controller is None:
        return False
    if isinstance(controller, webbrowser.GenericBrowser):
        # Launch it ourselves so its chatter on stdout/stderr cannot scribble over the
        # reader's screen (webbrowser lets the child inherit the terminal).
        args = [arg.replace("%s", url) for arg in controller.args]
        if not any(url in arg for arg in args):
            args.append(url)
        try:
            subprocess.Popen(
                [controller.name, *args],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                close_fds=True,
            )
        except OSError:
            return False
        return True
    try:
        return bool(controller.open(url, new=2))
    except (webbrowser.Error, OSError):
        return False
