"""A small JSON file of things the app remembers between runs (the chosen theme).

It lives in the data directory. Nothing here may stop the reader: a missing,
unreadable or corrupt file reads as empty, and a read-only directory just means the
choice is not remembered.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from reader.atomic import write_atomic

STATE_FILE = "state.json"
MAX_STATE_BYTES = 64 * 1024


def state_path(data_dir: Path) -> Path:
    return data_dir / STATE_FILE


def load_state(data_dir: Path) -> dict[str, Any]:
    try:
        with state_path(data_dir).open("rb") as handle:
            raw = handle.read(MAX_STATE_BYTES + 1)
    except OSError:
        return {}
    if len(raw) > MAX_STATE_BYTES:
        return {}
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def save_state(data_dir: Path, **changes: Any) -> bool:
    """Merge ``changes`` into the state file (written atomically); False if it could not
    be written."""
    state = {**load_state(data_dir), **changes}
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        text = json.dumps(state, indent=2, sort_keys=True)
        write_atomic(state_path(data_dir), text, follow_symlinks=True, durable=False)
    except OSError:
        return False
    return True
