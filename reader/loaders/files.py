"""Read the bytes of a local file or of standard input, never more than the input cap."""

from __future__ import annotations

import errno
import os
import stat
import sys
from typing import BinaryIO

from reader.config import Limits
from reader.errors import LimitExceeded, LoadError
from reader.loaders.names import display_name, human_size

_CHUNK = 1024 * 1024


def read_path(path: str, limits: Limits) -> bytes:
    """The bytes of the file at ``path``; LoadError/LimitExceeded name the file."""
    name = display_name(path)
    limit = limits.max_input_bytes
    try:
        with open_regular(path, name) as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > limit:
                raise too_large(name, limit)
            return read_capped(handle, limit, name, size)
    except FileNotFoundError:
        raise LoadError(f"no such file: {name}") from None
    except IsADirectoryError:
        raise LoadError(f"{name} is a directory, not a page") from None
    except PermissionError:
        raise LoadError(f"cannot read {name}: permission denied") from None
    except ValueError:  # a NUL in the path: no file can have that name
        raise LoadError(f"no such file: {name}") from None
    except OSError as error:
        if error.errno == errno.ENOTDIR:
            raise LoadError(f"no such file: {name}") from None
        reason = error.strerror or type(error).__name__
        raise LoadError(f"cannot read {name}: {reason[:1].lower()}{reason[1:]}") from None


def special_kind(mode: int) -> str | None:
    """What a file that is not a regular file is, in words (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def not_regular(name: str, kind: str) -> LoadError:
    if kind == "a directory":
        return LoadError(f"{name} is a directory, not a page")
    return LoadError(f"{name} is {kind}, not a regular file")


def open_regular(path: str | os.PathLike[str], name: str | None = None) -> BinaryIO:
    """``path`` opened for reading, only when it is a regular file (LoadError otherwise).

    Never blocks: a FIFO with no writer, a terminal or a device is refused after a
    ``stat``, and the file is opened with O_NONBLOCK and checked again with ``fstat``
    (it may have been swapped in between). OSError passes through for the caller."""
    shown = name or display_name(os.fspath(path))
    kind = special_kind(os.stat(path).st_mode)
    if kind is not None:
        raise not_regular(shown, kind)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    fd = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    try:
        kind = special_kind(os.fstat(fd).st_mode)
        if kind is not None:
            raise not_regular(shown, kind)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_stdin(limits: Limits) -> bytes:
    """All of standard input as bytes (for the source ``-``)."""
    name = display_name("-")
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise LoadError(f"cannot read {name}: there is none")
    isatty = getattr(stream, "isatty", None)
    if callable(isatty) and isatty():
        raise LoadError(
            f"{name} is a terminal; pipe a page in (e.g. curl -s URL | reader extract -)"
        )
    try:
        return read_capped(stream, limits.max_input_bytes, name)
    except (OSError, ValueError) as error:
        raise LoadError(f"cannot read {name}: {error}") from None


def read_capped(stream: BinaryIO, limit: int, name: str, size_hint: int | None = None) -> bytes:
    """Read to the end of ``stream``, refusing it once more than ``limit`` bytes came."""
    # A regular file is read in one go (its size + 1, to notice a file still growing);
    # pipes and devices in chunks, so /dev/zero stops at the cap instead of filling memory.
    first = stream.read(min(size_hint + 1, limit + 1) if size_hint is not None else _CHUNK)
    if first is None:
        first = b""
    if size_hint is not None and len(first) <= size_hint:
        return first
    chunks = [first]
    total = len(first)
    while total <= limit and first:
        first = stream.read(min(_CHUNK, limit + 1 - total)) or b""
        chunks.append(first)
        total += len(first)
    if total > limit:
        raise too_large(name, limit)
    return b"".join(chunks)


def too_large(name: str, limit: int) -> LimitExceeded:
    return LimitExceeded(
        f"{name} is larger than the {human_size(limit)} input limit "
        "(setting limits.max_input_bytes)"
    )
