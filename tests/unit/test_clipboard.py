"""The system clipboard: which tool, text through its standard input, a time limit."""

from __future__ import annotations

import shlex
import sys
import threading
import time
from pathlib import Path

from reader.clipboard import clipboard_command, copy_in_background, copyable, run_tool


def which_of(*present: str):  # type: ignore[no-untyped-def]
    return lambda name: f"/usr/bin/{name}" if name in present else None


def test_the_tool_follows_the_display() -> None:
    wayland = {"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}
    assert clipboard_command(wayland, which_of("wl-copy", "xclip"), "linux") == ("wl-copy",)
    x11 = {"DISPLAY": ":0"}
    assert clipboard_command(x11, which_of("xclip"), "linux")[0] == "xclip"  # type: ignore[index]
    assert clipboard_command(x11, which_of("xsel"), "linux")[0] == "xsel"  # type: ignore[index]
    assert clipboard_command({}, which_of("pbcopy"), "darwin") == ("pbcopy",)


def test_no_display_or_no_tool_means_no_clipboard() -> None:
    assert clipboard_command({}, which_of("xclip", "wl-copy", "xsel"), "linux") is None
    assert clipboard_command({"DISPLAY": ":0"}, which_of(), "linux") is None


def test_text_goes_through_standard_input(tmp_path: Path) -> None:
    out = tmp_path / "copied.txt"
    text = "a line; $(touch pwned) `id`\nand “another”"
    command = ("sh", "-c", f"cat > {shlex.quote(str(out))}")
    assert run_tool(command, text) is None
    assert out.read_text(encoding="utf-8") == text
    assert not (tmp_path / "pwned").exists()


def test_a_tool_that_blocks_is_killed_in_time() -> None:
    started = time.monotonic()
    said = run_tool((sys.executable, "-c", "import time; time.sleep(30)"), "text", seconds=0.3)
    assert said is not None and "did not answer" in said
    assert time.monotonic() - started < 5


def test_a_failing_or_missing_tool_says_why() -> None:
    failed = run_tool((sys.executable, "-c", "raise SystemExit(3)"), "text")
    assert failed is not None and "exit status 3" in failed
    missing = run_tool(("/nonexistent/clipboard-tool",), "text")
    assert missing is not None and missing.startswith("/nonexistent/clipboard-tool")


def test_copying_in_the_background_reports_when_done(tmp_path: Path) -> None:
    out = tmp_path / "copied.txt"
    finished = threading.Event()
    outcomes: list[str | None] = []

    def done(outcome: str | None) -> None:
        outcomes.append(outcome)
        finished.set()

    command = ("sh", "-c", f"cat > {shlex.quote(str(out))}")
    assert copy_in_background("hello", command, done)
    assert finished.wait(10)
    assert outcomes == [None] and out.read_text(encoding="utf-8") == "hello"


def test_copyable_text_has_no_control_characters() -> None:
    text = "Title\x1b]52;c;ZXZpbA==\x07\tcell\nline\x1b[2J two\x9b31m \x08\u202eevil"
    copied = copyable(text)
    assert copied == "Title\tcell\nline two evil"
