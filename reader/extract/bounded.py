"""Extraction of a large page in a child process whose time and memory are bounded.

The pipeline checks its time budget between stages, but one stage (lxml, readability)
on a hostile page can run well past it, and nothing in a process bounds its own
memory. So a page over ``limits.isolate_above_bytes`` is read and extracted in a fresh
child process (a fresh interpreter: safe whatever threads the caller runs) whose
resident memory (``limits.max_memory_bytes``) the parent watches, whose address space
and CPU time (``limits.extract_seconds``) the kernel caps, and which is killed when the
wall-clock deadline passes too (see WALL_FACTOR). Smaller pages stay
in-process: the child costs a Python start.

Callers see what the in-process path raises: the Article, or a ReaderError whose one
line says which bound stopped the work.
"""

from __future__ import annotations

import contextlib
import math
import os
import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from reader.errors import ExtractError, LimitExceeded, LoadError, ReaderError
from reader.loaders.names import human_size

if TYPE_CHECKING:
    import subprocess

    from reader.config import Limits
    from reader.loaders.base import RawDocument
    from reader.models import Article

START_SECONDS = 3.0
"""Allowed on top of ``limits.extract_seconds`` for starting the child (a Python start
and the extractor's imports) and handing the article back."""
WALL_FACTOR = 2.0
"""The time bound is on the CPU the child uses (``extract_seconds`` plus the start,
enforced by the kernel: the pipeline's own wall-clock checks stop it sooner between
stages). Wall time may reach this many times the budget before the child is killed:
on a busy machine a page waits for a core, and is not the one to blame; a child that
sleeps or blocks is still stopped."""
_POLL_SECONDS = 0.05
_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_ADDRESS_SPACE_FACTOR = 2
"""The kernel's cap on the child's address space, in ``max_memory_bytes``: allocators
reserve more than they touch, so the bound itself is on resident memory (watched by the
parent); the address-space cap stops a growth too fast for the watch."""
_COMPRESSED_RATIO = 32
"""A gzip file this many times smaller than the bound may still expand past it."""
_ERRORS: dict[str, type[ReaderError]] = {
    cls.__name__: cls for cls in (ReaderError, LoadError, ExtractError, LimitExceeded)
}

_running: set[subprocess.Popen[bytes]] = set()
_running_lock = threading.Lock()


