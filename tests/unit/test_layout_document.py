"""Article → display lines: blocks, sections, links, offsets."""

from __future__ import annotations

from article_builder import ArticleBuilder, generate_article
from rich.cells import cell_len

from reader.models import Section, SectionKind
from reader.ui.article_view.layout.document import lay_out_article
from reader.ui.article_view.layout.lines import (
    BLOCK,
    COLLAPSED_MARKER,
    END,
    EXPANDED_MARKER,
    NO_OFFSET,
    RUNS,
    SECTION,
    START,
    line_text,
    split_role,
)


def texts(layout) -> list[str]:
    return [line_text(line) for line in layout.lines]


def sample():
    b = ArticleBuilder()
    b.heading("Introduction", level=1)
    b.paragraph("Read ", ("the docs", "link", "https://docs"), " and ", ("stay", "em"), " calm.")
    b.heading("Details", level=2)
    b.paragraph("A paragraph in details with ", ("another link", "link", "https://two"), ".")
    b.heading("Deeper", level=3)
    b.paragraph("Deep text.")
    b.heading("Conclusion", level=2)
    b.paragraph("The end.")
    b.link_group("Related", [("One", "https://r1"), ("Two", "https://r2"), ("Three", "https://r3")])
    return b.build()


def test_every_text_run_maps_back_to_the_article() -> None:
    article = generate_article(300)
    layout = lay_out_article(article, 50, collapsed=[])
    shown = layout.ctx.shown
    previous = 0
    for line in layout.lines:
        for text, _, start in line[RUNS]:
            if start == NO_OFFSET:
                continue
            if shown.is_shown(start):
                # Text shown beside the article's (link groups, alt text): its piece's.
                piece = shown.piece_at(start)
                assert piece is not None
                assert piece.text[start - piece.start : start - piece.start + len(text)] == text
            else:
                assert article.text[start : start + len(text)] == text
        assert line[START] >= previous
        previous = line[START]
        assert cell_len(line_text(line)) <= 50


def test_offsets_round_trip_through_lines() -> None:
    article = generate_article(120)
    layout = lay_out_article(article, 60, collapsed=[])
    for index, line in enumerate(layout.lines):
        if line[END] > line[START]:
            found = layout.line_of_offset(line[START])
            assert layout.lines[found][START] == line[START]
            assert layout.line_of_offset(line[END] - 1) == index
    for block_index in range(len(article.blocks)):
        row = layout.block_line[block_index]
        assert row >= 0
        assert layout.lines[row][BLOCK] == block_index


def test_headings_are_markers_with_levels_and_rules() -> None:
    layout = lay_out_article(sample(), 40)
    lines = texts(layout)
    assert lines[0] == f"{EXPANDED_MARKER}Introduction"
    assert set(lines[1].strip()) == {"━"}
    details = lines.index(f"{EXPANDED_MARKER}Details")
    assert set(lines[details + 1].strip()) == {"─"}
    deeper = lines.index(f"{EXPANDED_MARKER}Deeper")
    assert lines[deeper + 1] == ""  # no rule below level 3
    roles = {run[1] for run in layout.lines[deeper][RUNS]}
    assert "heading-3" in roles and "section-marker" in roles


def test_links_are_numbered_inline_then_link_groups_continue() -> None:
    layout = lay_out_article(sample(), 60, collapsed=[], numbers=True)
    lines = texts(layout)
    assert any("the docs[1] and stay calm." in line for line in lines)
    assert any("another link[2]." in line for line in lines)
    numbers = [link.number for link in layout.ctx.links]
    assert numbers == [1, 2, 3, 4, 5]
    assert [link.href for link in layout.ctx.links][2:] == [
        "https://r1",
        "https://r2",
        "https://r3",
    ]
    for number, row in layout.link_line.items():
        assert f"[{number}]" in lines[row]
    assert layout.ctx.links[2].group == "g0"


