"""One line of a RecordTable: its cells, each cut or padded to its column, in one strip.

A filter keystroke draws a screenful of rows not drawn before, so this is on the path of every
key typed into a caseload's filter. Building each line as a Rich ``Text`` and rendering it cost
about a third of a millisecond a line (most of a keystroke's own work); a cell of plain text,
nearly every cell, is cut and padded here as ``Text.truncate`` would, and its segment made
directly. A cell with marks for invisible characters (``⟨RLO⟩``, drawn dim), or a line wider
than the table, is made the ``Text`` way, which ``tests/tui/test_row_line.py`` holds the quick
way to, cell for cell and style for style.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from store.common.textsafe import visible_parts
from tui.text import line_text
from tui.widgets.columns import GAP

# A cell: its text (one line, cleaned), its style, and its column's width.
Cell = tuple[str, Style, int]


def row_strip(
    lead: str, style: Style, cells: Sequence[Cell], width: int, console: Console
) -> Strip:
    """``lead`` (the margin: a space, or a marked row's tick), then the cells ``GAP`` apart,
    padded (or cut) to ``width`` in ``style``."""
    segments = [Segment(lead, style)]
    used = cell_len(lead)
    gap = " " * GAP
    for i, (value, cell_style, cell_width) in enumerate(cells):
        parts = visible_parts(value)
        if len(parts) > 1 or parts[0][1]:
            return text_strip(lead, style, cells, width, console)
        if i:
            segments.append(Segment(gap, style))
            used += GAP
        segments.append(Segment(_fitted(parts[0][0], cell_width), cell_style))
        used += cell_width
    if used > width:
        return text_strip(lead, style, cells, width, console)
    if used < width:
        segments.append(Segment(" " * (width - used), style))
    return Strip(Segment.simplify(segments), width)


def _fitted(text: str, width: int) -> str:
    """``text`` as ``Text.truncate(width, overflow="ellipsis", pad=True)`` leaves it."""
    length = cell_len(text)
    if length > width:
        return set_cell_size(text, width - 1) + "…"
    if length < width:
        return text + " " * (width - length)
    return text


def text_strip(
    lead: str, style: Style, cells: Sequence[Cell], width: int, console: Console
) -> Strip:
    """The same line made as a Rich ``Text``: for what the quick way leaves to it."""
    line = Text(lead, style=style, no_wrap=True, end="")
    for i, (value, cell_style, cell_width) in enumerate(cells):
        cell = line_text(value, cell_style, no_wrap=True, end="")
        cell.truncate(cell_width, overflow="ellipsis", pad=True)
        if i:
            line.append(" " * GAP, style=style)
        line.append_text(cell)
    line.truncate(width, pad=True)
    return Strip(Segment.simplify(list(line.render(console))), width)
