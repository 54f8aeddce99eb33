"""Figures in the Article: pictures saved with the page located, captions and credits in
the text, alt text and size kept, Markdown and JSON output, never a network request."""

from __future__ import annotations

import io
import json
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from reader.commands.extract import article_record
from reader.config import Limits
from reader.extract.figures import parse_srcset
from reader.models import Article, Block, BlockKind
from reader.service import read_article
from tests.image_pages import (
    SVG,
    gif_frames,
    html_page,
    lazy_page,
    mhtml_with_image,
    picture,
    png_bomb,
    saved_complete,
    singlefile_page,
)


def figures(article: Article) -> list[Block]:
    return [b for b in article.blocks if b.kind is BlockKind.FIGURE]


def caption(article: Article, block: Block) -> str:
    return article.text[block.start : block.end]


def test_saved_complete_page(tmp_path: Path) -> None:
    article = read_article(str(saved_complete(tmp_path)))
    face, harbour, remote = figures(article)
    assert face.image == "The tide clock_files/clock face.jpg"
    assert (face.alt, face.width, face.height) == ("The clock face", 640, 480)
    assert caption(article, face) == "The restored face at dawn. Photo: Maren Holt"
    assert face.credit is not None
    assert article.text[face.credit.start : face.credit.end] == "Photo: Maren Holt"
    # An absolute file: address inside the page's folder is local too.
    assert harbour.image == "The tide clock_files/harbour.png"
    assert (harbour.width, harbour.height) == (300, 100)
    # A picture that was not saved keeps its address and alt text, with no local copy.
    assert remote.image is None and remote.src == "https://cdn.example/gone.jpg"
    assert remote.alt == "A picture never saved"
    # Figures sit in document order among the other blocks, captions in the text once.
    kinds = [b.kind for b in article.blocks]
    assert kinds.index(BlockKind.FIGURE) > 0
    assert article.text.count("The restored face at dawn.") == 1
    assert article.text.count("Nobody saved this one.") == 1


def test_markdown_links_the_saved_picture_relative_to_the_page(tmp_path: Path) -> None:
    article = read_article(str(saved_complete(tmp_path)))
    face = figures(article)[0]
    assert face.markdown.startswith(
        "![The clock face](<The%20tide%20clock_files/clock%20face.jpg>)"
    )
    assert face.markdown.endswith("The restored face at dawn. Photo: Maren Holt")
    assert "![A picture never saved](https://cdn.example/gone.jpg)" in article.markdown


def test_json_carries_figure_blocks_and_round_trips(tmp_path: Path) -> None:
    article = read_article(str(saved_complete(tmp_path)))
    record = json.loads(json.dumps(article_record(article)))
    blocks = [b for b in record["blocks"] if b["kind"] == "figure"]
    assert [b["alt"] for b in blocks] == ["The clock face", "The harbour", "A picture never saved"]
    assert blocks[0]["credit"]["end"] == blocks[0]["end"]
    again = Article.from_dict(json.loads(json.dumps(article.to_dict())))
    assert again == article
    assert figures(again)[0].credit == figures(article)[0].credit


def test_mhtml_image_parts(tmp_path: Path) -> None:
    image = picture((120, 80))
    page = tmp_path / "archived.mhtml"
    page.write_bytes(mhtml_with_image(image))
    article = read_article(str(page))
    by_location, by_id = figures(article)
    assert by_location.image == "part:https://site.example/img/face.png"
    assert by_id.image == "part:cid:logo@site"
    assert (by_location.width, by_location.height) == (120, 80)
    assert caption(article, by_id) == "By id."


def test_singlefile_data_uris(tmp_path: Path) -> None:
    page = tmp_path / "single.html"
    page.write_text(singlefile_page(picture((64, 32))), encoding="utf-8")
    article = read_article(str(page))
    (figure,) = figures(article)
    assert figure.image is not None and figure.image.startswith("inline:")
    assert (figure.width, figure.height) == (64, 32)
    assert figure.src is None  # no address worth showing: the data: URI is not one
    assert "data:" not in article.markdown


