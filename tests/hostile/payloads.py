"""Building blocks for hostile pages: terminal escape payloads, markup injections and
plain article text to wrap them in (deterministic: same bytes every run)."""

from __future__ import annotations

import html
import random

# Every escape payload ends in a marker word, so a test can tell whether the sequence
# reached the output intact, was stripped (marker kept), or was dropped with its text.
ESCAPES: dict[str, str] = {
    "csi_clear": "\x1b[2J\x1b[3J\x1b[HCLEARED",
    "csi_sgr": "\x1b[31;5;7mBLINKRED\x1b[0m",
    "osc0_title": "\x1b]0;PWNED-TITLE\x07",
    "osc2_title_st": "\x1b]2;PWNED-TITLE-ST\x1b\\",
    "osc52_clipboard": "\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\x07",
    "osc8_link": "\x1b]8;;https://evil.example/osc8\x1b\\OSC8TEXT\x1b]8;;\x1b\\",
    "dcs": "\x1bP1$r0m\x1b\\DCSDONE",
    "apc": "\x1b_Gf=100;AAAA\x1b\\APCDONE",
    "c1_csi": "\x9b2J\x9b0mC1CSI",
    "c1_osc": "\x9d0;C1-TITLE\x9c",
    "bel": "BELL\x07\x07\x07",
    "backspace_overwrite": "SAFE\x08\x08\x08\x08EVIL",
    "carriage_return": "visible\rHIDDEN",
    "del": "DEL\x7fCHAR",
    "vt_ff": "VT\x0bFF\x0cEND",
    "nul_soh": "NUL\x00SOH\x01END",
    "bidi_override": "user\u202etxt.exe\u202c",
}
ALL_ESCAPES = "".join(ESCAPES.values())
"""One string holding every escape payload."""

# Numeric character references decode to the same controls only after HTML parsing,
# so a loader that filters raw bytes still lets these through.
ESCAPE_REFS = (
    "&#27;[2J&#x1b;]0;REF-TITLE&#7;&#x9b;2J&#155;0m&#x1b;]52;c;cmVm&#x07;"
    "&#x1b;P1$r&#x1b;\\&#8;&#x7f;&#x85;&#x9d;REFEND"
)

MARKUP: tuple[str, ...] = (
    "[@click=app.quit]Click to continue[/]",
    "[@click=app.bell]ring[/]",
    "[@click=screen.dismiss]dismiss[/]",
    "[bold red]not bold[/bold red]",
    "[/]",
    "[/bold]",
    "[link=https://evil.example/markup]markup link[/link]",
    "[on red]background[/]",
    "[b]unclosed bold",
    ":warning: :skull: :rocket:",
    "$app $variable ${x}",
    "[reverse][blink]x[/blink][/reverse]",
)
ALL_MARKUP = " ".join(MARKUP)
QUIT_MARKUP = "[@click=app.quit]"

REMOTE = "https://remote.example"
"""Host of every remote reference; no test may ever connect to it."""

_WORDS = [
    "harbour",
    "council",
    "volunteers",
    "clock",
    "tide",
    "engineers",
    "repaired",
    "winter",
    "storm",
    "fishing",
    "town",
    "morning",
    "evening",
    "schedule",
    "measured",
    "records",
    "history",
    "museum",
    "library",
    "market",
    "bridge",
    "river",
    "weather",
    "report",
    "survey",
    "station",
    "quarter",
    "century",
    "archive",
    "letters",
    "ferry",
    "lantern",
    "workshop",
    "timber",
    "copper",
    "gears",
    "pendulum",
    "committee",
    "funding",
    "neighbours",
    "visitors",
    "season",
]

SENTENCES = (
    "The harbour council met on Tuesday evening to discuss the repairs to the old tide clock.",
    "Volunteers from the fishing town spent three winters rebuilding its copper gears by hand.",
    "Engineers measured the pendulum against the station records kept since the last century.",
    "Visitors to the market now stop on the bridge to read the tide before the morning ferry.",
    "The museum archive holds letters describing the storm that stopped the clock in winter.",
    "Neighbours raised the funding themselves after the committee declined to pay for timber.",
    "A survey of the river showed that the schedule had drifted by eleven minutes in a season.",
    "The library lent its workshop so the lantern above the dial could be rewired safely.",
)


def paragraphs(count: int, seed: int = 1, sentences: int = 4) -> list[str]:
    """``count`` readable paragraphs of plausible article prose."""
    rng = random.Random(seed)
    return [" ".join(rng.choice(SENTENCES) for _ in range(sentences)) for _ in range(count)]


def words(count: int, seed: int = 2) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(_WORDS) for _ in range(count))


def html_page(
    title: str | None = "The tide clock of Port Wren",
    body: str = "",
    *,
    head: str = "",
    charset: str | None = "utf-8",
    doctype: str = "<!DOCTYPE html>",
    escape_title: bool = True,
) -> str:
    """A complete page; ``body`` and ``head`` are raw HTML, ``title`` is text."""
    meta = f'<meta charset="{charset}">' if charset else ""
    title_tag = ""
    if title is not None:
        title_tag = f"<title>{html.escape(title) if escape_title else title}</title>"
    return (
        f'{doctype}\n<html lang="en"><head>{meta}{title_tag}{head}</head>\n'
        f"<body>\n{body}\n</body></html>\n"
    )


def article_body(
    heading: str = "The tide clock of Port Wren",
    count: int = 6,
    extra: str = "",
    seed: int = 1,
) -> str:
    """An ``<article>`` that readability scores as the main content; ``extra`` is raw
    HTML placed after the second paragraph."""
    paras = [f"<p>{html.escape(p)}</p>" for p in paragraphs(count, seed)]
    paras.insert(2, extra)
    return f"<article><h1>{html.escape(heading)}</h1>\n" + "\n".join(paras) + "\n</article>"


def good_page(title: str = "The tide clock of Port Wren") -> bytes:
    return html_page(title, article_body(title)).encode()