def test_without_numbers_links_keep_their_tags_but_no_number_is_written() -> None:
    numbered = lay_out_article(sample(), 60, collapsed=[], numbers=True)
    plain = lay_out_article(sample(), 60, collapsed=[])
    assert not any(f"[{n}]" in line for line in texts(plain) for n in range(1, 6))
    assert any("the docs and stay calm." in line for line in texts(plain))
    assert [link.number for link in plain.ctx.links] == [1, 2, 3, 4, 5]
    assert set(plain.link_line) == set(numbered.link_line)
    for number, row in plain.link_line.items():
        roles = [split_role(run[1])[1] for run in plain.lines[row][RUNS]]
        assert number in roles


def test_links_without_an_address_are_not_numbered() -> None:
    builder = ArticleBuilder("Dump")
    builder.paragraph("See ", ("nowhere", "link", None), " and ", ("here", "link", "https://h"))
    layout = lay_out_article(builder.build(), 60, numbers=True)
    assert [(link.number, link.text) for link in layout.ctx.links] == [(1, "here")]
    assert any("nowhere and here[1]" in line for line in texts(layout))


def test_link_groups_start_collapsed_and_expand_into_a_list() -> None:
    default = lay_out_article(sample(), 60)
    assert texts(default)[-1] == f"{COLLAPSED_MARKER}Related (3)"
    assert 3 not in default.link_line
    opened = lay_out_article(sample(), 60, collapsed=[], numbers=True)
    tail = texts(opened)[-4:]
    assert tail[0] == f"{EXPANDED_MARKER}Related (3)"
    assert tail[1].strip().startswith("• One[3]")
    assert "https://r1" in tail[1]


def test_collapsed_heading_shows_summary_and_hides_its_subsections() -> None:
    article = sample()
    layout = lay_out_article(article, 60, collapsed=["s-b2"])
    lines = texts(layout)
    header = lines.index(f"{COLLAPSED_MARKER}Details")
    assert "words" in lines[header + 2]  # rule, then the summary
    assert not any("Deeper" in line or "details with" in line for line in lines)
    assert f"{EXPANDED_MARKER}Conclusion" in lines
    hidden = [i for i, b in enumerate(article.blocks) if "Deep" in article.text[b.start : b.end]]
    assert all(layout.block_line[i] == -1 for i in hidden)
    assert layout.section_line["s-b2"] == header
    assert layout.lines[header][SECTION] == "s-b2"


def test_nested_section_collapses_alone() -> None:
    layout = lay_out_article(sample(), 60, collapsed=["s-b4"])
    lines = texts(layout)
    assert f"{EXPANDED_MARKER}Details" in lines
    assert f"{COLLAPSED_MARKER}Deeper" in lines
    assert "Deep text." not in lines


def test_sections_from_the_extractor_are_used_as_given() -> None:
    b = ArticleBuilder()
    heading = b.heading("Only heading", level=2)
    b.paragraph("Body text here.")
    article = b.build()
    section = Section(
        "s-1",
        SectionKind.HEADING,
        "Only heading",
        heading.start,
        len(article.text),
        block_ids=("b0", "b1"),
        summary="3 words, 1 paragraph",
    )
    article = b.build(sections=[section])
    layout = lay_out_article(article, 40, collapsed=["s-1"])
    assert texts(layout)[:3] == [
        f"{COLLAPSED_MARKER}Only heading",
        "  ────────────",
        "  3 words, 1 paragraph",
    ]


def test_enumeration_passage_shows_its_members_and_collapses() -> None:
    b = ArticleBuilder()
    b.paragraph("Intro paragraph.")
    passage = b.paragraph("Three people were freed: Ann, Bob and Cy.")
    b.paragraph("After.")
    article = b.build()
    extra = Section(
        "enum-1",
        SectionKind.ENUMERATION,
        "Three people freed",
        passage.start,
        passage.end,
        summary="3 members",
        lines=("Ann — 48", "Bob", "Cy"),
    )
    opened = texts(lay_out_article(article, 50, collapsed=[], extra_sections=[extra]))
    at = opened.index(f"{EXPANDED_MARKER}Three people freed")
    assert opened[at + 1 : at + 4] == ["• Ann — 48", "• Bob", "• Cy"]
    assert opened[at + 4] == ""
    assert opened[at + 5].startswith("Three people were freed")
    closed = texts(lay_out_article(article, 50, collapsed=["enum-1"], extra_sections=[extra]))
    assert f"{COLLAPSED_MARKER}Three people freed" in closed
    assert "  3 members" in closed
    assert not any("were freed" in line for line in closed)
    assert "After." in closed


