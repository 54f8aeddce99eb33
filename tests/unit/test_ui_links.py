"""Where links lead, which browser may open them, the back history, search matches."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import pytest

from reader.history import History, Visit
from reader.links import LinkKind, classify, slug
from reader.models import Article, Metadata
from reader.search_matches import CURRENT, HIT, SearchMatches
from reader.ui.reading import browser


def test_web_links_and_relative_links_of_web_pages() -> None:
    assert classify("https://a.org/x", "page.html").kind is LinkKind.WEB
    target = classify("../b.html", "https://example.org/dir/page.html")
    assert (target.kind, target.target) == (LinkKind.WEB, "https://example.org/b.html")
    target = classify("//cdn.example.org/x", "page.html")
    assert (target.kind, target.target) == (LinkKind.WEB, "https://cdn.example.org/x")


def test_relative_links_of_saved_pages_resolve_against_their_folder(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "next page.html").write_text("x")
    page = tmp_path / "page.html"
    target = classify("sub/next%20page.html#part?x", str(page))
    assert target.kind is LinkKind.PAGE
    assert target.path == tmp_path / "sub" / "next page.html"


def test_missing_local_file_falls_back_to_the_canonical_url(tmp_path: Path) -> None:
    page = str(tmp_path / "page.html")
    target = classify("other.html", page, "https://example.org/news/page")
    assert (target.kind, target.target) == (LinkKind.WEB, "https://example.org/news/other.html")
    assert classify("other.html", page).kind is LinkKind.PAGE


@pytest.mark.parametrize(
    ("href", "kind"),
    [
        ("#section-2", LinkKind.ANCHOR),
        ("file:///etc/passwd", LinkKind.FILE),
        ("FILE://localhost/tmp/x.html", LinkKind.FILE),
        ("javascript:alert(1)", LinkKind.UNSAFE),
        ("JavaScript:alert(1)", LinkKind.UNSAFE),
        ("data:text/html;base64,PHNjcmlwdD4=", LinkKind.UNSAFE),
        ("vbscript:x", LinkKind.UNSAFE),
        ("mailto:a@b.org", LinkKind.CONTACT),
        ("tel:+441234", LinkKind.CONTACT),
        ("gopher://x", LinkKind.UNKNOWN),
        ("", LinkKind.UNKNOWN),
    ],
)
def test_kinds(href: str, kind: LinkKind) -> None:
    assert classify(href, "page.html").kind is kind


def test_control_characters_are_stripped_from_what_is_shown() -> None:
    target = classify("java\x1b[2Jscript\x07:alert(1)", "page.html")
    assert target.kind is LinkKind.UNSAFE
    assert "\x1b" not in target.href and "\x07" not in target.href
    assert classify("file://server/share/x", "p").target == "//server/share/x"


def test_slug_matches_heading_anchors() -> None:
    assert slug("Where to look?") == "where-to-look"
    assert slug("  Part 5: The End ") == "part-5-the-end"


def test_only_graphical_browsers_with_a_display(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(browser.sys, "platform", "linux")
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    assert browser.graphical_browser() is None
    assert browser.open_in_browser("https://example.org") is False
    monkeypatch.setenv("DISPLAY", ":0")
    for console in ("lynx", "/usr/bin/w3m", "www-browser", "elinks"):
        monkeypatch.setattr(webbrowser, "get", lambda using=None, c=console: _generic(c))
        assert browser.graphical_browser() is None, console
    monkeypatch.setattr(webbrowser, "get", lambda using=None: _generic("firefox"))
    assert browser.graphical_browser() is not None

    def none(using: object = None) -> object:
        raise webbrowser.Error("no browser")

    monkeypatch.setattr(webbrowser, "get", none)
    assert browser.graphical_browser() is None


def test_a_graphical_browser_is_started_detached_and_silent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    launched: list[tuple[list[str], dict[str, object]]] = []

    class FakePopen:
        def __init__(self, args: list[str], **options: object) -> None:
            launched.append((args, options))

    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setattr(browser.sys, "platform", "linux")
    monkeypatch.setattr(webbrowser, "get", lambda using=None: _generic("xdg-open"))
    monkeypatch.setattr(browser.subprocess, "Popen", FakePopen)
    assert browser.open_in_browser("https://example.org/a") is True
    ((args, options),) = launched
    assert args == ["xdg-open", "https://example.org/a"]
    assert options["stdout"] == options["stderr"] == browser.subprocess.DEVNULL
    assert options["start_new_session"] is True


def _generic(name: str) -> webbrowser.BaseBrowser:
    return webbrowser.BackgroundBrowser(name)


def test_history_is_last_in_first_out_and_bounded() -> None:
    article = Article("a", Metadata(title="A"), "text", ())
    history = History(limit=3)
    assert history.pop() is None and not history
    for number in range(5):
        history.push(Visit(f"page{number}", article, number))
    assert len(history) == 3
    assert [history.pop().source for _ in range(3)] == ["page4", "page3", "page2"]


def test_search_matches_step_and_wrap() -> None:
    matches = SearchMatches()
    matches.search("a cat, a hat, a bat", "at")
    assert [(s.start, s.end) for s in matches.spans] == [(3, 5), (10, 12), (17, 19)]
    assert matches.first_from(6) == 1
    assert matches.step(True) == 2
    assert matches.step(True) == 0, "wraps to the top"
    assert matches.step(False) == 2, "and back to the bottom"
    assert matches.step(True, anchor=11) == 2, "next after what is on screen"
    assert matches.step(False, anchor=11) == 1
    assert matches.overlay() == [(3, 5, HIT), (10, 12, CURRENT), (17, 19, HIT)]
    assert matches.first_from(100) == 0
    matches.clear()
    assert matches.step(True) == -1 and matches.overlay() == [] and matches.query == ""
