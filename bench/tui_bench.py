"""Reading-view speed, measured headlessly with frame timestamps.

    python3 bench/tui_bench.py [--repeat 5] [--size 120x40] [--host app|view]

Prints, with the targets of the reading view:
- first paint of an article (50 and 5,000 blocks, and a real page when the corpus is
  there) against the first paint of a bare Textual app with one static label, measured
  in the same run (ratio, target ≤ 1.5×), with two references from the same run: a
  Textual ``Static`` showing the same screenful of plain text (what Textual itself
  needs to paint that much text) and the article view alone in a bare app (what the
  reading screen's header, theme and keys add on top);
- the repaint after a key press at 5,000 blocks (scroll, next heading, next match,
  toggle section; median, target ≤ 50 ms);
- search over 5,000 blocks (target ≤ 100 ms);
- the worst event-loop stall while the rest of the article is laid out and while a
  resize reflows it (target: no freeze, ≤ 100 ms);
- peak RSS at 5,000 blocks against 50 blocks (target ≤ 2× + the text).

Times are from ``time.perf_counter``: a frame's time is when the app hands the
compositor's update to the (headless) driver, which renders it to terminal bytes here
so the cost of producing the output is included. Pilot round trips are not timed.
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
from collections.abc import Awaitable, Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

# Keep the bench away from the user's files and from animations.
_HOME = tempfile.mkdtemp(prefix="reader-bench-")
os.environ.setdefault("READER_DATA_DIR", str(Path(_HOME) / "data"))
os.environ.setdefault("READER_CONFIG_FILE", str(Path(_HOME) / "config.toml"))
os.environ.setdefault("XDG_CONFIG_HOME", str(Path(_HOME) / "config"))
os.environ["TEXTUAL_ANIMATIONS"] = "none"

from article_builder import generate_article  # noqa: E402
from textual.app import App, ComposeResult  # noqa: E402
from textual.pilot import Pilot  # noqa: E402
from textual.widgets import Static  # noqa: E402

from reader.models import Article  # noqa: E402
from reader.search import find  # noqa: E402
from reader.ui.article_view.view import ArticleView  # noqa: E402

WIKIPEDIA = ROOT.parent / "shared" / "corpus" / "mozilla" / "wikipedia-2" / "source.html"


# --- apps ------------------------------------------------------------------------------


class BareApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("Hello from a bare Textual app")


class ScreenfulApp(App[None]):
    """A second reference: Textual painting a screenful of plain text (the article's
    first rows) in a Static, with no widget of ours."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield Static(self.text, markup=False)


def screenful(article: Article, rows: int) -> str:
    from reader.ui.article_view.layout.document import lay_out_article
    from reader.ui.article_view.layout.lines import line_text

    layout = lay_out_article(article, 80)
    return "\n".join(line_text(line) for line in layout.lines[:rows])


class ViewHost(App[None]):
    """The view alone, with the search stepping the reading screen does (``n``)."""

    BINDINGS = [("n", "next_match", "Next match")]

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article
        self.matches: list[tuple[int, int]] = []
        self.current = -1

    def compose(self) -> ComposeResult:
        yield ArticleView()

    def on_mount(self) -> None:
        self.query_one(ArticleView).show(self.article)

    def search(self, query: str) -> None:
        view = self.query_one(ArticleView)
        self.matches = [(s.start, s.end) for s in find(view.article.text, query)]
        view.set_overlay("search", [(a, b, "search-hit") for a, b in self.matches])
        self.current = -1

    def action_next_match(self) -> None:
        if not self.matches:
            return
        view = self.query_one(ArticleView)
        self.current = (self.current + 1) % len(self.matches)
        start, end = self.matches[self.current]
        view.set_overlay("current", [(start, end, "search-current")])
        view.scroll_to_offset(start, center=True)


def make_host(article: Article, host: str) -> App[None]:
    if host == "app":
        try:
            from reader.config import Reading, Settings
            from reader.ui.app import make_app
        except ImportError:
            return ViewHost(article)
        settings = Settings(reading=Reading(cursor_blink=False, user_themes=False))
        return make_app(settings, [article])
    return ViewHost(article)


# --- frame clock ----------------------------------------------------------------------


