"""Run the ``reader`` command line in a child process, as a user's terminal would, and
account for its time and memory the way ``/usr/bin/time -v`` does (``os.wait4``)."""

from __future__ import annotations

import base64
import errno
import fcntl
import json
import os
import pty
import re
import selectors
import signal
import subprocess
import sys
import tempfile
import time
import tty
from dataclasses import asdict, dataclass
from pathlib import Path

HARD_KILL_SECONDS = 40.0
"""Past the 20 s guarantee with room to report how long it really took."""

ROOT = Path(__file__).resolve().parents[2]

# C0 but tab and newline, DEL, C1 as characters, C1 bytes that arrive outside valid UTF-8
# (decoded with surrogateescape), and the bidi embeddings, overrides and isolates that
# reorder what a terminal shows.
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\udc80-\udc9f\u202a-\u202e\u2066-\u2069]")


def forbidden_characters(text: str) -> list[str]:
    """The control characters in ``text`` that must never reach a terminal, as reprs."""
    return sorted({repr(c) for c in _FORBIDDEN.findall(text)})


def decode(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


@dataclass(frozen=True)
class CliResult:
    args: tuple[str, ...]
    status: int
    stdout: bytes
    stderr: bytes
    seconds: float
    """Wall time, start to exit."""
    cpu_seconds: float
    """User + system CPU time of the child (``ru_utime + ru_stime``)."""
    max_rss_mb: float
    timed_out: bool
    network: tuple[str, ...]
    """Connections and look-ups the child attempted (all refused)."""

    @property
    def out(self) -> str:
        return decode(self.stdout)

    @property
    def err(self) -> str:
        return decode(self.stderr)

    def describe(self) -> str:
        tail = self.err[-2000:]
        return (
            f"reader {' '.join(map(repr, self.args))}: exit {self.status}, "
            f"{self.seconds:.1f} s ({self.cpu_seconds:.1f} s CPU), {self.max_rss_mb:.0f} MB, "
            f"timed out: {self.timed_out}"
            f", network: {self.network}"
            f"\nstderr: {tail!r}"
        )


NETGUARD = Path(__file__).resolve().parent / "netguard"


def _child_env(extra: dict[str, str] | None, network_log: str) -> dict[str, str]:
    env = dict(os.environ)
    path = [str(NETGUARD), str(ROOT), env.get("PYTHONPATH", "")]
    env.update(
        TERM="xterm-256color",
        COLUMNS="100",
        LINES="40",
        LANG="C.UTF-8",
        PYTHONPATH=os.pathsep.join(filter(None, path)),
        HOSTILE_NETWORK_LOG=network_log,
    )
    env.pop("PYTHONWARNINGS", None)
    env.update(extra or {})
    return env


def run_cli(
    args: list[str],
    *,
    cwd: Path,
    tty_output: bool = False,
    env: dict[str, str] | None = None,
    kill_after: float = HARD_KILL_SECONDS,
) -> CliResult:
    """Run ``python -m reader ARGS``; with ``tty_output`` stdin, stdout and stderr are
    pseudo-terminals in raw mode, so the program believes it talks to a terminal and the
    line discipline adds nothing to what it writes."""
    masters: dict[int, bytearray] = {}
    if tty_output:
        out_master, out_slave = pty.openpty()
        err_master, err_slave = pty.openpty()
        for fd in (out_slave, err_slave):
            tty.setraw(fd)
        streams = {"stdin": out_slave, "stdout": out_slave, "stderr": err_slave}
        close_after = [out_slave, err_slave]
        out_fd, err_fd = out_master, err_master
    else:
        out_fd, out_w = os.pipe()
        err_fd, err_w = os.pipe()
        streams = {"stdin": subprocess.DEVNULL, "stdout": out_w, "stderr": err_w}
        close_after = [out_w, err_w]
    log_fd, network_log = tempfile.mkstemp(prefix="hostile-net-", suffix=".log")
    os.close(log_fd)
    hwm_fd, hwm_file = tempfile.mkstemp(prefix="hostile-hwm-")
    os.close(hwm_fd)
    child_env = _child_env(env, network_log)
    child_env["HOSTILE_HWM_FILE"] = hwm_file
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", *args],
        cwd=cwd,
        env=child_env,
        start_new_session=True,
        **streams,  # type: ignore[arg-type]
    )
    for fd in close_after:
        os.close(fd)
    masters = {out_fd: bytearray(), err_fd: bytearray()}
    timed_out = _drain(masters, start + kill_after, proc.pid)
    _, wait_status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(wait_status)
    for fd in masters:
        os.close(fd)
    network = Path(network_log).read_text(encoding="utf-8").splitlines()
    os.unlink(network_log)
    # The child's own peak when it could say (see netguard/sitecustomize.py); otherwise
    # ru_maxrss, which also counts the pages it was forked from: an overestimate.
    own_peak_kb = Path(hwm_file).read_text(encoding="ascii").strip()
    os.unlink(hwm_file)
    peak_mb = int(own_peak_kb) / 1024 if own_peak_kb.isdigit() else usage.ru_maxrss / 1024
    return CliResult(
        tuple(args),
        proc.returncode,
        bytes(masters[out_fd]),
        bytes(masters[err_fd]),
        seconds,
        usage.ru_utime + usage.ru_stime,
        peak_mb,
        timed_out,
        tuple(network),
    )


