"""Small web archives made on the spot with warcio's writer (no real captures)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PARAGRAPH = (
    "The harbour office clock in Port Wren stopped in a winter storm and stayed silent "
    "for eleven years, until a group of volunteers rebuilt its mechanism to show the tide."
)


def page_html(title: str, paragraphs: int = 6, image: str | None = None) -> bytes:
    body = "".join(f"<p>{PARAGRAPH} Part {n} of {title}.</p>" for n in range(paragraphs))
    figure = f'<figure><img src="{image}" alt="a tide clock"></figure>' if image else ""
    return (
        f"<!doctype html><html><head><title>{title}</title></head><body><article>"
        f"<h1>{title}</h1>{figure}{body}</article></body></html>"
    ).encode()


@dataclass(frozen=True)
class Item:
    url: str
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: str = "200 OK"
    date: str = "2024-05-01T10:00:00Z"
    kind: str = "response"
    """response, revisit, request, metadata."""


def write_warc(target: io.BufferedIOBase | Path, items: Iterable[Item], gzip: bool = True) -> None:
    own = isinstance(target, Path)
    stream = open(target, "wb") if own else target  # noqa: SIM115
    try:
        writer = WARCWriter(stream, gzip=gzip)
        digests: dict[str, str] = {}
        for item in items:
            warc_headers = {"WARC-Date": item.date}
            if item.kind == "response":
                http = StatusAndHeaders(
                    item.status, [("Content-Type", item.content_type)], protocol="HTTP/1.1"
                )
                record = writer.create_warc_record(
                    item.url,
                    "response",
                    payload=io.BytesIO(item.body),
                    http_headers=http,
                    warc_headers_dict=warc_headers,
                )
                digests[item.url] = record.rec_headers.get_header("WARC-Payload-Digest")
            elif item.kind == "revisit":
                http = StatusAndHeaders(
                    item.status, [("Content-Type", item.content_type)], protocol="HTTP/1.1"
                )
                record = writer.create_revisit_record(
                    item.url,
                    digests[item.url],
                    item.url,
                    "2024-05-01T10:00:00Z",
                    http_headers=http,
                    warc_headers_dict=warc_headers,
                )
            elif item.kind == "request":
                http = StatusAndHeaders(
                    f"GET {item.url} HTTP/1.1", [("Host", "example.org")], is_http_request=True
                )
                record = writer.create_warc_record(
                    item.url, "request", http_headers=http, warc_headers_dict=warc_headers
                )
            else:
                record = writer.create_warc_record(
                    item.url,
                    "metadata",
                    payload=io.BytesIO(item.body),
                    warc_content_type="application/json",
                    warc_headers_dict=warc_headers,
                )
            writer.write_record(record)
    finally:
        if own:
            stream.close()


def sample_items() -> list[Item]:
    """Two pages, an image, a request, a 404, a redirect, metadata and a revisit."""
    return [
        Item("https://example.org/a", b"", kind="request"),
        Item("https://example.org/a", page_html("Tide clock", image="https://example.org/c.png")),
        Item("https://example.org/c.png", b"\x89PNG\r\n\x1a\nimage", "image/png"),
        Item("https://example.org/b", page_html("Net loft"), date="2024-05-02T11:30:00Z"),
        Item("https://example.org/missing", b"gone", "text/html", status="404 Not Found"),
        Item("https://example.org/old", b"", "text/html", status="301 Moved Permanently"),
        Item("https://example.org/meta", json.dumps({"x": 1}).encode(), kind="metadata"),
        Item("https://example.org/a", b"", kind="revisit", date="2024-06-01T09:00:00Z"),
    ]


def write_wacz(path: Path, items: Iterable[Item], extra: dict[str, bytes] | None = None) -> None:
    warc = io.BytesIO()
    write_warc(warc, items)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("archive/data.warc.gz"), warc.getvalue(), zipfile.ZIP_STORED
        )
        archive.writestr("datapackage.json", json.dumps({"profile": "data-package"}))
        archive.writestr("indexes/index.cdx", "")
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
