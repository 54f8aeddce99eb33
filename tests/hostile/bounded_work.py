"""Stand-ins for the extraction run in a bounded child process (imported there by
name): each misbehaves in one way the bounds must stop."""

from __future__ import annotations

import os
import time

from reader.config import Limits
from reader.errors import ExtractError
from reader.loaders.base import RawDocument
from reader.models import Article


def sleep_forever(limits: Limits, path: str | None, doc: RawDocument | None) -> Article:
    while True:
        time.sleep(60)


def spin_forever(limits: Limits, path: str | None, doc: RawDocument | None) -> Article:
    while True:
        pass


def eat_memory(limits: Limits, path: str | None, doc: RawDocument | None) -> Article:
    hoard = []
    while True:  # touched, so it is resident, 16 MiB at a time
        hoard.append(bytearray(16 * 1024 * 1024))
        hoard[-1][::4096] = b"x" * len(range(0, 16 * 1024 * 1024, 4096))


def die_at_once(limits: Limits, path: str | None, doc: RawDocument | None) -> Article:
    os.abort()


def refuse(limits: Limits, path: str | None, doc: RawDocument | None) -> Article:
    raise ExtractError(f"no article text found in {path}")


def fail_unexpectedly(limits: Limits, path: str | None, doc: RawDocument | None) -> Article:
    raise KeyError("a bug")
