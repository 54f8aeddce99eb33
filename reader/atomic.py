"""Writing a file so that a crash leaves the old one or the new one, never half of either,
and never replacing something that is not a regular file.

A rename replaces whatever the name points at: a symbolic link would become a regular
file, and as root a device node (``/dev/null``) would too. So the target is looked at
first, and the temporary file never outlives a failed write (a full disk included).
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from reader.errors import ReaderError
from reader.loaders.names import display_name


class WriteFailed(ReaderError, OSError):
    """The file could not be written: one line naming it. An OSError too, so callers that
    treat any write failure alike (caches, the session state) need no second clause."""


def write_atomic(
    path: Path | str, data: bytes | str, *, follow_symlinks: bool = False, durable: bool = True
) -> None:
    """Replace ``path`` with ``data`` (text is written as UTF-8) in one rename.

    A symbolic link is refused unless ``follow_symlinks``, which writes to the file it
    points to; a directory, FIFO, device or socket is always refused. ``durable`` waits
    for the disk (an export); a cache that can be rebuilt need not."""
    target = Path(path)
    shown = display_name(str(path))
    mode = 0o666 & ~_umask()
    try:
        status: os.stat_result | None = os.lstat(target)
    except FileNotFoundError:
        status = None
    except OSError as error:
        raise WriteFailed(f"cannot write {shown}: {error.strerror}") from None
    if status is not None and stat.S_ISLNK(status.st_mode):
        if not follow_symlinks:
            raise WriteFailed(f"cannot write {shown}: it is a symbolic link; not replacing it")
        target = Path(os.path.realpath(target))
        try:
            status = os.stat(target)
        except FileNotFoundError:
            status = None
        except OSError as error:
            raise WriteFailed(f"cannot write {shown}: {error.strerror}") from None
    if status is not None:
        if not stat.S_ISREG(status.st_mode):
            raise WriteFailed(f"cannot write {shown}: it is {_kind(status.st_mode)}, not a file")
        mode = stat.S_IMODE(status.st_mode)
    payload = data.encode("utf-8", "surrogateescape") if isinstance(data, str) else data
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{target.name[:64]}.")
    except OSError as error:
        raise WriteFailed(f"cannot write {shown}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as file:
            _write_all(file.fileno(), payload)
            os.fchmod(file.fileno(), mode)
            if durable:
                os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise WriteFailed(f"cannot write {shown}: {error.strerror or error}") from None
        raise


def _write_all(fd: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        view = view[os.write(fd, view) :]


def _umask() -> int:
    # Setting the umask to read it would race with other threads creating files, so it
    # is read from /proc where there is one; elsewhere the usual 022 is assumed.
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    return 0o022


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"
