"""``reader import-notes`` under attack: every limit binds with one line naming it (exit
2), malformed numbers and wrong types are counted as bad notes, never an internal error,
and placing a note costs no more than its text, whatever context it carries.

Longer fuzzing by hand:

    NOTES_FUZZ_EXAMPLES=20000 python -m pytest tests/hostile/test_hostile_notes.py -s \\
        -p no:xdist -k fuzz
"""

from __future__ import annotations

import json
import math
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import reader.store.annotations as notes_format
from reader import anchoring
from reader.__main__ import main
from reader.anchoring import TextAnchor, TextIndex, range_anchor
from reader.service import open_article
from reader.store import open_library
from reader.store.annotations import ANNO_CONTEXT, NotAnnotations, parse_annotations, place

PARAGRAPH = (
    "The committee met on Monday to review the proposal for a new bridge over the river. "
    "Members raised concerns about the cost and the effect on river traffic. "
)
PAGE = f"""<!doctype html><html><head><title>Notes target</title></head><body><article>
<h1>Notes target</h1><p>{PARAGRAPH}</p><p>{PARAGRAPH.upper()}</p></article></body></html>"""


def cli(*argv: str) -> int:
    with pytest.raises(SystemExit) as done:
        main(list(argv))
    return int(done.value.code or 0)


def annotation(source: str, exact: str = "committee", **selector: Any) -> dict[str, Any]:
    return {
        "@context": ANNO_CONTEXT,
        "type": "Annotation",
        "body": [{"type": "TextualBody", "value": "a note", "purpose": "commenting"}],
        "target": {
            "source": source,
            "selector": [{"type": "TextQuoteSelector", "exact": exact, **selector}],
        },
    }


@pytest.fixture
def page(tmp_path: Path) -> str:
    path = tmp_path / "page.html"
    path.write_text(PAGE)
    with open_library() as store:
        open_article(str(path), store=store)
    return str(path)


def import_file(tmp_path: Path, content: str | bytes) -> Path:
    path = tmp_path / "notes.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
    return path


