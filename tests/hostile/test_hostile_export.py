"""Nothing replaced: ``reader export -o`` and the app's export write only regular files.

A symbolic link, a device node, a FIFO or a folder at the target is refused with one
line (exit 2) and left exactly as it was; a full disk leaves neither a half-written
file nor the temporary one behind."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from reader import atomic
from reader.__main__ import main
from reader.anchoring import range_anchor
from reader.errors import ReaderError
from reader.notes_export import export_notes
from reader.service import open_article
from reader.store import open_library

PAGE = """<!doctype html><html><head><title>Export target</title></head><body><article>
<h1>Export target</h1><p>The committee met on Monday to review the proposal for a bridge
over the river, and the chair postponed the decision until a study is done.</p>
</article></body></html>"""


def cli(*argv: str) -> int:
    with pytest.raises(SystemExit) as done:
        main(list(argv))
    return int(done.value.code or 0)


@pytest.fixture
def page(tmp_path: Path) -> str:
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    with open_library() as store:
        article, article_id = open_article(str(path), store=store)
        start = article.text.index("committee")
        store.highlights.add(article_id, range_anchor(article.text, start, start + 9), "yellow")
    return str(path)


def one_line_error(capsys: pytest.CaptureFixture[str], *words: str) -> str:
    err = capsys.readouterr().err
    assert err.startswith("reader: ") and err.count("\n") == 1, err
    assert "Traceback" not in err
    for word in words:
        assert word in err
    return err


def leftovers(folder: Path, keep: set[str]) -> list[str]:
    return sorted(name for name in os.listdir(folder) if name not in keep)


def test_a_symlink_is_refused_and_left_as_it_is(
    page: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    secret = tmp_path / "precious.txt"
    secret.write_text("do not replace")
    link = folder / "notes.md"
    link.symlink_to(secret)
    assert cli("export", page, "-o", str(link)) == 2
    one_line_error(capsys, "symbolic link")
    assert link.is_symlink() and os.readlink(link) == str(secret)
    assert secret.read_text() == "do not replace"
    assert leftovers(folder, {"notes.md"}) == []


def test_follow_symlinks_writes_to_what_the_link_points_to(
    page: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "real.md"
    target.write_text("old")
    target.chmod(0o640)
    link = tmp_path / "link.md"
    link.symlink_to(target)
    assert cli("export", page, "-o", str(link), "--follow-symlinks") == 0
    assert link.is_symlink()
    assert "> committee" in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the file's mode is kept


def test_a_fifo_is_refused_without_blocking(
    page: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    assert cli("export", page, "-o", str(fifo)) == 2
    one_line_error(capsys, "FIFO")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_folder_is_refused(page: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "notes.md"
    folder.mkdir()
    assert cli("export", page, "-o", str(folder)) == 2
    one_line_error(capsys, "directory")
    assert folder.is_dir() and not any(folder.iterdir())


def test_a_device_node_is_refused(
    page: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    device = tmp_path / "null.md"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # what /dev/null is
    except (PermissionError, AttributeError):
        pytest.skip("creating a device node needs root")
    assert cli("export", page, "-o", str(device)) == 2
    one_line_error(capsys, "a device")
    assert stat.S_ISCHR(os.lstat(device).st_mode)


def test_a_full_disk_leaves_the_old_file_and_no_temporary(
    page: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "notes.md"
    target.write_text("the previous export")

    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "write", full)
    assert cli("export", page, "-o", str(target)) == 2
    one_line_error(capsys, "No space left on device", "notes.md")
    assert target.read_text() == "the previous export"
    assert leftovers(tmp_path, {"notes.md", "page.html"}) == []


def test_an_interrupted_write_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(fd: int, data: object) -> int:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "write", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic.write_atomic(tmp_path / "x.md", "text")
    assert os.listdir(tmp_path) == []


def test_a_new_file_follows_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        atomic.write_atomic(tmp_path / "new.md", "text")
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "new.md").stat().st_mode) == 0o640


def test_the_apps_export_refuses_a_symlink_too(tmp_path: Path) -> None:
    with open_library() as store:
        article, article_id = open_article(str(_page_file(tmp_path)), store=store)
        other = tmp_path / "other.txt"
        other.write_text("keep")
        link = tmp_path / "notes.md"
        link.symlink_to(other)
        with pytest.raises(ReaderError, match="symbolic link"):
            export_notes(link, store, article_id, article, [])
    assert link.is_symlink() and other.read_text() == "keep"


def _page_file(folder: Path) -> Path:
    path = folder / "page.html"
    path.write_text(PAGE)
    return path
