"""The analysis cache, thread safety and cancellation of the analysis."""

from __future__ import annotations

import json
import threading
from datetime import datetime
from pathlib import Path

import pytest

from reader import atomic, locations
from reader.analysis import analyse, cache, cached, nlp
from reader.analysis.plaintext import article_from_paragraphs
from reader.models import Analysis, Article, Entity, EntityGroup, Metadata, Span

PUBLISHED = datetime(2025, 4, 13, 9, 0)
PARAGRAPHS = [
    "Secretary of State Antony Blinken arrived in Beijing early Sunday.",
    "Blinken will meet Wang Yi on Monday, U.S. officials said Friday.",
]


def article(published: datetime | None = PUBLISHED) -> Article:
    return article_from_paragraphs(PARAGRAPHS, published=published)


def test_the_cache_lives_in_the_data_directory() -> None:
    assert cache.cache_dir() == locations.data_dir() / "analysis-cache"


def test_a_data_folder_from_the_settings_holds_the_cache(
    pipeline: nlp.Pipeline, tmp_path: Path
) -> None:
    """``data_dir`` set in the config file only (not in the environment) is where the
    cache goes, for the reading screen and ``reader extract --analyze`` alike."""
    folder = tmp_path / "elsewhere"
    first = analyse(article(), data_dir=folder)
    assert cache.path_for(article(), nlp.DEFAULT_MODEL, data_dir=folder).is_file()
    assert not cache.path_for(article(), nlp.DEFAULT_MODEL).exists()
    assert cached(article(), data_dir=folder) == first
    assert cached(article()) is None
    assert cache.clear(folder) == 1


def test_the_reading_screen_caches_analyses_in_the_settings_data_folder(
    tmp_path: Path,
) -> None:
    from reader.config import Settings
    from reader.ui.reading.screen import ReadingScreen

    settings = Settings(data_dir=tmp_path / "configured")
    screen = ReadingScreen([], settings)
    assert screen.analysis.data_dir == tmp_path / "configured"


def test_a_stored_analysis_comes_back_equal(pipeline: nlp.Pipeline) -> None:
    first = analyse(article())
    path = cache.path_for(article(), nlp.DEFAULT_MODEL)
    assert path.is_file()
    assert cache.load(article(), nlp.DEFAULT_MODEL) == first
    assert analyse(article()) == first