def test_nested_lists_indent_with_bullets_and_numbers() -> None:
    b = ArticleBuilder()
    b.list(["top", (("child item that is long enough to wrap",), 1), ((("grandchild"),), 2)])
    b.list(["first", "second"], ordered=True)
    lines = texts(lay_out_article(b.build(), 24))
    assert lines[0] == "• top"
    assert lines[1] == "  ◦ child item that is"
    assert lines[2] == "    long enough to wrap"
    assert lines[3] == "    ▪ grandchild"
    assert lines[5:7] == ["1. first", "2. second"]


def test_quotes_get_a_bar_per_level() -> None:
    b = ArticleBuilder()
    b.quote("Quoted words that run over more than one row of text.")
    b.quote("Nested.", level=2)
    layout = lay_out_article(b.build(), 24)
    lines = texts(layout)
    assert lines[0].startswith("│ ") and lines[1].startswith("│ ")
    assert lines[-1] == "│ │ Nested."
    assert any(run[1] == "quote-bar" for run in layout.lines[0][RUNS])


def test_code_is_highlighted_and_keeps_indentation() -> None:
    b = ArticleBuilder()
    b.code("def double(x):\n\treturn x * 2  # twice\n", "python")
    b.code("plain text, no language", None)
    layout = lay_out_article(b.build(), 40)
    lines = texts(layout)
    assert lines[1].rstrip() == "  def double(x):"
    assert lines[2].rstrip() == "      return x * 2  # twice"
    assert all(cell_len(line) == 40 for line in lines[:4])  # the box fills the column
    roles = {run[1] for run in layout.lines[1][RUNS]}
    assert "code-block code-keyword" in roles
    comment = [r for r in layout.lines[2][RUNS] if "code-comment" in r[1]]
    assert comment and comment[0][0] == "# twice"
    assert "plain text, no language" in "".join(lines)


def test_table_columns_align_and_fit_the_width() -> None:
    b = ArticleBuilder()
    b.table(
        [
            ["Name", "Description", "Year"],
            ["Ada", "First programmer, wrote notes on the analytical engine", "1843"],
            ["Grace", "Compilers", "1952"],
        ],
    )
    layout = lay_out_article(b.build(), 40)
    lines = texts(layout)
    assert all(cell_len(line) <= 40 for line in lines)
    bars = {tuple(i for i, ch in enumerate(line) if ch in "│┼") for line in lines}
    assert len(bars) == 1  # every row puts its separators in the same columns
    assert "─┼─" in lines[1]
    assert any("analytical" in line for line in lines)
    assert {r[1] for r in layout.lines[0][RUNS] if r[2] != NO_OFFSET} == {"table-header"}


def test_a_table_too_wide_for_the_column_keeps_its_rows_and_words_whole() -> None:
    b = ArticleBuilder()
    b.table([[f"c{i}" for i in range(12)], [str(i) for i in range(12)]])
    lines = texts(lay_out_article(b.build(), 20))
    # One row per table row (and the header rule): wider than the column, scrolled.
    assert len(lines) == 3
    assert lines[0].split(" │ ") == [f"c{i}" for i in range(12)]
    assert [c.strip() for c in lines[2].split(" │ ")] == [str(i) for i in range(12)]


