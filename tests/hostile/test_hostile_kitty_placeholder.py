"""kitty's image placeholder (U+10EEEE) in a page never reaches the terminal as such: in
kitty it would name a picture (the reader draws its own figures with it), so page text
shows U+FFFD in its place (offsets kept) and one-line strings lose it."""

from __future__ import annotations

from reader.sanitize import KITTY_PLACEHOLDER, clean, clean_line
from reader.ui.article_view.layout.document import lay_out_article
from reader.ui.article_view.layout.lines import RUNS
from reader.ui.article_view.layout.safe import visible
from tests.article_builder import ArticleBuilder

# A placeholder cell as kitty reads it: the character, then row, column and id diacritics.
CELL = f"{KITTY_PLACEHOLDER}\u0305\u0305\u0305"


def test_one_line_strings_lose_it_and_page_text_shows_a_replacement() -> None:
    assert clean_line(f"Title {CELL}") == "Title \u0305\u0305\u0305"
    assert KITTY_PLACEHOLDER not in clean(f"a\n{CELL}b")
    shown = visible(f"x{CELL}y")
    assert shown == "x\ufffd\u0305\u0305\u0305y" and len(shown) == len(f"x{CELL}y")


def test_the_article_view_never_paints_it_from_a_page() -> None:
    builder = ArticleBuilder()
    builder.paragraph(f"A paragraph that hides {CELL * 3} three picture cells.")
    layout = lay_out_article(builder.build(), 60)
    painted = "".join(run[0] for line in layout.lines for run in line[RUNS])
    assert "hides" in painted and KITTY_PLACEHOLDER not in painted
