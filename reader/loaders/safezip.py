"""Read members of an untrusted ZIP without ever writing a file or trusting its sizes.

Nothing is extracted to disk, so a name like ``../../etc/passwd`` can do no harm; such
names are still refused (and counted) so they never become a library source. Every
read is bounded by the limits, whatever the ZIP's headers claim, and an entry that
expands far beyond its compressed size is a ZIP bomb: one clear error.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from reader.errors import LimitExceeded, LoadError
from reader.loaders.names import display_name, human_size

MAX_ENTRIES = 200_000
"""Most entries looked at (a hostile archive may list millions)."""
MAX_RATIO = 200
"""Largest expansion accepted for a big entry (deflate rarely passes 20 on text)."""
_RATIO_FLOOR = 1 << 20
"""Entries expanding to less than this are never called bombs, whatever the ratio."""
_DRIVE = re.compile(r"^[A-Za-z]:")


def safe_name(name: str) -> bool:
    """A relative name with no ``..``, drive or control characters."""
    if not name or name.startswith(("/", "\\")) or _DRIVE.match(name) or "\x00" in name:
        return False
    parts = name.replace("\\", "/").split("/")
    return ".." not in parts and not any(ord(c) < 32 for c in name)


@dataclass
class SafeZip:
    """An opened ZIP: its safe member names, and how many unsafe ones were skipped."""

    path: Path | IO[bytes]
    """A file, or the bytes of one (a ZIP held in a page)."""
    limit: int
    """Largest member read, in bytes."""
    total_limit: int
    """Most bytes read from all members together."""
    label: str = ""
    """How messages name the archive (default: its path)."""
    names: list[str] = field(default_factory=list)
    unsafe: int = 0
    _zip: zipfile.ZipFile | None = None
    _read: int = 0

    def _label(self) -> str:
        return self.label or display_name(str(self.path))

    def __enter__(self) -> SafeZip:
        name = self._label()
        try:
            self._zip = zipfile.ZipFile(self.path)
            infos = self._zip.infolist()
        except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
            raise LoadError(f"{name}: not a readable ZIP archive ({error})") from None
        if len(infos) > MAX_ENTRIES:
            raise LimitExceeded(f"{name} lists more than {MAX_ENTRIES} files")
        for info in infos:
            if info.is_dir():
                continue
            if safe_name(info.filename):
                self.names.append(info.filename)
            else:
                self.unsafe += 1
        return self

    def __exit__(self, *exc: object) -> None:
        if self._zip is not None:
            self._zip.close()

    def read(self, member: str) -> bytes:
        """The member's bytes; LimitExceeded for one too large or a ZIP bomb."""
        assert self._zip is not None
        name = f"{self._label()}!{display_name(member)}"
        try:
            info = self._zip.getinfo(member)
            if info.file_size > self.limit:
                raise LimitExceeded(f"{name} is larger than the {human_size(self.limit)} limit")
            if (
                info.file_size > _RATIO_FLOOR
                and info.file_size > max(info.compress_size, 1) * MAX_RATIO
            ):
                raise LimitExceeded(f"{name} expands {MAX_RATIO}+ times over: a ZIP bomb")
            with self._zip.open(info) as handle:
                # Headers can lie about sizes: the read itself is bounded too.
                data = handle.read(self.limit + 1)
        except KeyError:
            raise LoadError(f"{name}: no such file in the archive") from None
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as e:
            raise LoadError(f"{name}: damaged entry ({e})") from None
        if len(data) > self.limit:
            raise LimitExceeded(f"{name} is larger than the {human_size(self.limit)} limit")
        self._read += len(data)
        if self._read > self.total_limit:
            raise LimitExceeded(
                f"{self._label()} expands past {human_size(self.total_limit)}"
                " in all: a ZIP bomb, or raise limits.max_decompressed_bytes"
            )
        return data
