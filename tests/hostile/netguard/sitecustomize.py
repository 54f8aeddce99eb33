"""Loaded at start-up by child processes of the hostile tests (via PYTHONPATH): any
socket connection or name lookup is refused and written to ``$HOSTILE_NETWORK_LOG``,
so the test fails even when the program swallowed the error."""

from __future__ import annotations

import os
import socket
import sys

_LOG = os.environ.get("HOSTILE_NETWORK_LOG")
_EVENTS = frozenset(
    {
        "socket.connect",
        "socket.getaddrinfo",
        "socket.gethostbyname",
        "socket.gethostbyaddr",
        "socket.getnameinfo",
        "socket.sendto",
        "socket.sendmsg",
        "urllib.Request",
        "http.client.connect",
        "ftplib.connect",
        "webbrowser.open",
    }
)


def _local(args: tuple[object, ...]) -> bool:
    """A Unix-domain socket is inter-process plumbing (multiprocessing), not network."""
    family = getattr(args[0], "family", None) if args else None
    return family is not None and family == getattr(socket, "AF_UNIX", object())


def _refuse(event: str, args: tuple[object, ...]) -> None:
    if event not in _EVENTS or (event.startswith("socket.") and _local(args)):
        return
    if _LOG:
        with open(_LOG, "a", encoding="utf-8", errors="backslashreplace") as log:
            log.write(f"{event} {args!r}"[:500] + "\n")
    raise OSError(f"network access refused by the hostile-page tests: {event}")


if _LOG:
    sys.addaudithook(_refuse)


_HWM = os.environ.get("HOSTILE_HWM_FILE")


def _record_peak_memory() -> None:
    """The kernel's ru_maxrss for a child also counts the parent's pages it was forked
    from (the test worker's, hundreds of MB); VmHWM is this program's own peak. The
    peak of the processes it started (a bounded extraction, started fresh) is added:
    an upper bound on the peak of the whole tree."""
    import multiprocessing
    import resource

    if multiprocessing.parent_process() is not None:
        return  # a child of the program: counted by its parent
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
                    with open(_HWM, "w", encoding="ascii") as out:  # type: ignore[arg-type]
                        out.write(str(int(line.split()[1]) + children))
                    return
    except OSError:
        return


if _HWM:
    import atexit

    atexit.register(_record_peak_memory)
