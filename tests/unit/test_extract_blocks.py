"""HTML → blocks: text, offsets, marks, list items, table cells, figures, code, quotes."""

from __future__ import annotations

import lxml.html
import pytest

from reader.config import Limits
from reader.extract.assemble import build_article, refine
from reader.extract.blocks import build_drafts
from reader.extract.invariants import violations
from reader.models import Article, Block, BlockKind, MarkKind, Metadata


def body(html: str, base: str | None = None, title: str = "") -> Article:
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    drafts = refine(build_drafts(root, base), title)
    article = build_article("test", Metadata(title=title), drafts, (), Limits(), False)
    assert violations(article) == []
    return article


def text_of(article: Article, block: Block) -> str:
    return article.text[block.start : block.end]


def test_paragraphs_are_joined_by_blank_lines_with_whitespace_collapsed() -> None:
    article = body("<p>  One \n\t two  </p><div>Three<p>Four</p>five</div>")
    assert article.text == "One two\n\nThree\n\nFour\n\nfive"
    assert [b.kind for b in article.blocks] == [BlockKind.PARAGRAPH] * 4


def test_inline_marks_cover_exactly_their_words() -> None:
    article = body(
        '<p>A <em>tide</em> table, <strong>read <a href="https://x.example/t">fast</a></strong>'
        " and <code>len(x)</code>.</p>"
    )
    block = article.blocks[0]
    spans = {(m.kind, article.text[m.start : m.end], m.href) for m in block.marks}
    assert spans == {
        (MarkKind.EMPHASIS, "tide", None),
        (MarkKind.STRONG, "read fast", None),
        (MarkKind.LINK, "fast", "https://x.example/t"),
        (MarkKind.CODE, "len(x)", None),
    }


def test_links_resolve_lose_tracking_and_skip_scripts_anchors_and_empty_text() -> None:
    article = body(
        '<p><a href="/a?utm_source=x&amp;id=2&amp;gclid=9">one</a> '
        '<a href="javascript:void(0)">two</a> <a href="#top">three</a> '
        '<a href="https://y.example/"> </a> <a href="https://page.example/now">self</a></p>',
        base="https://page.example/now",
    )
    links = [(article.text[m.start : m.end], m.href) for m in article.blocks[0].marks]
    assert links == [("one", "https://page.example/a?id=2")]
    assert article.text == "one two three self"


def test_line_breaks_stay_inside_a_paragraph_and_repeat_once() -> None:
    article = body("<p>Line one<br><br>line two<br></p>")
    assert article.text == "Line one\nline two"
    assert len(article.blocks) == 1


def test_headings_are_normalised_so_the_top_level_is_two() -> None:
    article = body("<h3>Top</h3><p>x</p><h4>Sub</h4><p>y</p><h3>Next</h3>")
    assert [b.level for b in article.blocks if b.kind is BlockKind.HEADING] == [2, 3, 2]


def test_the_body_copy_of_the_title_is_dropped() -> None:
    article = body("<h1>The Title!</h1><p>Body text.</p>", title="The title")
    assert article.text == "Body text."


def test_nested_lists_become_items_with_depth_and_numbers() -> None:
    article = body(
        '<ol start="3"><li>Three<ul><li>a</li><li>b<ol><li>deep</li></ol></li></ul></li>'
        "<li>Four</li></ol>"
    )
    block = article.blocks[0]
    assert block.kind is BlockKind.LIST
    assert text_of(article, block) == "Three\na\nb\ndeep\nFour"
    items = [(article.text[i.start : i.end], i.depth, i.ordered, i.number) for i in block.items]
    assert items == [
        ("Three", 0, True, 3),
        ("a", 1, False, None),
        ("b", 1, False, None),
        ("deep", 2, True, 1),
        ("Four", 0, True, 4),
    ]
    assert block.markdown == "3. Three\n   - a\n   - b\n     1. deep\n4. Four"


