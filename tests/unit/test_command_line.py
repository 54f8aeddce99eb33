"""The command line's shape: a subcommand is found after the options every command
takes, so ``reader --data-dir DIR import PAGE`` imports rather than opening a page
named "import"."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.__main__ import SUBCOMMANDS, main, split_command


@pytest.mark.parametrize(
    ("argv", "command", "rest"),
    [
        (["import", "a.html"], "import", ["a.html"]),
        (["--data-dir", "d", "import", "a.html"], "import", ["--data-dir", "d", "a.html"]),
        (["--data-dir=d", "extract", "a.html"], "extract", ["--data-dir=d", "a.html"]),
        (["a.html", "import"], None, ["a.html", "import"]),
        (["--data-dir", "d"], None, ["--data-dir", "d"]),
        ([], None, []),
    ],
)
def test_the_subcommand_is_found_after_the_common_options(
    argv: list[str], command: str | None, rest: list[str]
) -> None:
    assert split_command(argv) == (command, rest)


@given(st.lists(st.text(max_size=12), max_size=6))
def test_splitting_keeps_every_other_argument_in_order(argv: list[str]) -> None:
    command, rest = split_command(argv)
    if command is None:
        assert rest == argv
    else:
        assert command in SUBCOMMANDS and len(rest) == len(argv) - 1
        assert [a for a in argv if a != command] == [a for a in rest if a != command]


def test_data_dir_before_import_imports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "harbour.html"
    page.write_text("<article><h1>Harbour</h1><p>The tide came in at six.</p></article>")
    with pytest.raises(SystemExit) as done:
        main(["--data-dir", str(tmp_path / "data"), "import", str(page)])
    assert done.value.code == 0, capsys.readouterr().err
    assert (tmp_path / "data").is_dir()
