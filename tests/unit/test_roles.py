"""Roles: one enum, every role with a look, and every role the layout and the
overlays produce is one of them."""

from __future__ import annotations

import pytest
from article_builder import ArticleBuilder
from textual.color import Color

from reader.analysis.entity_list import CURRENT as MENTION_CURRENT
from reader.analysis.entity_list import overlay_role
from reader.models import Article, EntityGroup, Section, SectionKind
from reader.search_matches import CURRENT as SEARCH_CURRENT
from reader.search_matches import HIT
from reader.ui.article_view.layout.document import lay_out_article
from reader.ui.article_view.layout.lines import RUNS, split_role
from reader.ui.article_view.paint import _Palette
from reader.ui.article_view.roles import HEADING_ROLES, ROLE_LOOKS, Role, heading_role
from reader.ui.reading.notes.cursor import PASSAGE_ROLE, SELECTION_ROLE
from reader.ui.reading.notes.items import PEN_COLORS, highlight_role


def rich_article() -> tuple[Article, Section]:
    """Every kind of block and mark, a link group and an enumeration passage."""
    b = ArticleBuilder("Every role")
    for level in range(1, 7):
        b.heading(f"Heading {level}", level=level)
    b.paragraph(
        "Plain, ",
        ("strong", "strong"),
        ", ",
        ("emphasised", "em"),
        ", ",
        ("code", "code"),
        " and a ",
        ("link", "link", "https://example.org/"),
        ".",
    )
    passage = b.paragraph("Three were named: Ann, Bob and Cy.")
    b.list(["one", (("nested",), 1)])
    b.list(["first", "second"], ordered=True)
    b.quote("A quoted line.", level=2)
    b.code('def f(x):\n    return "x" * 2  # doubled\n', "python")
    b.table([["Year", "Event"], ["1923", "Flood"]])
    b.figure("A chart", "https://example.org/chart.png")
    b.figure("", None)
    b.rule()
    b.link_group("Related", [("One", "https://example.org/1"), ("Two", "")])
    enumeration = Section(
        "enum-1",
        SectionKind.ENUMERATION,
        "Three named",
        passage.start,
        passage.end,
        summary="3 members",
        lines=("Ann", "Bob", "Cy"),
    )
    return b.build(), enumeration


def produced_roles(collapsed: list[str]) -> set[str]:
    article, enumeration = rich_article()
    layout = lay_out_article(
        article, 60, collapsed=collapsed, extra_sections=[enumeration], numbers=True
    )
    roles: set[str] = set()
    for line in layout.lines:
        for _, role, _ in line[RUNS]:
            roles.update(split_role(role)[0].split())
    return roles


def test_every_role_has_a_look_and_every_look_a_role() -> None:
    assert set(ROLE_LOOKS) == set(Role)
    for role, look in ROLE_LOOKS.items():
        assert isinstance(role, Role) and len(look) == 3, role


def test_every_look_parses() -> None:
    variables = {"foreground": "#ffffff", "accent": "#ff0000"}
    palette = _Palette(variables, background=Color(0, 0, 0))
    for role in Role:
        palette.look(role)  # a malformed text style would raise


def test_every_role_the_layout_produces_is_a_role() -> None:
    opened = produced_roles(collapsed=[])
    folded = produced_roles(collapsed=["enum-1"])
    produced = opened | folded
    assert all(role in set(Role) for role in produced), produced - set(Role)
    # The article really exercises the layout: most text roles appear.
    expected = {
        *HEADING_ROLES,
        Role.HEADING_RULE,
        Role.STRONG,
        Role.EMPHASIS,
        Role.CODE,
        Role.LINK,
        Role.LINK_NUMBER,
        Role.LINK_URL,
        Role.BULLET,
        Role.QUOTE,
        Role.QUOTE_BAR,
        Role.CODE_BLOCK,
        Role.TABLE_BORDER,
        Role.TABLE_HEADER,
        Role.FIGURE,
        Role.RULE,
        Role.SECTION_MARKER,
        Role.SECTION_TITLE,
        Role.SECTION_SUMMARY,
        Role.SECTION_LINE,
    }
    assert expected <= produced, expected - produced


def test_code_tokens_get_code_roles_when_pygments_is_there() -> None:
    pytest.importorskip("pygments")
    produced = produced_roles(collapsed=[])
    assert {Role.CODE_KEYWORD, Role.CODE_STRING, Role.CODE_COMMENT} <= produced


def test_every_overlay_role_is_a_role() -> None:
    overlay = {
        HIT,
        SEARCH_CURRENT,
        MENTION_CURRENT,
        PASSAGE_ROLE,
        SELECTION_ROLE,
        *(overlay_role(group) for group in EntityGroup),
        *(highlight_role(color) for color in (*PEN_COLORS, "purple", "unknown")),
    }
    assert overlay <= set(Role), overlay - set(Role)
    assert highlight_role("unknown") == Role.HIGHLIGHT_YELLOW


def test_heading_roles_stay_within_six_levels() -> None:
    assert [heading_role(level) for level in (0, 1, 6, 9)] == [
        "heading-1",
        "heading-1",
        "heading-6",
        "heading-6",
    ]
