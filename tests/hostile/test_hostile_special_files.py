"""Files that are not pages: a FIFO or a device named anywhere a page or a notes file
is read is refused at once with one line and exit 2 (a FIFO used to block forever);
ctrl+c never prints a traceback; ``--jobs`` is capped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.store.importer import MAX_JOBS, max_jobs

from .clirun import ROOT, _child_env, run_cli

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")

COMMANDS = {
    "extract": ["extract"],
    "read": [],
    "import-notes": ["import-notes"],
    "import": ["import"],
}


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "page.html"
    os.mkfifo(path)
    return path


def _env(tmp_path: Path) -> dict[str, str]:
    return {
        "READER_DATA_DIR": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }


@pytest.mark.parametrize("command", list(COMMANDS))
def test_fifo_is_refused_without_blocking(command: str, fifo: Path, tmp_path: Path) -> None:
    # On a terminal, so `reader PAGE` gets as far as it would for a user.
    result = run_cli(
        [*COMMANDS[command], str(fifo)], cwd=tmp_path, tty_output=True, env=_env(tmp_path)
    )
    assert not result.timed_out, result.describe()
    assert result.status == 2, result.describe()
    lines = [line for line in result.err.replace("\r", "").splitlines() if line.strip()]
    refusal = [line for line in lines if "named pipe (FIFO), not a regular file" in line]
    assert refusal and str(fifo) in refusal[0], result.describe()
    assert "Traceback" not in result.err
    if command != "import":  # import lists its failures under a summary line
        assert len(lines) == 1, result.describe()


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
@pytest.mark.parametrize("command", ["extract", "import-notes"])
def test_endless_device_is_refused(command: str, tmp_path: Path) -> None:
    result = run_cli([*COMMANDS[command], "/dev/zero"], cwd=tmp_path, env=_env(tmp_path))
    assert result.status == 2, result.describe()
    assert result.err.strip() == "reader: /dev/zero is a character device, not a regular file"
    assert result.seconds < 30 and result.max_rss_mb < 500, result.describe()


def test_fifo_swapped_in_after_the_check_does_not_block(fifo: Path) -> None:
    """The loader itself re-checks the opened file (O_NONBLOCK + fstat), so a page that
    becomes a FIFO between a caller's check and the read is still refused."""
    from reader.config import Limits
    from reader.errors import LoadError
    from reader.loaders.files import read_path

    with pytest.raises(LoadError, match="named pipe"):
        read_path(str(fifo), Limits())


def _interrupted(args: list[str], tmp_path: Path, *, after: float, stdin: int | None) -> tuple:
    """Run ``reader ARGS`` in its own process group, send the group SIGINT (what a
    terminal's ctrl+c does) ``after`` seconds, and return (status, stderr)."""
    env = _child_env(_env(tmp_path), str(tmp_path / "net.log"))
    env["HOSTILE_HWM_FILE"] = str(tmp_path / "hwm")
    proc = subprocess.Popen(
        [sys.executable, "-m", "reader", *args],
        cwd=ROOT,
        env=env,
        stdin=stdin if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    time.sleep(after)
    os.killpg(proc.pid, signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        _, err = proc.communicate()
        pytest.fail(f"still running 30 s after ctrl+c: {err!r}")
    return proc.returncode, err.decode("utf-8", "replace")


def test_ctrl_c_while_reading_stdin_is_quiet(tmp_path: Path) -> None:
    read_end, write_end = os.pipe()  # a page that never finishes arriving
    try:
        status, err = _interrupted(["extract", "-"], tmp_path, after=2.0, stdin=read_end)
    finally:
        os.close(read_end)
        os.close(write_end)
    assert status == 130
    assert err == ""


def test_ctrl_c_during_a_parallel_import_is_quiet(tmp_path: Path) -> None:
    """The workers get the terminal's SIGINT too: none may print a traceback."""
    pages = tmp_path / "pages"
    pages.mkdir()
    body = "".join(f"<p>Tide table entry {i} for the harbour.</p>" for i in range(150_000))
    for number in range(4):
        (pages / f"slow-{number}.html").write_text(f"<html><body>{body}</body></html>")
    status, err = _interrupted(
        ["import", "--jobs", "2", str(pages)], tmp_path, after=3.0, stdin=None
    )
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert status == 130, err


def test_jobs_are_capped_with_a_line(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><article><p>" + "Tide tables. " * 40 + "</p></article></body></html>"
    )
    result = run_cli(["import", "--jobs", "100000", str(page)], cwd=tmp_path, env=_env(tmp_path))
    assert result.status == 0, result.describe()
    most = max_jobs()
    assert f"reader: --jobs 100000 is more than this machine can use; using {most}" in result.err
    assert "1 page: added 1" in result.out


def test_job_cap_is_a_multiple_of_the_cores() -> None:
    assert max_jobs(1) == 4
    assert max_jobs(2) == 8
    assert max_jobs(1000) == MAX_JOBS
