"""Following a link from the reading screen: what each kind of link does.

Web pages open in the reader, fetched once through the same guarded path as
``reader URL`` (a link to this machine or its network only after a yes); saved pages
open in the reader after a yes to their resolved path (only files of a page kind, see
``reader.loaders.local_target``). Asked for, a web link goes to a graphical browser
instead (or to the clipboard where there is none). ``javascript:``, ``data:`` and
unknown schemes are never acted on without a yes from the reader.
"""

from __future__ import annotations

from typing import Any, Protocol

from textual.app import App

from reader.links import LinkKind, LinkTarget, classify, slug
from reader.loaders import local_target
from reader.loaders.fetch_guard import private_link_address
from reader.models import Article, SectionKind
from reader.ui.article_view.view import ArticleView
from reader.ui.dialogs.confirm import ConfirmScreen
from reader.ui.reading import browser

NOTICE_SECONDS = 6


class LinkHost(Protocol):
    """What following a link needs of the reading screen: the page the links belong
    to, its view, a way to open another page, and the app's dialogs and clipboard."""

    article: Article | None
    source: str
    view: ArticleView

    @property
    def app(self) -> App[Any]: ...

    def open_page(self, page: str, *, remember: bool = True, public_only: bool = False) -> None: ...

    def notify(self, message: str, *, timeout: float | None = None, **kwargs: Any) -> None: ...

    def run_worker(self, work: Any, **kwargs: Any) -> Any: ...


class LinkOpener:
    """Bound to one reading screen, whose page the links belong to."""

    def __init__(self, screen: LinkHost) -> None:
        self.screen = screen

    def target(self, href: str) -> LinkTarget:
        screen = self.screen
        canonical = screen.article.metadata.canonical_url if screen.article else None
        return classify(href, screen.source, canonical)

    def open(self, href: str | None, *, in_browser: bool = False) -> None:
        """Follow ``href``: in the reader, or (``in_browser``, web links only) in the
        system's browser."""
        if not href or not href.strip():
            # Text dumps and some saves keep a link's words but not where it went.
            self.screen.notify("This link has no address in the saved page.", timeout=3)
            return
        target = self.target(href)
        if in_browser:
            if target.kind is LinkKind.WEB:
                self._browser(target.target)
                return
            self.screen.notify(
                "Only web links go to a browser; this one is followed here.",
                timeout=3,
                markup=False,
            )
        handler = {
            LinkKind.ANCHOR: self._anchor,
            LinkKind.PAGE: self._page,
            LinkKind.FILE: self._file,
            LinkKind.WEB: self._web,
            LinkKind.CONTACT: self._contact,
            LinkKind.UNSAFE: self._unsafe,
            LinkKind.UNKNOWN: self._unsafe,
        }[target.kind]
        handler(target)

    def _anchor(self, target: LinkTarget) -> None:
        screen = self.screen
        if screen.article is None:
            return
        wanted = slug(target.target)
        for section in screen.view.sections():
            if section.kind is SectionKind.HEADING and slug(section.title) == wanted:
                screen.view.scroll_to_offset(section.start)
                return
        screen.notify(f"No heading {target.href} on this page.", timeout=3, markup=False)

    def _page(self, target: LinkTarget) -> None:
        # The policy (page kinds only, no /proc, /sys, /dev, no devices) lives below
        # ui/; here a file it allows is opened, and recorded, only after a yes.
        found = local_target.decide(target.target, self.screen.source)
        if not found.allowed:
            missing = found.reason == "no such file"
            self.screen.notify(
                f"No such saved page: {found.path}"
                if missing
                else f"Not opened: {found.path}: {found.reason}",
                severity="warning",
                timeout=NOTICE_SECONDS,
                markup=False,
            )
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.screen.open_page(str(found.path))

        self.screen.app.push_screen(
            ConfirmScreen(
                "Open a local file?",
                "This link points at a file on this computer. Open it in the reader?",
                str(found.path),
            ),
            answered,
        )

    def _file(self, target: LinkTarget) -> None:
        if target.target.startswith("//"):
            self.screen.notify(
                f"Not opened: {target.target}: a file on another computer",
                severity="warning",
                timeout=NOTICE_SECONDS,
                markup=False,
            )
            return
        self._page(target)

    def _web(self, target: LinkTarget) -> None:
        url = target.target

        def check() -> None:
            # A name lookup can take a while: off the event loop.
            private = private_link_address(url)
            self.screen.app.call_from_thread(self._checked, url, private)

        self.screen.run_worker(check, thread=True, group="link-check", exit_on_error=False)

    def _checked(self, url: str, private: str | None) -> None:
        if private is None:
            # Public when checked: the fetch checks again as it connects, in case the
            # name resolves elsewhere the second time.
            self.screen.open_page(url, public_only=True)
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.screen.open_page(url)

        self.screen.app.push_screen(
            ConfirmScreen(
                "Fetch from a private address?",
                f"This link leads to {private}: this computer or its local network,"
                " not the open web. Fetch it?",
                _shorten(url),
            ),
            answered,
        )

    def _browser(self, url: str) -> None:
        def launch() -> None:
            # Starting a browser can take a moment: keep it off the event loop.
            opened = browser.open_in_browser(url)
            self.screen.app.call_from_thread(self._browser_done, url, opened)

        self.screen.run_worker(launch, thread=True, group="browser", exit_on_error=False)

    def _browser_done(self, url: str, opened: bool) -> None:
        if opened:
            self.screen.notify(
                f"Opened in your browser: {url}", timeout=NOTICE_SECONDS, markup=False
            )
        else:
            self._copy(url, "No graphical browser here; copied the link")

    def _contact(self, target: LinkTarget) -> None:
        self._copy(target.href, "Copied the address")

    def _unsafe(self, target: LinkTarget) -> None:
        scheme = target.href.split(":", 1)[0].lower()

        def answered(yes: bool | None) -> None:
            if yes:
                self._copy(target.href, "Copied the link")

        self.screen.app.push_screen(
            ConfirmScreen(
                f"A {scheme}: link",
                f"reader never runs {scheme}: links. Copy it to the clipboard?",
                _shorten(target.href),
            ),
            answered,
        )

    def _copy(self, text: str, what: str) -> None:
        self.screen.app.copy_to_clipboard(text)
        self.screen.notify(
            f"{what} to the clipboard: {_shorten(text)}", timeout=NOTICE_SECONDS, markup=False
        )


def _shorten(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
