"""The columns of a RecordTable: what each shows, and which fit the width there is."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

RowT = TypeVar("RowT")
GAP = 1


@dataclass(frozen=True)
class Column(Generic[RowT]):
    """A column: how to show it, sort by it, and when to give it up."""

    key: str
    label: str
    width: int  # preferred (minimum, for the flexible column)
    keep: int  # higher is kept longer when space is short
    text: Callable[[RowT, date], str]
    sort: Callable[[RowT], Any]
    flexible: bool = False
    # A flexible column's text, up to this many cells (and its longest text), comes before
    # the columns kept less long: they give way rather than cut it.
    reserve: int = 0


def layout_columns(
    columns: Sequence[Column[RowT]],
    available: int,
    hidden: Sequence[str] = (),
    widths: dict[str, int] | None = None,
    sort_key: str = "",
    needs: dict[str, int] | None = None,
) -> list[tuple[Column[RowT], int]]:
    """Choose the columns that fit ``available`` cells and their widths, in display order.

    ``widths`` overrides preferred widths measured from the data (a reference column sized to
    the longest reference, say). ``needs``, the longest text of each column, narrows a fixed
    column to it and gives the room left to the flexible columns, up to their longest text
    first (a title before a summary), so no text is cut while there is room to spare.
    """
    measured = widths or {}
    needed = needs or {}
    candidates = [c for c in columns if c.key not in hidden]

    def width_of(col: Column[RowT]) -> int:
        # The label always fits, with the arrow beside it on the sorted column.
        arrow = 1 if col.key == sort_key else 0
        preferred = measured.get(col.key, col.width)
        if not col.flexible and col.key in needed:
            preferred = min(preferred, needed[col.key])
        return max(preferred, len(col.label) + arrow)

    def reserved(col: Column[RowT]) -> int:
        return max(width_of(col), min(col.reserve, needed.get(col.key, 0)))

    chosen = list(candidates)
    while chosen:
        total = sum(reserved(c) for c in chosen) + GAP * (len(chosen) - 1)
        if total <= available or len(chosen) <= 2:
            break
        chosen.remove(min(chosen, key=lambda c: c.keep))
    gaps = GAP * (len(chosen) - 1)
    sizes = {c.key: reserved(c) for c in chosen}
    if sum(sizes.values()) + gaps > available:  # too narrow to honour the reservations
        sizes = {c.key: width_of(c) for c in chosen}
    spare = available - sum(sizes.values()) - gaps
    # Spare room goes to the flexible columns still short of their longest text, a cell to
    # each in turn (so a long summary doesn't take it all); what is left, or a shortfall, is
    # shared by the flexible columns shown, the first taking any remainder.
    flexible = [c for c in chosen if c.flexible]
    wanting = sorted(flexible, key=lambda c: -c.keep)
    while spare > 0:
        short = [c for c in wanting if sizes[c.key] < needed.get(c.key, 0)]
        for col in short[:spare]:
            sizes[col.key] += 1
        spare -= len(short[:spare])
        if not short:
            break
    for i, col in enumerate(flexible):
        share = spare // len(flexible) + (spare % len(flexible) if i == 0 else 0)
        sizes[col.key] = max(4, sizes[col.key] + share)
    return [(c, sizes[c.key]) for c in chosen]
