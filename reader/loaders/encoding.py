"""Turn a page's bytes into text: BOM, then declared charsets (verified), then detection.

Declared charsets are often wrong on the web (a ``gb2312`` meta tag on a page that was
re-saved as UTF-8, ``iso-8859-1`` on Windows text), so a declaration is only used when
the bytes decode strictly under it *and* the result does not read as mojibake.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Labels as browsers read them (WHATWG Encoding Standard): the legacy names stand for
# the Windows/superset code pages that pages labelled so actually use.
_ALIASES: dict[str, str] = {
    **dict.fromkeys(
        (
            "iso-8859-1",
            "iso8859-1",
            "iso_8859-1",
            "latin1",
            "latin-1",
            "l1",
            "ascii",
            "us-ascii",
            "ansi_x3.4-1968",
            "cp819",
            "ibm819",
            "windows-1252",
            "x-cp1252",
        ),
        "cp1252",
    ),
    **dict.fromkeys(
        (
            "gb2312",
            "gbk",
            "x-gbk",
            "gb_2312",
            "gb_2312-80",
            "chinese",
            "csgb2312",
            "euc-cn",
            "iso-ir-58",
            "cp936",
            "windows-936",
        ),
        "gb18030",
    ),
    **dict.fromkeys(
        (
            "shift_jis",
            "shift-jis",
            "sjis",
            "x-sjis",
            "ms_kanji",
            "ms932",
            "windows-31j",
            "csshiftjis",
        ),
        "cp932",
    ),
    **dict.fromkeys(("euc-kr", "ks_c_5601-1987", "ks_c_5601-1989", "ksc5601", "korean"), "cp949"),
    **dict.fromkeys(("big5", "big5-hkscs", "cn-big5", "x-x-big5", "csbig5"), "big5hkscs"),
    **dict.fromkeys(("iso-8859-9", "iso8859-9", "latin5", "l5"), "cp1254"),
    **dict.fromkeys(("tis-620", "iso-8859-11", "windows-874"), "cp874"),
    **dict.fromkeys(
        ("utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"), "utf-8"
    ),
}
# Never honoured: UTF-7 hides markup from filters, the escape codecs would turn "\x1b"
# written in a page into a real ESC, and the rest are not page encodings.
_REFUSED = {
    "utf_7",
    "utf-7",
    "replacement",
    "unicode-escape",
    "raw-unicode-escape",
    "idna",
    "punycode",
    "undefined",
    "charmap",
}

# A declaration is trusted when the text it gives scores below this on charset-normalizer's
# mess detector (0 for clean text, ~2 for Latin-1 read of Chinese, 0.2 for SJIS read as GBK).
_MESS_LIMIT = 0.1
_MESS_SAMPLE = 64 * 1024
_DETECT_SAMPLE = 64 * 1024
_SMALL_ENOUGH = 64 * 1024
_HIGH_RUN = re.compile(rb"[\x80-\xff][\x40-\xff]*")
_CONTEXT = re.compile(rb"[\x40-\x7f]{1,64}\Z")
_MAX_RUN = 16 * 1024
_MAX_RUNS = 50_000
# Ties in detection (cp1250/cp1252/cp1257 read plain Western text equally well) go to the
# encoding most pages without a charset really use.
_TIE_PREFERENCE = ("utf_8", "cp1252", "gb18030", "cp932", "cp949", "big5hkscs")

# Single-byte Latin code pages read each other's bytes without an error and without
# "mess", so detection among them is a coin toss; browsers fall back to windows-1252
# for such pages, and so do we whenever it decodes the bytes.
_LATIN_SINGLE_BYTE = frozenset(
    codecs.lookup(name).name
    for name in (
        "cp1250",
        "cp1252",
        "cp1254",
        "cp1257",
        "cp1258",
        "latin_1",
        "iso8859_2",
        "iso8859_3",
        "iso8859_4",
        "iso8859_9",
        "iso8859_10",
        "iso8859_13",
        "iso8859_14",
        "iso8859_15",
        "iso8859_16",
        "mac_roman",
        "mac_latin2",
    )
)

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_XML_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]{0,200}?encoding\s*=\s*["']([^"']{1,40})["']""")


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    notes: tuple[str, ...] = ()


