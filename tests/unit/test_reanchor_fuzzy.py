"""A highlight is *anchored* only when its whole quote is placed again; one that lost
words is *moved (fuzzy)*, counted apart in the summaries, and exported as it now reads."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_export_notes import PAGE, cli, highlight
from test_store_support import make_article

from reader.anchoring import TextAnchor, TextIndex, range_anchor, same_quote, whole_quote
from reader.service import open_article
from reader.store import AddStatus, open_library, open_store
from reader.store.annotations import to_markdown

TEXT = (
    "The harbour board met on Tuesday evening to decide the future of the old north "
    "pier. After a long debate the members agreed to repair the wooden deck before "
    "winter and to close the pier to cars for good.\n\nThe work starts in March."
)
QUOTE = "agreed to repair the wooden deck before winter"
# Two words of the quote are gone from the new text.
EDITED = TEXT.replace("repair the wooden deck", "repair the deck").replace(
    "Tuesday evening", "Tuesday night"
)


def test_whole_quote_tells_a_quote_placed_whole_from_one_that_lost_words() -> None:
    assert same_quote("a \u201cquoted\u201d  word", 'a "quoted" word')
    assert not same_quote("repair the wooden deck", "repair the deck")
    anchor = range_anchor(TEXT, TEXT.index(QUOTE), TEXT.index(QUOTE) + len(QUOTE))
    index = TextIndex(EDITED)
    found = index.locate(TextAnchor(-1, -1, anchor.exact, anchor.prefix, anchor.suffix))
    assert found is not None, "still placed, approximately"
    assert not whole_quote(anchor, EDITED, found)
    same = TextIndex(TEXT).locate(anchor)
    assert same is not None and whole_quote(anchor, TEXT, same)


def test_reopening_changed_text_counts_a_highlight_that_lost_words_as_moved(
    tmp_path: Path,
) -> None:
    with open_store(tmp_path / "data") as store:
        source = "/pages/pier.html"
        article_id = store.articles.add(make_article(TEXT, source=source), source=source).article_id
        start = TEXT.index(QUOTE)
        store.highlights.add(article_id, range_anchor(TEXT, start, start + len(QUOTE)))
        kept = TEXT.index("The work starts")
        store.highlights.add(article_id, range_anchor(TEXT, kept, kept + 15))
        result = store.articles.add(make_article(EDITED, source=source), source=source)
        assert result.status == AddStatus.UPDATED and result.reanchored is not None
        report = result.reanchored
        assert (report.anchored, report.moved, report.orphaned) == (1, 1, 0)
        assert report.line() == "1 anchored, 1 moved (fuzzy), 0 orphaned"
        stored = store.articles.get(article_id)
        assert stored is not None
        markdown = to_markdown(stored, store.highlights.list(article_id))
    # The export shows the quote as it now reads, not the words that are gone.
    assert "> agreed to repair the deck before winter" in markdown.splitlines()
    assert "wooden" not in markdown


def test_import_notes_says_moved_for_a_quote_that_lost_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "bridge.html"
    page.write_text(PAGE)
    highlight(page, "the decision would be postponed until an independent study")
    highlight(page, "Local residents")
    exported = tmp_path / "notes.json"
    assert cli("export", str(page), "-f", "json", "-o", str(exported)) == 0
    page.write_text(PAGE.replace("until an\nindependent study", "until a study"))
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "another"))
    with open_library() as store:
        _, article_id = open_article(str(page), store=store)
    capsys.readouterr()
    assert cli("import-notes", str(exported)) == 0
    assert "1 anchored, 1 moved (fuzzy), 0 orphaned" in capsys.readouterr().out
    with open_library() as store:
        quotes = sorted(h.anchor.exact for h in store.highlights.list(article_id))
    assert quotes == ["Local residents", "the decision would be postponed until a study"]


def test_open_article_reports_how_a_changed_pages_notes_were_placed(tmp_path: Path) -> None:
    page = tmp_path / "pier.html"
    page.write_text(f"<html><body><article><p>{TEXT}</p></article></body></html>")
    heard = []
    with open_library() as store:
        article, article_id = open_article(str(page), store=store, reanchored=heard.append)
        start = article.text.index(QUOTE)
        store.highlights.add(article_id, range_anchor(article.text, start, start + len(QUOTE)))
    assert heard == [], "nothing placed again the first time"
    page.write_text(f"<html><body><article><p>{EDITED}</p></article></body></html>")
    with open_library() as store:
        open_article(str(page), store=store, reanchored=heard.append)
    assert [report.line() for report in heard] == ["0 anchored, 1 moved (fuzzy), 0 orphaned"]
