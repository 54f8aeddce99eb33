"""Streamed gzip decompression with a hard cap on the decompressed size.

A gzip bomb (a few hundred KB that expand to gigabytes) is stopped as soon as the
output passes the cap: zlib is asked for at most a chunk at a time, so memory never
holds more than the cap plus one chunk.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

from reader.errors import LimitExceeded, LoadError
from reader.loaders.names import human_size

_CHUNK = 1024 * 1024
_GZIP_WBITS = 16 + zlib.MAX_WBITS


@dataclass(frozen=True, slots=True)
class Gunzipped:
    data: bytes
    truncated: bool
    """The stream ended before its end marker (a partial download); ``data`` is what
    could be recovered."""


def gunzip(data: bytes, limit: int, name: str) -> Gunzipped:
    """Decompress gzip ``data`` (all members of a multi-member file) to at most
    ``limit`` bytes; past it raise LimitExceeded naming ``name``."""
    return _inflate(data, limit, name, _GZIP_WBITS, "gzip")


def inflate(data: bytes, limit: int, name: str) -> Gunzipped:
    """Decompress an HTTP ``Content-Encoding: deflate`` body (zlib-wrapped or raw)."""
    wbits = zlib.MAX_WBITS if data[:1] == b"\x78" else -zlib.MAX_WBITS
    return _inflate(data, limit, name, wbits, "deflate")


def _inflate(data: bytes, limit: int, name: str, wbits: int, what: str) -> Gunzipped:
    out = bytearray()
    pending = data
    while True:
        engine = zlib.decompressobj(wbits)
        try:
            while pending:
                room = limit + 1 - len(out)
                out += engine.decompress(pending, min(_CHUNK, room))
                _check_size(out, limit, name)
                pending = engine.unconsumed_tail
                if engine.eof:
                    break
            if not engine.eof:
                out += engine.flush()
                _check_size(out, limit, name)
        except zlib.error as error:
            if not out:
                raise LoadError(f"{name} is not valid {what} data ({error})") from None
            return Gunzipped(bytes(out), truncated=True)
        if not engine.eof:
            if not out:
                raise LoadError(f"{name} is a truncated {what} file with nothing readable in it")
            return Gunzipped(bytes(out), truncated=True)
        # Concatenated gzip members are one file (RFC 1952); trailing zero padding is not.
        pending = engine.unused_data.lstrip(b"\x00")
        if not pending or what != "gzip" or not pending.startswith(b"\x1f\x8b"):
            return Gunzipped(bytes(out), truncated=False)


def _check_size(out: bytearray, limit: int, name: str) -> None:
    if len(out) > limit:
        raise LimitExceeded(
            f"{name} expands to more than {human_size(limit)} when decompressed "
            "(setting limits.max_decompressed_bytes); not reading it"
        )
