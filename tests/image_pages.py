"""Pictures and pages with figures, built by the tests themselves (no files shipped).

Hostile pictures are written byte by byte, so that a decompression bomb costs the
test suite nothing: a 50,000 × 50,000 PNG here is a few dozen bytes.
"""

from __future__ import annotations

import base64
import io
import struct
import sys
import zlib
from pathlib import Path

from PIL import Image

FILLER = (
    "The harbour clock ran again on Saturday after eleven silent years, and the town "
    "turned out to watch its hands find the tide. "
) * 6
"""A paragraph long enough that the page reads as an article."""


def picture(
    size: tuple[int, int], colour: tuple[int, ...] = (200, 30, 30), fmt: str = "PNG"
) -> bytes:
    mode = "RGBA" if len(colour) == 4 else "RGB"
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, fmt)
    return buffer.getvalue()


def data_uri(data: bytes, mime: str = "image/png") -> str:
    return f"data:{mime};base64," + base64.b64encode(data).decode("ascii")


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png_bomb(width: int = 50_000, height: int = 50_000) -> bytes:
    """A PNG header claiming ``width`` × ``height`` pixels, with one tiny data chunk:
    decoding it would need gigabytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + _chunk(b"IEND", b"")
    )


def gif_frames(frames: int = 10_000, size: int = 1) -> bytes:
    """An animated GIF of ``frames`` frames of ``size`` × ``size`` pixels."""
    out = bytearray(b"GIF89a" + struct.pack("<HH", size, size) + b"\x80\x00\x00")
    out += b"\x00\x00\x00\xff\xff\xff"  # a two-colour global table
    out += b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"  # loop forever
    pixels = bytes([2, 2, 0x44, 0x01, 0x00])  # minimal LZW: clear, pixel 0, end
    for _ in range(frames):
        out += b"\x21\xf9\x04\x00\x01\x00\x00\x00"  # 10 ms a frame
        out += b"\x2c" + struct.pack("<HHHH", 0, 0, size, size) + b"\x00"
        out += pixels
    out += b"\x3b"
    return bytes(out)


SVG = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b'<image href="http://remote.example/x.png"/><script>alert(1)</script></svg>'
)


def html_page(title: str, body: str) -> str:
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><article><h1>{title}</h1><p>{FILLER}</p>{body}<p>{FILLER}</p></article>"
        "</body></html>"
    )


def saved_complete(folder: Path, name: str = "The tide clock") -> Path:
    """A browser's "Save Page As… complete": ``NAME.html`` and ``NAME_files/``."""
    files = folder / f"{name}_files"
    files.mkdir(parents=True)
    (files / "clock face.jpg").write_bytes(picture((640, 480), fmt="JPEG"))
    (files / "harbour.png").write_bytes(picture((300, 100), (20, 60, 200)))
    quoted = name.replace(" ", "%20")
    body = (
        f'<figure><img src="./{quoted}_files/clock%20face.jpg" alt="The clock face">'
        "<figcaption>The restored face at dawn. "
        '<span class="credit">Photo: Maren Holt</span></figcaption></figure>'
        f"<p>{FILLER}</p>"
        f'<p><img src="{(files / "harbour.png").as_uri()}" alt="The harbour"></p>'
        '<figure><img src="https://cdn.example/gone.jpg" alt="A picture never saved">'
        "<figcaption>Nobody saved this one.</figcaption></figure>"
    )
    page = folder / f"{name}.html"
    page.write_text(html_page(name, f"<p>This copy is {name}.</p>{body}"), encoding="utf-8")
    return page


BOUNDARY = "----=_Part_figures"


def mhtml_with_image(image: bytes) -> bytes:
    """A Blink-style MHTML archive: the page, then its picture as a base64 part (named
    by Content-Location) and a second one named by Content-ID."""
    page = html_page(
        "Archived",
        '<figure><img src="https://site.example/img/face.png" alt="Face">'
        "<figcaption>From the archive.</figcaption></figure>"
        f"<p>{FILLER}</p>"
        '<figure><img src="cid:logo@site" alt="Logo"><figcaption>By id.</figcaption></figure>',
    )
    encoded = base64.encodebytes(image).decode("ascii").replace("\n", "\r\n")
    parts = [
        (
            "Content-Type: text/html\r\nContent-Transfer-Encoding: 8bit\r\n"
            "Content-Location: https://site.example/article.html\r\n\r\n" + page
        ),
        (
            "Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
            "Content-Location: https://site.example/img/face.png\r\n\r\n" + encoded
        ),
        (
            "Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
            "Content-ID: <logo@site>\r\n\r\n" + encoded
        ),
    ]
    head = (
        "From: <Saved by Blink>\r\nMIME-Version: 1.0\r\n"
        f'Content-Type: multipart/related; type="text/html"; boundary="{BOUNDARY}"\r\n\r\n'
    )
    body = "".join(f"--{BOUNDARY}\r\n{part}\r\n" for part in parts)
    return (head + body + f"--{BOUNDARY}--\r\n").encode("utf-8")


