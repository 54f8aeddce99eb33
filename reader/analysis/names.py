"""Word lists and string rules for tidying entity names: titles, possessives,
abbreviation aliases, words that mark an organisation."""

from __future__ import annotations

import re

from reader.analysis.datewords import word_set

TITLES = word_set(
    """President Vice Secretary Sen. Senator Rep. Representative Gov. Governor
    Mayor Mr. Mr Mrs. Mrs Ms. Ms Miss Dr. Dr Prof. Professor Judge Justice Chief Minister
    Premier Chancellor King Queen Prince Princess Pope General Gen. Lt. Col. Colonel Capt.
    Captain Sgt. Sergeant Officer Detective Rev. Reverend Pastor Father Sir Dame Lord Lady
    Ambassador Director Chairman Chairwoman Chair CEO Coach Speaker Leader Sheikh Emir
    Commissioner Attorney Deputy Assistant Former Foreign Defense Defence Prime Cardinal
    Bishop Rabbi Imam Admiral Adm. Marshal Lieutenant Major Maj. Superintendent Inspector
    Spokesperson Spokesman Spokeswoman Envoy Diplomat Minister-President Gov Sen Rep"""
)
"""Words that precede a name as a title ("Foreign Minister Qin Gang")."""

PORTFOLIOS = word_set(
    """State Defense Defence Treasury Commerce Justice Interior Energy Labor Labour
    Education Health Transportation Transport Agriculture Homeland Foreign Finance Trade
    Home Security Housing Veterans"""
)
"""Department words that the recogniser tends to cut out of a title ("Secretary of
State", "Defense Secretary") and label as organisations."""

ROLE_AFTER = word_set(
    """Secretary Minister Ministry Department Dept. Chief Spokesperson Spokesman
    Spokeswoman Official Officials Committee Undersecretary Adviser Advisor"""
)

GENERIC_ORGS = word_set(
    """Group Government Administration Department Ministry Office Agency Committee
    Commission Company Corporation Court Cabinet State Bureau Service"""
)
"""Single words that name no organisation in particular."""

ORG_WORDS = word_set(
    """Corp Corp. Inc Inc. Ltd Ltd. LLC Co. Company Group Department Ministry
    University College Council Party Agency Bank Committee Association Institute Foundation
    Times News Post Journal Airlines Airways Motors Technologies Systems Administration
    Court Senate House Congress Army Navy Police Force Forces Office Commission Union
    Federation League Club Team Network Media Press Bureau Board Fund Trust Holdings"""
)
"""Words that make a "person" an organisation ("Microsoft Corp.")."""

NOT_PEOPLE = word_set(
    """Twitter Facebook Instagram YouTube WhatsApp TikTok Reddit Snapchat LinkedIn Firefox
    Chrome Safari Python Bitcoin iPhone iPad Android Windows Linux GitHub Docker Gmail
    Wikipedia Netflix Spotify Uber Zoom Slack Google Amazon Microsoft Apple Tesla""",
)
"""Brands the recogniser often takes for people."""
NOT_NAMES = word_set(
    """CPU GPU RAM ROM USB HDR HDMI IR LED LCD OLED SSD HDD DDR GDDR FPS PC TV OS API URL
    HTML PDF GPS SUV ATM DNA RNA HIV GMT UTC CST CDT EST EDT PST PDT MST BST CET CEST
    MD MA PhD Ph.D. MBA BSc MSc RN DDS JD Esq. PII DNP RV EXCLUSIVE NETWORK UPDATE UPDATED
    BREAKING WATCH VIDEO PHOTOS PHOTO ADVERTISEMENT SPONSORED LIVE""",
    lower=False,
)
"""Abbreviations of things (hardware, time zones, degrees) and page furniture in
capitals that the recogniser takes for organisations or places."""
_RUN_ON_TAIL = word_set("and or of at the in for to with by from on a an")
_SENTENCE_INSIDE = re.compile(r"\.\s+(?:The|A|An|It|He|She|They|This|That|We|I)\b")
_NAME_PARTICLES = word_set("de del della der den di du da dos van von bin al el la le ter y e")
_NOT_IN_NAMES = re.compile(r"[\d@/\\|\[\]{}<>#←→=+*_:;!?()\"“”]")

_ALIASES = {
    "united states": "United States",
    "us": "United States",
    "usa": "United States",
    "united states of america": "United States",
    "united kingdom": "United Kingdom",
    "uk": "United Kingdom",
    "european union": "European Union",
    "eu": "European Union",
    "united nations": "United Nations",
    "un": "United Nations",
    "united arab emirates": "United Arab Emirates",
    "uae": "United Arab Emirates",
    "soviet union": "Soviet Union",
    "ussr": "Soviet Union",
}
"""Abbreviations and their full names: the same place or body written two ways."""

_PERSON_AFTER = re.compile(r",\s*(?:\d{1,3}\s*[,;.)]|who\b|whose\b)")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_EDGE_PUNCT = " \t\n\"'“”‘’()[]{},;:!?*_-–—"


