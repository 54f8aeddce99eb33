"""The system clipboard, where the machine has one (no Textual here).

The terminal's own clipboard (OSC 52) is the UI's business; this module hands text
to the desktop's clipboard tool as well: ``wl-copy`` on Wayland, ``xclip`` or
``xsel`` under X11, ``pbcopy`` on macOS. The text goes to the tool on its standard
input, never as an argument, and the tool runs in a thread of its own with a time
limit, so a tool that blocks (an X server that does not answer) never holds up the
reader or keeps it from exiting.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping

from reader.sanitize import clean

TOOL_SECONDS = 3.0
"""How long a clipboard tool may take before it is killed."""

_TOOLS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # (environment variable that says the display exists, command)
    ("WAYLAND_DISPLAY", ("wl-copy",)),
    ("DISPLAY", ("xclip", "-selection", "clipboard", "-in")),
    ("DISPLAY", ("xsel", "--clipboard", "--input")),
)

Done = Callable[[str | None], None]
"""Told the outcome once the tool has finished: None, or why it failed (one line)."""


def copyable(text: str) -> str:
    """``text`` as it may be copied: escape sequences and control characters removed
    (tabs and line breaks kept), so pasting it into a terminal runs nothing."""
    return clean(text)


def clipboard_command(
    environ: Mapping[str, str] | None = None,
    which: Callable[[str], str | None] = shutil.which,
    platform: str = sys.platform,
) -> tuple[str, ...] | None:
    """The command that copies its standard input to the system clipboard here, or
    None when there is none (a server, a container, SSH without a display)."""
    env = os.environ if environ is None else environ
    if platform == "darwin" and which("pbcopy"):
        return ("pbcopy",)
    for variable, command in _TOOLS:
        if env.get(variable) and which(command[0]):
            return command
    return None


def run_tool(command: tuple[str, ...], text: str, seconds: float = TOOL_SECONDS) -> str | None:
    """Give ``text`` to ``command`` on its standard input; None when it worked, else
    why not. The tool's output is not read: ``xclip`` leaves a child behind that keeps
    the selection, and waiting for its output would wait for that child."""
    try:
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as error:
        return f"{command[0]}: {error.strerror or error}"
    try:
        process.communicate(text.encode("utf-8", "replace"), timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
        return f"{command[0]} did not answer within {seconds:g} s"
    except OSError as error:
        process.kill()
        process.wait()
        return f"{command[0]}: {error.strerror or error}"
    if process.returncode:
        return f"{command[0]} failed (exit status {process.returncode})"
    return None


def copy_in_background(
    text: str, command: tuple[str, ...] | None = None, done: Done | None = None
) -> bool:
    """Copy ``text`` to the system clipboard in a daemon thread; False when this
    machine has no clipboard tool (nothing is started)."""
    command = command or clipboard_command()
    if command is None:
        return False

    def work() -> None:
        outcome = run_tool(command, text)
        if done is not None:
            done(outcome)

    threading.Thread(target=work, name="clipboard", daemon=True).start()
    return True
