"""What the caseload's table repaints: the lines that changed, and nothing when none did.

Each test watches the lines the table draws (``render_line``, which Textual calls for the
lines it repaints and no others) and, where it says so, the lines of the screen sent to the
terminal (the compositor's update, which in a headless test is made but not written)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.app import App, ComposeResult
from textual.command import CommandPalette
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Input, TextArea

from store.cases.records import CaseRow
from store.common.settings import Config
from store.service import Store
from tui.app import CaselineApp
from tui.screens.caseload.case_table import CaseTable
from tui.widgets.footer import CaselineFooter
from tui.widgets.line_diff import cells
from tui.widgets.record_table import EMPTY_LINE, Column, RecordTable

from .helpers import loaded, names, table, type_text
from .waiting import until

MakeApp = Callable[..., CaselineApp]


def blank_bg(line: Strip) -> object:
    (background,) = {style.bgcolor for _t, style, _c in line if style}
    return background


@contextmanager
def lines_drawn(widget: Widget) -> Iterator[list[int]]:
    """The lines (0 the header) ``widget`` draws while inside, in order."""
    drawn: list[int] = []
    draw = widget.render_line

    def spy(y: int) -> Strip:
        drawn.append(y)
        return draw(y)

    widget.render_line = spy  # type: ignore[method-assign]
    try:
        yield drawn
    finally:
        del widget.render_line


@contextmanager
def lines_sent(app: CaselineApp) -> Iterator[set[int]]:
    """The screen lines in the updates the app would send to the terminal while inside."""
    sent: set[int] = set()
    display = app._display

    def spy(screen: Any, renderable: Any) -> None:
        if isinstance(renderable, ChopsUpdate):
            sent.update(y for y, _x1, _x2 in renderable.spans)
        elif isinstance(renderable, LayoutUpdate):
            sent.update(range(renderable.region.y, renderable.region.bottom))
        display(screen, renderable)

    app._display = spy  # type: ignore[method-assign]
    try:
        yield sent
    finally:
        del app._display


@contextmanager
def frames_sent(app: CaselineApp) -> Iterator[list[set[int]]]:
    """The screen lines of each partial frame the app would send while inside, in order."""
    frames: list[set[int]] = []
    display = app._display

    def spy(screen: Any, renderable: Any) -> None:
        if isinstance(renderable, ChopsUpdate):
            frames.append({y for y, _x1, _x2 in renderable.spans})
        display(screen, renderable)

    app._display = spy  # type: ignore[method-assign]
    try:
        yield frames
    finally:
        del app._display


async def test_a_cursor_move_repaints_the_two_lines_that_changed(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        cases = table(app)
        assert cases.cursor_row == 0
        with lines_drawn(cases) as drawn:
            await pilot.press("down")
            await loaded(pilot)
        assert cases.cursor_row == 1
        assert sorted(drawn) == [1, 2]  # the line left and the line reached
        with lines_drawn(cases) as drawn:
            await pilot.press("down", "down")
            await loaded(pilot)
        assert sorted(set(drawn)) == [2, 3, 4]


async def test_a_cursor_move_is_one_frame_with_the_status_line_and_no_store_call(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The status line says where the cursor is: it is drawn in the same frame as the table's
    two lines (it came a frame after them, a second write to the terminal), and nothing is
    read for a move."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        status = app.screen.query_one("#status-line").region.y
        rows = {table(app).region.y + 1, table(app).region.y + 2}  # the first two rows' lines

        def no_reading(*args: object, **kwargs: object) -> None:
            raise AssertionError("a cursor move read the database")

        monkeypatch.setattr(Store, "data_version", no_reading)
        monkeypatch.setattr(app.store.database, "reading", no_reading)
        with frames_sent(app) as frames:
            await pilot.press("down")
            await until(pilot, lambda: bool(frames))
            await pilot.pause(0.1)  # a second frame, if one were to come
        monkeypatch.undo()
        assert "2/5" in str(app.screen.query_one("#status-line").render())
        assert frames == [rows | {status}]


async def test_a_filter_keystroke_that_changes_nothing_shown_repaints_no_line(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        cases = table(app)
        shown = list(cases.rows)
        await pilot.press("slash")
        await loaded(pilot)
        filter_line = app.screen.query_one("#filter").region.y
        # Every one of the five clients' names has an o (Zoë's folded): the same five rows.
        with lines_drawn(cases) as drawn, lines_sent(app) as sent:
            await pilot.press("o")
            await loaded(pilot)
        assert cases.rows == shown
        assert drawn == []
        assert sent <= {filter_line}  # the letter typed, and not one line of the table
        # A filter matching nothing, typed into further: the empty table stays as it was.
        await type_text(pilot, "qqq")
        await loaded(pilot)
        assert cases.rows == []
        # What it says is drawn in the table's colours (a line without them showed the
        # terminal's own background across the table).
        said, blank = cases.render_line(EMPTY_LINE), cases.render_line(EMPTY_LINE + 1)
        assert "No cases match" in said.text
        assert {style.bgcolor for _t, style, _c in said if style} == {blank_bg(blank)}
        assert all(style for _t, style, _c in said)
        with lines_drawn(cases) as drawn, lines_sent(app) as sent:
            await pilot.press("q")
            await loaded(pilot)
        assert drawn == []
        assert sent <= {filter_line}


async def test_a_filter_keystroke_repaints_only_the_lines_showing_other_rows(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        cases = table(app)
        before = [r.id for r in cases.rows]
        await pilot.press("slash")
        with lines_drawn(cases) as drawn:
            await pilot.press(*"zo")  # Zoë Adams alone: the last row comes first
            await loaded(pilot)
        after = [r.id for r in cases.rows]
        assert len(after) == 1
        changed = {
            y + 1
            for y in range(len(before))
            if (before[y] if y < len(before) else None) != (after[y] if y < len(after) else None)
        }
        assert 0 not in drawn  # the header stays
        assert set(drawn) <= changed | {1}  # and the first line, where the cursor now is
        assert set(drawn) >= changed


async def test_a_filter_keystroke_is_one_frame_with_the_rows_it_shows(make_app: MakeApp) -> None:
    """The letter typed and the rows it leaves go to the terminal in one frame (the rows came
    a frame after the letter, once the screen had the filter's Changed message)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        cases = table(app)
        await pilot.press("slash")
        await loaded(pilot)
        filter_line = app.screen.query_one("#filter").region.y
        with frames_sent(app) as frames:
            await pilot.press("z")  # Łukasz Nowak and Zoë Adams
            await until(pilot, lambda: bool(frames))
            await pilot.pause(0.1)  # a second frame, if one were to come
        assert names(app) == ["Łukasz Nowak", "Zoë Adams"]
        assert len(frames) == 1
        assert filter_line in frames[0]
        assert frames[0] & set(range(cases.region.y + 1, cases.region.bottom))


async def test_a_filter_keystroke_sends_only_the_cells_that_read_differently(
    make_app: MakeApp,
) -> None:
    """A line that shows another row is sent only where it reads differently from what is on
    the screen there (another row shares dates, padding, the cursor's colours), and every
    cell that does is sent."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        cases = table(app)
        await pilot.press("slash", "z")  # Łukasz Nowak and Zoë Adams
        await loaded(pilot)
        top, left, width = cases.region.y, cases.region.x, cases.size.width
        shown = {y: cells(cases.render_line(y)) for y in range(1, cases.size.height)}
        spans: list[tuple[int, int, int]] = []
        display = app._display

        def spy(screen: Any, renderable: Any) -> None:
            if isinstance(renderable, ChopsUpdate):
                spans.extend(renderable.spans)
            display(screen, renderable)

        app._display = spy  # type: ignore[method-assign]
        await pilot.press("o")  # Zoë Adams alone, on the first line; the second empty
        await loaded(pilot)
        del app._display
        assert names(app) == ["Zoë Adams"]
        sent = {(y - top, x - left) for y, x1, x2 in spans for x in range(x1, x2)}
        differ = {
            (y, x)
            for y, before in shown.items()
            for x, (was, now) in enumerate(zip(before, cells(cases.render_line(y)), strict=True))
            if was != now
        }
        assert differ and differ <= sent  # every cell that changed
        lines = [(y, x1, x2) for y, x1, x2 in spans if top < y < top + cases.size.height]
        assert lines and all(x2 - x1 < width for _y, x1, x2 in lines)  # and not whole lines


async def test_column_widths_are_measured_when_the_rows_change_not_on_a_move_or_a_filter(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        cases = table(app)
        measured: list[int] = []
        measure = cases.measured_widths

        def counting(rows: Any) -> dict[str, int]:
            measured.append(len(rows))
            return measure(rows)

        cases.measured_widths = counting  # type: ignore[method-assign]
        await pilot.press("down", "down", "up", "end", "home")
        await pilot.press("slash", *"ai")
        await loaded(pilot)
        assert measured == []
        cases.set_rows(list(cases.rows))  # new data: measured once
        assert measured == [len(cases.rows)]


async def test_marking_a_case_repaints_its_line_and_the_next(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        cases = app.screen.query_one(CaseTable)
        with lines_drawn(cases) as drawn:
            await pilot.press("space")
            await loaded(pilot)
        assert cases.marked and cases.cursor_row == 1
        assert sorted(set(drawn)) == [1, 2]


# -- an idle screen sends nothing --------------------------------------------------------------

BLINK_SECONDS = 0.5  # Textual's blink: the cursor shown, then hidden, every half second


async def test_nothing_is_sent_while_the_note_editor_sits_idle(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await loaded(pilot)
        body = app.screen.query_one("#body", TextArea)
        assert body.has_focus and not body.cursor_blink
        await type_text(pilot, "Phoned Aisha")
        await loaded(pilot)
        with lines_sent(app) as sent:
            await pilot.pause(BLINK_SECONDS + 0.1)  # a blink would have come by now
        assert sent == set()


async def test_the_cursor_blinks_when_the_config_says_so(make_app: MakeApp) -> None:
    app = make_app(config=Config(cursor_blink=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await loaded(pilot)
        body = app.screen.query_one("#body", TextArea)
        assert body.has_focus and body.cursor_blink
        with lines_sent(app) as sent:
            await until(pilot, lambda: sent, seconds=5 * BLINK_SECONDS)
        assert body.region.y <= min(sent) < body.region.bottom  # the cursor's line


async def test_no_text_field_blinks_by_default(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("slash")
        await loaded(pilot)
        field = app.screen.query_one("#filter", Input)
        assert field.has_focus and not field.cursor_blink
        await pilot.press("ctrl+p")  # the command palette's own box too
        await loaded(pilot)
        assert isinstance(app.screen, CommandPalette)
        assert isinstance(app.focused, Input) and not app.focused.cursor_blink


# -- the footer ----------------------------------------------------------------------------


async def test_the_footer_is_drawn_again_only_when_its_keys_change(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        await loaded(pilot)
        footer = app.screen.query_one(CaselineFooter)
        assert "Edit" in [k.description for k in footer.shown]
        with lines_drawn(footer) as drawn:
            await pilot.press("2", "3")  # the summary, the notes: the same keys as the overview
            await loaded(pilot)
            assert drawn == []  # not drawn again
            await pilot.press("4")  # the chronology has keys of its own
            await loaded(pilot)
            assert "Reverse" in [k.description for k in footer.shown]
            assert drawn
        await pilot.press("5")  # and the plan has no Edit
        await loaded(pilot)
        assert "Edit" not in [k.description for k in footer.shown]
        assert "Edit" not in footer.render_line(0).text


async def test_start_up_draws_the_caseload_once(seeded_db: Path, make_app: MakeApp) -> None:
    """Given the cases read while the app loads (as the command line does), the first frame
    is the caseload, its rows, columns and keys in place, and nothing is drawn again: not the
    whole screen a second time, nor the table's lines, nor the footer."""
    store = Store.open(seeded_db)
    try:
        rows = store.cases.caseload(store.workers.ensure("sam.okafor"), scope="mine")
    finally:
        store.close()
    first: Future[list[CaseRow]] = Future()
    first.set_result(rows)
    app = make_app(first_caseload=first)
    updates: list[tuple[str, list[str]]] = []
    display = app._display

    beside: list[str] = []  # the jobs that look at the records beside the caseload

    def spy(screen: Any, renderable: Any) -> None:
        if isinstance(renderable, (ChopsUpdate, LayoutUpdate)):
            kind = "whole" if isinstance(renderable, LayoutUpdate) else "lines"
            updates.append((kind, sorted(names(app))))
            beside.extend(w.name for w in app.workers if w.name in BESIDE)
        display(screen, renderable)

    app._display = spy  # type: ignore[method-assign]
    restyled: list[str] = []  # each widget is styled as it is mounted, not again for nothing
    update_styles = app.update_styles

    def styling(node: Any, animate: bool = True) -> None:
        restyled.append(type(node).__name__)
        update_styles(node, animate)

    app.update_styles = styling  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.pause(0.2)  # the frames after the first, if any were to come
        assert "Filter" in app.screen.query_one(CaselineFooter).render_line(0).text
        assert table(app).visible_columns == ["ref", "client", "contact", "review", "flags"]
    assert updates == [("whole", sorted(r.client_name for r in rows))]
    assert not {"CaseloadScreen", "CaselineFooter"} & set(restyled), restyled
    assert beside == []  # none began before the caseload was drawn (its frame waited)


async def test_what_is_overdue_is_shown_once_the_caseload_is_drawn(make_app: MakeApp) -> None:
    """Shown over the caseload at start, what needs doing is read once the caseload's frame
    is drawn, not beside it (its thread held that frame up)."""
    app = make_app(today_at_start=True)
    at_first_frame: list[set[str]] = []
    display = app._display

    def spy(screen: Any, renderable: Any) -> None:
        if isinstance(renderable, (ChopsUpdate, LayoutUpdate)) and not at_first_frame:
            at_first_frame.append({w.name for w in app.workers if w.name in BESIDE})
        display(screen, renderable)

    app._display = spy  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: type(app.screen).__name__ == "TodayScreen")
    assert at_first_frame == [set()]


