"""Figures: decode time per picture, and memory with 50 figures.

Decode: each picture (generated here: photographs as JPEG and WebP, a PNG screenshot, an
animated GIF, and the hostile ones) goes through what the article view does with it:
``reader.images.halfblock.render`` (header probe, bounded first-frame decode, scale to
a 76 × 24 cell box, half-block cells). The median of ``--repeat`` runs per picture,
and its ratio to the same work on a 64 × 64 PNG measured in the same run.

Memory: a generated saved page with 50 figures (``page_files/``, 1600 × 1067 JPEGs) is
opened in a fresh process: extracted (sizes probed), then every figure is drawn as the
view would and its cells kept (the view's cache). Resident memory (VmRSS) after each
step, and the peak, against the same page with its ``<img>`` elements removed, opened
in another fresh process in the same run.

View: the same 50-figure page in the article view alone (a bare app holding it, 100×40),
with pictures drawn (half blocks, kitty placeholders, Sixel rows) against
``images = "off"`` in the same run: the first frame showing the article, then
key-to-frame times for ``j`` and ``space`` all the way down (every picture decoded as it
scrolls into view, one at a time off the event loop), and the event loop's worst stall
meanwhile. Every frame is rendered to the bytes a terminal would get; kitty
transmissions go to a writer that counts them (there is no terminal: the kitty and Sixel
runs measure what the reader does, not what a terminal does with it; Sixel slices are cut
for 10 × 20 pixel cells). The app draws for a truecolor terminal
(``TEXTUAL_COLOR_SYSTEM=truecolor`` unless set; ``256`` shows a tmux-like terminal).

    python bench/images_bench.py [--repeat N] [--no-view | --view-only]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
# Headless, Textual would draw in 16 colours: measure what a modern terminal gets.
os.environ.setdefault("TEXTUAL_COLOR_SYSTEM", "truecolor")

from PIL import Image  # noqa: E402

from reader.images.halfblock import render  # noqa: E402

COLUMNS, ROWS = 76, 24


def _photo(width: int, height: int, seed: int) -> Image.Image:
    """Something with a photograph's entropy: gradients plus noise."""
    rng = random.Random(seed)
    small = Image.frombytes("RGB", (64, 48), rng.randbytes(64 * 48 * 3))
    image = small.resize((width, height), Image.Resampling.BICUBIC)
    noise = Image.effect_noise((width, height), 24).convert("RGB")
    return Image.blend(image, noise, 0.15)


def _encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def _gif(frames: int) -> bytes:
    images = [_photo(320, 240, seed).convert("P") for seed in range(frames)]
    buffer = io.BytesIO()
    images[0].save(buffer, "GIF", save_all=True, append_images=images[1:], duration=40)
    return buffer.getvalue()


def pictures() -> dict[str, bytes]:
    from tests.image_pages import SVG, gif_frames, png_bomb

    return {
        "jpeg 4000x3000 (12 MP photo)": _encode(_photo(4000, 3000, 1), "JPEG", quality=85),
        "jpeg 1600x1067": _encode(_photo(1600, 1067, 2), "JPEG", quality=85),
        "webp 1200x800": _encode(_photo(1200, 800, 3), "WEBP", quality=80),
        "png 1920x1080 screenshot": _encode(_photo(1920, 1080, 4), "PNG"),
        "gif 320x240, 60 frames": _gif(60),
        "gif 1x1, 10,000 frames": gif_frames(10_000),
        "png header 50,000x50,000": png_bomb(),
        "svg (refused)": SVG,
    }