def test_a_table_whose_words_fit_is_shared_out_within_the_column() -> None:
    b = ArticleBuilder()
    long = "tide gauges read every six minutes along the whole coast"
    b.table([["Place", "Note"], ["Port Wren", long]])
    lines = texts(lay_out_article(b.build(), 30))
    assert all(cell_len(line) <= 30 for line in lines)
    assert " ".join(line.split(" │ ")[1].strip() for line in lines[2:]) == long


def test_long_code_lines_are_not_wrapped_and_keep_their_indent() -> None:
    b = ArticleBuilder()
    source = "def f():\n        return some_function_with_a_long_name(argument_one, argument_two)"
    b.code(source, None)
    layout = lay_out_article(b.build(), 30)
    lines = texts(layout)
    assert len(lines) == 4  # padding, two lines, padding
    assert lines[2].strip() == source.split("\n")[1].strip()
    assert lines[2].startswith("  " + "        return")
    # Every row of the box is as wide as its widest line: the background scrolls too.
    assert len({cell_len(line) for line in lines}) == 1
    text_rows = [line for line in layout.lines if line[END] > line[START]]
    assert [layout.ctx.text[r[START] : r[END]] for r in text_rows] == source.split("\n")


def test_figures_and_rules() -> None:
    b = ArticleBuilder()
    b.figure("A cat asleep", "https://img.example/cat.png")
    b.rule()
    b.figure("", None)
    lines = texts(lay_out_article(b.build(), 30))
    assert lines[0] == "[image: A cat asleep]"  # its address is in the link list only
    assert not any("img.example" in line for line in lines)
    assert lines[2] == "─" * 30
    assert lines[4] == "[image: no description]"


def test_hostile_text_is_painted_as_visible_symbols() -> None:
    b = ArticleBuilder()
    b.paragraph("a\x1b[2Jb \x1b]52;c;ZXZpbA==\x07 \x9b31m [@click=app.quit] [bold]x[/bold]\u202e")
    b.link_group("Evil \x1b]0;title\x07", [("click \x1b[31m", "https://x\x07y")])
    article = b.build()
    layout = lay_out_article(article, 80, collapsed=[])
    for line in layout.lines:
        for text, _, _ in line[RUNS]:
            assert not any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in text), text
            assert "\u202e" not in text
    joined = "\n".join(texts(layout))
    assert "[@click=app.quit] [bold]x[/bold]" in joined
    assert "␛[2J" in joined
    assert len(layout.ctx.text) == len(article.text)


def test_width_change_changes_rows_not_content() -> None:
    article = generate_article(60)
    narrow = lay_out_article(article, 30, collapsed=[])
    wide = lay_out_article(article, 90, collapsed=[])
    assert len(narrow.lines) > len(wide.lines)

    def shown(layout) -> set[int]:
        """Offsets of the visible (non-space) characters on screen."""
        return {
            start + i
            for line in layout.lines
            for text, _, start in line[RUNS]
            if start != NO_OFFSET
            for i, ch in enumerate(text)
            if not ch.isspace()
        }

    expected = {i for i, ch in enumerate(article.text) if not ch.isspace()}
    # Text shown beside the article's (link groups, alt text) is shown whole too.
    expected |= {
        piece.start + i
        for piece in narrow.ctx.shown.pieces()
        for i, ch in enumerate(piece.text)
        if not ch.isspace()
    }
    assert shown(narrow) == shown(wide) == expected


def test_section_at_line_finds_the_enclosing_header() -> None:
    layout = lay_out_article(sample(), 60)
    deep = texts(layout).index("Deep text.")
    assert layout.section_at_line(deep) == "s-b4"
    assert layout.section_at_line(0) == "s-b0"


def test_incremental_composition_matches_a_full_one() -> None:
    from reader.ui.article_view.layout.blocks import layout_block
    from reader.ui.article_view.layout.document import ArticleLayout

    article = generate_article(200)
    full = lay_out_article(article, 50)
    partial = ArticleLayout(full.ctx, full.outline, 50, full.collapsed)
    partial.compose(compute=True, min_lines=30)
    assert not partial.complete
    count = len(article.blocks)
    for first in range(0, count, 37):
        chunk = [layout_block(full.ctx, i, 50) for i in range(first, min(count, first + 37))]
        partial.receive(first, chunk)
        partial.compose()
    assert partial.complete
    assert texts(partial) == texts(full)
    assert partial.header_lines == full.header_lines


