"""What reaches the terminal (``tui.widgets.terminal_output``): only the cells that will read
differently, and a terminal that is sent them shows exactly what it would have shown had it
been sent every frame whole, as Textual sends it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pyte
import pytest
from rich.color import ColorSystem
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.geometry import Region
from textual.strip import Strip

from tui.app import CaselineApp
from tui.widgets import terminal_output
from tui.widgets.terminal_output import (
    TEXTUALS_LAYOUT_SEGMENTS,
    TEXTUALS_RENDER_SEGMENTS,
    _changed_cells,
    _Pen,
    _whole_frame,
    terminal_erases_with_colour,
)

from .helpers import loaded, table
from .waiting import until

MakeApp = Callable[..., CaselineApp]
WHITE, RED = Style(color="white", bgcolor="black"), Style(color="red", bgcolor="black")


def console() -> Console:
    return Console(color_system="256", force_terminal=True)


def frame(*lines: str, style: Style = WHITE) -> LayoutUpdate:
    return LayoutUpdate([[Strip([Segment(line, style)])] for line in lines], Region(0, 0, 10, 3))


def part(y: int, x1: int, x2: int, line: Strip) -> ChopsUpdate:
    chops: list[dict[int, Strip | None]] = [{0: None}, {0: None}, {0: None}]
    chops[y] = {0: line}
    return ChopsUpdate(chops, [(y, x1, x2)], [[10], [10], [10]])


def test_a_partial_frame_sends_only_the_cells_that_differ_from_what_is_shown() -> None:
    out = console()
    _whole_frame(frame("CL-1 Ada  ", "CL-2 Bea  ", "          "), out)
    # Line 1 shows another row: "3" and "Cy" differ, sent with the blank between them (a cursor
    # move costs more); a span that reads the same sends nothing.
    update = part(1, 0, 10, Strip([Segment("CL-3 Cya  ", WHITE)]))
    assert _changed_cells(update, out) == "\x1b[2;4H\x1b[37;40m3 Cy\x1b[0m"
    assert _changed_cells(update, out) == ""  # the terminal shows it now
    # A colour alone differing is sent, as the colour alone.
    assert _changed_cells(part(1, 0, 10, Strip([Segment("CL-3 Cya  ", RED)])), out) == (
        "\x1b[2;1H\x1b[31;40mCL-3 Cya  \x1b[0m"
    )


def test_what_is_not_pictured_is_sent_whole() -> None:
    out = console()
    update = part(0, 2, 6, Strip([Segment("abcdefghij", WHITE)]))
    assert _changed_cells(update, out) == "\x1b[1;3H\x1b[37;40mcdef\x1b[0m"  # no whole frame yet
    _whole_frame(frame("ab日本cd  ", "", ""), out)
    wide = part(0, 3, 6, Strip([Segment("ab日本cd  ", WHITE)]))
    # A line with a wide character: sent from the piece's start, never half a character,
    # and every time, since what it shows is not known cell by cell.
    assert _changed_cells(wide, out) == "\x1b[1;1H\x1b[37;40mab日本\x1b[0m"
    assert _changed_cells(wide, out) == "\x1b[1;1H\x1b[37;40mab日本\x1b[0m"
    # A frame that is not the whole screen leaves nothing known.
    _whole_frame(frame("abc"), out)
    _whole_frame(LayoutUpdate([[Strip([Segment("x", WHITE)])]], Region(1, 1, 1, 1)), out)
    assert _changed_cells(part(0, 0, 3, Strip([Segment("abc", WHITE)])), out) != ""


def test_the_pen_erases_long_blank_runs_only_where_the_terminal_erases_with_colour() -> None:
    line = Strip([Segment("ab" + " " * 20 + "cd" + " " * 8, WHITE)])
    erasing = _Pen(ColorSystem.EIGHT_BIT, erases=True)
    erasing.write(0, 0, line, narrow=True)
    assert erasing.finish() == "\x1b[1;1H\x1b[37;40mab\x1b[20X\x1b[20Ccd\x1b[8X\x1b[0m"
    writing = _Pen(ColorSystem.EIGHT_BIT)
    writing.write(0, 0, line, narrow=True)
    assert writing.finish() == "\x1b[1;1H\x1b[37;40mab" + " " * 20 + "cd" + " " * 8 + "\x1b[0m"
    # Blanks underlined or reversed look different erased: written.
    underlined = _Pen(ColorSystem.EIGHT_BIT, erases=True)
    underlined.write(0, 0, Strip([Segment(" " * 20, Style(underline=True))]), narrow=True)
    assert "X" not in underlined.finish()
    # After a character not every terminal agrees the width of, the cursor is put in place.
    pen = _Pen(ColorSystem.EIGHT_BIT)
    pen.write(0, 0, Strip([Segment("é", WHITE)]), narrow=True)
    pen.write(3, 0, Strip([Segment("x", WHITE)]), narrow=True)
    assert pen.finish() == "\x1b[1;1H\x1b[37;40mé\x1b[1;4Hx\x1b[0m"
    assert terminal_erases_with_colour(None) is False


def test_blanks_between_two_words_of_one_colour_keep_the_colour_set() -> None:
    """A blank reads the same in any foreground colour: the pen does not set one for it, so
    "escalate" in red, a space, "no note" in red sets red once."""
    line = Strip([Segment("escalate", RED), Segment(" ", WHITE), Segment("no note", RED)])
    pen = _Pen(ColorSystem.EIGHT_BIT)
    pen.write(0, 0, line)
    assert pen.finish() == "\x1b[1;1H\x1b[31;40mescalate no note\x1b[0m"
    # On another background, or underlined, a blank looks different: its style is set.
    on_blue = Style(color="white", bgcolor="blue")
    pen = _Pen(ColorSystem.EIGHT_BIT)
    pen.write(0, 0, Strip([Segment("a", RED), Segment(" ", on_blue), Segment("b", RED)]))
    assert pen.finish() == "\x1b[1;1H\x1b[31;40ma\x1b[37;44m \x1b[31;40mb\x1b[0m"
    underlined = Style(color="white", bgcolor="black", underline=True)
    pen = _Pen(ColorSystem.EIGHT_BIT)
    pen.write(0, 0, Strip([Segment("a", RED), Segment(" ", underlined)]))
    assert "\x1b[0m\x1b[4;37;40m " in pen.finish()


def visible(screen: pyte.Screen) -> list[list[tuple[object, ...]]]:
    """Each cell as a person sees it: a plain blank shows only its background."""
    rows = []
    for y in range(screen.lines):
        row: list[tuple[object, ...]] = []
        for x in range(screen.columns):
            c = screen.buffer[y][x]
            if c.data == " " and not (c.reverse or c.underscore or c.strikethrough):
                row.append((" ", c.bg))
            else:
                row.append((c.data, c.fg, c.bg, c.bold, c.italics, c.underscore, c.reverse))
        rows.append(row)
    return rows


async def test_a_terminal_sent_only_the_changes_shows_what_whole_frames_show(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The caseload filtered, moved through, emptied and cleared, a case opened and its tabs
    switched: after every frame, a terminal that was sent only what changed (blanks erased)
    shows what one sent Textual's own frames shows."""
    monkeypatch.setattr(terminal_output, "terminal_erases_with_colour", lambda term: True)
    size = (90, 24)
    ours, textuals = console(), console()
    mine, theirs = pyte.Screen(*size), pyte.Screen(*size)
    feed_mine, feed_theirs = pyte.Stream(mine), pyte.Stream(theirs)
    frames: list[int] = []
    app = make_app()

    def spy(screen: Any, renderable: Any) -> None:
        if isinstance(renderable, LayoutUpdate):
            feed_mine.feed(_whole_frame(renderable, ours))
            feed_theirs.feed(TEXTUALS_LAYOUT_SEGMENTS(renderable, textuals))
        elif isinstance(renderable, ChopsUpdate):
            feed_mine.feed(_changed_cells(renderable, ours))
            feed_theirs.feed(TEXTUALS_RENDER_SEGMENTS(renderable, textuals))
        frames.append(len(frames))
        assert mine.display == theirs.display, f"frame {len(frames)}: the text differs"
        assert visible(mine) == visible(theirs), f"frame {len(frames)}: the colours differ"
        display(screen, renderable)

    display = app._display
    app._display = spy  # type: ignore[method-assign]
    async with app.run_test(size=size) as pilot:
        await loaded(pilot)
        keys_pressed = (
            ["down", "down"],
            ["slash", "a"],
            ["d"],
            ["q"],
            ["backspace"],
            ["escape"],
            ["enter"],  # the case file: a screen of its own, then its tabs
            ["2"],
            ["3"],
            ["escape"],
        )
        for keys in keys_pressed:
            seen = len(frames)
            await pilot.press(*keys)
            await loaded(pilot)
            await until(pilot, lambda seen=seen: len(frames) > seen)
        assert table(app).cursor_row >= 0
    assert len(frames) > 6