def _drain(buffers: dict[int, bytearray], deadline: float, pid: int) -> bool:
    """Read every stream until all are closed; kill the process group at ``deadline``."""
    selector = selectors.DefaultSelector()
    for fd in buffers:
        selector.register(fd, selectors.EVENT_READ)
    open_fds = set(buffers)
    timed_out = False
    while open_fds:
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            timed_out = True
            os.killpg(pid, signal.SIGKILL)
            deadline = float("inf")
            continue
        for key, _ in selector.select(timeout=min(remaining, 1.0)):
            try:
                chunk = os.read(key.fd, 1 << 16)
            except OSError as error:
                # A pty master reports EIO once the last slave is closed: end of output.
                if error.errno != errno.EIO:
                    raise
                chunk = b""
            if chunk:
                buffers[key.fd] += chunk
            else:
                selector.unregister(key.fd)
                open_fds.discard(key.fd)
    selector.close()
    return timed_out


def run_cli_once(
    cache: Path,
    key: str,
    args: list[str],
    *,
    cwd: Path,
    tty_output: bool = False,
    env: dict[str, str] | None = None,
    kill_after: float = HARD_KILL_SECONDS,
) -> CliResult:
    """``run_cli``, run once per test session however many tests (in however many xdist
    workers) ask for ``key``: the first runs it, the others wait for and read its result.
    The heavy pages are extracted once and both the CLI and the TUI tests look at it."""
    cache.mkdir(parents=True, exist_ok=True)
    stored = cache / f"{key}.json"
    with (cache / f"{key}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if stored.exists():
            data = json.loads(stored.read_text(encoding="utf-8"))
            return CliResult(
                args=tuple(data["args"]),
                status=data["status"],
                stdout=base64.b64decode(data["stdout"]),
                stderr=base64.b64decode(data["stderr"]),
                seconds=data["seconds"],
                cpu_seconds=data["cpu_seconds"],
                max_rss_mb=data["max_rss_mb"],
                timed_out=data["timed_out"],
                network=tuple(data["network"]),
            )
        result = run_cli(args, cwd=cwd, tty_output=tty_output, env=env, kill_after=kill_after)
        record = {
            **asdict(result),
            "stdout": base64.b64encode(result.stdout).decode(),
            "stderr": base64.b64encode(result.stderr).decode(),
        }
        stored.write_text(json.dumps(record), encoding="utf-8")
        return result


def extract_json_once(path: Path, name: str) -> CliResult:
    """``reader extract --format json -- FILE`` on a terminal, from the file's folder (so
    odd names arrive exactly as typed), once per session for each page."""
    return run_cli_once(
        path.parent / ".runs",
        f"json-{name}",
        ["extract", "--format", "json", "--", os.path.basename(path)],
        cwd=path.parent,
        tty_output=True,
    )


UNHURRIED_SECONDS = 600.0


def extract_json_unhurried(path: Path, name: str) -> CliResult:
    """``extract_json_once`` with the extraction's wall-clock budget (and the kill) at
    ten minutes: the article a page gives once the machine's load cannot cut the work
    short. Whether the extraction keeps within its limits is the CLI test's to judge."""
    seconds = f"{UNHURRIED_SECONDS:g}"
    return run_cli_once(
        path.parent / ".runs",
        f"json-unhurried-{name}",
        ["extract", "--format", "json", "--", os.path.basename(path)],
        cwd=path.parent,
        tty_output=True,
        env={"READER_LIMITS__EXTRACT_SECONDS": seconds},
        kill_after=UNHURRIED_SECONDS,
    )