def codec_for(label: str | None, *, in_document: bool = False) -> str | None:
    """The Python codec for a charset label, or None for unknown/unsafe labels.

    ``in_document`` is for labels found inside the bytes themselves: a page whose meta tag
    could be read as ASCII is not UTF-16/32, whatever the tag says (as browsers do)."""
    if not label:
        return None
    name = label.strip().strip("\"'").strip().lower()
    if not name or len(name) > 40:
        return None
    name = _ALIASES.get(name, name)
    if name in _REFUSED:
        return None
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _REFUSED:
        return None  # e.g. "base64", "zlib", "rot13": not a charset
    if in_document and info.name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return info.name


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding named by a byte-order mark, and the mark's length."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """Spot UTF-16 text that lost its BOM: mostly-ASCII text then has a NUL in every
    other byte, on one side only."""
    sample = data[:4096]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 8:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    if even_nuls > 0.4 and odd_nuls < 0.05:
        candidate = "utf-16-be"
    elif odd_nuls > 0.4 and even_nuls < 0.05:
        candidate = "utf-16-le"
    else:
        return None
    try:
        data[: len(data) - len(data) % 2].decode(candidate)
    except UnicodeDecodeError:
        return None
    return candidate


def xml_declared(data: bytes) -> str | None:
    match = _XML_DECLARATION.match(data[:512])
    return match.group(1).decode("ascii", "replace") if match else None


def decode(
    data: bytes, declared: tuple[str | None, ...] = (), *, in_document: str | None = None
) -> Decoded:
    """Decode ``data``. ``declared`` are charsets from outside the bytes (HTTP header, MIME
    part), best first; ``in_document`` is one found in the bytes (meta tag, XML
    declaration). Both are verified before use; NUL bytes are dropped."""
    bom = bom_encoding(data)
    if bom:
        name, size = bom
        return _decode_whole(data[size:], name, "byte-order mark")
    wide = utf16_without_bom(data)
    if wide:
        return _decode_whole(data, wide, "byte pattern")

    external = [c for c in (codec_for(d) for d in declared) if c]
    for codec in external:
        # A header may rightly say UTF-16/32 for text with no BOM (and NULs in it).
        if codec.startswith(("utf-16", "utf-32")):
            text = _strict(data, codec)
            if text is not None and text.strip("\x00"):
                return _decode_whole(data, codec, "declaration")

    notes: list[str] = []
    nuls = data.count(0)
    if nuls:
        data = data.replace(b"\x00", b"")
        notes.append(f"removed {nuls} NUL byte{'s' if nuls != 1 else ''}")

    candidates = list(external)
    in_doc = codec_for(in_document, in_document=True)
    if in_doc:
        candidates.append(in_doc)
    candidates = list(dict.fromkeys(candidates))

    if data.isascii():
        # Pure ASCII reads the same under every ASCII-based charset; only 7-bit
        # stateful ones (ISO-2022-JP, HZ) differ, and then only when they decode.
        for codec in candidates:
            if codec.startswith(("iso2022", "hz")):
                text = _strict(data, codec)
                if text is not None:
                    return Decoded(text, codec, tuple(notes))
        return Decoded(data.decode("ascii"), "ascii", tuple(notes))

    text = _strict(data, "utf-8")
    if text is not None:
        # Valid multi-byte UTF-8 is almost never an accident, so it beats any label.
        if candidates and candidates[0] != "utf-8":
            notes.append(f"declared charset {candidates[0]} did not fit; read as UTF-8")
        return Decoded(text, "utf-8", tuple(notes))

    text = _mostly_utf8(data)
    if text is not None:
        notes.append("some bytes are not valid UTF-8 and were replaced")
        return Decoded(text, "utf-8", tuple(notes))

    fallback: Decoded | None = None
    for codec in candidates:
        text = _strict(data, codec)
        if text is None:
            continue
        if _reads_cleanly(text):
            return Decoded(text, codec, tuple(notes))
        fallback = fallback or Decoded(text, codec, tuple(notes))

    detected = _detect(data)
    if detected:
        text = _strict(data, detected)
        if text is not None:
            if candidates:
                notes.append(f"declared charset {candidates[0]} did not fit; detected {detected}")
            return Decoded(text, detected, tuple(notes))
    if fallback:
        return fallback
    codec = detected or "utf-8"
    notes.append(f"some bytes are not valid {codec} and were replaced")
    return Decoded(data.decode(codec, "replace"), codec, tuple(notes))


def _decode_whole(data: bytes, codec: str, why: str) -> Decoded:
    text = _strict(data, codec)
    notes: tuple[str, ...] = ()
    if text is None:
        text = data.decode(codec, "replace")
        notes = (f"{codec} by {why}, but some bytes were invalid and replaced",)
    if "\x00" in text:
        count = text.count("\x00")
        text = text.replace("\x00", "")
        notes = (*notes, f"removed {count} NUL character{'s' if count != 1 else ''}")
    return Decoded(text, codec, notes)


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeError, LookupError, ValueError):
        return None


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken sequences (a cut-off download, one pasted-in Latin-1
    word): most of its non-ASCII characters still decode, which no other encoding's
    text does by chance."""
    text = data.decode("utf-8", "replace")
    non_ascii = len(text) - len(text.encode("ascii", "ignore"))
    broken = text.count("\ufffd") - data.count("\ufffd".encode())
    good = non_ascii - broken
    return text if good >= 4 and good >= 8 * broken else None


