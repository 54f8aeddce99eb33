"""Re-anchoring rate: random highlights and positions on real article texts, then the
text is perturbed the ways re-extraction and editing change it, and each anchor is
placed again. Every edit is tracked character by character, so each anchor's true new
place is known and a placement is scored as right, wrong, or orphaned.

    python bench/anchoring_bench.py [--corpus ../shared/corpus/mozilla] [--per-page 20]

A placement is right when it covers >= 80% of the passage's surviving characters and
>= 80% of it lies in the passage; an anchor whose passage lost more than half its
characters should come back orphaned.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.anchoring import TextIndex, point_anchor, range_anchor  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "mozilla"
FILLER_TEXT = (
    "This paragraph was added later by the site's editors. It says nothing that "
    "was there before, and readers who saved the page earlier will not have seen it."
)
FILLER = re.findall(r"\S+", FILLER_TEXT)


class Tracked:
    """A text being edited, remembering which original character each one came from."""

    def __init__(self, text: str) -> None:
        self.chars = list(text)
        self.origin = list(range(len(text)))

    def replace(self, start: int, end: int, new: str, keep_origin: bool = False) -> None:
        origins = (
            [self.origin[start + i] if start + i < end else -1 for i in range(len(new))]
            if keep_origin
            else [-1] * len(new)
        )
        self.chars[start:end] = list(new)
        self.origin[start:end] = origins

    @property
    def text(self) -> str:
        return "".join(self.chars)

    def forward(self, length: int) -> list[int]:
        where = [-1] * length
        for new, old in enumerate(self.origin):
            if old >= 0:
                where[old] = new
        return where


def _spans(pattern: str, text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(pattern, text)]


def whitespace(t: Tracked, rng: random.Random) -> None:
    """Reflowed and re-spaced text: what a different extractor or a re-save does."""
    for start, end in reversed(_spans(r"[ \n]+", t.text)):
        roll = rng.random()
        if roll < 0.05:
            t.replace(start, end, "  ", keep_origin=True)
        elif roll < 0.10:
            t.replace(start, end, "\n", keep_origin=True)
        elif roll < 0.12 and end - start > 1:
            t.replace(start, end, " ", keep_origin=True)


def typography(t: Tracked, rng: random.Random) -> None:
    swaps = {"'": "\u2019", '"': "\u201c", "-": "\u2013", "\u2019": "'", "\u201c": '"'}
    for i, ch in enumerate(t.chars):
        if ch in swaps and rng.random() < 0.8:
            t.chars[i] = swaps[ch]


def insert_paragraphs(t: Tracked, rng: random.Random) -> None:
    breaks = _spans(r"\n\n", t.text) or [(0, 0)]
    for start, _ in sorted(rng.sample(breaks, min(3, len(breaks))), reverse=True):
        words = rng.sample(FILLER, rng.randint(8, len(FILLER)))
        t.replace(start, start, "\n\n" + " ".join(words) + ".")


def delete_paragraphs(t: Tracked, rng: random.Random) -> None:
    paragraphs = _spans(r"[^\n]+(\n\n|$)", t.text)
    if len(paragraphs) < 4:
        return
    for start, end in sorted(rng.sample(paragraphs, 2), reverse=True):
        t.replace(start, end, "")


def word_edits(t: Tracked, rng: random.Random) -> None:
    """About one word in thirty replaced, dropped or doubled: an edited page."""
    for start, end in reversed(_spans(r"\w+", t.text)):
        roll = rng.random()
        if roll < 0.012:
            t.replace(start, end, rng.choice(FILLER))
        elif roll < 0.024:
            t.replace(start, min(end + 1, len(t.chars)), "")
        elif roll < 0.034:
            t.replace(end, end, " " + rng.choice(FILLER))


def everything(t: Tracked, rng: random.Random) -> None:
    for perturb in (whitespace, typography, insert_paragraphs, delete_paragraphs, word_edits):
        perturb(t, rng)


SCENARIOS: dict[str, Callable[[Tracked, random.Random], None]] = {
    "whitespace": whitespace,
    "typography": typography,
    "insert paragraphs": insert_paragraphs,
    "delete paragraphs": delete_paragraphs,
    "word edits (3%)": word_edits,
    "all of these": everything,
}


@dataclass
class Tally:
    placeable: int = 0
    right: int = 0
    wrong: int = 0
    lost: int = 0
    """Placeable but orphaned."""
    gone: int = 0
    """Passage removed: should be orphaned."""
    gone_orphaned: int = 0
    points: int = 0
    points_right: int = 0
    seconds: float = 0.0
    methods: dict[str, int] = field(default_factory=dict)

    def add(self, other: Tally) -> None:
        for name in ("placeable", "right", "wrong", "lost", "gone", "gone_orphaned"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.points += other.points
        self.points_right += other.points_right
        self.seconds += other.seconds
        for method, count in other.methods.items():
            self.methods[method] = self.methods.get(method, 0) + count


def random_ranges(text: str, rng: random.Random, count: int) -> list[tuple[int, int]]:
    words = _spans(r"\S+", text)
    ranges = []
    for _ in range(count):
        first = rng.randrange(len(words))
        length = rng.choice([1, 2, 3, 5, 8, 13, 21, 40])
        last = min(len(words) - 1, first + length - 1)
        ranges.append((words[first][0], words[last][1]))
    return ranges


def folded(text: str) -> str:
    return " ".join(text.lower().split())


def evaluate(text: str, name: str, rng: random.Random, per_page: int) -> dict[bool, Tally]:
    """Tallies for passages unique in the page (False) and repeated in it (True, same
    words ignoring case and spacing): a removed passage that is repeated elsewhere
    cannot be told from its copy."""
    tallies = {False: Tally(), True: Tally()}
    edited = Tracked(text)
    SCENARIOS[name](edited, rng)
    new_text = edited.text
    forward = edited.forward(len(text))
    index = TextIndex(new_text)
    started = time.perf_counter()
    plain = folded(text)
    for start, end in random_ranges(text, rng, per_page):
        tally = tallies[plain.count(folded(text[start:end])) > 1]
        kept = [forward[i] for i in range(start, end) if forward[i] >= 0]
        found = index.locate(range_anchor(text, start, end))
        if found is not None:
            tally.methods[str(found.method)] = tally.methods.get(str(found.method), 0) + 1
        if len(kept) < (end - start) / 2:
            tally.gone += 1
            tally.gone_orphaned += found is None
            continue
        tally.placeable += 1
        if found is None:
            tally.lost += 1
            continue
        true_start, true_end = min(kept), max(kept) + 1
        # Recall: the highlighted characters still there that the placement covers.
        # Precision: the share of the placement inside the passage (text inserted into
        # the passage counts as inside).
        recall = sum(found.start <= k < found.end for k in kept) / len(kept)
        inside = max(0, min(found.end, true_end) - max(found.start, true_start))
        precision = inside / max(found.end - found.start, 1)
        if recall >= 0.8 and precision >= 0.8:
            tally.right += 1
        else:
            tally.wrong += 1
    for start, _ in random_ranges(text, rng, per_page):
        tally = tallies[plain.count(folded(text[start : start + 32])) > 1]
        later = next((forward[i] for i in range(start, len(text)) if forward[i] >= 0), None)
        if later is None:
            continue
        # Right anywhere between the last character kept before the point and the
        # first kept from it on (a word edited at the point moves it within that gap).
        before = next((forward[i] for i in range(start - 1, -1, -1) if forward[i] >= 0), -1)
        around = range(max(0, start - 32), min(len(text), start + 32))
        if sum(forward[i] >= 0 for i in around) < len(around) / 2:
            continue  # quote and context removed: the store falls back to the same share
        tally.points += 1
        where = index.locate_point(point_anchor(text, start))
        tally.points_right += where is not None and before - 2 <= where <= later + 3
    tallies[False].seconds += time.perf_counter() - started
    return tallies


def load_texts(corpus: Path, limit: int | None) -> list[str]:
    from reader.errors import ReaderError
    from reader.service import read_article

    texts = []
    for page in sorted(corpus.glob("*/source.html"))[:limit]:
        try:
            text = read_article(str(page)).text
        except ReaderError:
            continue
        if len(text) >= 400:
            texts.append(text)
    return texts


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--per-page", type=int, default=20)
    parser.add_argument("--pages", type=int, default=None)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    started = time.perf_counter()
    texts = load_texts(args.corpus, args.pages)
    print(f"{len(texts)} article texts from {args.corpus} ({time.perf_counter() - started:.1f} s)")
    rng = random.Random(args.seed)
    print("\npassages unique in their page:")
    print(
        f"{'scenario':<18} {'anchors':>7} {'right':>7} {'wrong':>7} {'orphaned':>8} "
        f"{'gone→orphan':>11} {'points':>7} {'ms/anchor':>9}"
    )
    total = {False: Tally(), True: Tally()}
    for name in SCENARIOS:
        tally = {False: Tally(), True: Tally()}
        for text in texts:
            for repeated, part in evaluate(text, name, rng, args.per_page).items():
                tally[repeated].add(part)
        for repeated in (False, True):
            total[repeated].add(tally[repeated])
        row = tally[False]
        anchors = row.placeable + row.gone + row.points + tally[True].placeable
        print(
            f"{name:<18} {row.placeable:>7} {pct(row.right, row.placeable):>7} "
            f"{pct(row.wrong, row.placeable):>7} {pct(row.lost, row.placeable):>8} "
            f"{pct(row.gone_orphaned, row.gone):>11} {pct(row.points_right, row.points):>7} "
            f"{1000 * row.seconds / max(anchors, 1):>9.2f}"
        )
    print()
    for repeated, label in ((False, "unique passages"), (True, "repeated passages")):
        t = total[repeated]
        print(
            f"{label}: {pct(t.right, t.placeable).strip()} of {t.placeable} placed right, "
            f"{pct(t.wrong, t.placeable).strip()} misplaced, "
            f"{pct(t.lost, t.placeable).strip()} orphaned; "
            f"{pct(t.gone_orphaned, t.gone).strip()} of {t.gone} removed ones orphaned"
        )
    for repeated, label in ((False, "unique"), (True, "repeated")):
        t = total[repeated]
        print(
            f"reading positions ({label} passages) resumed: "
            f"{pct(t.points_right, t.points).strip()} of {t.points}"
        )
    methods: dict[str, int] = {}
    for t in total.values():
        for method, count in t.methods.items():
            methods[method] = methods.get(method, 0) + count
    print("placed by: " + ", ".join(f"{k} {v}" for k, v in sorted(methods.items())))


if __name__ == "__main__":
    main()
