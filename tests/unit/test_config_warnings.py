"""Config mistakes are never silent: unknown keys and sections, keymap ids that do not
exist or keys taken from another binding each give one line naming the file, the key
and the nearest valid name; values out of range stop the CLI with one line, exit 2.
``reader keys`` lists every binding id from the key tables."""

from __future__ import annotations

import pytest

from reader import locations
from reader.__main__ import main
from reader.config_warnings import config_warnings, nearest, unknown_settings
from reader.ui.key_catalog import binding_ids, key_entries, keymap_warnings
from reader.ui.reading.keys import READING_BINDINGS


def write_config(text: str) -> str:
    path = locations.config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_an_unknown_key_names_the_file_the_key_and_the_nearest_name() -> None:
    where = write_config("[reading]\nmesure = 60\ntheme = 'sepia'\n")
    assert config_warnings() == [
        f"{where}: [reading] mesure: unknown setting; did you mean measure?"
    ]


def test_an_unknown_section_and_top_level_key() -> None:
    where = write_config("[readng]\nmeasure = 60\n[limits]\nmax_node = 5\n")
    assert config_warnings() == [
        f"{where}: [readng]: unknown section; did you mean [reading]?",
        f"{where}: [limits] max_node: unknown setting; did you mean max_nodes?",
    ]
    assert unknown_settings({"data_dri": "/x"}, "f") == [
        "f: data_dri: unknown setting; did you mean data_dir?"
    ]


def test_nothing_close_suggests_nothing_and_a_clean_file_says_nothing() -> None:
    assert unknown_settings({"reading": {"zzzzqqq": 1}}, "f") == [
        "f: [reading] zzzzqqq: unknown setting"
    ]
    write_config("[reading]\nmeasure = 60\n[keymap]\n'reading.search' = 'ctrl+f'\n")
    assert config_warnings() == []
    assert nearest("Measure", ["measure", "theme"]) == "measure"


def test_an_unknown_binding_id_gets_the_nearest_one() -> None:
    lines = keymap_warnings({"reading.serch": "ctrl+f", "nosuch": "x"}, "cfg.toml")
    assert lines == [
        "cfg.toml: [keymap] reading.serch: no such binding; did you mean reading.search?"
        " (reader keys lists them)",
        "cfg.toml: [keymap] nosuch: no such binding (reader keys lists them)",
    ]


def test_a_key_taken_from_another_binding_is_named() -> None:
    lines = keymap_warnings({"reading.search": "n"}, "cfg.toml")
    assert lines == [
        'cfg.toml: [keymap] reading.search = "n": n is already the key of'
        " reading.next-match (Next match); one of them loses it"
    ]
    # The article view answers in the reading screen too.
    assert keymap_warnings({"reading.contents": "j"}, "c") == [
        'c: [keymap] reading.contents = "j": j is already the key of view.line-down'
        " (Line down); one of them loses it"
    ]


def test_moving_a_key_away_first_is_no_clash_and_old_ids_are_known() -> None:
    assert keymap_warnings({"reading.search": "n", "reading.next-match": "ctrl+n"}, "c") == []
    assert keymap_warnings({"search": "ctrl+f"}, "c") == []


def test_the_catalog_lists_every_binding_of_the_key_tables() -> None:
    ids = binding_ids()
    for binding in READING_BINDINGS:
        assert binding.id in ids
    assert "link-list.browser" in ids and "app.quit" in ids
    entry = next(e for e in key_entries() if e.id == "reading.link-browser")
    assert entry.keys == ("F",) and entry.group == "Reading"
    remapped = next(
        e for e in key_entries({"reading.search": "ctrl+f"}) if e.id == "reading.search"
    )
    assert remapped.keys == ("ctrl+f",)


def test_reader_keys_prints_every_id_with_its_keys(capsys: pytest.CaptureFixture[str]) -> None:
    write_config("[keymap]\n'reading.search' = 'ctrl+f'\n'reading.serch' = 'x'\n")
    with pytest.raises(SystemExit) as done:
        main(["keys"])
    assert done.value.code == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    search = next(line for line in lines if line.split()[:1] == ["reading.search"])
    assert "ctrl+f" in search and "Search" in search
    for entry_id in binding_ids():
        assert any(line.split()[:1] == [entry_id] for line in lines), entry_id
    assert "za" in out and "fixed" in out
    assert "did you mean reading.search?" in err
    with pytest.raises(SystemExit):
        main(["keys", "--defaults"])
    out, _ = capsys.readouterr()
    search = next(line for line in out.splitlines() if line.split()[:1] == ["reading.search"])
    assert "slash" in search


def test_subcommands_print_config_warnings_on_stderr(
    capsys: pytest.CaptureFixture[str], tmp_path
) -> None:
    write_config("[reading]\nmesure = 60\n")
    page = tmp_path / "page.html"
    page.write_text("<p>hello <b>world</b>, a page of some words</p>", encoding="utf-8")
    with pytest.raises(SystemExit) as done:
        main(["extract", str(page)])
    assert done.value.code == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "mesure: unknown setting; did you mean measure?" in err


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("[reading]\nmeasure = 0\n", "bad setting reading.measure = 0: Input should be greater"),
        ("[limits]\nmax_nodes = -1\n", "bad setting limits.max_nodes = -1: Input should be"),
        ("[limits]\nfetch_timeout = nan\n", "bad setting limits.fetch_timeout = nan: Input"),
        ("[limits]\nextract_seconds = inf\n", "bad setting limits.extract_seconds = inf"),
        ("[reading]\nsidebar_width = 100000\n", "bad setting reading.sidebar_width = 100000"),
        ("[analysis]\nmax_chars = -3\n", "bad setting analysis.max_chars = -3"),
    ],
)
def test_values_out_of_range_stop_with_one_line(
    text: str, said: str, capsys: pytest.CaptureFixture[str], tmp_path
) -> None:
    where = write_config(text)
    page = tmp_path / "page.html"
    page.write_text("<p>hello world</p>", encoding="utf-8")
    with pytest.raises(SystemExit) as done:
        main(["extract", str(page)])
    assert done.value.code == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1
    assert err.startswith(f"reader: {where}: {said}"), err
