"""What is written to the terminal: only the cells that will read differently from what it
shows already (fix 7 in ``tui.widgets.textual_fixes``, which says why and which of Textual's
private names this leans on).

Textual sends every region a widget refreshed, whole. Over SSH every byte is felt, and much of
what is refreshed reads as before: a filter keystroke on the caseload shows other rows, yet
their padding, a shared date, the scrollbar's unchanged cells are the same. So each terminal
(each console) keeps a picture of what it shows, line by line, taken from every whole frame
written (``LayoutUpdate``) and kept up to date by every partial one (``ChopsUpdate``). A
partial frame then sends, of each region asked for, the runs of cells that differ from the
picture, with the colours set only where they change along the way.

A line holding a character two cells wide (or anything but plain text) is not pictured: what
is asked for there is sent whole, as Textual would, until a whole frame pictures it again.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import cache
from itertools import compress, count
from operator import is_, is_not, ne, or_
from weakref import WeakKeyDictionary

from rich.color import Color, ColorSystem
from rich.console import Console
from rich.control import Control
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.strip import Strip

from tui.widgets.line_diff import runs_of

# Starting to send again further along a line costs a cursor move (some 8 bytes) and perhaps
# the colours: fewer cells than this that read the same between two that differ are sent
# with them.
JOIN = 8

# A line as the terminal shows it: its text, one character a cell, and each cell's style.
Line = tuple[str, list[Style | None]]


class Picture:
    """What one terminal shows: a line each, or None for a line not known cell by cell."""

    def __init__(self, lines: list[Line | None]) -> None:
        self.lines = lines

    def line(self, y: int) -> Line | None:
        return self.lines[y] if 0 <= y < len(self.lines) else None

    def put(self, y: int, x: int, cells: Line | None) -> None:
        """Cells ``cells`` written at ``x`` of line ``y`` (None: something not pictured)."""
        if not 0 <= y < len(self.lines):
            return
        line = self.lines[y]
        if line is None or cells is None or x + len(cells[0]) > len(line[0]):
            self.lines[y] = None
            return
        text, styles = line
        new_text, new_styles = cells
        end = x + len(new_text)
        styles[x:end] = new_styles
        self.lines[y] = (text[:x] + new_text + text[end:], styles)


_PICTURES: WeakKeyDictionary[Console, Picture] = WeakKeyDictionary()


# One instance of each style pictured: equal styles are then the same object, and a line's
# cells are compared by identity (in C, ``_differing_runs``) rather than by Style.__eq__.
_STYLES: dict[Style, Style] = {}
STYLES_KEPT = 4096


def _one(style: Style | None) -> Style | None:
    if style is None:
        return None
    kept = _STYLES.get(style)
    if kept is None:
        if len(_STYLES) >= STYLES_KEPT:
            _STYLES.clear()  # a picture's older styles are then merely equal: sent again
        kept = _STYLES[style] = style
    return kept


def spread(strip: Strip) -> Line | None:
    """The strip cell by cell, or None if a character is not one cell wide (or a control)."""
    text: list[str] = []
    styles: list[Style | None] = []
    for piece, style, control in strip:
        if control:
            return None
        text.append(piece)
        styles.extend([_one(style)] * len(piece))
    joined = "".join(text)
    if len(joined) != strip.cell_length:
        return None
    return joined, styles


# Textual's own, before ``send_only_what_changed`` (for the tests that check it still behaves
# as described).
TEXTUALS_RENDER_SEGMENTS = ChopsUpdate.render_segments
TEXTUALS_LAYOUT_SEGMENTS = LayoutUpdate.render_segments


def _whole_frame(self: LayoutUpdate, console: Console) -> str:
    """Textual's whole frame, as it sends it; the terminal's picture taken from it."""
    sent = TEXTUALS_LAYOUT_SEGMENTS(self, console)
    if self.region.x == 0 and self.region.y == 0:
        _PICTURES[console] = Picture([spread(Strip.join(line)) for line in self.strips])
    else:  # not the whole screen: nothing is known for sure
        _PICTURES.pop(console, None)
    return sent


def _changed_cells(self: ChopsUpdate, console: Console) -> str:
    """``ChopsUpdate.render_segments``, sending of each span only the cells that differ from
    what the terminal shows (all of it where that isn't known)."""
    picture = _PICTURES.get(console)
    erases = terminal_erases_with_colour(os.environ.get("TERM"))
    pen = _Pen(console._color_system or ColorSystem.TRUECOLOR, erases=erases)
    chops, chop_ends = self.chops, self.chop_ends
    for y, x1, x2 in self.spans:
        for end, (x, strip) in zip(chop_ends[y], chops[y].items(), strict=False):
            if strip is None or x >= x2 or end <= x1:
                continue
            if not (x >= x1 and end <= x2):
                # Never cut a wide character in two (its half would be drawn as a space): a
                # piece holding one is sent from its start, as Textual does.
                start = max(x, x1) if len(strip.text) == strip.cell_length else x
                strip, x = strip.crop(start - x, min(end, x2) - x), start
            _send_piece(pen, picture, y, x, strip)
    return pen.finish()


def _send_piece(pen: _Pen, picture: Picture | None, y: int, x: int, strip: Strip) -> None:
    new = spread(strip)
    old = picture.line(y) if picture is not None else None
    if new is None or old is None or x + len(new[0]) > len(old[0]):
        pen.write(x, y, strip, narrow=new is not None)
    else:
        segments = list(strip)
        for start, end in _differing_runs(old, x, new):
            pen.write(x + start, y, _cells(segments, start, end), narrow=True)
    if picture is not None:
        picture.put(y, x, new)


def _cells(segments: list[Segment], start: int, end: int) -> list[Segment]:
    """Cells ``start`` to ``end`` of a line of one-cell characters, as segments (what
    ``Strip.crop`` gives, without making a Strip and its caches for each run sent)."""
    cut: list[Segment] = []
    at = 0
    for text, style, control in segments:
        stop = at + len(text)
        if stop > start:
            cut.append(Segment(text[max(start - at, 0) : end - at], style, control))
        if stop >= end:
            break
        at = stop
    return cut


def _differing_runs(old: Line, x: int, new: Line, join: int = JOIN) -> list[tuple[int, int]]:
    """The runs of ``new`` (at ``x`` of ``old``) that differ from ``old``, as ranges within
    ``new``; runs fewer than ``join`` cells apart are one."""
    old_text, old_styles = old
    new_text, new_styles = new
    end = x + len(new_text)
    if old_text[x:end] == new_text and all(map(is_, old_styles[x:end], new_styles)):
        return []
    # Cell by cell, in C: a character differs, or a style (one instance each: ``_one``).
    texts = map(ne, old_text[x:end], new_text)
    styles = map(is_not, old_styles[x:end], new_styles)
    return runs_of(compress(count(), map(or_, texts, styles)), join)


class _Pen:
    """Writes runs of cells, moving the cursor to each, and setting colours and attributes
    only where they change from those the terminal is writing with already. On a terminal
    that erases with the colour set (``bce``, and ``ech`` to erase), a long run of blank cells
    is erased rather than written, as curses does."""

    def __init__(self, color_system: ColorSystem, *, erases: bool = False) -> None:
        self.color_system = color_system
        self.erases = erases
        self.output: list[str] = []
        self.style: Style | None = None  # None: the terminal's own (reset)
        self.at: tuple[int, int] | None = None  # where the cursor is, if known for sure

    def write(self, x: int, y: int, line: Iterable[Segment], *, narrow: bool = False) -> None:
        """Write ``line`` (a strip, or its segments) from cell ``x`` of line ``y``; ``narrow``:
        every character of it is one cell wide, so blank runs in it may be erased."""
        self.move(x, y)
        pieces = list(line)
        for index, (text, style, _control) in enumerate(pieces):
            if narrow and self.erases and "       " in text and _erasable(style):
                self._erase_blanks(x, y, text, style, last=index == len(pieces) - 1)
            else:
                self._text(text, style)
            x += len(text)  # (only counted where it matters: on a narrow line)

    def move(self, x: int, y: int) -> None:
        """Put the cursor at cell ``x`` of line ``y``: forward along the line where it is,
        if it is known to be there, or to the place."""
        at = self.at
        if at is not None and at[1] == y and x >= at[0]:
            if x > at[0]:
                self.output.append(f"\x1b[{x - at[0]}C" if x - at[0] > 1 else "\x1b[C")
        else:
            self.output.append(Control.move_to(x, y).segment.text)
        self.at = (x, y)

    def _erase_blanks(self, x: int, y: int, text: str, style: Style | None, *, last: bool) -> None:
        """Write ``text`` (at cell ``x`` of line ``y``), its long runs of spaces erased."""
        done = 0
        for run in BLANKS.finditer(text):
            start, end = run.span()
            at_end = last and end == len(text)  # nothing written after it: no move needed
            if end - start < (ERASE_AT_END if at_end else ERASE_BETWEEN):
                continue
            self._text(text[done:start], style)
            self._text("", style)  # the colour the cells are erased with
            self.output.append(f"\x1b[{end - start}X")  # the cursor stays where it is
            if not at_end:
                self.move(x + end, y)
            done = end
        self._text(text[done:], style)

    def _text(self, text: str, style: Style | None) -> None:
        # Where the cursor ends is known only after characters every terminal agrees are
        # one cell wide.
        at = self.at
        self.at = None if at is None or not text.isascii() else (at[0] + len(text), at[1])
        add = self.output.append
        before = self.style
        if style is None or style.link:
            if before is not None:
                add("\x1b[0m")
                self.style = None
            add(text if style is None else Strip.render_style(style, text, self.color_system))
            return
        if before is style or before == style:
            add(text)
        elif (
            before is not None
            and not text.strip(" ")
            and before.bgcolor == style.bgcolor
            and before.without_color == style.without_color
            and _erasable(style)
        ):
            add(text)  # blanks read the same in any foreground: the terminal's stays
            return
        elif before is not None and before.without_color == style.without_color:
            codes = []
            if style.color != before.color:
                codes.extend(_color_codes(style.color, self.color_system, foreground=True))
            if style.bgcolor != before.bgcolor:
                codes.extend(_color_codes(style.bgcolor, self.color_system, foreground=False))
            add(f"\x1b[{';'.join(codes)}m{text}" if codes else text)
        else:
            if before is not None:
                add("\x1b[0m")
            ansi = Strip.render_ansi(style, self.color_system)
            add(f"\x1b[{ansi}m{text}" if ansi else text)
        self.style = style

    def finish(self) -> str:
        if self.style is not None:
            self.output.append("\x1b[0m")
            self.style = None
        return "".join(self.output)


# Erasing n cells (``ESC [ n X``) and moving on past them costs some 10 bytes; at the end of
# what is written, no move: some 6.
BLANKS = re.compile(" {7,}")
ERASE_BETWEEN, ERASE_AT_END = 11, 7


def _erasable(style: Style | None) -> bool:
    """Whether blank cells of this style look the same erased (with its background)."""
    if style is None:
        return True
    return not (
        style.link
        or style.reverse
        or style.underline
        or style.underline2
        or style.strike
        or style.overline
        or style.conceal
        or style.frame
        or style.encircle
    )


@cache
def terminal_erases_with_colour(term: str | None) -> bool:
    """Whether the terminal ``term`` (its terminfo entry) erases cells with the background
    colour set and has a sequence to erase some (``bce`` and ``ech``, as curses asks)."""
    if not term:
        return False
    try:
        import curses

        fd = os.open(os.devnull, os.O_WRONLY)
        try:
            curses.setupterm(term, fd)
        finally:
            os.close(fd)
        return curses.tigetflag("bce") == 1 and curses.tigetstr("ech") == b"\x1b[%p1%dX"
    except Exception:  # no terminfo for it, no curses: write the blanks
        return False


def _color_codes(color: Color | None, color_system: ColorSystem, *, foreground: bool) -> list[str]:
    if color is None:
        return ["39" if foreground else "49"]  # the terminal's own colour
    return list(color.downgrade(color_system).get_ansi_codes(foreground))


def render_chained(strip: Strip, color_system: ColorSystem) -> str:
    """``Strip.render``, but a piece whose style differs from the one before only in its
    colours sets just those colours (for the tests: the pen, with no cursor move)."""
    pen = _Pen(color_system)
    pen.write(0, 0, strip)
    return pen.finish().removeprefix(Control.move_to(0, 0).segment.text)


def send_only_what_changed() -> None:
    """From now on, a frame sends only the cells that will read differently (see above)."""
    ChopsUpdate.render_segments = _changed_cells  # type: ignore[method-assign]
    LayoutUpdate.render_segments = _whole_frame  # type: ignore[method-assign]
