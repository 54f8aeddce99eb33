"""Explicit http(s) URLs, against a local server on 127.0.0.1 (no other host is contacted)."""

from __future__ import annotations

import gzip
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from reader.config import Limits
from reader.errors import LimitExceeded, LoadError, ReaderError
from reader.loaders import DocumentKind, fetch_guard, load
from reader.loaders import url as url_loader
from reader.loaders.fetch_guard import public_only

LIMITS = Limits(fetch_timeout=5)
CHINESE = "北京时间周日，美国国务卿布林肯抵达北京，开始为期两天的访问。这是最高级别的访问。"
PAGE = (
    "<!DOCTYPE html><html><head><title>t</title>{head}"
    '<link rel="stylesheet" href="/style.css"><script src="/app.js"></script></head>'
    '<body><p>{body}</p><img src="/photo.jpg"><iframe src="/frame.html"></iframe></body></html>'
)


class Handler(BaseHTTPRequestHandler):
    requests: list[str] = []

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def send(self, status: int, body: bytes, content_type: str | None, **headers: str) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        if "Content_Length" not in headers:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        Handler.requests.append(self.path)
        route = self.path.split("?")[0]
        page = PAGE.format(head="", body=CHINESE)
        if route == "/gbk.html":
            self.send(200, page.encode("gbk"), "text/html; charset=GBK")
        elif route == "/nocharset.html":
            self.send(200, page.encode("gbk"), "text/html")
        elif route == "/wrongcharset.html":
            self.send(200, page.encode("utf-8"), "text/html; charset=iso-8859-1")
        elif route == "/base.html":
            head = '<base href="/docs/v2/"><link rel="canonical" href="https://example.org/c">'
            self.send(200, PAGE.format(head=head, body="based").encode(), "text/html")
        elif route == "/plain":
            self.send(200, b"A plain text page.\nSecond line.\n", "text/plain; charset=utf-8")
        elif route == "/readme":
            self.send(200, b"# Title\n\nText.\n", "text/markdown")
        elif route == "/story":  # no useful suffix, no content type: sniffed
            self.send(200, page.encode(), None)
        elif route == "/gzipped.html":
            self.send(200, gzip.compress(page.encode()), "text/html", Content_Encoding="gzip")
        elif route == "/brotli.html":
            self.send(200, b"\x0b\x02\x80", "text/html", Content_Encoding="br")
        elif route == "/bomb.html":
            body = gzip.compress(bytes(8 * 1024 * 1024))
            self.send(200, body, "text/html", Content_Encoding="gzip")
        elif route == "/redirect":
            self.send(302, b"", None, Location="/gbk.html")
        elif route == "/loop":
            self.send(302, b"", None, Location="/loop")
        elif route == "/to-file":
            self.send(302, b"", None, Location="file:///etc/passwd")
        elif route == "/to-ftp":
            self.send(301, b"", None, Location="ftp://127.0.0.1/x")
        elif route == "/missing":
            self.send(404, b"<p>not here</p>", "text/html")
        elif route == "/error":
            self.send(500, b"oops", "text/plain")
        elif route == "/image.png":
            self.send(200, b"\x89PNG\r\n\x1a\n" + bytes(100), "image/png")
        elif route == "/disguised":
            self.send(200, b"\x89PNG\r\n\x1a\n" + bytes(100), "text/html")
        elif route == "/empty":
            self.send(200, b"", "text/html")
        elif route == "/huge-declared":
            self.send(200, b"<p>short</p>", "text/html", Content_Length=str(10**12))
        elif route == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(64):
                self.wfile.write(b"<p>" + b"x" * 16_384 + b"</p>")
        elif route == "/drip":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"<p>x</p>")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
        elif route == "/drip-headers":
            # Each byte comes well within any per-read timeout; the headers never end.
            try:
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                for _ in range(200):
                    self.wfile.write(b"X")
                    self.wfile.flush()
                    time.sleep(0.05)
            except OSError:
                pass
        elif route.startswith("/to-host/"):
            self.send(302, b"", None, Location=f"http://{route.removeprefix('/to-host/')}/gbk.html")
        elif route == "/silent":
            time.sleep(2)
        else:
            self.send(404, b"", None)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Requests must go straight to the loopback server, whatever the environment says."""
    for name in (
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "*")
    Handler.requests.clear()


def error_of(url: str, limits: Limits = LIMITS) -> ReaderError:
    with pytest.raises(ReaderError) as caught:
        load(url, limits)
    assert "\n" not in str(caught.value)
    return caught.value


@pytest.mark.parametrize("route", ["/gbk.html", "/nocharset.html", "/wrongcharset.html"])
def test_html_with_charsets(server: str, route: str) -> None:
    document = load(server + route, LIMITS)
    assert document.kind is DocumentKind.HTML
    assert CHINESE in document.text
    assert document.source == server + route
    assert document.base_url == server + route


def test_only_the_one_document_is_fetched(server: str) -> None:
    load(server + "/gbk.html", LIMITS)
    assert Handler.requests == ["/gbk.html"]


def test_base_href_resolves_against_the_fetched_url(server: str) -> None:
    assert load(server + "/base.html", LIMITS).base_url == server + "/docs/v2/"


@pytest.mark.parametrize(
    ("route", "kind"),
    [
        ("/plain", DocumentKind.TEXT),
        ("/readme", DocumentKind.MARKDOWN),
        ("/story", DocumentKind.HTML),
    ],
)
def test_kind_from_content_type_or_content(server: str, route: str, kind: DocumentKind) -> None:
    assert load(server + route, LIMITS).kind is kind


def test_gzip_content_encoding(server: str) -> None:
    assert CHINESE in load(server + "/gzipped.html", LIMITS).text


def test_redirect_is_followed_to_the_final_url(server: str) -> None:
    document = load(server + "/redirect", LIMITS)
    assert CHINESE in document.text
    assert document.base_url == server + "/gbk.html"
    assert document.source == server + "/redirect"


@pytest.mark.parametrize(
    ("route", "message"),
    [
        ("/missing", "HTTP 404 Not Found"),
        ("/error", "HTTP 500"),
        ("/loop", "too many redirects"),
        ("/to-file", "redirects to a non-web address"),
        ("/to-ftp", "redirects to a non-web address"),
        ("/image.png", "is not a web page (the server sends image/png)"),
        ("/disguised", "looks like a PNG image"),
        ("/empty", "is empty"),
        ("/brotli.html", "compressed as 'br'"),
    ],
)
def test_fetch_errors(server: str, route: str, message: str) -> None:
    error = error_of(server + route)
    assert isinstance(error, LoadError)
    assert message in str(error)
    assert str(error).count("127.0.0.1") == 1


def test_image_body_is_not_downloaded(server: str) -> None:
    error_of(server + "/image.png")
    assert Handler.requests == ["/image.png"]


def test_size_caps(server: str) -> None:
    small = Limits(fetch_timeout=5, max_input_bytes=100_000, max_decompressed_bytes=1_000_000)
    for route in ("/huge-declared", "/huge"):
        assert isinstance(error_of(server + route, small), LimitExceeded)
    error = error_of(server + "/bomb.html", small)
    assert isinstance(error, LimitExceeded) and "when decompressed" in str(error)


def test_whole_download_has_one_deadline(server: str) -> None:
    """A server that drips bytes cannot hold the reader past fetch_timeout."""
    started = time.monotonic()
    error = error_of(server + "/drip", Limits(fetch_timeout=0.5))
    assert "0.5 s" in str(error) and "limits.fetch_timeout" in str(error)
    assert time.monotonic() - started < 3


def test_silent_server_times_out(server: str) -> None:
    error = error_of(server + "/silent", Limits(fetch_timeout=0.3))
    assert "no answer within 0.3 s" in str(error)


def test_connection_refused() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert "connection refused" in str(error_of(f"http://127.0.0.1:{port}/page.html"))


def test_password_is_not_echoed(server: str) -> None:
    url = server.replace("http://", "http://reader:hunter2@") + "/missing"
    assert "hunter2" not in str(error_of(url))


@pytest.mark.parametrize("url", ["http://", "http://[::1/x", "https://exa mple.org/\x00"])
def test_malformed_urls(url: str) -> None:
    error_of(url)


def test_dripped_headers_are_bound_by_the_deadline(server: str) -> None:
    """The deadline covers the headers too, not just the body."""
    started = time.monotonic()
    error = error_of(server + "/drip-headers", Limits(fetch_timeout=0.5))
    assert "0.5 s" in str(error) and "limits.fetch_timeout" in str(error)
    assert time.monotonic() - started < 3


def _loopback_one_is_public(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend the test server's 127.0.0.1 is on the internet, so the typed URL is public."""
    real = url_loader.is_public
    monkeypatch.setattr(url_loader, "is_public", lambda ip: ip == "127.0.0.1" or real(ip))