def one_line(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert "Traceback" not in err and "internal error" not in err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: "), err
    return lines[0]


# --- limits ---------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(notes_format, "MAX_NOTES_FILE_BYTES", 64 * 1024)
    path = import_file(tmp_path, json.dumps([annotation("x")] * 400))
    assert path.stat().st_size > 64 * 1024
    assert cli("import-notes", str(path)) == 2
    assert "larger than" in one_line(capsys)


def test_an_endless_device_is_read_only_up_to_the_limit(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(notes_format, "MAX_NOTES_FILE_BYTES", 1024 * 1024)
    assert cli("import-notes", "/dev/zero") == 2
    one_line(capsys)


def test_too_many_notes_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    count = notes_format.MAX_ANNOTATIONS + 1
    path = import_file(tmp_path, json.dumps([annotation("x")] * count))
    assert cli("import-notes", str(path)) == 2
    line = one_line(capsys)
    assert f"more than {notes_format.MAX_ANNOTATIONS:,}" in line


@pytest.mark.parametrize(
    ("field", "size", "words"),
    [
        ("prefix", notes_format.MAX_CONTEXT_CHARS + 1, "prefix is longer than"),
        ("suffix", 900_000, "suffix is longer than"),
        ("exact", notes_format.MAX_QUOTE_CHARS + 1, "quote is longer than"),
    ],
)
def test_an_overlong_selector_is_refused_by_name(
    page: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    field: str,
    size: int,
    words: str,
) -> None:
    note = annotation(page)
    note["target"]["selector"][0][field] = "context " * (size // 8 + 1)
    path = import_file(tmp_path, json.dumps([annotation(page, "bridge"), note]))
    assert cli("import-notes", str(path)) == 2
    line = one_line(capsys)
    assert "annotation 2 " + words in line


@pytest.mark.parametrize(
    "start",
    ["NaN", "Infinity", "-Infinity", "1e400", "9" * 5000, '"12"', "[1]", "{}", "true", "1.5"],
)
def test_malformed_numbers_are_a_bad_note(
    page: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], start: str
) -> None:
    good = annotation(page, "bridge")
    bad = annotation(page)
    bad["target"]["selector"].append({"type": "TextPositionSelector", "start": 0, "end": 3})
    text = json.dumps([good, bad]).replace('"start": 0', f'"start": {start}')
    path = import_file(tmp_path, text)
    assert cli("import-notes", str(path)) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "internal error" not in captured.err
    assert "1 malformed annotation skipped (first: annotation 2 start" in captured.err
    assert "1 anchored" in captured.out  # the good note is imported all the same


@pytest.mark.parametrize(
    "value", [5, ["a"], {"a": 1}, True, 1.5], ids=["int", "list", "dict", "bool", "float"]
)
def test_wrong_types_are_a_bad_note(
    page: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], value: object
) -> None:
    bad = annotation(page)
    bad["target"]["selector"][0]["exact"] = value
    path = import_file(tmp_path, json.dumps([bad, annotation(page, "bridge")]))
    assert cli("import-notes", str(path)) == 2
    captured = capsys.readouterr()
    assert "1 malformed annotation skipped (first: annotation 1 quote is not a string)" in (
        captured.err
    )
    assert "1 anchored" in captured.out


def test_a_huge_offset_is_kept_within_the_text(page: str, tmp_path: Path) -> None:
    note = annotation(page, "words that are not there")
    note["target"]["selector"].append(
        {"type": "TextPositionSelector", "start": 10**17, "end": 10**17 + 5}
    )
    assert cli("import-notes", str(import_file(tmp_path, json.dumps([note])))) == 0
    with open_library() as store:
        entry = store.articles.get_by_source(page)
        assert entry is not None
        (stored,) = store.highlights.list(entry.id)
        length = len(store.articles.text(entry.id) or "")
    assert stored.orphaned and stored.anchor.start <= length and stored.anchor.end <= length


# --- cost of placing one note --------------------------------------------------------


def test_placing_costs_no_more_than_the_text_whatever_the_context(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The context compared at each repeat of a quote, and the quote matched
    approximately, are bounded: 900 KB of context and a long quote repeated in a long
    text never reach the quadratic comparisons."""
    compared: list[int] = []
    similarity = anchoring._similarity
    myers = anchoring._myers_scores

    def measured_similarity(a: str, b: str) -> float:
        compared.append(max(len(a), len(b)))
        return similarity(a, b)

    def measured_myers(pattern: str, text: str, anchored: bool = False) -> list[int]:
        compared.append(len(pattern))
        return myers(pattern, text, anchored)

    monkeypatch.setattr(anchoring, "_similarity", measured_similarity)
    monkeypatch.setattr(anchoring, "_myers_scores", measured_myers)
    text = PARAGRAPH * 2_000
    index = TextIndex(text)
    context = "padding words " * 64_000
    for exact in ("committee", PARAGRAPH * 3, "commitee met on Monday to review the proposal"):
        index.locate(TextAnchor(5, 5 + len(exact), exact, context, context))
    assert compared
    assert max(compared) <= anchoring._MAX_FUZZY_QUOTE + 2 * anchoring.CONTEXT_CHARS


# --- fuzz ------------------------------------------------------------------------------

EXAMPLES = int(os.environ.get("NOTES_FUZZ_EXAMPLES", "100"))
OUTCOMES: Counter[str] = Counter()
TEXT = PARAGRAPH * 3 + PARAGRAPH.upper()
INDEX = TextIndex(TEXT)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=40),
    st.sampled_from(["committee", "bridge over", TEXT[10:60], "", " ", "\x00\u202e"]),
)
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=8,
)
selectors = st.fixed_dictionaries(
    {"type": st.sampled_from(["TextQuoteSelector", "TextPositionSelector", "CssSelector"])},
    optional={
        "exact": values,
        "prefix": values,
        "suffix": values,
        "start": values,
        "end": values,
    },
)
notes = st.fixed_dictionaries(
    {"type": st.sampled_from(["Annotation", ["Annotation"], "Other"])},
    optional={
        "id": values,
        "body": st.one_of(values, st.lists(st.dictionaries(st.text(max_size=8), values))),
        "bodyValue": values,
        "created": values,
        "modified": values,
        "target": st.one_of(
            values,
            st.fixed_dictionaries(
                {"source": values},
                optional={"selector": st.one_of(selectors, st.lists(selectors, max_size=3))},
            ),
        ),
    },
)
files = st.one_of(
    st.lists(notes, max_size=6),
    notes,
    st.fixed_dictionaries({"type": st.just("AnnotationPage"), "items": st.lists(notes)}),
    values,
)


def _serialise(data: object, rng: st.DataObject) -> str:
    text = json.dumps(data, allow_nan=True)
    if rng.draw(st.booleans()):
        # A cut or a spliced byte: what a broken file looks like.
        cut = rng.draw(st.integers(min_value=0, max_value=len(text)))
        text = text[:cut] + rng.draw(st.text(max_size=4)) + text[cut:]
    return text


@pytest.fixture(scope="module", autouse=True)
def _report() -> Iterator[None]:
    yield
    if OUTCOMES:
        total = sum(OUTCOMES.values())
        summary = ", ".join(f"{key} {count}" for key, count in sorted(OUTCOMES.items()))
        print(f"\nnotes fuzz: {total} inputs without a failure: {summary}")


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=bool(os.environ.get("CI")),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=files, rng=st.data())
def test_fuzz_the_notes_importer(data: object, rng: st.DataObject) -> None:
    """Any JSON (and broken JSON): parsed notes or one NotAnnotations; each parsed note
    placed inside the text or kept as an orphan with offsets inside it."""
    text = _serialise(data, rng)
    try:
        parsed = parse_annotations(text)
    except NotAnnotations as error:
        assert "\n" not in str(error)
        OUTCOMES["refused"] += 1
        return
    OUTCOMES["bad notes" if parsed.bad else "parsed"] += 1
    for note in parsed.annotations:
        assert isinstance(note.anchor.start, int) and isinstance(note.anchor.end, int)
        assert not any(isinstance(v, float) and math.isnan(v) for v in (note.note, note.uid))
        result = place(note, INDEX)
        if result is None:
            continue
        anchor = result.anchor
        assert 0 <= anchor.start <= anchor.end <= len(TEXT)
        if not result.orphaned:
            assert anchor == range_anchor(TEXT, anchor.start, anchor.end)