def test_a_link_cut_across_rows_keeps_its_number_on_every_part() -> None:
    from reader.ui.article_view.layout.lines import split_role

    b = ArticleBuilder()
    b.paragraph("See ", ("https://example.org/a/very/long/address/indeed", "link", "https://x"))
    layout = lay_out_article(b.build(), 12, numbers=True)
    parts = [run for line in layout.lines for run in line[RUNS] if "link" in run[1]]
    assert len(parts) > 3
    assert {split_role(run[1])[1] for run in parts} == {1}
    assert line_text(layout.lines[-1]) == "[1]"  # the number is never cut
    # The link's row is the first one it appears on.
    assert layout.link_line[1] == next(
        i for i, line in enumerate(layout.lines) if "https" in line_text(line)
    )


def _paragraphs(*texts_: str):
    b = ArticleBuilder()
    for text in texts_:
        b.paragraph(text)
    return b.build()


def test_a_paragraph_start_maps_to_its_first_text_row_not_the_separator() -> None:
    long = "word " * 30
    article = _paragraphs(long.strip(), "Second paragraph starts here.", long.strip())
    layout = lay_out_article(article, 30, collapsed=[])
    for index, block in enumerate(article.blocks):
        row = layout.line_of_offset(block.start)
        assert row == layout.block_line[index]
        assert line_text(layout.lines[row]).strip(), "a paragraph start is a text row"
    second = article.blocks[1]
    # The blank line between paragraphs starts where the first one ends; an offset in
    # the separator belongs to the paragraph that follows it.
    separator = layout.block_line[1] - 1
    assert layout.lines[separator][START] == layout.lines[separator][END]
    for offset in range(article.blocks[0].end, second.start + 1):
        assert layout.line_of_offset(offset) == layout.block_line[1]


def test_a_row_start_round_trips_for_every_row_a_reader_can_have_on_top() -> None:
    article = generate_article(80)
    layout = lay_out_article(article, 44, collapsed=[])
    for index, line in enumerate(layout.lines):
        row = layout.line_of_offset(line[START])
        if line[END] > line[START]:
            assert row == index
        else:
            # Furniture on top (a separator, a rule): resuming puts the text it stands
            # before at the top, never the row above it (past the body's end there is
            # no text left: the last text row).
            assert row > index or line[START] == len(article.text)


def test_leading_spaces_and_wrap_points_map_to_the_following_row() -> None:
    article = _paragraphs("First.", "   indented start " + "more words " * 10)
    layout = lay_out_article(article, 24, collapsed=[])
    second = article.blocks[1]
    assert layout.line_of_offset(second.start) == layout.block_line[1]
    for index in range(layout.block_line[1], len(layout.lines) - 1):
        gap_start, gap_end = layout.lines[index][END], layout.lines[index + 1][START]
        for offset in range(gap_start, gap_end):
            assert layout.line_of_offset(offset) == index + 1


def test_hidden_text_still_maps_to_its_collapsed_header() -> None:
    b = ArticleBuilder()
    b.heading("Open", level=2)
    b.paragraph("Visible text.")
    b.heading("Closed", level=2)
    b.paragraph("Hidden text one.")
    b.paragraph("Hidden text two.")
    b.heading("After", level=2)
    b.paragraph("More visible text.")
    article = b.build()
    closed = next(s for s in article.sections if s.title == "Closed")
    layout = lay_out_article(article, 40, collapsed=[closed.id])
    header = layout.section_line[closed.id]
    for block in article.blocks[3:5]:
        assert layout.line_of_offset(block.start) == header
        assert layout.line_of_offset(block.end - 1) == header
    assert layout.line_of_offset(article.blocks[5].start) == layout.block_line[5]
