"""A small web site on 127.0.0.1 for the tests that fetch pages: ``/walls`` is an
article, every other path is a 404; the paths asked for are kept in order."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

WALLS = (
    b"<html><head><title>Harbour walls</title></head><body><article><h1>Walls</h1>"
    b"<p>The wall was built in 1820 from granite quarried up the valley, and it has "
    b"held against every storm since then, though it was patched twice.</p>"
    b"<p>Masons still inspect it each spring, walking its length at low water.</p>"
    b"</article></body></html>"
)


@dataclass
class Site:
    url: str
    """The site's root, without a final slash."""
    hits: list[str] = field(default_factory=list)


@contextmanager
def local_site(pages: dict[str, bytes] | None = None) -> Iterator[Site]:
    """Serve ``pages`` (path to HTML; by default ``/walls``) until the block ends."""
    served = {"/walls": WALLS} if pages is None else pages
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            body = served.get(self.path)
            if body is None:
                self.send_response(404)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield Site(f"http://127.0.0.1:{server.server_address[1]}", hits)
    finally:
        server.shutdown()
        server.server_close()