def test_lazy_srcset_noscript_and_picture(tmp_path: Path) -> None:
    article = read_article(str(lazy_page(tmp_path)))
    lazy, srcset, noscript, pictured = figures(article)
    assert lazy.image == "lazy_files/small.png"  # data-src, not the one-pixel stand-in
    assert srcset.image == "lazy_files/wide.png"  # the smallest candidate wide enough
    assert srcset.src == "https://cdn.example/a.jpg"
    assert noscript.image == "lazy_files/noscript.png"
    assert pictured.image == "lazy_files/wide.png"
    assert [caption(article, f) for f in (lazy, srcset, noscript, pictured)] == [
        "Lazy caption.",
        "Srcset caption.",
        "Noscript caption.",
        "Picture caption.",
    ]


def test_markup_and_broken_pictures_are_placeholders(tmp_path: Path) -> None:
    files = tmp_path / "p_files"
    files.mkdir()
    (files / "drawing.svg").write_bytes(SVG)
    (files / "photo.jpg").write_bytes(b"<html><body>not a photo</body></html>")
    (files / "cut.png").write_bytes(picture((50, 50))[:20])
    (files / "figure.html").write_bytes(picture((10, 10)))  # a picture named like a page
    (files / "bomb.png").write_bytes(png_bomb())
    (files / "frames.gif").write_bytes(gif_frames())
    body = "".join(
        f'<figure><img src="p_files/{name}" alt="{name}"><figcaption>{name} caption'
        "</figcaption></figure><p>Between the figures there is a sentence or two of text.</p>"
        for name in ("drawing.svg", "photo.jpg", "cut.png", "figure.html", "bomb.png", "frames.gif")
    )

    page = tmp_path / "p.html"
    page.write_text(html_page("Hostile pictures", body), encoding="utf-8")
    article = read_article(str(page))
    by_alt = {f.alt: f for f in figures(article)}
    assert by_alt["drawing.svg"].image is None
    assert by_alt["photo.jpg"].image is None
    assert by_alt["cut.png"].image is None
    assert by_alt["figure.html"].image == "p_files/figure.html"
    assert (by_alt["figure.html"].width, by_alt["figure.html"].height) == (10, 10)
    assert by_alt["bomb.png"].image is None  # refused from its header alone
    assert by_alt["frames.gif"].image == "p_files/frames.gif"
    assert (by_alt["frames.gif"].width, by_alt["frames.gif"].height) == (1, 1)


def test_extract_command_writes_figures(tmp_path: Path) -> None:
    import argparse

    from reader.commands.extract import run

    page = saved_complete(tmp_path)
    out, err = io.StringIO(), io.StringIO()
    status = run(argparse.Namespace(pages=[str(page)], format="md", analyze=False), out, err)
    assert status == 0 and not err.getvalue()
    assert "![The clock face](<The%20tide%20clock_files/clock%20face.jpg>)" in out.getvalue()


def test_no_folder_means_no_local_pictures_from_stdin_like_sources() -> None:
    from reader.extract.pipeline import extract
    from reader.loaders.document import document_from_bytes

    html = singlefile_page(picture((8, 8))).replace("single", "x")
    html += '<img src="page_files/a.png" alt="relative">'
    doc = document_from_bytes(
        html.encode(), source="-", name="standard input", filename="", limits=Limits()
    )
    article = extract(doc, Limits())
    local = [f.image for f in figures(article)]
    assert local[0] is not None and local[0].startswith("inline:")
    assert all(not ref or ref.startswith("inline:") for ref in local)


@given(
    st.lists(
        st.tuples(
            st.from_regex(r"[a-z][a-z0-9_/.-]{0,20}", fullmatch=True),
            st.one_of(st.none(), st.integers(1, 5000)),
        ),
        min_size=1,
        max_size=6,
    )
)
def test_srcset_parser_reads_back_what_it_is_given(entries: list[tuple[str, int | None]]) -> None:
    text = ", ".join(f"{url} {w}w" if w else url for url, w in entries)
    parsed = parse_srcset(text)
    assert [(c.address, int(c.width) if c.width else None) for c in parsed] == entries


@given(st.text(max_size=200))
def test_srcset_parser_takes_anything(text: str) -> None:
    for candidate in parse_srcset(text):
        assert candidate.address and not candidate.address.endswith(",")