def _reads_cleanly(text: str) -> bool:
    """True unless the text looks like mojibake (wrong charset that happened to decode)."""
    first = _NON_ASCII.search(text)
    if first is None:
        return True
    from charset_normalizer.md import mess_ratio  # not needed for ASCII pages

    sample = text[max(0, first.start() - 200) : first.start() + _MESS_SAMPLE]
    return mess_ratio(sample, _MESS_LIMIT) < _MESS_LIMIT


def _detection_sample(data: bytes) -> bytes:
    """The bytes to guess from: the stretches of non-ASCII text with a little context.

    charset-normalizer judges a few small chunks of what it is given, so a page whose
    non-ASCII text follows 200 KB of markup must be condensed first. Pieces are cut only
    at bytes below 0x40, which no multi-byte charset uses inside a character: a sample
    that ends mid-character would rule out the right encoding."""
    if len(data) <= _SMALL_ENOUGH:
        return data
    pieces: list[bytes] = []
    size = 0
    for count, run in enumerate(_HIGH_RUN.finditer(data)):
        if size >= _DETECT_SAMPLE or count >= _MAX_RUNS:
            break
        if run.end() - run.start() > _MAX_RUN:
            continue
        context = _CONTEXT.search(data, max(0, run.start() - 64), run.start())
        piece = data[context.start() if context else run.start() : run.end()]
        pieces.append(piece)
        size += len(piece) + 1
    if pieces:
        return b"\n".join(pieces)
    sample = data[:_DETECT_SAMPLE]
    cut = max(sample.rfind(b"\n"), sample.rfind(b" "), sample.rfind(b"<"))
    return sample[:cut] if cut > 0 else sample


def _detect(data: bytes) -> str | None:
    """Best guess by charset-normalizer, preferring common encodings among equal guesses."""
    import charset_normalizer

    sample = _detection_sample(data)
    results = charset_normalizer.from_bytes(sample)
    best = results.best()
    if best is None:
        return None
    tied = {
        name
        for match in results
        if abs(match.chaos - best.chaos) < 0.005 and match.coherence >= best.coherence - 0.005
        for name in (match.encoding, *match.could_be_from_charset)
    }
    for name in _TIE_PREFERENCE:
        if name in tied:
            return codecs.lookup(name).name
    guess = codecs.lookup(best.encoding).name
    if guess in _LATIN_SINGLE_BYTE and _strict(data, "cp1252") is not None:
        return "cp1252"
    return guess
