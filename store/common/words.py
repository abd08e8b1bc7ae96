"""Counts in words: "1 review", "2 reviews", "1 entry", "3 entries".

One place for every count shown with its noun, on screen and in the exports, so that a count of
one never reads "1 reviews".
"""

from __future__ import annotations

_VOWELS = frozenset("aeiou")


def plural(count: int, word: str, many: str | None = None) -> str:
    """``count`` (with thousands separated: "1,250") followed by ``word``, or by its plural
    (``many``, else the regular one)."""
    if count == 1:
        return f"{count} {word}"
    if many is None:
        if word.endswith("y") and len(word) > 1 and word[-2] not in _VOWELS:
            many = word[:-1] + "ies"
        elif word.endswith(("s", "x", "ch", "sh")):
            many = word + "es"
        else:
            many = word + "s"
    return f"{count:,} {many}"