class FrameClock:
    """Records the time of every frame the app sends to its driver."""

    def __init__(self, app: App[object]) -> None:
        self.app = app
        self.frames: list[float] = []
        self.marks: list[tuple[float, bool]] = []
        self.watch: Callable[[], bool] | None = None
        original = app._display

        def display(screen: object, renderable: object) -> None:
            if renderable is not None:
                render = getattr(renderable, "render_segments", None)
                if render is not None:
                    render(app.console)
                now = time.perf_counter()
                self.frames.append(now)
                if self.watch is not None:
                    self.marks.append((now, self.watch()))
            original(screen, renderable)  # type: ignore[arg-type]

        app._display = display  # type: ignore[method-assign]

    def first_where(self, since: float = 0.0) -> float | None:
        for when, ok in self.marks:
            if when >= since and ok:
                return when
        return None

    def next_frame(self, since: float) -> float | None:
        for when in self.frames:
            if when >= since:
                return when
        return None


def view_painted(app: App[object]) -> bool:
    try:
        view = app.screen.query_one(ArticleView)
    except Exception:
        return False
    return bool(view._strips) and view._layout is not None and bool(view._layout.lines)


def label_painted(app: App[object]) -> bool:
    try:
        label = app.screen.query_one(Static)
    except Exception:
        return False
    return bool(label.region) and label._render_cache is not None


async def wait_until(predicate: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.perf_counter() + timeout
    while not predicate():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0.002)


