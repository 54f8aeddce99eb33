"""Log unexpected exceptions to a file instead of showing a traceback."""

from __future__ import annotations

import hashlib
import traceback
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from reader import locations


def _input_hashes(argv: Sequence[str]) -> list[str]:
    hashes = []
    for arg in argv:
        path = Path(arg)
        try:
            if path.is_file():
                digest = hashlib.sha256()
                with path.open("rb") as handle:
                    for chunk in iter(lambda: handle.read(1 << 20), b""):
                        digest.update(chunk)
                hashes.append(f"{digest.hexdigest()}  (input)")
        except OSError:
            continue
    return hashes


def log_crash(error: BaseException, argv: Sequence[str]) -> str:
    """Append the traceback and the inputs' hashes to ``errors.log``; return its path
    (or a short reason when even that cannot be written)."""
    lines = [
        f"--- {datetime.now(UTC).isoformat()} reader {' '.join(map(repr, argv))}",
        *_input_hashes(argv),
        "".join(traceback.format_exception(error)),
    ]
    target = locations.data_dir() / "errors.log"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("a", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
    except OSError:
        return "(the error log could not be written)"
    return str(target)


def failure_reason(error: BaseException | None, argv: Sequence[str]) -> str:
    """One line for the user: a ReaderError's own words; anything else is logged
    (see :func:`log_crash`) and named with where the details are."""
    from reader.errors import ReaderError
    from reader.sanitize import clean_line

    if isinstance(error, ReaderError):
        return clean_line(str(error))
    where = log_crash(error or RuntimeError("unknown"), argv)
    return f"internal error ({type(error).__name__}); details in {where}"
