"""A saved page's links to local files: only saved pages, only after a yes to the
resolved path, never special files or the kernel's trees, and nothing recorded in the
library that the reader did not open on purpose."""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.links import LinkKind, classify
from reader.loaders.local_target import SYSTEM_TREES, decide, is_page_name

SECRET = "HISTORY-SECRET-4411"


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A folder of saved pages beside private files and links into them."""
    pages = tmp_path / "saved"
    (pages / "sub").mkdir(parents=True)
    (pages / "page.html").write_text("<p>page</p>", encoding="utf-8")
    (pages / "other.html").write_text("<p>other</p>", encoding="utf-8")
    (pages / "notes.md.gz").write_bytes(b"\x1f\x8b")
    home = tmp_path / "home"
    home.mkdir()
    (home / ".bash_history").write_text(f"export TOKEN={SECRET}\n", encoding="utf-8")
    (pages / "history.html").symlink_to(home / ".bash_history")
    (pages / "environ.html").symlink_to("/proc/self/environ")
    (pages / "folder.html").mkdir()
    if hasattr(os, "mkfifo"):
        os.mkfifo(pages / "pipe.html")
    return pages


@pytest.mark.parametrize(
    ("link", "reason"),
    [
        ("/proc/self/environ", "/proc holds system files"),
        ("environ.html", "/proc holds system files"),  # a page name, a symlink into /proc
        ("/sys/kernel/notes", "/sys holds system files"),
        ("/dev/zero", "/dev holds system files"),
        ("/dev/../dev/null", "/dev holds system files"),
        ("history.html", "not a saved page"),  # resolved: .bash_history
        ("~/.bash_history", "no such file"),  # "~" is a folder name in a page
        ("../" * 30 + "etc/passwd", "not a saved page"),
        ("folder.html", "directory"),
        ("pipe.html", "not a regular file"),
        ("missing.html", "no such file"),
    ],
)
def test_local_links_refused(site: Path, link: str, reason: str) -> None:
    if link == "pipe.html" and not (site / link).exists():
        pytest.skip("needs FIFOs")
    found = decide(link, str(site / "page.html"))
    assert not found.allowed
    assert reason in found.reason
    assert found.path.is_absolute()


@pytest.mark.parametrize("link", ["other.html", "sub/../other.html", "notes.md.gz"])
def test_local_pages_allowed_with_their_resolved_path(site: Path, link: str) -> None:
    found = decide(link, str(site / "page.html"))
    assert found.allowed, found.reason
    assert found.path == (site / link).resolve()


def test_file_urls_follow_the_same_rule(site: Path) -> None:
    page = str(site / "page.html")
    for url, allowed in [
        ((site / "other.html").as_uri(), True),
        ("file:///proc/self/environ", False),
        ((site / "history.html").as_uri(), False),
    ]:
        target = classify(url, page)
        assert target.kind is LinkKind.FILE
        assert decide(target.target, page).allowed is allowed, url


def test_relative_links_of_a_page_without_a_folder_are_refused() -> None:
    assert not decide("other.html", "-").allowed
    assert not decide("other.html", "https://example.org/a.html").allowed


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    link=st.one_of(
        st.text(max_size=40),
        st.lists(
            st.sampled_from(
                [
                    "..",
                    ".",
                    "~",
                    "proc",
                    "/proc",
                    "/dev",
                    "self",
                    "environ.html",
                    "history.html",
                    "other.html",
                    "sub",
                    "",
                    "pipe.html",
                    "\x00",
                ]
            ),
            max_size=8,
        ).map("/".join),
    )
)
def test_any_link_gets_a_decision_that_holds(site: Path, link: str) -> None:
    found = decide(link, str(site / "page.html"))
    assert found.reason and "\n" not in found.reason
    if found.allowed:
        assert found.path.is_file() and is_page_name(found.path.name)
        assert not any(tree in found.path.parents for tree in SYSTEM_TREES)


def test_following_links_in_a_real_page_records_only_what_was_confirmed(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """End to end, real extraction and library: the private file is never shown nor
    stored; a page link is opened and stored only after a yes."""
    from reader.config import load_settings
    from reader.store import open_library
    from reader.ui.app import make_app
    from reader.ui.dialogs.confirm import ConfirmScreen
    from reader.ui.reading.screen import ReadingScreen

    page = site / "page.html"
    page.write_text(
        "<html><head><title>Harbour notes</title></head><body><article>"
        + "<p>The tide tables for the harbour are printed each week.</p>" * 5
        + '<p><a href="history.html">history</a> <a href="/proc/self/environ">env</a>'
        ' <a href="other.html">other</a></p></article></body></html>',
        encoding="utf-8",
    )
    (site / "other.html").write_text(
        "<html><head><title>Other notes</title></head><body><article>"
        + "<p>Fishing boats leave the harbour before dawn each day.</p>" * 5
        + "</article></body></html>",
        encoding="utf-8",
    )
    monkeypatch.setenv("READER_ANALYSIS__ENABLED", "false")
    settings_ = load_settings()

    async def scenario() -> tuple[str, list[str]]:
        app = make_app(settings_, [str(page)])
        async with app.run_test(size=(100, 32)) as pilot:
            for _ in range(200):
                await pilot.pause(0.05)
                screen = app.screen
                if isinstance(screen, ReadingScreen) and screen.article is not None:
                    break
            screen = app.screen
            assert isinstance(screen, ReadingScreen) and screen.article is not None
            notes: list[str] = []
            monkeypatch.setattr(screen, "notify", lambda text, **_: notes.append(str(text)))
            for href in ("history.html", "/proc/self/environ"):
                screen.links.open(href)
                await pilot.pause()
                assert not isinstance(app.screen, ConfirmScreen), href
            screen.links.open("other.html")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            await pilot.press("n")
            await pilot.pause(0.5)
            assert screen.article.metadata.title == "Harbour notes"
            screen.links.open("other.html")
            await pilot.pause()
            await pilot.press("y")
            for _ in range(200):
                await pilot.pause(0.05)
                if screen.article.metadata.title == "Other notes":
                    break
            return screen.article.metadata.title, notes

    title, notes = asyncio.run(scenario())
    assert title == "Other notes"
    assert len(notes) == 2 and all(n.startswith("Not opened: ") for n in notes), notes
    assert all(SECRET not in n for n in notes)
    with open_library(settings_) as store:
        sources = {entry.source for entry in store.articles.list()}
        assert str(site / "other.html") in sources
        assert not any("history" in s or "environ" in s for s in sources), sources
        for entry in store.articles.list():
            assert SECRET not in (store.articles.text(entry.id) or "")