def test_reopening_does_not_run_the_model(
    pipeline: nlp.Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    analyse(article())

    def forbidden(*_: object, **__: object) -> None:
        raise AssertionError("the model ran although the analysis was cached")

    monkeypatch.setattr(nlp, "load", forbidden)
    assert analyse(article()).model == nlp.DEFAULT_MODEL


def test_the_key_covers_text_date_model_and_version(monkeypatch: pytest.MonkeyPatch) -> None:
    base = cache.key(article(), "m")
    assert cache.key(article(), "m") == base
    assert cache.key(article(), "other") != base
    assert cache.key(article(published=datetime(2025, 5, 1)), "m") != base
    assert cache.key(article_from_paragraphs(["Other text."], published=PUBLISHED), "m") != base
    monkeypatch.setattr(cache, "ANALYSIS_VERSION", cache.ANALYSIS_VERSION + 1)
    assert cache.key(article(), "m") != base


def test_a_damaged_or_foreign_file_is_ignored(pipeline: nlp.Pipeline) -> None:
    analyse(article())
    path = cache.path_for(article(), nlp.DEFAULT_MODEL)
    path.write_text("{not json", encoding="utf-8")
    assert cache.load(article(), nlp.DEFAULT_MODEL) is None
    path.write_text(json.dumps({"version": cache.ANALYSIS_VERSION}), encoding="utf-8")
    assert cache.load(article(), nlp.DEFAULT_MODEL) is None
    assert analyse(article()).entities  # recomputed and rewritten
    assert cache.load(article(), nlp.DEFAULT_MODEL) is not None


def test_offsets_outside_the_text_are_rejected() -> None:
    doc = article()
    bad = Analysis(
        entities=(Entity("X", EntityGroup.PEOPLE, (Span(0, len(doc.text) + 5),), "PERSON"),),
        model="m",
    )
    assert cache.store(doc, "m", bad)
    assert cache.load(doc, "m") is None


def test_an_unwritable_directory_only_means_no_cache(
    pipeline: nlp.Pipeline, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("READER_DATA_DIR", str(blocker))
    result = analyse(article())
    assert result.entities
    assert cache.load(article(), nlp.DEFAULT_MODEL) is None
    assert not cache.store(article(), nlp.DEFAULT_MODEL, result)


def test_a_refused_write_only_means_no_cache(
    pipeline: nlp.Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: object, **__: object) -> None:
        raise PermissionError("read-only file system")

    monkeypatch.setattr(atomic.tempfile, "mkstemp", refuse)
    assert analyse(article()).entities
    assert cache.load(article(), nlp.DEFAULT_MODEL) is None


def test_use_cache_false_neither_reads_nor_writes(pipeline: nlp.Pipeline) -> None:
    analyse(article(), use_cache=False)
    assert cache.load(article(), nlp.DEFAULT_MODEL) is None


def test_clear_removes_the_files(pipeline: nlp.Pipeline) -> None:
    analyse(article())
    assert cache.clear() == 1
    assert cache.load(article(), nlp.DEFAULT_MODEL) is None


def test_analyses_from_several_threads_agree(pipeline: nlp.Pipeline) -> None:
    texts = [
        article_from_paragraphs([p, f"Kai Li met Mark Swidan {n} days ago in Texas."])
        for n, p in enumerate(PARAGRAPHS * 3, 2)
    ]
    expected = [analyse(t, use_cache=False) for t in texts]
    results: list[Analysis | None] = [None] * len(texts)

    def work(index: int) -> None:
        results[index] = analyse(texts[index], use_cache=False)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(texts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert results == expected


def test_cancelling_between_batches(
    pipeline: nlp.Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(nlp, "BATCH_WORDS", 10)
    calls = 0

    def cancelled() -> bool:
        nonlocal calls
        calls += 1
        return calls > 2

    long = article_from_paragraphs(
        [f"Paragraph {n} names Ada Lovelace on Monday." for n in range(40)]
    )
    with pytest.raises(nlp.Cancelled):
        analyse(long, cancelled=cancelled)
    assert calls == 3
    assert cache.load(long, nlp.DEFAULT_MODEL) is None
    assert analyse(long, cancelled=lambda: False).entities


def test_an_article_without_text_or_blocks(pipeline: nlp.Pipeline) -> None:
    empty = Article(source="<empty>", metadata=Metadata(), text="", blocks=())
    result = analyse(empty)
    assert result.entities == () and result.dates == () and result.enumerations == ()


def test_hostile_text_does_not_break_the_analysis(pipeline: nlp.Pipeline) -> None:
    nasty = "\x1b[31mRed\x1b[0m John Smith\u202e met on Friday " + "word " * 3000 + "x" * 12000
    hostile = article_from_paragraphs([nasty, "Kai Li \ud800 met Mark Swidan on Friday."])
    result = analyse(hostile)
    assert result.model == nlp.DEFAULT_MODEL
    assert {"Kai Li", "Mark Swidan"} <= {e.name for e in result.entities}
    assert not any("\x1b" in e.name or "\u202e" in e.name for e in result.entities)
    assert cache.load(hostile, nlp.DEFAULT_MODEL) == result


def test_json_export_has_the_documented_shape(pipeline: nlp.Pipeline) -> None:
    import json as json_module

    from reader.analysis import analysis_to_json

    doc = article_from_paragraphs(
        ["Antony Blinken will meet Wang Yi over the next several months, for two days."],
        published=PUBLISHED,
    )
    data = analysis_to_json(analyse(doc, use_cache=False))
    json_module.dumps(data)
    assert data["reference_date"] == "2025-04-13"
    blinken = next(e for e in data["entities"] if e["name"] == "Antony Blinken")
    assert blinken["group"] == "people" and blinken["count"] == 1
    assert blinken["mentions"] == [{"start": 0, "end": 14}]
    by_text = {d["text"]: d for d in data["dates"]}
    assert by_text["the next several months"]["value"] == ["2025-04-13", "2025-10-13"]
    assert by_text["the next several months"]["granularity"] == "range"
    assert by_text["two days"]["kind"] == "duration" and by_text["two days"]["value"] is None


def test_progress_rises_to_one(pipeline: nlp.Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(nlp, "BATCH_WORDS", 20)
    seen: list[float] = []
    long = article_from_paragraphs(
        [f"On Friday, Ada Lovelace met Charles Babbage in London, part {n}." for n in range(30)],
        published=PUBLISHED,
    )
    analyse(long, progress=seen.append)
    assert len(seen) > 5
    assert seen == sorted(seen)
    assert 0 < seen[0] < 1 and seen[-1] == 1.0
    reopened: list[float] = []
    analyse(long, progress=reopened.append)
    assert reopened == [1.0]


def test_a_loaded_model_is_kept_out_of_the_collectors_sight(
    pipeline: nlp.Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    """spaCy's objects live as long as the process; left to the cyclic collector, every
    full collection walked them again and paused the reading screen 75-90 ms."""
    import gc

    frozen: list[bool] = []
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    monkeypatch.setattr(nlp, "_models", {})  # as in a process that has not loaded it
    assert nlp.load().has_parser == pipeline.has_parser
    assert frozen == [True]