async def test_the_table_left_for_the_filter_is_not_repainted_again_at_the_first_key(
    make_app: MakeApp,
) -> None:
    """Leaving the table for the filter repaints the table (its cursor's colours) and shows
    the filter's line, a whole frame: the first key typed then repaints only what it changes,
    not the whole table a second time."""
    app = make_app()
    async with app.run_test(size=(90, 24)) as pilot:
        await loaded(pilot)
        cases = table(app)
        await pilot.press("slash")
        await loaded(pilot)
        assert app.focused is not cases
        assert not cases._repaint_regions


def test_a_run_of_cells_is_cut_from_a_line_as_strip_crop_cuts_it() -> None:
    line = Strip([Segment("Ada ", WHITE), Segment("Lovelace", RED), Segment("  03 Jan", WHITE)])
    segments = list(line)
    for start in range(line.cell_length):
        for end in range(start + 1, line.cell_length + 1):
            assert terminal_output._cells(segments, start, end) == list(line.crop(start, end))


def test_equal_styles_made_apart_read_as_the_same_cells() -> None:
    """Two frames' styles are equal but not the same objects: pictured, they are one, so a
    line drawn again in equal colours differs nowhere (and cells are compared by identity)."""
    before = terminal_output.spread(Strip([Segment("Okafor", Style(color="red", bold=True))]))
    after = terminal_output.spread(Strip([Segment("Okafor", Style(color="red", bold=True))]))
    assert before is not None and after is not None
    assert all(a is b for a, b in zip(before[1], after[1], strict=True))
    assert terminal_output._differing_runs(before, 0, after) == []
    changed = terminal_output.spread(Strip([Segment("Okafor", Style(color="red", bold=False))]))
    assert changed is not None
    assert terminal_output._differing_runs(before, 0, changed) == [(0, 6)]
    moved = terminal_output.spread(Strip([Segment("Okafir", Style(color="red", bold=True))]))
    assert moved is not None
    assert terminal_output._differing_runs(before, 0, moved) == [(4, 5)]
