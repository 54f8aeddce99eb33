"""Text shown beside the article's (link groups, member lists, alt text): offsets past
the end of the text, found by search, placed in reading order."""

from __future__ import annotations

import dataclasses

from article_builder import ArticleBuilder

from reader.models import Article, Section, SectionKind
from reader.search import find
from reader.search_matches import SearchMatches
from reader.shown_text import PieceKind, ShownText


def page() -> tuple[Article, Section]:
    b = ArticleBuilder("Page")
    b.paragraph("Opening words about the harbour.")
    figure = b.figure("", "pic.jpg")
    group = b.paragraph("Three men were rescued: Ana Lind, Bo Varga and Cy Moss.")
    b.link_group("Related", [("Harbour news", "https://example.org/harbour"), ("Other", "")])
    article = b.build()
    blocks = tuple(
        dataclasses.replace(block, alt="The harbour at dawn") if block.id == figure.id else block
        for block in article.blocks
    )
    members = Section(
        "m1", SectionKind.ENUMERATION, "Three men", group.start, group.end, lines=("Ana Lind",)
    )
    return dataclasses.replace(article, blocks=blocks), members


def test_pieces_sit_past_the_text_and_hold_what_is_shown() -> None:
    article, members = page()
    shown = ShownText(article)
    shown.add_sections([members])
    kinds = {piece.kind: piece for piece in shown.pieces()}
    assert set(kinds) == {PieceKind.FIGURE, PieceKind.LINE, PieceKind.LINK, PieceKind.LINK_URL}
    starts = sorted(piece.start for piece in shown.pieces())
    assert starts[0] == len(article.text) + 1
    for piece in shown.pieces():
        assert shown.is_shown(piece.start) and shown.piece_at(piece.start) == piece
        assert shown.piece_at(piece.end - 1) == piece
    assert kinds[PieceKind.FIGURE].text == "The harbour at dawn"
    assert kinds[PieceKind.LINE].at == members.start
    assert kinds[PieceKind.LINK].at == len(article.text)
    assert not shown.is_shown(len(article.text)) and shown.piece_at(3) is None


def test_find_reaches_every_piece() -> None:
    article, members = page()
    shown = ShownText(article)
    shown.add_sections([members])
    found = {shown.piece_at(span.start).kind for span in shown.find("harbour")}  # type: ignore[union-attr]
    assert found == {PieceKind.FIGURE, PieceKind.LINK, PieceKind.LINK_URL}
    [span] = shown.find("Ana Lind")
    piece = shown.piece_at(span.start)
    assert piece is not None and piece.kind is PieceKind.LINE
    assert piece.text[span.start - piece.start : span.end - piece.start] == "Ana Lind"


def test_new_lines_for_a_section_replace_the_old() -> None:
    article, members = page()
    shown = ShownText(article)
    shown.add_sections([members])
    shown.add_sections([dataclasses.replace(members, lines=("Bo Varga, 41",))])
    assert not shown.find("Ana Lind")
    assert len(shown.find("Bo Varga, 41")) == 1


def test_matches_step_in_reading_order_and_say_when_they_wrap() -> None:
    article, members = page()
    shown = ShownText(article)
    shown.add_sections([members])
    matches = SearchMatches()
    spans = [*find(article.text, "harbour"), *shown.find("harbour")]
    matches.use("harbour", spans, shown.position)
    positions = [shown.position(span.start) for span in matches.spans]
    assert positions == sorted(positions)
    # The alt text stands where its figure does: between the two paragraphs' matches.
    kinds = [shown.piece_at(span.start) for span in matches.spans]
    assert kinds[0] is None and kinds[1] is not None and kinds[1].kind is PieceKind.FIGURE
    matches.first_from(0)
    for _ in range(len(matches) - 1):
        matches.step(True)
        assert not matches.wrapped
    matches.step(True)
    assert matches.wrapped and matches.current == 0
    matches.step(False)
    assert matches.wrapped and matches.current == len(matches) - 1
    matches.first_from(10**9)
    assert matches.wrapped and matches.current == 0