class StallMeter:
    """The longest gap between ticks of a 5 ms heartbeat on the event loop."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._task: asyncio.Task[None] | None = None

    async def _beat(self) -> None:
        while True:
            before = time.perf_counter()
            await asyncio.sleep(0.005)
            self.worst = max(self.worst, time.perf_counter() - before - 0.005)

    def start(self) -> None:
        self.worst = 0.0
        self._task = asyncio.get_running_loop().create_task(self._beat())

    def stop(self) -> float:
        if self._task is not None:
            self._task.cancel()
        return self.worst


def layout_done(app: App[object]) -> bool:
    try:
        view = app.screen.query_one(ArticleView)
    except Exception:
        return False
    layout = view._layout
    return layout is not None and layout.complete and view._job.pending is None


# --- measurements -----------------------------------------------------------------------


async def first_paint(
    factory: Callable[[], App[object]], size: tuple[int, int], article: bool
) -> tuple[float, float | None]:
    """Seconds from starting the app to the first frame showing its content; and, for
    an article, the worst stall while the rest was laid out."""
    app = factory()
    clock = FrameClock(app)
    clock.watch = (lambda: view_painted(app)) if article else (lambda: label_painted(app))
    start = time.perf_counter()
    stall = None
    async with app.run_test(size=size) as pilot:
        await wait_until(lambda: clock.first_where() is not None)
        painted = clock.first_where()
        assert painted is not None
        if article:
            meter = StallMeter()
            meter.start()
            await wait_until(lambda: layout_done(app))
            stall = meter.stop()
        await pilot.pause()
    return painted - start, stall


async def focused_view(app: App[object], pilot: Pilot[object]) -> ArticleView:
    """The article view, laid out in full and focused, ready for key presses."""
    await wait_until(lambda: layout_done(app))
    await pilot.pause()
    view = app.screen.query_one(ArticleView)
    view.focus()
    await pilot.pause()
    return view


def key_timer(
    pilot: Pilot[object], clock: FrameClock, results: dict[str, list[float]]
) -> Callable[..., Awaitable[None]]:
    """``timed(name, *keys)``: press the keys and add the time to the next frame under
    ``name`` in ``results``."""

    async def timed(name: str, *keys: str) -> None:
        await pilot.pause()
        before = time.perf_counter()
        await pilot.press(*keys)
        await wait_until(lambda: clock.next_frame(before) is not None, 5)
        frame = clock.next_frame(before)
        assert frame is not None
        results.setdefault(name, []).append(frame - before)

    return timed


async def key_latencies(
    article: Article, host: str, size: tuple[int, int], presses: int
) -> dict[str, list[float]]:
    app = make_host(article, host)
    clock = FrameClock(app)
    results: dict[str, list[float]] = {}
    async with app.run_test(size=size) as pilot:
        view = await focused_view(app, pilot)
        timed = key_timer(pilot, clock, results)

        for _ in range(presses):
            await timed("scroll (j)", "j")
        for _ in range(presses):
            await timed("page (space)", "space")
        for _ in range(presses):
            await timed("next heading (])", "right_square_bracket")
        await pilot.press("g")
        for _ in range(presses):
            await timed("toggle section (enter)", "enter")
        await pilot.press("z", "R")
        query = "harbours"
        if isinstance(app, ViewHost):
            app.search(query)
        else:
            await pilot.press("slash", *query, "enter")
            view.focus()
        await pilot.pause()
        for _ in range(presses):
            await timed("next match (n)", "n")
        # Resize: the reflow runs in a worker; the old lines stay until the new reach
        # the top row. Measure the loop's worst stall until the new layout is complete.
        meter = StallMeter()
        meter.start()
        before = time.perf_counter()
        narrow = view._layout.width // 2
        await pilot.resize_terminal(narrow, size[1])
        await wait_until(lambda: layout_done(app) and view._layout.width < narrow)
        results["resize reflow: done (s)"] = [time.perf_counter() - before]
        results["resize reflow: worst stall"] = [meter.stop()]
    return results


def search_times(article: Article, repeat: int) -> dict[str, float]:
    out: dict[str, float] = {}
    for query in ("harbours", "the", "Tides", "no such phrase"):
        times = []
        for _ in range(repeat):
            before = time.perf_counter()
            hits = find(article.text, query)
            times.append(time.perf_counter() - before)
        out[f"{query!r} ({len(hits)} hits)"] = statistics.median(times)
    return out


def rss_now() -> dict[str, int]:
    """Resident memory now and at its peak, in KiB, from /proc (``ru_maxrss`` would
    include the parent's size at fork: Linux keeps it across exec)."""
    status = dict(line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines())
    return {
        "peak_kb": int(status["VmHWM"].split()[0]),
        "rss_kb": int(status["VmRSS"].split()[0]),
    }


def load_article(name: str) -> Article:
    if name == "wikipedia":
        article = wikipedia_article()
        assert article is not None
        return article
    return generate_article(int(name))


def child(task: list[str], size: tuple[int, int], host: str, presses: int) -> None:
    """One measurement in this (fresh) process; prints its result as JSON. A fresh
    process per measurement: Textual keeps finished apps alive, so later runs in one
    process would pay for a growing heap, and a real start is a cold one."""
    kind = task[0]
    if kind == "bare":
        result = {"paint": asyncio.run(first_paint(BareApp, size, False))[0]}
    elif kind == "screenful":
        text = screenful(load_article(task[1]), size[1])
        result = {"paint": asyncio.run(first_paint(lambda: ScreenfulApp(text), size, False))[0]}
    elif kind in ("paint", "view-paint"):
        article = load_article(task[1])
        chosen = "view" if kind == "view-paint" else host
        paint, stall = asyncio.run(first_paint(lambda: make_host(article, chosen), size, True))
        result = {"paint": paint, "stall": stall}
    elif kind == "keys":
        result = asyncio.run(key_latencies(load_article("5000"), host, size, presses))
    else:  # rss
        article = load_article(task[1])

        async def run() -> None:
            app = make_host(article, host)
            async with app.run_test(size=size) as pilot:
                await wait_until(lambda: layout_done(app))
                await pilot.press("G")
                await pilot.press("g")
                await pilot.pause()

        asyncio.run(run())
        result = {**rss_now(), "text_bytes": sys.getsizeof(article.text)}
    print(json.dumps(result))


def run_child(task: list[str], args: argparse.Namespace) -> dict:
    command = [
        sys.executable,
        __file__,
        "--host",
        args.host,
        "--size",
        args.size,
        "--presses",
        str(args.presses),
        "--child",
        *task,
    ]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def wikipedia_article() -> Article | None:
    if not WIKIPEDIA.exists():
        return None
    try:
        from reader import service
    except ImportError:
        return None
    try:
        return service.read_article(str(WIKIPEDIA))
    except ImportError:
        return None


# --- report -----------------------------------------------------------------------------


def verdict(ok: bool) -> str:
    return "ok" if ok else "MISSED"


def paint_table(names: dict[str, str], args: argparse.Namespace) -> list[str]:
    lines = []
    for label, name in names.items():
        bare: list[float] = []
        static: list[float] = []
        alone: list[float] = []
        ours: list[float] = []
        stalls: list[float] = []
        for _ in range(args.repeat):
            bare.append(run_child(["bare"], args)["paint"])
            static.append(run_child(["screenful", name], args)["paint"])
            if args.host == "app":
                alone.append(run_child(["view-paint", name], args)["paint"])
            result = run_child(["paint", name], args)
            ours.append(result["paint"])
            stalls.append(result["stall"] or 0.0)
        ratio = statistics.median(ours) / statistics.median(bare)
        best = min(ours) / min(bare)
        lines.append(
            f"first paint, {label:<28} {statistics.median(ours) * 1000:6.1f} ms "
            f"(best {min(ours) * 1000:5.1f})  bare label {statistics.median(bare) * 1000:5.1f} ms "
            f"(best {min(bare) * 1000:5.1f})  ratio {ratio:4.2f} (best {best:4.2f}; "
            f"≤ 1.50: {verdict(ratio <= 1.5)})"
        )
        lines.append(
            f"  reference: a Static with the same screenful of text "
            f"{statistics.median(static) * 1000:5.1f} ms (best {min(static) * 1000:5.1f}); "
            f"ratio to the bare label {statistics.median(static) / statistics.median(bare):4.2f}"
        )
        if alone:
            lines.append(
                f"  reference: the article view alone in a bare app "
                f"{statistics.median(alone) * 1000:5.1f} ms (best {min(alone) * 1000:5.1f}); "
                f"ratio to the bare label {statistics.median(alone) / statistics.median(bare):4.2f}"
            )
        lines.append(
            f"  background layout, worst loop stall   {statistics.median(stalls) * 1000:7.1f} ms "
            f"median, {max(stalls) * 1000:6.1f} ms max  (≤ 100 ms: {verdict(max(stalls) <= 0.1)})"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--presses", type=int, default=15)
    parser.add_argument("--size", default="120x40")
    parser.add_argument(
        "--host",
        choices=("app", "view"),
        default="app",
        help="the whole reader app (default) or the view in a bare host",
    )
    parser.add_argument(
        "--only", choices=("paint", "keys", "search", "rss"), help="run one group of measurements"
    )
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))
    size = (width, height)
    if args.child:
        child(args.child, size, args.host, args.presses)
        return

    big = generate_article(5000)
    names = {"50 blocks": "50", "5,000 blocks": "5000"}
    wiki = wikipedia_article()
    if wiki is not None:
        names[f"wikipedia-2 ({len(wiki.blocks)} blocks)"] = "wikipedia"
    print(
        f"reader TUI bench — host: {args.host}, size {width}x{height}, "
        f"{args.repeat} runs per figure, Python {sys.version.split()[0]}"
    )
    if wiki is None:
        print("(wikipedia-2 skipped: corpus or extractor not available)")
    wanted = {args.only} if args.only else {"paint", "keys", "search", "rss"}
    if "paint" in wanted:
        for line in paint_table(names, args):
            print(line)
    if "keys" in wanted:
        print_keys(run_child(["keys"], args))
    if "search" in wanted:
        for query, seconds in search_times(big, args.repeat).items():
            print(
                f"search 5,000 blocks ({len(big.text):,} chars) for {query:<28} "
                f"{seconds * 1000:6.1f} ms  (≤ 100 ms: {verdict(seconds <= 0.1)})"
            )
    if "rss" in wanted:
        print_rss(args)


