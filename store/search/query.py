"""What a person typed in the search box, as terms to look for: never an error.

Any text is valid. Words are runs of letters and digits, as the index splits them; a word
written with joining marks (``covid-19``, ``o'brien``, ``a/b``) is a phrase of its parts, and
text in double quotes is a phrase ("home visit": the words together, in that order). Every
other mark (parentheses, ``*``, ``AND``'s meaning, emoji, control characters) is nothing but a
gap between words. The last word is a prefix while it is being typed (no space after it yet),
from two letters on. What is searched is built from these terms by the dialect, each quoted,
so nothing typed is ever read as the search engine's syntax.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Beyond these, the rest of what was typed is left out: a search box, not a document.
MAX_CHARS = 500
MAX_TERMS = 12
MAX_WORD = 64
PREFIX_FROM = 2  # a one-letter prefix would match most of the index

_WORD = re.compile(r"[^\W_]+")
_PIECES = re.compile(r'"([^"]*)("?)|(\S+)')


@dataclass(frozen=True)
class Term:
    """Words to find together, in order; ``prefix``: the last may be the start of a word."""

    words: tuple[str, ...]
    prefix: bool = False


def words_of(text: str) -> tuple[str, ...]:
    """The words of ``text`` as the index sees them (case and accents are the index's to
    fold)."""
    return tuple(w[:MAX_WORD] for w in _WORD.findall(text))


def parse(typed: str) -> tuple[Term, ...]:
    """The terms of ``typed``; empty if it has no word to search for."""
    text = unicodedata.normalize("NFC", typed[:MAX_CHARS])
    terms: list[Term] = []
    ends_open = False  # the last piece runs to the end of the text (no space or quote after it)
    for found in _PIECES.finditer(text):
        quoted, closed, bare = found.group(1), found.group(2), found.group(3)
        words = words_of(bare if bare is not None else quoted)
        if not words:
            continue
        terms.append(Term(words))
        ends_open = found.end() == len(text) and (bare is not None or not closed)
    if len(terms) > MAX_TERMS:
        terms, ends_open = terms[:MAX_TERMS], False  # the word being typed was left out
    if terms and ends_open and len(terms[-1].words[-1]) >= PREFIX_FROM:
        terms[-1] = Term(terms[-1].words, prefix=True)
    return tuple(terms)


def highlight_words(terms: tuple[Term, ...]) -> tuple[str, ...]:
    """Every word searched for (for a screen to say what it looked for)."""
    return tuple(word for term in terms for word in term.words)