@pytest.mark.parametrize(
    "target",
    [
        "169.254.169.254",
        "10.1.2.3",
        "192.168.0.1",
        "127.0.0.2",
        "0.0.0.0",
        "2130706434",  # 127.0.0.2 written as one number
        "[::1]",
        "[fd00::1]",
        "[fe80::1]",
        "[::ffff:127.0.0.2]",
        "[fd00:ec2::254]",
    ],
)
def test_redirect_to_a_private_address_is_refused(
    server: str, target: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _loopback_one_is_public(monkeypatch)
    error = error_of(server + "/to-host/" + target)
    assert isinstance(error, LoadError)
    assert "redirects to a private address" in str(error)
    assert Handler.requests == ["/to-host/" + target]


def test_redirect_to_a_name_resolving_privately_is_refused_at_connect_time(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name that looks public when the redirect is checked and private when connecting
    is refused too: the connection goes to the addresses that were checked."""
    _loopback_one_is_public(monkeypatch)
    real = url_loader.addresses_of
    answers = iter([["127.0.0.1"], ["127.0.0.5"]])

    def rebinding(host: str, port: int) -> list[str]:
        return next(answers) if host == "rebind.test" else real(host, port)

    monkeypatch.setattr(url_loader, "addresses_of", rebinding)
    port = server.rsplit(":", 1)[1]
    error = error_of(f"{server}/to-host/rebind.test:{port}")
    assert "redirects to a private address" in str(error) and "127.0.0.5" in str(error)


def test_redirect_to_a_public_address_is_followed(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _loopback_one_is_public(monkeypatch)
    port = server.rsplit(":", 1)[1]
    document = load(f"{server}/to-host/127.0.0.1:{port}", LIMITS)
    assert CHINESE in document.text


def test_a_followed_link_connects_to_public_addresses_only(server: str) -> None:
    """A link the page chose is fetched from public addresses only, the first request
    too: loopback here, which a typed URL may reach."""
    with public_only():
        error = error_of(server + "/gbk.html")
    assert "leads to a private address (127.0.0.1)" in str(error)
    assert Handler.requests == []
    assert CHINESE in load(server + "/gbk.html", LIMITS).text  # typed: allowed


def test_a_followed_link_whose_name_rebinds_is_refused_at_connect_time(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found public when the link was chosen, private when the fetch connects."""
    real = url_loader.addresses_of
    answers = iter([["93.184.215.14"], ["127.0.0.1"]])

    def rebinding(host: str, port: int) -> list[str]:
        return next(answers) if host == "rebind.test" else real(host, port)

    monkeypatch.setattr(fetch_guard, "addresses_of", rebinding)
    monkeypatch.setattr(url_loader, "addresses_of", rebinding)
    port = server.rsplit(":", 1)[1]
    assert fetch_guard.private_link_address(f"http://rebind.test:{port}/gbk.html") is None
    with public_only():
        error = error_of(f"http://rebind.test:{port}/gbk.html")
    assert "private address (127.0.0.1)" in str(error)
    assert Handler.requests == []


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.215.14", True),
        ("2606:2800:21f:cb07:6820:80da:af6b:8b2c", True),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("2002:7f00:1::", False),  # 6to4 around 127.0.0.1
        ("fe80::1%eth0", False),
        ("ff02::1", False),
        ("not an address", False),
    ],
)
def test_is_public(address: str, public: bool) -> None:
    assert url_loader.is_public(address) is public
