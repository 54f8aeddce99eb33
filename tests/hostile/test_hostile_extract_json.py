"""``reader extract --format json/jsonl`` always prints valid JSON: values are cleaned
before they are serialised, and ``source`` is the page exactly as given (escaped), even
when its name holds C1 controls, bidi overrides, line breaks or bytes that are not UTF-8."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from .clirun import forbidden_characters, run_cli

PAGE = (
    "<html><head><title>Odd\u0085name \u202etitle\x1b[2J</title></head><body><article>"
    + "<p>A paragraph long enough to be the article body, with \u2066isolated\u2069 words "
    "and a next\u0085line inside it.</p>" * 4 + "</article></body></html>"
)
NAMES = [
    b"c1-\xc2\x85-next-line.html",  # U+0085 in UTF-8
    b"c1-\xc2\x9b-csi.html",  # U+009B
    b"bidi-\xe2\x80\xae-override.html",  # U+202E
    b"line\nbreak.html",
    b'quote"and\\backslash.html',
    b"esc-\x1b]0;title\x07.html",
    b"lone-\xff\xfe-bytes.html",  # not UTF-8: a lone surrogate once decoded
    b"sep-\xe2\x80\xa8.html",  # U+2028
]


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    folder = tmp_path_factory.mktemp("json-names")
    given: list[str] = []
    for raw in NAMES:
        path = os.path.join(os.fsencode(folder), raw)
        with open(path, "wb") as handle:
            handle.write(PAGE.encode("utf-8"))
        given.append(os.fsdecode(raw))
    # Pages that fail are reported in the output too, under the name given.
    given.append(os.fsdecode(b"missing-\xc2\x9b-\xff.html"))
    return folder, given


def records(output: bytes, fmt: str) -> list[dict[str, object]]:
    text = output.decode("utf-8")  # strictly UTF-8: no raw byte leaks out
    assert not forbidden_characters(text.replace("\n", " ")), text
    for unsafe in ("\u2028", "\u2029", "\u202e", "\u2066", "\x85", "\x9b"):
        assert unsafe not in text
    if fmt == "jsonl":
        lines = text.splitlines()
        assert all(line.strip() for line in lines)
        return [json.loads(line) for line in lines]
    data = json.loads(text)
    return data if isinstance(data, list) else [data]


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_every_record_is_valid_json_and_source_is_exact(
    pages: tuple[Path, list[str]], fmt: str
) -> None:
    folder, given = pages
    result = run_cli(["extract", "--format", fmt, "--", *given], cwd=folder)
    assert result.status == 2, result.describe()  # the missing page
    found = records(result.stdout, fmt)
    assert [record["source"] for record in found] == given
    for record in found[:-1]:
        assert "title" in record and "error" not in record
        for key in ("title", "text", "markdown"):
            value = record[key]
            assert isinstance(value, str)
            assert not any(c in value for c in "\x85\x9b\u202e\u2066\x1b"), (key, value)
    assert "error" in found[-1]
    # The name given comes back as the very bytes of the file name.
    assert os.fsencode(str(found[0]["source"])) == NAMES[0]
    assert os.fsencode(str(found[6]["source"])) == NAMES[6]


def test_a_single_page_on_a_terminal(pages: tuple[Path, list[str]]) -> None:
    folder, given = pages
    result = run_cli(["extract", "--format", "json", "--", given[6]], cwd=folder, tty_output=True)
    assert result.status == 0, result.describe()
    (record,) = records(result.stdout.replace(b"\r\n", b"\n"), "json")
    assert record["source"] == given[6]
