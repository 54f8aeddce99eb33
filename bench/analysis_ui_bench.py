"""The Entities and Dates tabs in the reading TUI: what the analysis costs the UI.

    python3 bench/analysis_ui_bench.py [--repeat 5] [--size 120x40] [--words 20000]

Prints:
- first paint of the sample page with analysis switched on against switched off,
  alternating in the same run (ratio; target ≈ 1.0: the analysis starts after the
  first frame, in a thread);
- time from starting the app until the sidebar's Entities tab is filled for the
  sample page: with the spaCy model still to load (a cold start), with the model
  already loaded in the process, and with the analysis cached from an earlier run;
- while a generated article of ``--words`` words is analysed (model loaded; from
  the end of the view's background layout, which the analysis waits for, until the
  tabs are filled): the worst event-loop stall (a 5 ms heartbeat) and the
  key-press-to-frame latency of ``j`` posted every 100 ms, against the same article
  with analysis switched off over the same span of time (target: no freeze, stall
  ≤ 100 ms);
- the same while a generated article of ``--chars`` characters (360,000: a long page
  near the analysis bound) is analysed;
- the demo page (an empty library) opened with the spaCy model still to load: the
  latency of the first key presses while the model loads, and the time until its
  Entities tab is filled.

Key latency is measured as a reader feels it: from posting the key until the first
frame after the view has moved.

Each figure comes from a fresh process (a real start is a cold one), timed with
``time.perf_counter`` from frames the app hands to the headless driver, as in
``bench/tui_bench.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

os.environ.setdefault("READER_DATA_DIR", tempfile.mkdtemp(prefix="reader-bench-data-"))
os.environ.setdefault("READER_CONFIG_FILE", str(Path(tempfile.mkdtemp()) / "config.toml"))
os.environ["TEXTUAL_ANIMATIONS"] = "none"

from analysis_bench import long_article  # noqa: E402
from textual import events  # noqa: E402
from tui_bench import FrameClock, StallMeter, layout_done, view_painted, wait_until  # noqa: E402

from reader.config import AnalysisSettings, Reading, Settings  # noqa: E402
from reader.models import Article  # noqa: E402
from reader.ui.app import ReaderApp, make_app  # noqa: E402
from reader.ui.reading.screen import ReadingScreen  # noqa: E402

SAMPLE = ROOT.parent / "shared" / "pages" / "000_a2600e6869feb62b.txt"


def build_app(article: Article, analysis: bool) -> ReaderApp:
    settings = Settings(
        reading=Reading(cursor_blink=False, user_themes=False, sidebar=True),
        analysis=AnalysisSettings(enabled=analysis),
    )
    return make_app(settings, [article])


def screen_of(app: ReaderApp) -> ReadingScreen | None:
    return next((s for s in app.screen_stack if isinstance(s, ReadingScreen)), None)


def entities_filled(app: ReaderApp) -> bool:
    screen = screen_of(app)
    if screen is None or screen.analysis.analysis is None:
        return False
    pane = screen.analysis.entities
    return pane.is_mounted and pane.tree.last_line > 0


def sample_article() -> Article:
    from reader.service import read_article

    return read_article(str(SAMPLE))


# --- measurements (each in a fresh child process) --------------------------------------


async def first_paint(article: Article, analysis: bool, size: tuple[int, int]) -> float:
    app = build_app(article, analysis)
    clock = FrameClock(app)
    clock.watch = lambda: view_painted(app)
    start = time.perf_counter()
    async with app.run_test(size=size) as pilot:
        await wait_until(lambda: clock.first_where() is not None)
        painted = clock.first_where()
        await pilot.pause()
    assert painted is not None
    return painted - start


async def sidebar_filled(article: Article, size: tuple[int, int]) -> float:
    app = build_app(article, True)
    clock = FrameClock(app)
    clock.watch = lambda: entities_filled(app)
    start = time.perf_counter()
    async with app.run_test(size=size) as pilot:
        await wait_until(lambda: clock.first_where() is not None, timeout=120)
        filled = clock.first_where()
        await pilot.pause()
    assert filled is not None
    return filled - start


async def while_analysing(article: Article, analysis: bool, size: tuple[int, int], span: float):
    """Stall and key latency from the end of the view's layout until the analysis is
    shown (or, with analysis off, for ``span`` seconds)."""
    app = build_app(article, analysis)
    clock = FrameClock(app)
    clock.watch = lambda: view_painted(app)
    latencies: list[float] = []
    async with app.run_test(size=size) as pilot:
        # The view lays the article out in the background first (the analysis waits
        # for it): its stalls belong to tui_bench.py, not here.
        await wait_until(lambda: layout_done(app), timeout=60)
        screen = screen_of(app)
        assert screen is not None
        screen.view.focus()
        meter = StallMeter()
        meter.start()
        start = time.perf_counter()

        def done() -> bool:
            if analysis:
                return screen.analysis.analysis is not None
            return time.perf_counter() - start >= span

        while not done():
            # As the terminal driver does (Pilot's own waiting is not what a reader
            # feels): post the key, then wait for the frame that shows it.
            latencies.append(await press_and_wait(app, clock, "j"))
            await asyncio.sleep(0.1)
        elapsed = time.perf_counter() - start
        stall = meter.stop()
        await pilot.pause()
    return {"stall": stall, "elapsed": elapsed, "keys": latencies}


def article_of_chars(chars: int) -> Article:
    """A generated article of about ``chars`` characters (at least that many)."""
    words = max(100, chars // 6)
    article = long_article(words)
    while len(article.text) < chars:
        words = int(words * chars / len(article.text)) + 50
        article = long_article(words)
    return article


async def press_and_wait(app: ReaderApp, clock: FrameClock, key: str) -> float:
    """Post ``key`` and wait for the first frame that shows the view moved."""
    screen = screen_of(app)
    assert screen is not None
    view = screen.view
    if app.focused is not view:
        app.set_focus(view)
        await asyncio.sleep(0.05)
    before_offset = view.scroll_offset
    clock.watch = lambda: view.scroll_offset != before_offset
    before = time.perf_counter()
    app.post_message(events.Key(key, key))
    try:
        await wait_until(lambda: clock.first_where(before) is not None, 5)
    except TimeoutError:
        # The view could not move (the sidebar came and took the focus, or a new
        # section moved the text under the key): the next frame stands for it.
        await wait_until(lambda: clock.next_frame(before) is not None, 10)
        frame = clock.next_frame(before)
        assert frame is not None
        return frame - before
    frame = clock.first_where(before)
    assert frame is not None
    return frame - before


async def demo_while_loading(size: tuple[int, int]) -> dict[str, object]:
    """The demo page with the model still to load: key latency until it has loaded,
    and when the Entities tab is filled."""
    from reader.analysis import nlp

    settings = Settings(
        reading=Reading(cursor_blink=False, user_themes=False, sidebar=True),
        analysis=AnalysisSettings(enabled=True),
    )
    app = make_app(settings, [])
    clock = FrameClock(app)
    clock.watch = lambda: view_painted(app)
    latencies: list[float] = []
    start = time.perf_counter()
    # A short window, so that the short demo page scrolls.
    async with app.run_test(size=(size[0], 12)) as pilot:
        await wait_until(lambda: clock.first_where() is not None, 60)
        painted = clock.first_where()
        screen = screen_of(app)
        assert screen is not None and painted is not None
        # The analysis (and so the model's loading) starts once the view has laid the
        # page out; before that a key cannot scroll it.
        await wait_until(lambda: layout_done(app), timeout=60)
        screen.view.focus()
        loading_at_first_key = not nlp.is_loaded()
        keys = "jk"
        while screen.analysis.analysis is None:
            latencies.append(await press_and_wait(app, clock, keys[len(latencies) % 2]))
            await asyncio.sleep(0.1)
        filled = time.perf_counter() - start
        await pilot.pause()
    return {
        "painted": painted - start,
        "filled": filled,
        "keys": latencies,
        "loading_at_first_key": loading_at_first_key,
    }


def child(task: list[str], size: tuple[int, int], words: int) -> None:
    kind = task[0]
    if kind == "paint":
        result: object = asyncio.run(first_paint(sample_article(), task[1] == "on", size))
    elif kind == "filled":
        article = sample_article()
        if task[1] in ("warm", "cached"):
            from reader.analysis import analyse, nlp

            nlp.load()
            if task[1] == "cached":
                analyse(article)
        result = asyncio.run(sidebar_filled(article, size))
    elif kind == "demo":
        result = asyncio.run(demo_while_loading(size))
    else:  # "long on|off SPAN [CHARS]"
        from reader.analysis import nlp

        nlp.load()
        article = article_of_chars(int(task[3])) if len(task) > 3 else long_article(words)
        result = asyncio.run(while_analysing(article, task[1] == "on", size, float(task[2])))
        assert isinstance(result, dict)
        result["chars"] = len(article.text)
    print(json.dumps(result))


def run_child(task: list[str], args: argparse.Namespace) -> object:
    env = dict(os.environ, READER_DATA_DIR=tempfile.mkdtemp(prefix="reader-bench-data-"))
    command = [sys.executable, __file__, "--size", args.size, "--words", str(args.words)]
    command += ["--chars", str(args.chars)]
    done = subprocess.run(
        [*command, "--child", *task], check=True, capture_output=True, text=True, env=env
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- report -----------------------------------------------------------------------------


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--size", default="120x40")
    parser.add_argument("--words", type=int, default=20_000)
    parser.add_argument("--chars", type=int, default=360_000)
    parser.add_argument(
        "--keys-only",
        action="store_true",
        help="only the key latency figures (long articles, demo page while the model loads)",
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    if args.child:
        child(args.child, (width, height), args.words)
        return
    if not SAMPLE.exists():
        sys.exit(f"the sample page {SAMPLE} is absent")
    print(
        f"reader analysis UI bench — size {width}x{height}, {args.repeat} runs per figure, "
        f"Python {sys.version.split()[0]}"
    )

    if not args.keys_only:
        startup_figures(args)
    for label, extra in ((f"{args.words:,}-word article", []), ("long page", [str(args.chars)])):
        key_figures(label, extra, args)
    demo_figures(args)


def startup_figures(args: argparse.Namespace) -> None:
    on: list[float] = []
    off: list[float] = []
    for _ in range(args.repeat):
        off.append(run_child(["paint", "off"], args))  # type: ignore[arg-type]
        on.append(run_child(["paint", "on"], args))  # type: ignore[arg-type]
    ratio = statistics.median(on) / statistics.median(off)
    print(
        f"first paint, sample page: analysis on {ms(statistics.median(on))} "
        f"(best {ms(min(on)).strip()}), off {ms(statistics.median(off))} "
        f"(best {ms(min(off)).strip()}); ratio {ratio:4.2f} "
        f"(best {min(on) / min(off):4.2f}; ≈ 1.0, ≤ 1.10: {verdict(ratio <= 1.10)})"
    )

    for mode, meaning in (
        ("cold", "model loaded by the app"),
        ("warm", "model already loaded"),
        ("cached", "analysis cached"),
    ):
        times = [run_child(["filled", mode], args) for _ in range(max(1, args.repeat // 2))]
        print(
            f"Entities tab filled, sample page, {meaning:<24} median "
            f"{ms(statistics.median(times))}  (best {ms(min(times)).strip()})"  # type: ignore[arg-type]
        )


def key_figures(label: str, extra: list[str], args: argparse.Namespace) -> None:
    """Stall and key latency while a long article is analysed, against the same span
    with analysis off."""
    busy = run_child(["long", "on", "0", *extra], args)
    assert isinstance(busy, dict)
    idle = run_child(["long", "off", str(busy["elapsed"]), *extra], args)
    assert isinstance(idle, dict)
    print(f"{label} ({busy['chars']:,} characters), model loaded:")
    for name, result in (("analysis on ", busy), ("analysis off", idle)):
        keys = result["keys"]
        print(
            f"  {name} for {result['elapsed']:5.2f} s: worst loop stall "
            f"{ms(result['stall'])}; key j → frame median {ms(statistics.median(keys))}, "
            f"max {ms(max(keys))} over {len(keys)} presses"
        )
    print(
        f"  worst stall while analysing ≤ 100 ms: {verdict(busy['stall'] <= 0.1)}; "
        f"ratio to the same span without analysis {busy['stall'] / max(idle['stall'], 1e-3):4.2f}"
    )


def demo_figures(args: argparse.Namespace) -> None:
    result = run_child(["demo"], args)
    assert isinstance(result, dict)
    keys = result["keys"]
    print(
        f"demo page, model loaded by the app: painted {ms(result['painted']).strip()}, "
        f"Entities tab filled {ms(result['filled']).strip()}; "
        f"first key → frame {ms(keys[0]).strip()} "
        f"(model {'still loading' if result['loading_at_first_key'] else 'already loaded'}), "
        f"median {ms(statistics.median(keys)).strip()}, max {ms(max(keys)).strip()} "
        f"over {len(keys)} presses"
    )


if __name__ == "__main__":
    main()
