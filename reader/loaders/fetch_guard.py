"""What a fetch may connect to, and the one clock it runs against.

A page may redirect the reader anywhere; a redirect to this machine, the local network or
a cloud metadata service (169.254.169.254) would turn "read this article" into a probe of
things only the reader can reach. Such redirects are refused unless the address the user
typed is itself such a place (reading from a local server is a normal thing to do).
"""

from __future__ import annotations

import contextlib
import contextvars
import ipaddress
import socket
import threading
import time
from collections.abc import Iterator

_PUBLIC_ONLY: contextvars.ContextVar[bool] = contextvars.ContextVar("public_only", default=False)


@contextlib.contextmanager
def public_only(on: bool = True) -> Iterator[None]:
    """Fetches made in this block (on this thread) connect to public addresses only, the
    first request too: for a link the page chose, whose name was found public when it
    was chosen; checking again at connection time keeps a name that resolves elsewhere
    the second time (DNS rebinding) from reaching this machine or its network."""
    token = _PUBLIC_ONLY.set(on)
    try:
        yield
    finally:
        _PUBLIC_ONLY.reset(token)


def only_public() -> bool:
    """Whether fetches here must keep to public addresses (see ``public_only``)."""
    return _PUBLIC_ONLY.get()


def is_public(address: str) -> bool:
    """Whether an IP address is on the open internet (not loopback, private, link-local,
    shared, reserved, multicast or unspecified). IPv4 written inside IPv6 is judged as IPv4."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if embedded is not None:
            ip = embedded
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_link_local)


def addresses_of(host: str, port: int) -> list[str]:
    """Every IP address ``host`` resolves to (one name lookup; OSError if none)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


def private_addresses(host: str, port: int) -> list[str]:
    """The addresses of ``host`` that are not public; all of them if it does not resolve."""
    try:
        found = addresses_of(host, port)
    except (OSError, UnicodeError):
        return [host]
    return [address for address in found if not is_public(address)]


class Deadline:
    """One deadline for a whole fetch: connecting, the headers and the body. Socket
    timeouts only bound the wait for the next byte, so a server that drips a byte every
    few seconds could hold a read forever; at the deadline every socket handed to
    ``watch`` is shut down, which ends any read blocked on it."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._expired = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    @property
    def expired(self) -> bool:
        return self._expired or time.monotonic() >= self.end

    def remaining(self) -> float:
        return max(self.end - time.monotonic(), 0.01)

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            expired = self._expired
        if expired:
            _shut(sock)

    def cancel(self) -> None:
        self._timer.cancel()

    def _expire(self) -> None:
        with self._lock:
            self._expired = True
            sockets = list(self._sockets)
        for sock in sockets:
            _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)


def private_link_address(url: str) -> str | None:
    """The first non-public address an http(s) ``url`` leads to, or None.

    A link in a page is chosen by the page, not typed by the reader: like a redirect, it
    must not quietly turn a saved page into a probe of this machine or its network. A
    name lookup happens here, so call it off the event loop."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
    except ValueError:
        return url
    if not host:
        return url
    try:
        found = addresses_of(host, port)
    except (OSError, UnicodeError):
        return None  # the fetch itself will say the name does not resolve
    return next((address for address in found if not is_public(address)), None)
