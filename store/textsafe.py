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
    """A search/sort key, case-folded and without accents: "Zoë" -> "zoe", "ŁUKASZ" -> "lukasz"."""
    lowered = text.casefold()
    if lowered.isascii():  # most text: nothing to decompose, and 20 times quicker
        return lowered
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
