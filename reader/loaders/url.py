"""Fetch the one document an explicit http(s) URL names: once, with a deadline and a cap.

Nothing the page refers to (images, stylesheets, scripts, frames) is fetched. Only
http and https are spoken, redirects included; there is no file:, ftp: or data: handler.
"""

from __future__ import annotations

import contextlib
import http.client
import socket
import ssl
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from typing import Any
from urllib.parse import urljoin, urlsplit

from reader import __version__
from reader.config import Limits
from reader.errors import LimitExceeded, LoadError
from reader.loaders.fetch_guard import Deadline, addresses_of, is_public, only_public
from reader.loaders.files import too_large
from reader.loaders.gunzip import gunzip, inflate
from reader.loaders.names import display_name

_CHUNK = 256 * 1024
_MAX_REDIRECTS = 5
_USER_AGENT = f"Mozilla/5.0 (compatible; reader/{__version__}; terminal article reader)"
_ACCEPT = (
    "text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,"
    "multipart/related;q=0.8,*/*;q=0.5"
)
# Content types that are certainly not a page: refused before the body is read.
_NOT_PAGES = ("image/", "audio/", "video/", "font/", "application/pdf", "application/zip")


@dataclass(frozen=True, slots=True)
class Fetched:
    data: bytes
    content_type: str
    """The media type without parameters, lowercased (``text/html``); empty if none."""
    charset: str | None
    url: str
    """The address the document finally came from, after redirects."""
    truncated: bool = False


class _Guard:
    """What one fetch is allowed to reach, and its deadline."""

    def __init__(self, url: str, deadline: Deadline, *, public_only: bool = False) -> None:
        self.url = url
        self.deadline = deadline
        self.public_only = public_only
        """Every connection is checked, the first too (a link the page chose)."""
        self._typed_is_private: bool | None = None

    def refuses_private(self) -> bool:
        """Redirects may lead to private addresses only if the typed URL is one."""
        if self.public_only:
            return True
        if self._typed_is_private is None:
            parts = urlsplit(self.url)
            try:
                found = addresses_of(parts.hostname or "", parts.port or 80)
            except (OSError, UnicodeError, ValueError):
                found = []  # unknown here (a proxy may resolve it): keep the guard up
            self._typed_is_private = any(not is_public(address) for address in found)
        return not self._typed_is_private

    def check(self, url: str, host: str, port: int) -> list[str]:
        """The addresses to connect to; LoadError if any of them is private."""
        found = addresses_of(host, port)
        private = [address for address in found if not is_public(address)]
        if private and self.public_only and host == urlsplit(self.url).hostname:
            raise LoadError(
                f"{display_name(self.url)} leads to a private address ({private[0]}); "
                "a link in a page may not reach this computer or its network"
            )
        if private:
            raise LoadError(
                f"{display_name(self.url)} redirects to a private address "
                f"({display_name(url)} is {private[0]}); not following it"
            )
        return found

    def connector(self, check: bool) -> Any:
        """A stand-in for ``socket.create_connection`` that keeps to the deadline and,
        for a redirect's target, connects only to the public addresses it checked (one
        name lookup, so the name cannot resolve elsewhere in between)."""

        def create_connection(
            address: tuple[str, int], timeout: object = None, source_address: Any = None
        ) -> socket.socket:
            seconds = self.deadline.remaining()
            if isinstance(timeout, int | float):
                seconds = min(seconds, float(timeout))
            host, port = address
            if not check:
                sock = socket.create_connection(address, seconds, source_address)
            else:
                sock = _connect_first(self.check(host, host, port), port, seconds, source_address)
            self.deadline.watch(sock)
            return sock

        return create_connection


def _connect_first(
    addresses: list[str], port: int, seconds: float, source_address: Any
) -> socket.socket:
    error: OSError | None = None
    for address in addresses:
        try:
            return socket.create_connection((address, port), seconds, source_address)
        except OSError as failure:
            error = failure
    raise error or OSError("no address to connect to")


def _checked(guard: _Guard, req: urllib.request.Request) -> bool:
    """A redirect's target reached directly (not through a proxy) is checked."""
    redirected = getattr(req, "reader_redirected", False) or guard.public_only
    proxied = req.has_proxy() or bool(getattr(req, "_tunnel_host", None))
    return redirected and not proxied and guard.refuses_private()


class _HTTPConnection(http.client.HTTPConnection):
    def __init__(self, host: str, *, guard: _Guard, check: bool, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self._create_connection = guard.connector(check)


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, *, guard: _Guard, check: bool, **kwargs: Any) -> None:
        super().__init__(host, **kwargs)
        self._create_connection = guard.connector(check)


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, guard: _Guard) -> None:
        super().__init__()
        self.guard = guard

    def http_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(_HTTPConnection, req, guard=self.guard, check=_checked(self.guard, req))


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, guard: _Guard) -> None:
        super().__init__()
        self.guard = guard

    def https_open(self, req: urllib.request.Request) -> Any:
        return self.do_open(
            _HTTPSConnection, req, guard=self.guard, check=_checked(self.guard, req)
        )


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    max_redirections = _MAX_REDIRECTS

    def __init__(self, guard: _Guard) -> None:
        super().__init__()
        self.guard = guard

    def http_error_302(  # type: ignore[override]
        self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Message
    ) -> Any:
        target = headers.get("Location") or headers.get("URI") or ""
        scheme = urlsplit(urljoin(req.full_url, target.strip())).scheme.lower()
        if scheme not in ("http", "https"):
            raise LoadError(
                f"{display_name(req.full_url)} redirects to a non-web address; not following it"
            )
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302  # type: ignore[assignment]

    def redirect_request(  # type: ignore[override]
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Message,
        newurl: str,
    ) -> urllib.request.Request | None:
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            if self.guard.refuses_private():
                parts = urlsplit(newurl)
                default = 443 if parts.scheme.lower() == "https" else 80
                with contextlib.suppress(OSError, UnicodeError, ValueError):
                    # A name that does not resolve fails when connecting, in plain words.
                    self.guard.check(newurl, parts.hostname or "", parts.port or default)
            new.reader_redirected = True  # type: ignore[attr-defined]
        return new


