"""Which cells of a line drawn again are sent: those that differ, runs close together as one."""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tui.widgets.line_diff import JOIN, changed_spans

PLAIN, RED = Style(color="white", bgcolor="black"), Style(color="red", bgcolor="black")


def line(*pieces: tuple[str, Style]) -> Strip:
    return Strip([Segment(text, style) for text, style in pieces])


def test_a_line_drawn_the_same_sends_nothing() -> None:
    assert changed_spans(line(("CL-0001 Ada", PLAIN)), line(("CL-0001 Ada", PLAIN))) == []


def test_only_the_cells_that_differ_are_sent_in_text_or_colour() -> None:
    before = line(("CL-0001 Ada Lovelace   ", PLAIN), ("overdue", RED))
    assert changed_spans(before, line(("CL-0002 Ada Lovelace   ", PLAIN), ("overdue", RED))) == [
        (6, 7)
    ]
    # The same text in another colour is another cell.
    assert changed_spans(before, line(("CL-0001 Ada Lovelace   ", PLAIN), ("overdue", PLAIN))) == [
        (23, 30)
    ]


def test_runs_close_together_are_one_and_runs_far_apart_two() -> None:
    near = "x" * (JOIN - 1)
    assert changed_spans(line((f"a{near}b", PLAIN)), line((f"A{near}B", PLAIN))) == [(0, JOIN + 1)]
    far = "x" * (JOIN + 1)
    assert changed_spans(line((f"a{far}b", PLAIN)), line((f"A{far}B", PLAIN))) == [
        (0, 1),
        (JOIN + 2, JOIN + 3),
    ]


def test_wide_characters_take_two_cells() -> None:
    assert changed_spans(line(("日本 ab", PLAIN)), line(("日本 ac", PLAIN))) == [(6, 7)]
    assert changed_spans(line(("日本 ab", PLAIN)), line(("日木 ab", PLAIN))) == [(2, 4)]


def test_lines_of_different_widths_are_sent_whole() -> None:
    assert changed_spans(line(("abc", PLAIN)), line(("abcd", PLAIN))) == [(0, 4)]
