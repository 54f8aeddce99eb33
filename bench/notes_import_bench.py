"""``reader import-notes`` against its bounds: whole processes, time and peak RSS.

    python bench/notes_import_bench.py [--paragraphs 2000] [--seed 1]

A library holding one long article (generated text) is built in a temporary folder.
Each case runs ``python -m reader import-notes FILE`` as a child process and reads its
wall time, CPU time and peak RSS from ``os.wait4``:

- baseline: 100 notes exported from the page (most placed where they were, one in five
  with its quote edited so that it must be matched approximately);
- the same mix at the note cap (``MAX_ANNOTATIONS``): per-note time as a ratio to the
  baseline's (1.0 is linear in the number of notes);
- one note over the cap, ``/dev/zero``, and a note with 900 KB of context: refused, and
  how fast.

Then, in process, placing one anchor with 900 KB of prefix and suffix against the same
anchor with the usual 32 characters (the cost that was quadratic in the context).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.anchoring import TextAnchor, TextIndex, range_anchor  # noqa: E402
from reader.store.annotations import ANNO_CONTEXT, MAX_ANNOTATIONS  # noqa: E402

WORDS = [
    "the",
    "committee",
    "river",
    "bridge",
    "council",
    "vote",
    "proposal",
    "budget",
    "study",
    "traffic",
    "residents",
    "crossing",
    "engineer",
    "report",
    "summer",
    "winter",
    "harbour",
    "station",
    "market",
    "library",
    "school",
]


def paragraphs(count: int, rng: random.Random) -> list[str]:
    return [
        " ".join(rng.choice(WORDS) for _ in range(rng.randint(30, 80))).capitalize() + "."
        for _ in range(count)
    ]


def note(source: str, text: str, rng: random.Random, edit: bool) -> dict[str, object]:
    start = rng.randrange(0, len(text) - 200)
    anchor = range_anchor(text, start, start + rng.randint(20, 160))
    exact = anchor.exact
    if edit:  # as if the page was edited since: one word changed
        cut = len(exact) // 2
        exact = exact[:cut] + "X" + exact[cut + 1 :]
    return {
        "@context": ANNO_CONTEXT,
        "type": "Annotation",
        "body": [{"type": "TextualBody", "value": "a note", "purpose": "commenting"}],
        "target": {
            "source": source,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": exact,
                    "prefix": anchor.prefix,
                    "suffix": anchor.suffix,
                },
                {"type": "TextPositionSelector", "start": anchor.start, "end": anchor.end},
            ],
        },
    }


def run(args: list[str], env: dict[str, str]) -> tuple[int, float, float, float, str]:
    """(exit status, wall s, CPU s, peak RSS MB, last stderr line) of ``reader ARGS``."""
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "reader", *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert child.stderr is not None
    err = child.stderr.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    last = err.strip().splitlines()[-1] if err.strip() else ""
    return child.returncode, wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, last


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    options = parser.parse_args()
    rng = random.Random(options.seed)

    with tempfile.TemporaryDirectory(prefix="notes-bench-") as folder:
        base = Path(folder)
        env = {**os.environ, "READER_DATA_DIR": str(base / "data"), "PYTHONPATH": str(ROOT)}
        env["READER_CONFIG_FILE"] = str(base / "none.toml")
        page = base / "article.txt"
        page.write_text("Long article\n\n" + "\n\n".join(paragraphs(options.paragraphs, rng)))
        assert run(["extract", "--format", "text", str(page)], env)[0] == 0
        from reader.config import load_settings
        from reader.service import open_article
        from reader.store import open_store

        os.environ.update(env)
        with open_store(base / "data") as store:
            article, _ = open_article(str(page), load_settings(), store)
        text = article.text
        print(f"article: {len(text):,} characters; note cap {MAX_ANNOTATIONS:,}")

        def notes_file(name: str, count: int) -> Path:
            path = base / name
            items = [note(str(page), text, rng, rng.random() < 0.2) for _ in range(count)]
            path.write_text(json.dumps(items))
            return path

        cases = [
            ("baseline: 100 notes", notes_file("small.json", 100), 100),
            (f"{MAX_ANNOTATIONS:,} notes (the cap)", notes_file("cap.json", MAX_ANNOTATIONS), 0),
            (f"{MAX_ANNOTATIONS + 1:,} notes", notes_file("over.json", MAX_ANNOTATIONS + 1), 0),
            ("/dev/zero", Path("/dev/zero"), 0),
        ]
        context = base / "context.json"
        big = note(str(page), text, rng, False)
        big["target"]["selector"][0]["prefix"] = "word " * 180_000  # type: ignore[index]
        context.write_text(json.dumps([big]))
        cases.append(("900 KB of context", context, 0))

        per_note: dict[str, float] = {}
        print(f"{'case':<28} {'exit':>4} {'wall s':>8} {'CPU s':>7} {'RSS MB':>7}  message")
        for label, path, _ in cases:
            status, wall, cpu, rss, last = run(["import-notes", str(path)], env)
            print(f"{label:<28} {status:>4} {wall:>8.2f} {cpu:>7.2f} {rss:>7.0f}  {last[:70]}")
            if label.startswith("baseline"):
                per_note["baseline"] = wall / 100
            elif "(the cap)" in label:
                per_note["cap"] = wall / MAX_ANNOTATIONS
        if len(per_note) == 2:
            ratio = per_note["cap"] / per_note["baseline"]
            print(f"per note at the cap / per note at 100: {ratio:.2f} (start-up included)")

    index = TextIndex(text)
    start = len(text) // 2
    usual = range_anchor(text, start, start + 80)
    edited = usual.exact[:40] + "X" + usual.exact[41:]
    huge = "word " * 180_000
    timings = {}
    for label, anchor in (
        ("32-character context", TextAnchor(start + 7, start + 87, edited, usual.prefix, "")),
        ("900 KB of context", TextAnchor(start + 7, start + 87, edited, huge, huge)),
    ):
        began = time.perf_counter()
        for _ in range(20):
            index.locate(anchor)
        timings[label] = (time.perf_counter() - began) / 20
        print(f"locate, {label}: {timings[label] * 1000:.2f} ms")
    ratio = timings["900 KB of context"] / timings["32-character context"]
    print(f"900 KB / 32 characters: {ratio:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
