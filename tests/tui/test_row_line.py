"""A table's line made the quick way is the line Rich's Text makes, cell for cell, style for
style: widths cut with an ellipsis, padding, wide and combining characters, emoji, marks."""

from __future__ import annotations

import itertools

import pytest
from rich.console import Console
from rich.style import Style

from store.common.textsafe import single_line
from tui.widgets import row_line
from tui.widgets.row_line import row_strip, text_strip

BASE = Style(color="#e0e0e0", bgcolor="#1e1e1e")
FLAG = BASE + Style(color="#ff5555", bold=True)
CONSOLE = Console(width=200, color_system="truecolor", force_terminal=True)

VALUES = [
    "",
    "a",
    "Okafor",
    "Priya Nair-Lambert",
    "A name much longer than any column it is put in",
    "CL-2026-0042",
    "张伟明",  # two cells a character: cut at an odd width leaves a gap
    "Zoë Ångström",
    "e\u0301le\u0300ve",  # combining accents: no cells of their own
    "👩‍💻 worker",  # an emoji joined by a zero-width joiner stays one picture
    "🇬🇧 flag",
    "3d ago",
    "overdue",
]


def cells(values: list[str], widths: list[int], styles: list[Style]) -> list[row_line.Cell]:
    return [(single_line(v), s, w) for v, w, s in zip(values, widths, styles, strict=True)]


def same(a: object, b: object) -> None:
    assert list(a) == list(b)  # type: ignore[call-overload]
    assert a.cell_length == b.cell_length  # type: ignore[attr-defined]


@pytest.mark.parametrize("width", [1, 2, 3, 4, 5, 6, 7, 11, 16])
def test_every_value_at_every_column_width_reads_as_rich_draws_it(width: int) -> None:
    for value in VALUES:
        for lead in (" ", "✓"):
            line = cells([value, "x"], [width, 3], [BASE, FLAG])
            total = len(lead) + width + 1 + 3
            for room in (total, total + 9):
                same(
                    row_strip(lead, BASE, line, room, CONSOLE),
                    text_strip(lead, BASE, line, room, CONSOLE),
                )


def test_rows_of_several_columns_styled_apart_read_as_rich_draws_them() -> None:
    widths = [8, 16, 12, 11]
    for combo in itertools.islice(itertools.permutations(VALUES, 4), 400):
        styles = [BASE, BASE, FLAG if "o" in combo[2] else BASE, FLAG]
        line = cells(list(combo), widths, styles)
        for room in (50, 51, 80):
            same(
                row_strip(" ", BASE, line, room, CONSOLE),
                text_strip(" ", BASE, line, room, CONSOLE),
            )


@pytest.mark.parametrize(
    "value",
    ["right\u202eleft", "zero\u200bwidth", "soft\u00adhyphen", "bidi\u2066isolate\u2069"],
)
def test_a_cell_with_marks_for_invisible_characters_is_drawn_with_its_marks_dim(
    value: str,
) -> None:
    line = cells([value, "next"], [12, 6], [BASE, FLAG])
    made = row_strip(" ", BASE, line, 30, CONSOLE)
    same(made, text_strip(" ", BASE, line, 30, CONSOLE))
    text = "".join(segment.text for segment in made)
    assert "⟨" in text  # the invisible character is shown as a mark
    assert any(segment.style and segment.style.dim for segment in made)


def test_a_line_wider_than_the_table_is_cut_as_rich_cuts_it() -> None:
    line = cells(["张伟明张伟明", "Okafor"], [12, 10], [BASE, FLAG])
    for room in range(5, 24):
        same(row_strip(" ", BASE, line, room, CONSOLE), text_strip(" ", BASE, line, room, CONSOLE))


def test_a_line_of_plain_cells_is_made_without_rich_text(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: object) -> None:
        raise AssertionError("made as a Text")

    monkeypatch.setattr(row_line, "text_strip", refused)
    line = cells(
        ["Zoë Ångström", "张伟明", "A name much longer than its column"], [10, 5, 8], [BASE] * 3
    )
    made = row_strip(" ", BASE, line, 40, CONSOLE)
    assert "".join(s.text for s in made) == " Zoë Ångst… 张伟… A name …" + " " * 14
    assert made.cell_length == 40
