"""Making user-typed text safe to show in a terminal.

Text that people type (or that arrives in an import) is data. Two things can go wrong when it is
shown: control characters and escape sequences reach the terminal (an OSC 52 clipboard write, a
title change, a clear-screen), and markup-looking text is interpreted by Rich/Textual. This module
deals with the first; the UI deals with the second by never putting user text into markup strings
(it builds ``Content``/``Text`` objects from the cleaned string instead).

Stored text is kept exactly as typed where it is a record (notes); ``for_display`` is applied on
the way to the screen. Short single-line fields (names, phones) are cleaned on the way in.
"""

from __future__ import annotations

import re
import unicodedata

# ESC-introduced sequences, removed whole so no half of one is left to confuse a reader:
# CSI (ESC [ ... final), OSC/DCS/SOS/PM/APC strings (ESC ] ... BEL or ST), and two-byte escapes.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]              # CSI
    | \x1b[\]PX^_].*?(?:\x07|\x1b\\|\x9c|$)  # OSC, DCS, SOS, PM, APC up to BEL or ST
    | \x9b[0-?]*[ -/]*[@-~]              # 8-bit CSI
    | [\x90\x98\x9d\x9e\x9f].*?(?:\x07|\x1b\\|\x9c|$)  # 8-bit string introducers
    | \x1b[ -/]*[0-~]                    # other two-byte escapes (ESC c, ESC 7, ...)
    """,
    re.VERBOSE | re.DOTALL,
)

# C0 except tab and newline, DEL, and C1. A lone ESC not matched above goes here too.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_CONTROL_OR_WS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


# Characters that change how the text around them is shown without being seen themselves: the
# bidirectional controls (a right-to-left override shows "Smith" + RLO + "nosnhoJ" as
# "SmithJohnson"), zero-width characters and the soft hyphen (two names that look the same
# are different), and the byte-order mark. Kept as typed; shown by their short Unicode names.
INVISIBLE_NAMES: dict[str, str] = {
    "\u00ad": "SHY",  # soft hyphen
    "\u061c": "ALM",  # Arabic letter mark
    "\u200b": "ZWSP",
    "\u200c": "ZWNJ",
    "\u200d": "ZWJ",
    "\u200e": "LRM",
    "\u200f": "RLM",
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2060": "WJ",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
    "\ufeff": "BOM",
}
_INVISIBLE = re.compile("[" + "".join(INVISIBLE_NAMES) + "]")
_ZWJ = "\u200d"


def _emoji_part(character: str) -> bool:
    """A pictograph, a skin tone or the emoji-style selector: what a ZWJ joins in 👩‍💻."""
    return (
        unicodedata.category(character) == "So"
        or character == "\ufe0f"
        or "\U0001f3fb" <= character <= "\U0001f3ff"
    )


def visible_parts(text: str) -> list[tuple[str, bool]]:
    """``text`` in pieces, each with whether it is a mark standing for an invisible character
    (``⟨RLO⟩`` for U+202E); the pieces joined are what the screen shows. A zero-width joiner
    between two emoji (👩‍💻, 👨‍👩‍👧) is part of the picture and stays as it is."""
    if text.isascii() or not _INVISIBLE.search(text):
        return [(text, False)]
    parts: list[tuple[str, bool]] = []
    start = 0
    for found in _INVISIBLE.finditer(text):
        at = found.start()
        character = found.group()
        if (
            character == _ZWJ
            and 0 < at < len(text) - 1
            and _emoji_part(text[at - 1])
            and _emoji_part(text[at + 1])
        ):
            continue
        if at > start:
            parts.append((text[start:at], False))
        parts.append((f"⟨{INVISIBLE_NAMES[character]}⟩", True))
        start = at + 1
    if start < len(text):
        parts.append((text[start:], False))
    return parts


def visible(text: str) -> str:
    """``text`` with its invisible and direction-changing characters shown as marks."""
    return "".join(piece for piece, _mark in visible_parts(text))


def strip_control(text: str) -> str:
    """Remove escape sequences and control characters, keeping tabs and newlines."""
    if not text:
        return text
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


def single_line(text: str) -> str:
    """Clean text for a one-line cell: control characters gone, tabs and newlines as spaces."""
    if not text:
        return text
    cleaned = _ESCAPE_SEQUENCE.sub("", text)
    cleaned = cleaned.replace("\r\n", " ").replace("\n", " ").replace("\t", " ")
    return _CONTROL_OR_WS.sub("", cleaned)


def pasted(text: str) -> str:
    """Pasted text as it may go into a field: escape sequences and control characters removed,
    tabs kept, and line breaks as newlines (terminals send a pasted line break as a carriage
    return, which would otherwise be removed with the other control characters)."""
    if not text:
        return text
    return strip_control(text.replace("\r\n", "\n").replace("\r", "\n"))


def preview_line(text: str, width: int | None = None, *, markdown: bool = False) -> str:
    """The first line of a text with something on it, for a list or a title, cut to ``width``
    with "…". Escape sequences are removed from the whole text first: one can span lines, and
    cutting first could leave half of one behind. ``markdown``: heading marks dropped."""
    if not text:
        return ""
    for line in pasted(text).splitlines():
        words = " ".join(line.split())
        if markdown:
            words = words.lstrip("#").strip()
        if words:
            if width is not None and len(words) > width:
                return words[: width - 1] + "…"
            return words
    return ""


def clean_field(text: str) -> str:
    """Normalise a short typed field on its way into the store (names, phones, refs).

    NFC so that the same name typed on two keyboards compares equal; single-line; trimmed;
    inner runs of spaces folded.
    """
    return " ".join(single_line(unicodedata.normalize("NFC", text)).split())


def fold(text: str) -> str:
    """A search/sort key, case-folded, without accents or invisible characters: "Zoë" -> "zoe",
    "ŁUKASZ" -> "lukasz"."""
    lowered = text.casefold()
    if lowered.isascii():  # most text: nothing to decompose, and 20 times quicker
        return lowered
    # Invisible characters don't count: "Smi<ZWSP>th" is found by "smith", and is a possible
    # duplicate of a Smith already on record.
    lowered = _INVISIBLE.sub("", lowered)
    decomposed = unicodedata.normalize("NFKD", lowered)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Letters NFKD doesn't decompose but people type without the stroke.
    return stripped.translate(_FOLD_EXTRA)


_FOLD_EXTRA = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ħ": "h",
        "\u0131": "i",  # dotless i
        "ŧ": "t",
        "æ": "ae",
        "œ": "oe",
        "ß": "ss",
    }
)
