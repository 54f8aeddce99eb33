"""Fixtures shared by the UI tests (defined in shell_support)."""

import pytest

from .shell_support import no_browser, opened_urls, pages_on_disk, system_clipboard, web_pages

__all__ = ["no_browser", "opened_urls", "pages_on_disk", "system_clipboard", "web_pages"]


@pytest.fixture(autouse=True)
def _no_real_clipboard(system_clipboard: list[str]) -> None:
    """No test writes to this machine's clipboard."""