def singlefile_page(image: bytes) -> str:
    """A SingleFile save: every picture inlined as a ``data:`` URI."""
    return html_page(
        "Single file",
        f'<figure><img src="{data_uri(image)}" alt="Inlined"><figcaption>Inlined '
        "picture.</figcaption></figure>",
    )


def lazy_page(folder: Path) -> Path:
    """Lazy-loading markup: a placeholder src with the real picture in data-src, a
    noscript copy, a srcset and a <picture> whose only local candidate is in a source."""
    files = folder / "lazy_files"
    files.mkdir(parents=True)
    for name, size in (
        ("small.png", (400, 200)),
        ("wide.png", (1400, 700)),
        ("huge.png", (2400, 1200)),
    ):
        (files / name).write_bytes(picture(size))
    (files / "noscript.png").write_bytes(picture((50, 50)))
    stand_in = data_uri(picture((1, 1)), "image/png")
    body = (
        f'<figure><img src="{stand_in}" data-src="lazy_files/small.png" alt="Lazy">'
        "<figcaption>Lazy caption.</figcaption></figure>"
        f"<p>{FILLER}</p>"
        '<figure><img src="https://cdn.example/a.jpg" alt="Set" '
        'srcset="lazy_files/small.png 400w, lazy_files/huge.png 2400w, lazy_files/wide.png 1400w">'
        "<figcaption>Srcset caption.</figcaption></figure>"
        f"<p>{FILLER}</p>"
        '<figure><img class="lazyload" src="https://cdn.example/b.jpg" alt="Scripted">'
        '<noscript><img src="lazy_files/noscript.png" alt="Scripted"></noscript>'
        "<figcaption>Noscript caption.</figcaption></figure>"
        f"<p>{FILLER}</p>"
        '<figure><picture><source srcset="https://cdn.example/c.webp 1x, lazy_files/wide.png 2x">'
        '<img src="https://cdn.example/c.jpg" alt="Picture"></picture>'
        "<figcaption>Picture caption.</figcaption></figure>"
    )
    page = folder / "lazy.html"
    page.write_text(html_page("Lazy pictures", body), encoding="utf-8")
    return page


FIGURE_COLOURS = ((200, 30, 30), (30, 160, 60), (20, 60, 200))


def figures_page(folder: Path, paragraphs: int = 4) -> Path:
    """A saved-complete page with three captioned figures (red, green, blue, 400 × 300),
    each after ``paragraphs`` paragraphs of filler, and more filler at the end."""
    files = folder / "figures_files"
    files.mkdir(parents=True)
    filler = f"<p>{FILLER}</p>" * paragraphs
    parts = []
    for number, colour in enumerate(FIGURE_COLOURS, 1):
        (files / f"figure{number}.png").write_bytes(picture((400, 300), colour))
        parts.append(
            f'{filler}<figure><img src="figures_files/figure{number}.png" '
            f'alt="Picture {number}"><figcaption>Caption number {number}. '
            f'<span class="credit">Photo: Studio {number}</span></figcaption></figure>'
        )
    page = folder / "figures.html"
    page.write_text(html_page("Three figures", "".join(parts) + filler), encoding="utf-8")
    return page


def import_textual_image_quietly() -> None:
    """Import textual-image's renderables (kitty's diacritics live there) as the app's
    ``prepare`` would have: imported with a terminal on stdout, textual-image asks that
    terminal what it can draw (escape sequences, and a wait for the answers)."""
    real = sys.__stdout__
    sys.__stdout__ = io.StringIO()  # type: ignore[misc]
    try:
        import textual_image.renderable  # noqa: F401
    finally:
        sys.__stdout__ = real  # type: ignore[misc]