def test_list_items_with_paragraphs_stay_one_line() -> None:
    article = body("<ul><li><p>First para</p><p>second para</p></li><li>next<br>line</li></ul>")
    assert text_of(article, article.blocks[0]) == "First para second para\nnext line"


def test_a_bare_ul_used_for_indentation_is_not_a_list() -> None:
    article = body("<ul> (An aside in an indented block.) </ul>")
    assert article.blocks[0].kind is BlockKind.PARAGRAPH
    assert article.text == "(An aside in an indented block.)"


def test_loose_text_in_a_list_is_kept_as_items() -> None:
    article = body("<ul>Intro<li>one</li>tail</ul>")
    assert article.text == "Intro\none\ntail"


def test_definition_lists_indent_definitions() -> None:
    article = body("<dl><dt>Term</dt><dd>Meaning</dd></dl>")
    block = article.blocks[0]
    assert [(article.text[i.start : i.end], i.depth) for i in block.items] == [
        ("Term", 0),
        ("Meaning", 1),
    ]


def test_data_tables_become_rows_of_cells_with_header_rows() -> None:
    article = body(
        "<table><caption>Tides</caption><thead><tr><th>Time</th><th>Height</th></tr></thead>"
        "<tbody><tr><td>06:12</td><td>4.8 <b>m</b></td></tr><tr><td>12:30</td><td></td></tr>"
        "<tr><td></td><td></td></tr></tbody></table>"
    )
    caption, table = article.blocks
    assert text_of(article, caption) == "Tides"
    assert table.kind is BlockKind.TABLE
    assert text_of(article, table) == "Time\tHeight\n06:12\t4.8 m\n12:30\t—"
    assert table.header_rows == 1
    cells = [[article.text[c.start : c.end] for c in row] for row in table.rows]
    assert cells == [["Time", "Height"], ["06:12", "4.8 m"], ["12:30", "—"]]
    assert table.markdown.splitlines()[:2] == ["| Time | Height |", "| --- | --- |"]


def test_pipes_in_cells_are_escaped_in_markdown() -> None:
    article = body("<table><tr><td>a|b</td><td>c</td></tr><tr><td>d</td><td>e</td></tr></table>")
    assert "a\\|b" in article.blocks[0].markdown


def test_layout_tables_are_read_cell_by_cell() -> None:
    article = body(
        "<table><tr><td><p>Left column text.</p><p>More.</p></td>"
        "<td><table><tr><td>in</td><td>ner</td></tr></table></td></tr></table>"
    )
    kinds = [b.kind for b in article.blocks]
    assert kinds == [BlockKind.PARAGRAPH, BlockKind.PARAGRAPH, BlockKind.TABLE]
    assert article.text.count("Left column text.") == 1


def test_figures_keep_caption_as_text_and_alt_in_markdown() -> None:
    article = body(
        '<figure><img src="/i/a.jpg?utm_source=x" alt="A causeway"><figcaption>Low '
        "<em>water</em></figcaption></figure>",
        base="https://site.example/post",
    )
    figure = article.blocks[0]
    assert figure.kind is BlockKind.FIGURE
    assert text_of(article, figure) == "Low water"
    assert figure.src == "https://site.example/i/a.jpg"
    assert figure.markdown == "![A causeway](https://site.example/i/a.jpg)\n\nLow *water*"


def test_images_without_caption_are_empty_figures_between_blocks() -> None:
    article = body('<p>Before.</p><img src="a.png" alt="IMG_1234.jpg"><p>After.</p>')
    figure = article.blocks[1]
    assert (figure.kind, figure.start, figure.end) == (BlockKind.FIGURE, 7, 7)
    assert figure.markdown == "![IMG_1234.jpg](a.png)"
    assert article.text == "Before.\n\nAfter."


def test_lazy_images_use_their_real_source_and_pixels_are_dropped() -> None:
    article = body(
        '<p>Text.</p><img src="data:image/gif;base64,R0l" data-src="/real.jpg" alt="x">'
        '<img src="/pixel.gif" width="1" height="1">'
    )
    assert [b.src for b in article.blocks] == [None, "/real.jpg"]