def print_keys(latencies: dict[str, list[float]]) -> None:
    for name, values in latencies.items():
        if name.startswith("resize"):
            continue
        median = statistics.median(values)
        print(
            f"key press at 5,000 blocks, {name:<24} median {median * 1000:6.1f} ms  "
            f"max {max(values) * 1000:6.1f} ms  (≤ 50 ms: {verdict(median <= 0.05)})"
        )
    done = latencies["resize reflow: done (s)"][0]
    stall = latencies["resize reflow: worst stall"][0]
    print(
        f"resize reflow at 5,000 blocks: new layout complete in {done * 1000:6.1f} ms, "
        f"worst loop stall {stall * 1000:6.1f} ms  (≤ 100 ms: {verdict(stall <= 0.1)})"
    )


def print_rss(args: argparse.Namespace) -> None:
    small_rss = run_child(["rss", "50"], args)
    big_rss = run_child(["rss", "5000"], args)
    text_kb = big_rss["text_bytes"] // 1024
    for key, name in (("rss_kb", "RSS after layout"), ("peak_kb", "peak RSS")):
        small_kb, big_kb = small_rss[key], big_rss[key]
        print(
            f"{name}: 50 blocks {small_kb / 1024:6.1f} MB, 5,000 blocks {big_kb / 1024:6.1f} MB "
            f"(ratio {big_kb / small_kb:.2f}; text {text_kb / 1024:.1f} MB; "
            f"≤ 2× + text: {verdict(big_kb <= 2 * small_kb + text_kb)})"
        )


if __name__ == "__main__":
    main()