def needs_isolation_for_file(path: str, limits: Limits) -> bool:
    """Whether the file at ``path`` is large enough (or compressed enough) that it is
    read in a bounded child. False when it cannot be looked at: the loader says why."""
    try:
        size = os.stat(path).st_size
    except (OSError, ValueError):
        return False
    bound = limits.isolate_above_bytes
    return size > bound or (path.lower().endswith(".gz") and size > bound // _COMPRESSED_RATIO)


def needs_isolation_for_text(doc: RawDocument, limits: Limits) -> bool:
    return len(doc.text) > limits.isolate_above_bytes


def read_and_extract(limits: Limits, path: str | None, doc: RawDocument | None) -> Article:
    """What the child does by default: load ``path`` unless given ``doc``, extract."""
    from reader.extract.pipeline import extract
    from reader.loaders import load

    if doc is None:
        if path is None:
            raise ValueError("a path or a document is needed")
        doc = load(path, limits)
    # This process does nothing else: its budget is the CPU it uses, which a busy
    # machine does not take away (the parent bounds the wall time).
    return extract(doc, limits, clock=time.process_time)


Work = Callable[["Limits", "str | None", "RawDocument | None"], "Article"]
"""A module-level function (the child imports it by name), ``read_and_extract``."""


def extract_bounded(
    limits: Limits,
    *,
    path: str | None = None,
    doc: RawDocument | None = None,
    work: Work = read_and_extract,
    started: Callable[[subprocess.Popen[bytes]], None] | None = None,
    child: subprocess.Popen[bytes] | None = None,
) -> Article:
    """Load ``path`` (or take ``doc``) and extract it in a bounded child process
    (handed to ``started`` once it runs, for a caller that may stop it early);
    ``child`` is one ``spawn_child`` started ahead, else one is started now."""
    import pickle

    request = pickle.dumps((work, limits, path, doc), protocol=pickle.HIGHEST_PROTOCOL)
    if child is not None and child.poll() is not None:
        stop_child(child)  # it died waiting: a new one does the work
        child = None
    if child is None:
        child = spawn_child()
    try:
        if started is not None:
            started(child)
        return _exchange(child, request, limits)
    finally:
        stop_child(child)


def stop_child(child: subprocess.Popen[bytes]) -> None:
    """Kill ``child`` (if it still runs), reap it and close its pipes."""
    if child.poll() is None:
        with contextlib.suppress(OSError):  # gone meanwhile
            child.kill()
    child.wait()
    for stream in (child.stdin, child.stdout):
        if stream is not None:
            with contextlib.suppress(OSError):
                stream.close()
    with _running_lock:
        _running.discard(child)


_CHILD_ENTRY = "from reader.extract.bounded import child_main; child_main()"


def spawn_child() -> subprocess.Popen[bytes]:
    """A child process for ``extract_bounded``: it imports the extractor at once and
    then waits for its request, so it may be started before the request is known."""
    import subprocess
    import sys

    # The child finds the reader where this process found it, and writes nothing but
    # its answer (no traceback can reach a terminal the UI is drawing on).
    bootstrap = f"import sys; sys.path[:0] = {sys.path!r}; {_CHILD_ENTRY}"
    with _running_lock:
        child = subprocess.Popen(
            [sys.executable, "-c", bootstrap],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            close_fds=True,
        )
        _running.add(child)
    return child


def stop_all() -> None:
    """Kill every extraction child now (the app is quitting): their callers return
    with an error at once instead of holding the process open."""
    with _running_lock:
        children = list(_running)
    for child in children:
        with contextlib.suppress(OSError):  # gone already
            child.kill()


def _exchange(child: subprocess.Popen[bytes], request: bytes, limits: Limits) -> Article:
    import pickle
    import selectors

    deadline = time.monotonic() + limits.extract_seconds * WALL_FACTOR + START_SECONDS
    assert child.stdin is not None and child.stdout is not None
    try:
        child.stdin.write(request)
        child.stdin.close()
    except (BrokenPipeError, OSError):
        pass  # it died already: its exit status says how
    answer = bytearray()
    out = child.stdout.fileno()
    with selectors.DefaultSelector() as selector:
        selector.register(out, selectors.EVENT_READ)
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                child.kill()
                raise _too_slow(limits)
            if selector.select(min(_POLL_SECONDS, left)):
                chunk = os.read(out, 1 << 20)
                if not chunk:
                    break
                answer += chunk
            if _resident_bytes(child.pid) > limits.max_memory_bytes:
                child.kill()
                raise _too_big(limits)
    status = child.wait()
    if not answer:
        raise _died(status, limits)
    try:
        message = pickle.loads(answer)
    except Exception:  # cut short: the child died while it wrote
        raise _died(status, limits) from None
    return _result(message, limits)


def _resident_bytes(pid: int | None) -> int:
    """The resident memory of process ``pid`` (0 where the system does not say)."""
    try:
        with open(f"/proc/{pid}/statm", "rb") as statm:
            return int(statm.read().split()[1]) * _PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return 0


def _result(message: tuple[str, Any, str], limits: Limits) -> Article:
    status, value, detail = message
    if status == "ok":
        article: Article = value
        return article
    if status == "error":
        raise _ERRORS.get(value, ReaderError)(detail)
    if status == "memory":
        raise _too_big(limits)
    raise RuntimeError(f"extraction failed in its worker process: {detail}")


def _too_slow(limits: Limits) -> LimitExceeded:
    return LimitExceeded(
        f"extraction took longer than {limits.extract_seconds:g} s and was stopped; "
        "raise limits.extract_seconds to allow more"
    )


def _too_big(limits: Limits) -> LimitExceeded:
    return LimitExceeded(
        f"extraction needed more than {human_size(limits.max_memory_bytes)} of memory and "
        "was stopped; raise limits.max_memory_bytes to allow more"
    )


def _died(exitcode: int | None, limits: Limits) -> ReaderError:
    import signal

    if exitcode is not None and -exitcode in (signal.SIGXCPU, signal.SIGKILL):
        # SIGXCPU/SIGKILL: the CPU-time cap (or someone) ended it.
        return _too_slow(limits)
    # Running out of address space inside C code (lxml) can end the process without
    # a MemoryError reaching Python: the memory bound is by far the likeliest cause.
    return LimitExceeded(
        f"the extraction process stopped ({_how(exitcode)}); the page probably needs more "
        f"than {human_size(limits.max_memory_bytes)} of memory (limits.max_memory_bytes)"
    )


def _how(exitcode: int | None) -> str:
    import signal

    if exitcode is None:
        return "no exit status"
    if exitcode < 0:
        try:
            return signal.Signals(-exitcode).name
        except ValueError:
            return f"signal {-exitcode}"
    return f"exit status {exitcode}"


# --- in the child ------------------------------------------------------------------


def child_main() -> None:
    """The child: bound itself, read the request from stdin, answer on stdout."""
    import pickle
    import sys

    answer = os.fdopen(os.dup(1), "wb")
    # Anything else printed goes nowhere: stdout carries only the answer.
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    _warm_up()
    request = sys.stdin.buffer.read()
    try:
        work, limits, path, doc = pickle.loads(request)
        del request
        _bound_self(limits)
        message: tuple[str, Any, str] = ("ok", work(limits, path, doc), "")
    except ReaderError as error:
        message = ("error", type(error).__name__, str(error))
    except MemoryError:
        message = ("memory", None, "")
    except Exception as error:  # reported by the parent, as an in-process bug would be
        message = ("crash", None, f"{type(error).__name__}: {error}")
    try:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        data = pickle.dumps(("memory", None, ""))
    answer.write(data)
    answer.flush()
    os._exit(0)  # no clean-up to wait for: the parent has the answer


def _warm_up() -> None:
    """Import the extractor before the request arrives: a child started ahead of its
    request (``spawn_child``) spends the wait on it. Trusted code, no page yet, so
    before the bounds."""
    import reader.extract.pipeline
    import reader.loaders
    import reader.service  # noqa: F401  (what the work functions use)

    with contextlib.suppress(ImportError):  # the second opinion, imported when asked
        import trafilatura  # noqa: F401


def _bound_self(limits: Limits) -> None:
    import signal

    # ctrl+c is the parent's to handle; it kills this process.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        import resource
    except ImportError:  # no rlimits here: the parent's deadline still holds
        return
    cpu = math.ceil(limits.extract_seconds + START_SECONDS)
    _set_limit(resource, resource.RLIMIT_CPU, cpu, cpu + 2)
    memory = limits.max_memory_bytes * _ADDRESS_SPACE_FACTOR
    _set_limit(resource, resource.RLIMIT_AS, memory, memory)


def _set_limit(resource: Any, which: int, soft: int, hard: int) -> None:
    _current_soft, current_hard = resource.getrlimit(which)
    if current_hard != resource.RLIM_INFINITY:
        hard = min(hard, current_hard)
        soft = min(soft, hard)
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(which, (soft, hard))
