"""Errors that reach the user as one clear line (exit status 2)."""

from __future__ import annotations


class ReaderError(Exception):
    """A failure the user can understand and act on. ``str(error)`` is the whole message."""

    exit_code = 2


class LoadError(ReaderError):
    """The input could not be read (missing, a directory, binary, empty, too large…)."""


class ExtractError(ReaderError):
    """The input was read but holds no article."""


class LimitExceeded(ReaderError):
    """A configured safety limit (size, depth, time) was passed."""


class StoreError(ReaderError):
    """The library database could not be opened or written."""