def alias_key(name: str) -> str | None:
    """The shared key of ``name``'s alias family ("U.S." → "united states"), or None."""
    key = name.lower().replace(".", "").strip()
    if key.startswith("the "):
        key = key[4:]
    canonical = _ALIASES.get(key)
    return canonical.lower() if canonical else None


def key_of(name: str) -> str:
    """How two spellings of one name compare: case, periods and "the" ignored."""
    key = name.lower().replace(".", "").replace("’", "'")
    key = re.sub(r"\s+", " ", key).strip()
    if key.startswith("the "):
        key = key[4:]
    return alias_key(name) or key


def trim(text: str, start: int, end: int, *, person: bool) -> tuple[int, int]:
    """Narrow ``text[start:end]`` to the name itself: no edge punctuation, no "the",
    no possessive, and for people no leading titles."""
    start, end = _strip_edges(text, start, end)
    match = _POSSESSIVE.search(text, start, end)
    if match and match.start() > start:
        end = match.start()
        start, end = _strip_edges(text, start, end)
    newline = text.find("\n", start, end)
    if newline != -1:
        end = newline
        start, end = _strip_edges(text, start, end)
    if _drops_article(text[start:end]):
        start += 4
    if person:
        start = _after_titles(text, start, end)
        start = _after_lowercase(text, start, end)
    return start, end


def _after_lowercase(text: str, start: int, end: int) -> int:
    """ "a David Moyes" (the recogniser took a word of the sentence along): drop leading
    lower-case words, keeping at least one word."""
    while True:
        space = text.find(" ", start, end)
        if space == -1 or not text[start].islower():
            return start
        start = space + 1


def _drops_article(name: str) -> bool:
    """ "the United States" → "United States"; "The Hague" keeps its article."""
    if name.startswith("the "):
        return len(name) > 4
    return name.startswith("The ") and len(name[4:].split()) >= 2


def _strip_edges(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _EDGE_PUNCT:
        start += 1
    while end > start and (text[end - 1] in _EDGE_PUNCT or text[end - 1] == "."):
        if text[end - 1] == "." and _is_abbreviation_end(text, start, end):
            break
        end -= 1
    return start, end


def _is_abbreviation_end(text: str, start: int, end: int) -> bool:
    """Keep the final period of "U.S.", "Corp." and "Jr."."""
    word = text[start:end].split()[-1] if text[start:end].split() else ""
    return word.count(".") >= 2 or word.lower() in ("corp.", "inc.", "co.", "jr.", "sr.", "ltd.")


def _after_titles(text: str, start: int, end: int) -> int:
    """Skip "Secretary of State", "U.S. Defense Secretary", "President" before a name,
    keeping at least one word."""
    words = [(m.start() + start, m.group()) for m in re.finditer(r"\S+", text[start:end])]
    if len(words) < 2:
        return start
    last_title = -1
    for i, (_, word) in enumerate(words[:-1]):
        if word.lower() in TITLES:
            last_title = i
    if last_title == -1:
        return start
    i = last_title + 1
    # "Secretary of State Antony Blinken": the "of <Department>" belongs to the title.
    if i < len(words) - 2 and words[i][1] == "of":
        i += 2
    return words[i][0] if i < len(words) else start


def cut_run_on(text: str, start: int, end: int) -> int:
    """Where a span that ran past its name should stop: before a new sentence ("One
    S. The company") and before trailing small words ("Killer Instinct and",
    "Oculus and Facebook of")."""
    inside = _SENTENCE_INSIDE.search(text, start, end)
    if inside is not None:
        end = inside.start() + 1
    while True:
        space = text.rfind(" ", start, end)
        if space == -1 or text[space + 1 : end].lower() not in _RUN_ON_TAIL:
            return end
        if not text[space + 1 : end].islower():
            return end
        end = space
        while end > start and text[end - 1] in " ,;":
            end -= 1


def looks_like_org(name: str) -> bool:
    words = name.split()
    if any(w.lower() in ORG_WORDS for w in words):
        return True
    return len(words) == 1 and name.replace(".", "").isupper() and len(name) > 1


def person_cue_after(text: str, end: int, name: str) -> bool:
    """ "Eli Mizrahi, 54, a farmer", "Amara Osei, who teaches": a two- or three-word
    capitalised name followed by an age or "who" is a person's, whatever its label."""
    words = name.split()
    if not 2 <= len(words) <= 3 or not all(w[:1].isupper() for w in words):
        return False
    return bool(_PERSON_AFTER.match(text, end)) and not looks_like_org(name)


def plausible_person(name: str) -> bool:
    """Capitalised words (particles like "van" and "bin" inside), no digits or symbols:
    "JIM WATSON/AFP" and "Lucas Nolan22" are not names of people."""
    if _NOT_IN_NAMES.search(name) or name.lower() in NOT_PEOPLE:
        return False
    words = name.split()
    if not words or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w.lower() in _NAME_PARTICLES for w in words)
