"""``reader extract --format md``: collapsible parts as <details>, read back the same."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from reader.__main__ import run
from reader.config import Limits
from reader.extract.markdown_export import article_markdown
from reader.extract.pipeline import extract
from reader.loaders.base import DocumentKind, RawDocument
from reader.models import Article, Link, LinkGroup, Section, SectionKind
from reader.service import read_article

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "extract"
ARTICLE = FIXTURES / "article.html"


def sections(article: Article) -> list[tuple[str, str, str, int]]:
    return [(s.kind.value, s.title, s.summary, s.level) for s in article.sections]


def read_back(markdown: str, tmp_path: Path) -> Article:
    path = tmp_path / "page.md"
    path.write_text(markdown, encoding="utf-8")
    return read_article(str(path))


def test_link_groups_are_details_and_come_back_as_the_same_sections(tmp_path: Path) -> None:
    article = read_article(str(ARTICLE))
    assert any(s.kind is SectionKind.LINKS for s in article.sections)
    assert any(s.kind is SectionKind.HEADING for s in article.sections)
    markdown = article_markdown(article)
    assert markdown.endswith("\n") and not markdown.endswith("\n\n")
    assert '<details class="reader-links">\n<summary>Related stories</summary>' in markdown
    again = read_back(markdown, tmp_path)
    assert sections(again) == sections(article)
    assert again.text == article.text
    assert again.link_groups == article.link_groups
    assert again.metadata.title == article.metadata.title


def test_member_lists_sit_before_their_paragraphs_and_are_not_read_back_as_text(
    tmp_path: Path,
) -> None:
    article = read_article(str(ARTICLE))
    block = next(b for b in article.blocks if b.kind.value == "paragraph")
    passage = Section(
        id="enumeration-1",
        kind=SectionKind.ENUMERATION,
        title="Wardens on duty (2)",
        start=block.start,
        end=block.end,
        block_ids=(block.id,),
        lines=("Ann Grey, 52, harbour master", "Tom Reed, warden"),
    )
    markdown = article_markdown(article, [passage])
    opening = markdown.index('<details open class="reader-members">')
    assert (
        opening < markdown.index("- Ann Grey, 52, harbour master") < markdown.index(block.markdown)
    )
    assert markdown.index(block.markdown) < markdown.index("</details>", opening)
    again = read_back(markdown, tmp_path)
    assert again.text == article.text
    assert sections(again) == sections(article)


def test_page_text_never_becomes_markup(tmp_path: Path) -> None:
    html = (
        "<html><head><title>A </summary><script>x</script> title</title></head><body>"
        "<p>The council met on Tuesday evening to decide the future of the harbour wall, "
        "which has kept the winter storms out of the old town for two hundred years.</p>"
        "</body></html>"
    )
    article = extract(RawDocument("t.html", DocumentKind.HTML, html), Limits())
    hostile = LinkGroup(
        "g-x", "Related </details><img src=x>", (Link("<b>bold</b> & more text", None),)
    )
    article = replace(article, link_groups=(hostile,))
    markdown = article_markdown(article)
    # Markdown escapes (\<) are text to every viewer; a bare < would be a tag.
    assert not re.search(r"(?<!\\)<(?:script|img|b>)", markdown)
    assert len(re.findall(r"(?<!\\)</summary>", markdown)) == 1
    assert "<summary>Related &lt;/details&gt;&lt;img src=x&gt;</summary>" in markdown


def test_the_command_writes_details_and_allows_analyze(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(["extract", "--format", "md", str(ARTICLE)]) == 0
    out, err = capsys.readouterr()
    assert "<details" in out and out.endswith("</details>\n")
    assert err == ""
