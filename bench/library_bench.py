"""Library screen speed with 10,000 articles, against a bare Textual app in the same run.

    python bench/library_bench.py [--articles 10000] [--rounds 5] [--corpus DIR]

Articles are generated straight into a store through its API (from the corpus's
paragraphs when ../shared/corpus/mozilla is there, else from a fixed vocabulary), with
highlights, reading positions and progress. Every timing runs the real app headlessly
(``App.run_test``), in a fresh app each round, median of ``--rounds``:

- library shown: from creating the app to the first frame that shows the list's rows
  (the app opens the library because it is not empty); baseline: a bare Textual app
  with one label, to its first frame. Target: <= 0.5 s.
- whole list loaded: until all rows are in the list (the first screenful comes first).
- a key (End, j), a re-sort (s), a search (/ and a word, until the hits show).
- the same 10,000 rows in Textual's DataTable and OptionList, for comparison.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from store_bench import CORPUS, bulk_insert, corpus_articles, generate  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.widgets import DataTable, OptionList, Static  # noqa: E402
from textual.widgets.option_list import Option  # noqa: E402
from tui_bench import (  # noqa: E402
    FrameClock,
    StallMeter,
    label_painted,
    view_painted,
    wait_until,
)

from reader.anchoring import point_anchor  # noqa: E402
from reader.config import Reading, Settings  # noqa: E402
from reader.store import open_store  # noqa: E402
from reader.store.importer import collect_pages  # noqa: E402
from reader.ui.app import make_app  # noqa: E402
from reader.ui.library.results import LibraryResults  # noqa: E402
from reader.ui.library.rows import cells  # noqa: E402
from reader.ui.library.screen import LibraryScreen  # noqa: E402

SIZE = (120, 40)
VOCABULARY = (
    "harbour tide lamp keeper river city archive letter bridge map budget minister weather "
    "wind coast island market railway school garden museum festival winter summer election"
)


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def paragraphs(corpus: Path, rng: random.Random) -> list[str]:
    if corpus.is_dir():
        pages, _ = collect_pages([str(corpus)])
        found = [p for a in corpus_articles(pages) for p in a.text.split("\n\n") if len(p) > 80]
        if found:
            return found
    words = VOCABULARY.split()
    return [
        " ".join(rng.choice(words) for _ in range(rng.randint(20, 90))).capitalize() + "."
        for _ in range(4000)
    ]


def build_library(folder: Path, count: int, corpus: Path, seed: int) -> list[str]:
    """``count`` articles in a store in ``folder``; returns words to search for."""
    rng = random.Random(seed)
    source = paragraphs(corpus, rng)
    articles = generate(count, source, rng)
    with open_store(folder) as store:
        bulk_insert(store, articles, rng)
        # Some were read: positions and progress, as the reading screen writes them.
        for article_id in rng.sample(range(1, count + 1), count // 10):
            text = articles[article_id - 1].text
            offset = rng.randrange(max(1, len(text)))
            store.articles.save_position(article_id, point_anchor(text, offset), rng.random())
    words = [w for w in " ".join(source[:200]).split() if w.isalpha() and len(w) > 5]
    return rng.sample(words, min(9, len(words)))


def settings_for(folder: Path) -> Settings:
    return Settings(reading=Reading(cursor_blink=False, user_themes=False), data_dir=folder)


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("reader")


class Table(App[None]):
    def __init__(self, rows: list[tuple[str, ...]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for title, width in (("Title", 60), ("Site", 20), ("Date", 11), ("Read", 4)):
            table.add_column(title, width=width)
        table.add_rows(self.rows)


class Options(App[None]):
    def __init__(self, rows: list[tuple[str, ...]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield OptionList(*(Option("  ".join(row)) for row in self.rows))


async def first_frame(make: Callable[[], App[None]]) -> float:
    """Seconds from creating the app to the first frame that shows its content."""
    started = time.perf_counter()
    app = make()
    clock = FrameClock(app)
    clock.watch = lambda: (
        label_painted(app) or view_painted(app) or bool(app.screen.query("DataTable, OptionList"))
    )
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(lambda: clock.first_where() is not None)
        painted = clock.first_where()
        assert painted is not None
        await pilot.pause()
    return painted - started


def rows_painted(app: App[object], rows: int | None = None) -> bool:
    screen = app.screen
    if not isinstance(screen, LibraryScreen):
        return False
    table = screen.table
    return bool(table._strips) and (len(table.entries) == rows if rows else bool(table.entries))


async def library_round(folder: Path, count: int, words: list[str]) -> dict[str, float]:
    times: dict[str, float] = {}
    started = time.perf_counter()
    app = make_app(settings_for(folder))
    clock = FrameClock(app)
    clock.watch = lambda: (rows_painted(app), rows_painted(app, count))  # type: ignore[assignment,return-value]
    meter = StallMeter()
    async with app.run_test(size=SIZE) as pilot:
        meter.start()
        screen = app.screen
        assert isinstance(screen, LibraryScreen), "the library did not open"
        table = screen.table

        def first(part: int) -> float | None:
            return next((when for when, seen in clock.marks if seen[part]), None)  # type: ignore[index]

        await wait_until(lambda: first(1) is not None)
        times["shown"] = first(0) - started  # type: ignore[operator]
        times["all rows"] = first(1) - started  # type: ignore[operator]
        times["worst stall until then"] = meter.stop()
        await pilot.pause()

        async def frame_after(keys: tuple[str, ...], done: Callable[[], bool]) -> float:
            await pilot.pause()
            clock.watch = done
            before = time.perf_counter()
            await pilot.press(*keys)
            await wait_until(lambda: clock.first_where(before) is not None, 10)
            return clock.first_where(before) - before  # type: ignore[operator]

        times["key j"] = await frame_after(("j",), lambda: table.cursor == 1)
        times["key End"] = await frame_after(("end",), lambda: table.cursor == count - 1)
        times["key PageUp"] = await frame_after(("pageup",), lambda: table.cursor < count - 1)
        order = table.entries
        times["re-sort (s), first rows"] = await frame_after(
            ("s",), lambda: table.entries is not order
        )
        await wait_until(lambda: len(table.entries) == count)
        order = table.entries
        times["re-sort (s), all rows"] = await frame_after(
            ("s",), lambda: table.entries is not order and len(table.entries) == count
        )
        results = screen.query_one(LibraryResults)
        await pilot.press("slash")
        searches = []
        for word in words:
            clock.watch = lambda w=word: results.display and screen.search_bar.query_text == w
            before = time.perf_counter()
            screen.search_bar.input.value = word
            await wait_until(lambda b=before: clock.first_where(b) is not None, 10)
            searches.append(clock.first_where(before) - before)  # type: ignore[operator]
            await wait_until(lambda w=word: bool(results.hits) or not w)
        times["search, typed word to hits"] = statistics.median(searches)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-alternatives", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        started = time.perf_counter()
        words = build_library(folder, args.articles, args.corpus, args.seed)
        print(
            f"library of {args.articles:,} articles built in {time.perf_counter() - started:.1f} s"
        )
        page = generate(1, paragraphs(Path("/nonexistent"), random.Random(2)), random.Random(3))[0]
        bare: list[float] = []
        reading: list[float] = []
        rounds: list[dict[str, float]] = []
        for _ in range(args.rounds):  # interleaved, so all see the same machine load
            bare.append(asyncio.run(first_frame(Bare)))
            reading.append(asyncio.run(first_frame(lambda: make_app(settings_for(folder), [page]))))
            rounds.append(asyncio.run(library_round(folder, args.articles, words)))
        base = statistics.median(bare)
        app_base = statistics.median(reading)
        print(f"\nheadless {SIZE[0]}x{SIZE[1]}, median of {args.rounds} rounds")
        print(f"  bare Textual app, first frame : {base * 1000:7.1f} ms")
        ratio = app_base / base
        print(f"  reader, a short page shown    : {app_base * 1000:7.1f} ms  ({ratio:.2f}x bare)")
        for name in rounds[0]:
            value = statistics.median(r[name] for r in rounds)
            extra = ""
            if name in ("shown", "all rows"):
                extra = f"  ({value / base:.2f}x bare, {value / app_base:.2f}x the page)"
            if name == "shown":
                extra += f" [target <= 500 ms: {verdict(value <= 0.5)}]"
            print(f"  library {name:<22}: {value * 1000:7.1f} ms{extra}")
        if args.no_alternatives:
            return
        with open_store(folder) as store:
            entries = store.articles.list()
        rows = [tuple(cells(e)[k] for k in ("title", "site", "date", "read")) for e in entries]
        print(f"\nthe same {len(rows):,} rows in Textual's own widgets (first frame, best of 2):")
        for label, kind in (("DataTable", Table), ("OptionList", Options)):
            best = min(asyncio.run(first_frame(lambda k=kind: k(rows))) for _ in range(2))
            print(f"  {label:<10}: {best * 1000:7.1f} ms  ({best / base:.1f}x bare)")


if __name__ == "__main__":
    main()
