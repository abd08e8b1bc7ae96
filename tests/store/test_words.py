"""Counts with their nouns: the one helper the screens and the exports share."""

from __future__ import annotations

import pytest

from store.common.words import plural


@pytest.mark.parametrize(
    ("count", "word", "expected"),
    [
        (0, "review", "0 reviews"),
        (1, "review", "1 review"),
        (2, "review", "2 reviews"),
        (1, "entry", "1 entry"),
        (3, "entry", "3 entries"),
        (2, "day", "2 days"),
        (2, "open action", "2 open actions"),
        (2, "match", "2 matches"),
    ],
)
def test_plural(count: int, word: str, expected: str) -> None:
    assert plural(count, word) == expected


def test_an_irregular_plural_is_given() -> None:
    assert plural(1, "person", "people") == "1 person"
    assert plural(4, "person", "people") == "4 people"
