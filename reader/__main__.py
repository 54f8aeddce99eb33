"""Command line: ``reader [PAGE...]`` opens the reader; subcommands work without a TUI.

Every failure reaches the user as one line on stderr and exit status 2, never a
traceback: unexpected exceptions are logged to ``errors.log`` in the data directory.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence

from reader import __version__
from reader.errors import ReaderError

# Subcommand name -> module with add_arguments(parser) and run(args) -> int.
# Imported lazily so `reader extract` never pays for Textual or spaCy.
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "extract": ("reader.commands.extract", "print the article of each page (no TUI)"),
    "import": ("reader.commands.import_pages", "add pages to the library"),
    "export": ("reader.commands.export_notes", "export a page's highlights and notes"),
    "import-notes": ("reader.commands.import_notes", "read exported notes back"),
    "keys": ("reader.commands.keys", "list every key binding id, its keys and what it does"),
}
OPEN_COMMAND = "reader.commands.read"


def build_parser(command: str | None) -> argparse.ArgumentParser:
    if command is None:
        parser = argparse.ArgumentParser(
            prog="reader",
            description="Read saved web pages in the terminal. With no PAGE, opens the library.",
            epilog="subcommands: "
            + "; ".join(f"{name}: {help_}" for name, (_, help_) in SUBCOMMANDS.items())
            + " (reader SUBCOMMAND -h for more)",
        )
        parser.add_argument("--version", action="version", version=f"reader {__version__}")
        module = OPEN_COMMAND
    else:
        module, help_ = SUBCOMMANDS[command]
        parser = argparse.ArgumentParser(prog=f"reader {command}", description=help_)
    parser.add_argument(
        "--data-dir", metavar="DIR", help="library location (default: the XDG data directory)"
    )
    importlib.import_module(module).add_arguments(parser)
    parser.set_defaults(_module=module)
    return parser


def split_command(argv: Sequence[str]) -> tuple[str | None, list[str]]:
    """The subcommand named in ``argv`` and the arguments left for it. The options every
    command takes (``--data-dir DIR``) may come before the subcommand's name too:
    ``reader --data-dir DIR import PAGE`` is ``reader import --data-dir DIR PAGE``."""
    at = 0
    while at < len(argv) and argv[at].startswith("--data-dir"):
        at += 1 if "=" in argv[at] else 2
    if at < len(argv) and argv[at] in SUBCOMMANDS:
        return argv[at], [*argv[:at], *argv[at + 1 :]]
    return None, list(argv)


def run(argv: Sequence[str]) -> int:
    command, rest = split_command(argv)
    parser = build_parser(command)
    args = parser.parse_args(rest)
    if args.data_dir:
        os.environ["READER_DATA_DIR"] = args.data_dir
    if args._module != OPEN_COMMAND:
        # The reader itself shows these in its window, and prints them when it closes.
        from reader.config_warnings import config_warnings
        from reader.sanitize import clean_line

        for line in config_warnings():
            print(f"reader: {clean_line(line)}", file=sys.stderr)
    module = importlib.import_module(args._module)
    return int(module.run(args) or 0)


def main(argv: Sequence[str] | None = None) -> None:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        code = run(argv)
    except ReaderError as error:
        from reader.sanitize import clean_line

        print(f"reader: {clean_line(str(error))}", file=sys.stderr)
        code = error.exit_code
    except KeyboardInterrupt:
        # ctrl+c: quietly, with the shell's status for it. A second one while this
        # process cleans up ends it by the signal itself, again without a traceback.
        import signal

        signal.signal(signal.SIGINT, signal.SIG_DFL)
        code = 130
    except BrokenPipeError:
        # The reader of our stdout went away (`reader extract … | head`): not an error.
        code = 0
        with contextlib.suppress(OSError):
            # Point stdout somewhere harmless so the flush at exit cannot fail again.
            sys.stdout = open(os.devnull, "w")  # noqa: SIM115
    except Exception as error:  # the one place that turns bugs into a line
        from reader.crashlog import log_crash

        where = log_crash(error, argv)
        print(
            f"reader: internal error ({type(error).__name__}); details in {where}",
            file=sys.stderr,
        )
        code = 2
    threading = sys.modules.get("threading")
    if threading is not None and threading.active_count() > 1:
        # Threads still running are joined on the way out; a ctrl+c while that waits
        # ends the process at once rather than printing the interpreter's traceback.
        import signal

        signal.signal(signal.SIGINT, signal.SIG_DFL)
    sys.exit(code)


if __name__ == "__main__":
    main()
