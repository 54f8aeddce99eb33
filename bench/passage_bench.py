"""Passage cursor, selection and highlight speed in the reading screen, headlessly.

    python3 bench/passage_bench.py [--blocks 5000] [--presses 30] [--notes 2000]

On a generated article (5,000 blocks by default) in the whole app, prints the median
and worst time from a key press to the frame that shows it, for:
- ``j`` (a line scroll, the baseline measured in the same run),
- ``)`` and ``(`` (the passage cursor by sentence; the view follows it),
- ``v`` then ``)`` (a selection grown by a sentence),
- ``h`` (a highlight: overlay, note sign, the Notes tab's rows),
with each median's ratio to ``j``'s; the time to show the Notes tab holding
``--notes`` highlights (the sidebar already open), and to remake its rows after a
change while it is on screen. The page is given as an article (not from the library), so no
write reaches a disk: the numbers are the UI's own.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from article_builder import generate_article  # noqa: E402
from tui_bench import FrameClock, focused_view, key_timer, make_host, wait_until  # noqa: E402

from reader.ui.reading.notes.items import NoteItem  # noqa: E402


async def measure(blocks: int, presses: int, notes: int) -> dict[str, list[float]]:
    article = generate_article(blocks)
    app = make_host(article, "app")
    clock = FrameClock(app)
    results: dict[str, list[float]] = {}
    async with app.run_test(size=(120, 40)) as pilot:
        await focused_view(app, pilot)
        timed = key_timer(pilot, clock, results)

        await pilot.press("g")
        for _ in range(presses):
            await timed("j (baseline)", "j")
        await pilot.press("g")
        for _ in range(presses):
            await timed(") next sentence", "right_parenthesis")
        for _ in range(presses):
            await timed("( previous sentence", "left_parenthesis")
        await pilot.press("v")
        for _ in range(presses):
            await timed("v + ) grow selection", "right_parenthesis")
        await pilot.press("escape", "escape")
        for _ in range(presses):
            await pilot.press("right_parenthesis")
            await timed("h highlight", "h")

        annotations = app.screen.annotations  # type: ignore[attr-defined]
        passages = annotations.cursor.passages
        span = passages.sentence_at(0)
        many: list[NoteItem] = []
        while span is not None and len(many) < notes:
            quote = article.text[span.start : span.end]
            many.append(NoteItem(annotations.next_key(), span.start, span.end, quote))
            span = passages.next_sentence(span.start)
        annotations.notes = many
        annotations.refresh()
        # The sidebar's first showing (its tabs, the contents tree) is not the Notes tab's.
        await pilot.press("s")
        await pilot.pause()
        await wait_until(lambda: app.screen.sidebar.region.area > 0)  # type: ignore[attr-defined]
        await pilot.pause()
        before = time.perf_counter()
        await pilot.press("t")  # the Contents tab, for comparison
        await wait_until(lambda: clock.next_frame(before) is not None, 5)
        await pilot.pause()
        results["Contents tab (baseline) (s)"] = [clock.frames[-1] - before]
        before = time.perf_counter()
        await pilot.press("A")
        pane = annotations.notes_pane
        await wait_until(lambda: pane.is_mounted and pane.option_list.option_count >= len(many))
        await pilot.pause()
        results[f"Notes tab with {len(many)} highlights (s)"] = [clock.frames[-1] - before]
        # A change while the tab is on screen remakes its rows.
        for _ in range(5):
            before = time.perf_counter()
            annotations.refresh()
            results[f"refill the Notes tab ({len(many)} highlights)"] = [
                *results.get(f"refill the Notes tab ({len(many)} highlights)", []),
                time.perf_counter() - before,
            ]
            await pilot.pause()
        before = time.perf_counter()
        await pilot.press("t")
        await wait_until(lambda: clock.next_frame(before) is not None, 5)
        await pilot.pause()
        results["back to the Contents tab (s)"] = [clock.frames[-1] - before]
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--blocks", type=int, default=5000)
    parser.add_argument("--presses", type=int, default=30)
    parser.add_argument("--notes", type=int, default=2000)
    args = parser.parse_args()
    results = asyncio.run(measure(args.blocks, args.presses, args.notes))
    baseline = statistics.median(results["j (baseline)"])
    print(f"{args.blocks} blocks, {args.presses} presses each, 120x40")
    print(f"{'action':40} {'median ms':>10} {'worst ms':>10} {'× j':>6}")
    for name, times in results.items():
        median = statistics.median(times)
        if name.endswith("(s)"):
            print(f"{name:40} {median * 1000:10.1f}")
            continue
        ratio = median / baseline if baseline else float("nan")
        print(f"{name:40} {median * 1000:10.1f} {max(times) * 1000:10.1f} {ratio:6.2f}")


if __name__ == "__main__":
    main()
