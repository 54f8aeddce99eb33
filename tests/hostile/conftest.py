"""Hostile-page fixtures: the corpus is generated once per test session (shared by the
xdist workers through a lock), and every test here runs with the network cut off."""

from __future__ import annotations

import fcntl
import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from .generate import all_kinds, generate, pages_in
from .known_defects import mark_known_defects
from .registry import Page

KIND_NAMES = list(all_kinds())
LIGHT_NAMES = [name for name, spec in all_kinds().items() if not spec.heavy]
HEAVY_NAMES = [name for name, spec in all_kinds().items() if spec.heavy]


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    mark_known_defects([item for item in items if here in Path(item.fspath).parents])


@pytest.fixture(scope="session")
def hostile_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The directory holding every generated page (about 180 MB, written in ~5 s)."""
    base = tmp_path_factory.getbasetemp()
    # xdist workers each get a base below one shared parent: generate there, once.
    root = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    target = root / "hostile-pages"
    with (root / "hostile-pages.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = target / ".complete"
        if not done.exists():
            generate(target)
            done.write_text("ok")
    return target


@pytest.fixture(scope="session")
def hostile_pages(hostile_dir: Path) -> dict[str, Page]:
    return pages_in(hostile_dir)


class NetworkAttempt(AssertionError):
    pass


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Any socket connection or name lookup raises, and the test fails at teardown
    even if the code under test swallowed the error."""
    attempts: list[str] = []

    def refuse(what: str, original: Callable[..., object] | None = None) -> Callable[..., object]:
        def blocked(*args: object, **kwargs: object) -> object:
            if original is not None and getattr(args[0], "family", None) == socket.AF_UNIX:
                # Unix-domain sockets are inter-process plumbing, not network.
                return original(*args, **kwargs)
            attempts.append(f"{what}{args[1:] if original else args}")
            raise NetworkAttempt(f"network access during a hostile-page test: {what}{args}")

        return blocked

    for name in ("connect", "connect_ex", "sendto", "sendmsg"):
        monkeypatch.setattr(
            socket.socket, name, refuse(f"socket.{name}", getattr(socket.socket, name))
        )
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "gethostbyname_ex"):
        monkeypatch.setattr(socket, name, refuse(name))
    yield attempts
    assert not attempts, f"network connection attempted: {attempts}"