# What looks at the records once the caseload is drawn (the seals' check, drafts left, what is
# overdue), by the names of their workers.
BESIDE = {"integrity-check", "drafts", "today-at-start"}


async def test_a_rows_line_is_made_once_and_made_again_when_the_look_changes(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Moving the cursor down and back makes only the lines whose look changed: the line left
    is the one made before. Focus elsewhere changes the cursor's colours: made again."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        cases = table(app)
        made: list[str] = []
        make = cases._row_line

        def counted(row: Any, width: int, style: Any) -> Strip:
            made.append(row.client_name)
            return make(row, width, style)

        monkeypatch.setattr(cases, "_row_line", counted)
        first, second = cases.rows[0].client_name, cases.rows[1].client_name
        await pilot.press("down")
        await loaded(pilot)
        assert sorted(made) == sorted([first, second])  # first plain, second under the cursor
        made.clear()
        await pilot.press("up")
        await loaded(pilot)
        assert made == []  # both looks made already
        focused = cases.render_line(1)
        await pilot.press("slash")  # the filter has the focus: the cursor's colours change
        await loaded(pilot)
        assert cases.render_line(1) != focused and first in made


@dataclass(frozen=True)
class Item:
    id: int
    name: str
    search_key: str


class Items(RecordTable[Item]):
    COLUMNS = (Column("name", "Name", 10, 1, lambda r, _t: r.name, lambda r: r.id, True),)


class ItemsApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Items()


async def test_a_filter_that_moves_the_view_makes_only_the_lines_it_ends_up_showing() -> None:
    """The cursor far down a long list, a filter keystroke shrinks it: the view is clamped to
    the rows left, then moved to the cursor's row. Each line is compared once, where the view
    ends, and only the rows shown there are drawn (the rows at the clamped view were drawn
    too, for nothing: a screenful of a keystroke's work)."""
    names = [f"item {i:03d} {'odd' if i % 2 else 'even'}" for i in range(300)]
    items = [Item(i, name, name) for i, name in enumerate(names)]
    app = ItemsApp()
    async with app.run_test(size=(40, 12)) as pilot:
        grid = app.query_one(Items)
        grid.set_rows(items)
        await pilot.pause()
        grid.cursor_row = 250  # item 250, even, near the end
        await pilot.pause()
        made: list[int] = []
        make = grid._row_line

        def counted(row: Item, width: int, style: Any) -> Strip:
            made.append(row.id)
            return make(row, width, style)

        grid._row_line = counted  # type: ignore[method-assign]
        grid.set_filter("even")  # 150 rows: the view clamped, then moved to item 250
        await pilot.pause()
        assert grid.highlighted == items[250]
        top = round(grid.scroll_y)
        shown = {r.id for r in grid.rows[top : top + grid.size.height - 1]}
        assert 250 in shown
        assert len(made) == len(set(made))  # each line made once
        assert set(made) <= shown  # and none the view only passed through
