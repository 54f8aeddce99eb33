"""Bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) never reach the
terminal: not from a title, a heading, link text or target, a note, a bookmark name, an
entity or a library row ("Trojan Source" reordering of what the reader shows). Plain
right-to-left text is shown as it is."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from reader.anchoring import point_anchor, range_anchor
from reader.config import load_settings
from reader.sanitize import BIDI_CONTROLS, clean, clean_line, neutralise_bidi
from reader.service import open_article
from reader.store import open_library
from reader.store.annotations import to_json, to_markdown
from reader.ui.app import make_app

from .screen_probe import ANALYSIS, capture, settle

RLO, PDF, LRI, PDI = "\u202e", "\u202c", "\u2066", "\u2069"
ARABIC = "مرحبا بالعالم"
PAGE = f"""<!doctype html><html><head><title>Invoice {RLO}fdp.exe{PDF} paid</title></head>
<body><article><h1>Invoice {RLO}fdp.exe{PDF} paid</h1>
<p>John {RLO}Smith{PDF} met Maria Lopez in Paris on Monday to settle the account, and
the meeting went on for most of the afternoon while the clerks waited outside.</p>
<h2>Section {LRI}two{PDI}</h2>
<p>Read <a href="https://example.org/{RLO}gpj.exe">the {RLO}receipt{PDF} here</a> and the
greeting {ARABIC} stays as written. More words follow to make a real paragraph of it.</p>
</article></body></html>"""
NOTE = f"my note {RLO}evil{PDF} ends"
# Keys, and what must then be on screen: the link list, the notes and bookmarks panes,
# the library.
TOUR = (
    (("end",), ""),
    (("o",), "receipt"),
    (("escape",), ""),
    (("A",), "evil"),
    (("M",), "mark"),
    (("s",), ""),
    (("L",), "Invoice"),
)


def test_neutralise_bidi_removes_every_control_and_nothing_else() -> None:
    controls = "".join(chr(c) for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A)])
    assert len(controls) == 9 and BIDI_CONTROLS.findall(controls) == list(controls)
    text = f"a{controls}b {ARABIC} \u200f\u200e c"  # RLM/LRM marks are not overrides
    assert neutralise_bidi(text) == f"ab {ARABIC} \u200f\u200e c"
    for shown in (clean(text), clean_line(text)):
        assert not BIDI_CONTROLS.search(shown) and ARABIC in shown


@pytest.fixture
def page(tmp_path: Path) -> Path:
    path = tmp_path / "invoice.html"
    path.write_text(PAGE, encoding="utf-8")
    with open_library() as store:
        article, article_id = open_article(str(path), store=store)
        start = article.text.index("met Maria")
        store.highlights.add(article_id, range_anchor(article.text, start, start + 9), note=NOTE)
        store.bookmarks.add(article_id, f"mark {RLO}here", point_anchor(article.text, start))
    return path


def test_exports_carry_no_bidi_control(page: Path) -> None:
    with open_library() as store:
        entry = store.articles.get_by_source(str(page))
        assert entry is not None
        stored = store.articles.get(entry.id)
        assert stored is not None
        highlights = store.highlights.list(entry.id)
    markdown = to_markdown(stored, highlights)
    assert "evil" in markdown and not BIDI_CONTROLS.search(markdown)
    assert not BIDI_CONTROLS.search(to_json(stored, highlights))


def test_no_bidi_control_reaches_the_screen(page: Path) -> None:
    async def tour() -> None:
        app = make_app(load_settings(), [str(page)])
        async with app.run_test(size=(110, 34)) as pilot:
            await settle(pilot, time.perf_counter() + 20, ignore=(ANALYSIS,))
            shot = capture(app)
            assert not shot.problems, shot.problems
            assert "fdp.exe" in shot.text and ARABIC in shot.text
            for keys, expected in TOUR:
                await pilot.press(*keys)
                await settle(pilot, time.perf_counter() + 5, quiet_checks=1, ignore=(ANALYSIS,))
                shot = capture(app)
                assert not shot.problems, f"after {keys}: {shot.problems[:5]}"
                assert expected in shot.text, f"after {keys}:\n{shot.text}"
            assert app.is_running

    asyncio.run(tour())
