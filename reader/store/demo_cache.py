"""The built-in demo page's Article, kept beside the library.

The library does not list the demo page, so without this it would be extracted at
every start that shows it (``reader`` with an empty library), and extraction's
imports alone (lxml, readability, BeautifulSoup, markdownify) take longer than
everything else before the first paint. The copy is used only while it was made from
the same page bytes, with the same limits, the same model version and the same code
(every module's size and modification time): anything else and the page is
extracted again. A copy that cannot be read or written is simply not used.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from reader.atomic import write_atomic
from reader.models import MODEL_VERSION, Article

if TYPE_CHECKING:
    from reader.config import Limits

FILE_NAME = "demo-article.json.z"


def cache_key(page: Path, limits: Limits) -> str | None:
    """What the copy of ``page`` must have been made from (None: unreadable page)."""
    try:
        data = page.read_bytes()
    except OSError:
        return None
    digest = hashlib.sha256(data)
    limits_json = json.dumps(dataclasses.asdict(limits), separators=(",", ":"))
    digest.update(f"\0{MODEL_VERSION}\0{limits_json}\0".encode())
    digest.update(_code_fingerprint().encode())
    return digest.hexdigest()


def load(folder: Path, key: str) -> Article | None:
    """The copy kept in ``folder`` when it was made under ``key``."""
    try:
        blob = (folder / FILE_NAME).read_bytes()
        data = json.loads(zlib.decompress(blob).decode("utf-8", "surrogatepass"))
        if not isinstance(data, dict) or data.get("key") != key:
            return None
        return Article.from_dict(data["article"])
    except (OSError, zlib.error, ValueError, TypeError, KeyError, AttributeError):
        return None


def save(folder: Path, key: str, article: Article) -> None:
    """Keep ``article`` in ``folder`` (atomically: two readers may start at once)."""
    record = {"key": key, "article": article.to_dict()}
    encoded = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    blob = zlib.compress(encoded.encode("utf-8", "surrogatepass"))
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / FILE_NAME, blob, follow_symlinks=True, durable=False)


def _code_fingerprint() -> str:
    """The reader's modules by name, size and modification time (about a millisecond):
    an upgrade or an edit to the extractor makes the kept copy stale."""
    package = Path(__file__).resolve().parent.parent
    entries: list[str] = []
    for root, folders, files in os.walk(package):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                with contextlib.suppress(OSError):
                    status = os.stat(os.path.join(root, name))
                    entries.append(f"{root}/{name}:{status.st_size}:{status.st_mtime_ns}")
    return "\n".join(entries)
