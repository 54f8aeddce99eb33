"""The app the snapshot tests photograph: the sample page, extracted once outside the TUI
(so a snapshot never races a page load), in the test configuration."""

from __future__ import annotations

import functools
from pathlib import Path

from reader.models import Article
from reader.ui.app import ReaderApp

from .shell_support import app_for


@functools.cache
def extracted(page: Path) -> Article:
    from reader.service import read_article

    return read_article(str(page))


def snapshot_app(page: Path, theme: str | None = None) -> ReaderApp:
    return app_for(extracted(page), theme=theme)