def test_inline_images_keep_emoji_but_not_formula_letters() -> None:
    article = body('<p>Nice <img alt="🙂" src="e.png"> for a matrix <img alt="A" src="m.png">.</p>')
    assert article.text == "Nice 🙂 for a matrix ."


def test_code_keeps_lines_and_indentation_and_names_its_language() -> None:
    article = body(
        '<pre class="highlight"><code class="language-python">\n\n    def f():\n'
        "        return 1<br>    # done\n\n</code></pre>"
    )
    block = article.blocks[0]
    assert block.kind is BlockKind.CODE
    assert block.language == "python"
    assert text_of(article, block) == "def f():\n    return 1\n# done"
    assert block.markdown == "```python\ndef f():\n    return 1\n# done\n```"


def test_code_fences_grow_past_backticks_in_the_code() -> None:
    article = body("<pre>```\nx\n```</pre>")
    assert article.blocks[0].markdown.startswith("````\n")


@pytest.mark.parametrize(
    ("markup", "language"),
    [
        ('<pre class="brush: js;">x</pre>', "js"),
        ('<pre data-lang="Rust">x</pre>', "rust"),
        ('<div class="highlight-source-go"><pre>x</pre></div>', "go"),
        ("<pre>x</pre>", None),
    ],
)
def test_code_language_comes_from_the_usual_class_names(markup: str, language: str | None) -> None:
    code = next(b for b in body(markup).blocks if b.kind is BlockKind.CODE)
    assert code.language == language


def test_quotes_carry_their_nesting_depth() -> None:
    article = body("<blockquote><p>Outer.</p><blockquote>Inner.</blockquote></blockquote>")
    assert [(b.kind, b.level) for b in article.blocks] == [
        (BlockKind.QUOTE, 1),
        (BlockKind.QUOTE, 2),
    ]
    assert [b.markdown for b in article.blocks] == ["> Outer.", "> > Inner."]


def test_rules_are_empty_blocks_and_never_lead_or_trail() -> None:
    article = body("<hr><p>A</p><hr><p>B</p><hr>")
    assert [b.kind for b in article.blocks] == [
        BlockKind.PARAGRAPH,
        BlockKind.RULE,
        BlockKind.PARAGRAPH,
    ]
    assert article.blocks[1].markdown == "---"


def test_a_block_inside_an_inline_element_splits_the_paragraph() -> None:
    article = body("<p><a href='https://x.example'>link <div>block</div> after</a></p>")
    assert article.text == "link\n\nblock\n\nafter"
    # The link goes on through the block it wraps, one mark per block.
    assert [[m.kind for m in b.marks] for b in article.blocks] == [[MarkKind.LINK]] * 3


def test_control_and_invisible_characters_never_reach_the_text() -> None:
    article = body("<p>a\x1b[31mred\x07 soft\xadhy\u200bphen</p>")
    assert article.text == "ared softhyphen"


def test_skipped_elements_leave_no_text() -> None:
    article = body(
        "<p>Keep</p><form><input value='x'>Form text</form><button>Press</button>"
        "<svg><text>drawn</text></svg><video>Your browser</video>"
    )
    assert article.text == "Keep"


def test_markdown_escapes_text_that_would_become_markup() -> None:
    article = body("<p># not a heading, *stars* and _under_</p><p>1. not a list</p>")
    assert article.blocks[0].markdown == "\\# not a heading, \\*stars\\* and \\_under\\_"
    assert article.blocks[1].markdown == "1\\. not a list"


def test_page_text_never_becomes_html_or_entities_in_markdown() -> None:
    article = body("<p>&lt;script&gt;x&lt;/script&gt; &amp;copy; fish &amp; chips</p>")
    assert article.text == "<script>x</script> &copy; fish & chips"
    assert article.blocks[0].markdown == "\\<script>x\\</script> \\&copy; fish & chips"