def time_render(data: bytes, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        render(data, COLUMNS, ROWS)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def decode_table(repeat: int) -> None:
    baseline_data = _encode(_photo(64, 64, 9), "PNG")
    time_render(baseline_data, 3)  # Pillow's plugins load on first use
    baseline = time_render(baseline_data, repeat)
    print(f"decode → {COLUMNS}×{ROWS} half-block cells, median of {repeat}")
    print(f"  {'picture':32} {'bytes':>10} {'ms':>8} {'× 64×64 png':>12}")
    print(
        f"  {'png 64x64 (baseline)':32} {len(baseline_data):>10,} {baseline * 1e3:>8.2f} {1:>12.1f}"
    )
    for name, data in pictures().items():
        seconds = time_render(data, repeat)
        print(f"  {name:32} {len(data):>10,} {seconds * 1e3:>8.2f} {seconds / baseline:>12.1f}")


_CHILD = r"""
import json, resource, sys
sys.path.insert(0, sys.argv[1])
from reader.service import read_page
from reader.images.halfblock import render
def peak():
    # Resident now (VmRSS), not the peak: the peak is set by imports before any page.
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
start = peak()
article, sources = read_page(sys.argv[2])
extracted = peak()
cache = []
for block in article.blocks:
    if block.image and sources is not None:
        data = sources.read(block.image)
        if data is not None:
            cache.append(render(data, 76, 24))
print(json.dumps({"start": start, "extracted": extracted, "drawn": peak(),
                  "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "figures": sum(1 for b in article.blocks if b.image), "cached": len(cache)}))
"""


def _page(folder: Path, figures: int, with_images: bool) -> Path:
    files = folder / "page_files"
    files.mkdir(parents=True, exist_ok=True)
    parts = []
    for index in range(figures):
        paragraph = (
            f"<p>Paragraph {index}: the harbour clock ran again on Saturday, and the town "
            "turned out to watch its hands find the tide. " * 3 + "</p>"
        )
        if with_images:
            name = f"photo{index:02}.jpg"
            if not (files / name).exists():
                (files / name).write_bytes(_encode(_photo(1600, 1067, index), "JPEG", quality=85))
            image = f'<img src="page_files/{name}" alt="Photo {index}">'
        else:
            image = ""
        parts.append(f"{paragraph}<figure>{image}<figcaption>Figure {index}.</figcaption></figure>")
    page = folder / ("with.html" if with_images else "without.html")
    body = "".join(parts)
    page.write_text(
        f"<html><head><title>Fifty figures</title></head><body><article><h1>Fifty figures</h1>"
        f"{body}</article></body></html>",
        encoding="utf-8",
    )
    return page


def memory_table(figures: int = 50) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        runs = {}
        for with_images in (False, True):
            page = _page(folder, figures, with_images)
            out = subprocess.run(
                [sys.executable, "-c", _CHILD, str(ROOT), str(page)],
                capture_output=True,
                text=True,
                check=True,
            )
            runs[with_images] = json.loads(out.stdout)
    base, full = runs[False], runs[True]
    print(f"\nRSS (MB), a page with {figures} figures (1600×1067 JPEGs) in a fresh process")
    print(f"  {'':28} {'no <img>':>10} {'with pictures':>14} {'ratio':>7}")
    for key, label in (
        ("start", "before (imports)"),
        ("extracted", "after extraction"),
        ("drawn", "all drawn and cached"),
        ("peak", "peak"),
    ):
        ratio = full[key] / base[key]
        print(f"  {label:28} {base[key]:>10.1f} {full[key]:>14.1f} {ratio:>7.2f}")
    print(f"  figures with a local picture: {full['figures']}, cells cached: {full['cached']}")


async def _view_run(
    page: Path, rows: int, presses: int, graphics: str | None = None
) -> dict[str, list[float]]:
    from textual.app import App, ComposeResult
    from tui_bench import FrameClock, StallMeter, key_timer, view_painted, wait_until

    from reader.service import read_page
    from reader.ui.article_view.view import ArticleView

    article, pictures = read_page(str(page))

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            view = ArticleView()
            view.figure_rows = rows
            view.graphics = graphics  # type: ignore[assignment]
            yield view

        def on_mount(self) -> None:
            self.query_one(ArticleView).show(article, pictures)

    app = Host()
    clock = FrameClock(app)
    clock.watch = lambda: view_painted(app)
    results: dict[str, list[float]] = {}
    start = time.perf_counter()
    sent: list[int] = []
    async with app.run_test(size=(100, 40)) as pilot:
        app._driver.write = lambda data: sent.append(len(data))  # type: ignore[union-attr]
        await wait_until(lambda: clock.first_where() is not None)
        results["first paint"] = [(clock.first_where() or start) - start]
        view = app.query_one(ArticleView)
        await wait_until(lambda: view._layout is not None and view._layout.complete)
        view.focus()
        await pilot.pause()
        timed = key_timer(pilot, clock, results)
        meter = StallMeter()
        meter.start()
        for _ in range(presses):
            await timed("j", "j")
        while view.scroll_offset.y < view.max_scroll_y:
            await timed("space", "space")
        results["worst stall"] = [meter.stop()]
        results["figure rows"] = [float(rows)]
        results["bytes sent"] = [float(sum(sent))]
    return results


def view_table(figures: int = 50, presses: int = 30) -> None:
    import asyncio

    with tempfile.TemporaryDirectory() as tmp:
        page = _page(Path(tmp), figures, True)
        runs: dict[str, dict[str, list[float]]] = {}
        from reader.images.terminal import FIGURE_ROWS

        # The view gives pictures under half the terminal's height (19 rows at 100×40).
        plan: tuple[tuple[str, int, str | None], ...] = (
            ("off", 0, None),
            ("halfblock", FIGURE_ROWS, None),
            ("kitty", FIGURE_ROWS, "kitty"),
            ("sixel", FIGURE_ROWS, "sixel"),
            ("off again", 0, None),
        )
        for label, rows, graphics in plan:
            runs[label] = asyncio.run(_view_run(page, rows, presses, graphics))
    medians = {
        label: {k: statistics.median(v) for k, v in run.items()} for label, run in runs.items()
    }
    off, again = medians["off"], medians["off again"]
    drawn = ("halfblock", "kitty", "sixel")
    print(
        f"\narticle view, {figures} figures, 100×40, images off vs drawn (ms, median; ratio to off)"
    )
    print(f"  {'':14} {'off':>7} {'off again':>10}" + "".join(f" {m:>15}" for m in drawn))
    for key in ("first paint", "j", "space", "worst stall"):
        base = (off[key] + again[key]) / 2
        cells = "".join(
            f" {medians[m][key] * 1e3:>7.1f} ({medians[m][key] / base:>4.2f})" for m in drawn
        )
        print(f"  {key:14} {off[key] * 1e3:>7.1f} {again[key] * 1e3:>10.1f}{cells}")
    presses_line = ", ".join(f"{label} {len(runs[label]['space'])}" for label in ("off", *drawn))
    print(f"  space presses to the end: {presses_line}")
    print(f"  kitty transmissions written: {medians['kitty']['bytes sent'] / 1e6:.1f} MB")


def _import_textual_image_quietly() -> None:
    """kitty placeholders use textual-image's diacritics; imported from a terminal it
    would ask that terminal questions (the app does it in ``prepare``)."""
    real = sys.__stdout__
    sys.__stdout__ = io.StringIO()  # type: ignore[misc]
    try:
        import textual_image.renderable  # noqa: F401
    finally:
        sys.__stdout__ = real  # type: ignore[misc]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-view", action="store_true", help="skip the article view runs")
    parser.add_argument("--view-only", action="store_true", help="only the article view runs")
    args = parser.parse_args()
    if not args.view_only:
        decode_table(max(1, args.repeat))
        memory_table()
    if not args.no_view:
        _import_textual_image_quietly()
        view_table()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