def _opener(guard: _Guard) -> urllib.request.OpenerDirector:
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.UnknownHandler(),
        _HTTPHandler(guard),
        _HTTPSHandler(guard),
        urllib.request.HTTPDefaultErrorHandler(),
        _HttpOnlyRedirects(guard),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


def fetch(url: str, limits: Limits) -> Fetched:
    """GET ``url``; LoadError (one line naming the URL) for anything that goes wrong."""
    name = display_name(url)
    timeout = limits.fetch_timeout
    deadline = Deadline(timeout)
    late = f"cannot fetch {name}: not complete after {timeout:g} s (setting limits.fetch_timeout)"
    try:
        request = urllib.request.Request(
            url, headers={"User-Agent": _USER_AGENT, "Accept": _ACCEPT, "Accept-Encoding": "gzip"}
        )
        guard = _Guard(url, deadline, public_only=only_public())
        with _opener(guard).open(request, timeout=timeout) as response:
            headers: Message = response.headers
            content_type = headers.get_content_type() if headers.get("Content-Type") else ""
            if content_type.startswith(_NOT_PAGES):
                raise LoadError(f"{name} is not a web page (the server sends {content_type})")
            length = headers.get("Content-Length", "")
            if length.strip().isdigit() and int(length) > limits.max_input_bytes:
                raise too_large(name, limits.max_input_bytes)
            data = _read_until(response, deadline, limits.max_input_bytes, name, late)
            final_url = response.geturl()
            coding = str(headers.get("Content-Encoding", "")).strip().lower()
            charset = headers.get_content_charset()
    except (LoadError, LimitExceeded):
        raise
    except urllib.error.HTTPError as error:
        if 300 <= error.code < 400:
            raise LoadError(f"cannot fetch {name}: too many redirects") from None
        reason = str(error.reason).splitlines()[0] if error.reason else ""
        raise LoadError(f"cannot fetch {name}: HTTP {error.code} {reason}".rstrip()) from None
    except urllib.error.URLError as error:
        reason = TimeoutError() if deadline.expired else error.reason
        raise LoadError(f"cannot fetch {name}: {_reason(reason, timeout)}") from None
    except (http.client.InvalidURL, ValueError):
        raise LoadError(f"{name} is not a valid URL") from None
    except (http.client.HTTPException, OSError) as error:
        reason = TimeoutError() if deadline.expired else error
        raise LoadError(f"cannot fetch {name}: {_reason(reason, timeout)}") from None
    finally:
        deadline.cancel()

    truncated = False
    if coding in ("gzip", "x-gzip", "deflate"):
        unpack = inflate if coding == "deflate" else gunzip
        result = unpack(data, limits.max_decompressed_bytes, name)
        data, truncated = result.data, result.truncated
    elif coding not in ("", "identity"):
        raise LoadError(f"cannot fetch {name}: the server sent it compressed as {coding!r}")
    return Fetched(data, content_type, charset, final_url, truncated)


def _read_until(response: Any, deadline: Deadline, limit: int, name: str, late: str) -> bytes:
    """The body, read in chunks against the fetch's one deadline (a server that drips a
    byte at a time cannot hold the reader past ``fetch_timeout``)."""
    chunks: list[bytes] = []
    total = 0
    while True:
        if deadline.expired:
            raise LoadError(late)
        _set_socket_timeout(response, deadline.remaining())
        # read1: whatever one socket read brings, so the deadline is checked often.
        chunk = response.read1(min(_CHUNK, limit + 1 - total))
        if not chunk:
            if deadline.expired:  # the socket was shut at the deadline, not ended
                raise LoadError(late)
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise too_large(name, limit)


def _set_socket_timeout(response: Any, seconds: float) -> None:
    """Shorten the per-read socket timeout to what is left of the deadline. The socket
    sits behind the response's file object; if it cannot be reached, each read keeps
    the full timeout and the deadline is checked between reads."""
    sock = getattr(getattr(getattr(response, "fp", None), "raw", None), "_sock", None)
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):
            sock.settimeout(max(seconds, 0.01))


def _reason(reason: object, timeout: float) -> str:
    """A network failure in a few plain words."""
    if isinstance(reason, TimeoutError | socket.timeout):
        return f"no answer within {timeout:g} s (setting limits.fetch_timeout)"
    if isinstance(reason, socket.gaierror):
        return "the host name could not be resolved"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, ConnectionResetError | http.client.RemoteDisconnected):
        return "the server closed the connection"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"the server's certificate is not valid ({reason.verify_message})"
    if isinstance(reason, ssl.SSLError):
        return f"secure connection failed ({reason.reason or reason})"
    if isinstance(reason, http.client.IncompleteRead):
        return "the download broke off"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror[:1].lower() + reason.strerror[1:]
    return str(reason) or type(reason).__name__
