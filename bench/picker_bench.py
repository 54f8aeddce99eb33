"""The web archive picker (``reader ARCHIVE``) against listing the archive bare.

    python bench/picker_bench.py [--captures 5000] [--rounds 3]

A WARC of N HTML captures (each with an image record beside it) is generated on the
spot. In the same run, median of ``--rounds``, each round in turn:

- bare: ``reader.loaders.webarchive.list_pages`` on the archive (what any listing
  costs);
- picker: the real app, headless (``App.run_test``), from creating it until the
  picker shows every page (listing in its worker, progress reported on the way);
- filter: typing ``note N-1`` in the picker's filter until the list is narrowed.

Reported: seconds of each and the ratio picker/bare (the price of the screen and the
progress reports on top of reading the archive).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from reader.config import Reading, Settings  # noqa: E402
from reader.loaders.webarchive import list_pages  # noqa: E402


def write_archive(path: Path, captures: int) -> None:
    with open(path, "wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for number in range(captures):
            html = (
                f"<!doctype html><html><head><title>Harbour note {number}</title></head>"
                f"<body><p>The tide clock, part {number}.</p></body></html>"
            ).encode()
            for url, body, kind in (
                (f"https://example.org/n{number}", html, "text/html"),
                (f"https://example.org/n{number}.png", b"\x89PNG" + bytes(512), "image/png"),
            ):
                http = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
                record = writer.create_warc_record(
                    url, "response", payload=io.BytesIO(body), http_headers=http
                )
                writer.write_record(record)


async def picker_round(archive: Path, data: Path, captures: int) -> tuple[float, float]:
    from reader.ui.app import make_app
    from reader.ui.archive_picker.rows import matching
    from reader.ui.archive_picker.screen import ArchivePicker

    settings = Settings(data_dir=data, reading=Reading(cursor_blink=False, user_themes=False))
    start = time.perf_counter()
    app = make_app(settings, archive=str(archive))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ArchivePicker)
        while len(screen.shown) < captures:
            await pilot.pause(0.005)
        listed = time.perf_counter() - start
        start = time.perf_counter()
        word = f"note {captures - 1}"
        expected = len(matching(screen.pages or [], word))
        await pilot.press("slash", *word)
        while len(screen.shown) != expected:
            await pilot.pause(0.002)
        filtered = time.perf_counter() - start
    return listed, filtered


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--captures", type=int, default=5000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder) / "big.warc.gz"
        write_archive(archive, args.captures)
        size = archive.stat().st_size / 1e6
        bare: list[float] = []
        picker: list[float] = []
        typing: list[float] = []
        ratios: list[float] = []
        for number in range(args.rounds):
            start = time.perf_counter()
            assert len(list_pages(archive).pages) == args.captures
            bare.append(time.perf_counter() - start)
            listed, filtered = asyncio.run(
                picker_round(archive, Path(folder) / f"data{number}", args.captures)
            )
            picker.append(listed)
            typing.append(filtered)
            ratios.append(listed / bare[-1])
    print(f"archive: {args.captures:,} pages (+ as many images), {size:.1f} MB gzipped")
    print(f"bare list_pages        {statistics.median(bare):7.3f} s")
    print(f"picker, all listed     {statistics.median(picker):7.3f} s")
    print(f"ratio picker/bare      {statistics.median(ratios):7.2f}x (median of pairs)")
    print(f"filter typed           {statistics.median(typing) * 1000:7.1f} ms (until narrowed)")


if __name__ == "__main__":
    main()
