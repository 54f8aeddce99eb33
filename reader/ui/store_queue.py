"""Library writes and reads for the reading screen, one at a time, off the UI thread.

Jobs run in submission order in a thread worker, so a highlight's note can be
queued right after the highlight itself before either reached the library. Each
job is one store call (one transaction). Its result comes back to the UI thread
through a message (never a blocking call, so a closing app cannot wedge a worker);
a failure becomes a one-line notification.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.message import Message
from textual.screen import Screen

from reader.errors import ReaderError
from reader.sanitize import clean_line

Job = Callable[[], Any]
Reply = Callable[[Any], None]


@dataclass
class StoreReply(Message):
    """A queued job finished: ``apply`` runs on the UI thread."""

    apply: Callable[[], None]


@dataclass(frozen=True, slots=True)
class _Entry:
    job: Job
    done: Reply | None
    what: str
    """What the job does, for a failure message ("save the highlight")."""


class StoreQueue:
    """Serial jobs for one screen. The screen handles :class:`StoreReply` by calling
    ``message.apply()``."""

    WORKER_GROUP = "library-notes"

    def __init__(self, screen: Screen[Any]) -> None:
        self._screen = screen
        self._jobs: deque[_Entry] = deque()
        self._lock = threading.Lock()
        self._running = False
        self._idle = threading.Event()
        self._idle.set()

    def submit(self, job: Job, done: Reply | None = None, what: str = "update the library") -> None:
        with self._lock:
            self._jobs.append(_Entry(job, done, what))
            self._idle.clear()
            if self._running:
                return
            self._running = True
        self._screen.run_worker(
            self._drain, thread=True, group=self.WORKER_GROUP, exit_on_error=False
        )

    def wait(self, timeout: float) -> bool:
        """Block until every job submitted so far has run (at exit); False on timeout."""
        return self._idle.wait(timeout)

    def _drain(self) -> None:
        while True:
            with self._lock:
                if not self._jobs:
                    self._running = False
                    self._idle.set()
                    return
                entry = self._jobs.popleft()
            self._run(entry)

    def _run(self, entry: _Entry) -> None:
        try:
            result = entry.job()
        except ReaderError as error:
            reason = clean_line(str(error))
        except Exception as error:  # a bug must not kill the queue or the app
            from reader.crashlog import log_crash

            reason = f"internal error; details in {log_crash(error, [])}"
        else:
            if entry.done is not None:
                done = entry.done
                self._reply(lambda: done(result))
            return
        self._reply(lambda: self._failed(entry.what, reason))

    def _reply(self, apply: Callable[[], None]) -> None:
        self._screen.post_message(StoreReply(apply))

    def _failed(self, what: str, reason: str) -> None:
        self._screen.notify(
            f"Could not {what}: {reason}", severity="error", timeout=6, markup=False
        )
