"""Which cells of a line drawn again differ from what was drawn there before: so that only
those are sent to the terminal (over SSH every byte counts)."""

from __future__ import annotations

from collections.abc import Iterable

from rich.cells import get_character_cell_size
from rich.style import Style
from textual.strip import Strip

# Starting to send again further along a line costs some 30 bytes (moving the cursor there,
# then the colours): cells that read the same between two that differ are sent with them
# when fewer than this lie between.
JOIN = 24

Cell = tuple[str, Style | None]


def cells(strip: Strip) -> list[Cell]:
    """The line cell by cell: its character and style. Both cells of a wide character hold
    it, so that a span of cells that differ never starts or ends inside one."""
    found: list[Cell] = []
    add = found.append
    for text, style, control in strip:
        if control:
            continue
        for character in text:
            add((character, style))
            if get_character_cell_size(character) == 2:
                add((character, style))
    return found


def changed_spans(old: Strip, new: Strip, join: int = JOIN) -> list[tuple[int, int]]:
    """The cells ``new`` draws differently from ``old``, as ranges ``(start, end)`` (end not
    included); ranges fewer than ``join`` cells apart are one. The whole line if the two are
    not the same width."""
    if old.cell_length != new.cell_length:
        return [(0, max(old.cell_length, new.cell_length))]
    differ = _narrow_differences(old, new)
    if differ is None:  # a wide character: cell by cell
        before, after = cells(old), cells(new)
        differ = [x for x, (was, now) in enumerate(zip(before, after, strict=True)) if was != now]
    return runs_of(differ, join)


def runs_of(positions: Iterable[int], join: int) -> list[tuple[int, int]]:
    """Increasing ``positions`` as ranges ``(start, end)`` (end not included); positions fewer
    than ``join`` apart are one range (sending the few between costs less than starting
    again)."""
    runs: list[tuple[int, int]] = []
    start = last = -1
    for x in positions:
        if start < 0:
            start = x
        elif x - last > join:
            runs.append((start, last + 1))
            start = x
        last = x
    if start >= 0:
        runs.append((start, last + 1))
    return runs


def _narrow_differences(old: Strip, new: Strip) -> list[int] | None:
    """The cells that differ, if every character of both lines is one cell wide (as in a
    table of names and dates): a character and a style a cell, compared at C speed."""
    old_text, old_styles = _spread(old)
    new_text, new_styles = _spread(new)
    if len(old_text) != old.cell_length or len(new_text) != new.cell_length:
        return None
    return [
        x
        for x, (was, now, was_style, now_style) in enumerate(
            zip(old_text, new_text, old_styles, new_styles, strict=True)
        )
        if was != now or (was_style is not now_style and was_style != now_style)
    ]


def _spread(strip: Strip) -> tuple[str, list[Style | None]]:
    text: list[str] = []
    styles: list[Style | None] = []
    for piece, style, control in strip:
        if not control:
            text.append(piece)
            styles.extend([style] * len(piece))
    return "".join(text), styles
