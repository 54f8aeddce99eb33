"""Fixtures shared by the UI tests (defined in shell_support)."""

from .shell_support import no_browser, opened_urls, pages_on_disk, web_pages

__all__ = ["no_browser", "opened_urls", "pages_on_disk", "web_pages"]
