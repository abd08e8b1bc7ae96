"""The caseload screen, driven with the keys a worker presses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.widgets import Input, Static

from store.cases.records import flag_labels
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.caseload.case_table import CaseTable
from tui.screens.caseload.screen import CaseloadScreen
from tui.screens.chronology.pane import ChronologyTable
from tui.screens.help import HelpScreen

from .helpers import loaded, names, palette_finds, table, title
from .waiting import until

MakeApp = Callable[..., CaselineApp]


async def test_default_view_is_my_open_cases_sorted_by_name(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        assert names(app) == [
            "Aisha Bello",
            "Łukasz Nowak",
            "Siobhán O'Sullivan-Murphy",
            "Tom Gallagher",
            "Zoë Adams",
        ]
        assert title(app) == "My open cases (5)"
        assert isinstance(app.focused, CaseTable)


async def test_keys_switch_to_all_workers_and_to_closed_cases(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("w")
        await loaded(pilot)
        assert "Priya Patel" in names(app) and len(names(app)) == 7
        assert title(app) == "All workers' open cases (7)"
        assert "worker" in table(app).visible_columns
        await pilot.press("x")
        await loaded(pilot)
        assert names(app) == ["Old Closed Case"]
        assert title(app) == "All workers' closed cases (1)"
        await pilot.press("w", "x")
        await loaded(pilot)
        assert title(app) == "My open cases (5)"


async def test_filter_as_you_type_ignores_case_and_accents(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"LUKA")
        assert names(app) == ["Łukasz Nowak"]
        assert title(app) == "My open cases (1 of 5)"
        for _ in range(4):
            await pilot.press("backspace")
        await pilot.press(*"zoe")
        assert names(app) == ["Zoë Adams"]
        await pilot.press("ctrl+a", "ctrl+k")  # clear, then filter by reference
        ref = table(app).rows[0].ref if table(app).rows else ""
        await pilot.press(*ref.lower())
        assert [r.ref for r in table(app).rows] == [ref]
        await pilot.press(*"zzz")
        assert names(app) == []
        assert "No cases match" in table(app).empty_message
        await pilot.press("escape")  # leaves the filter, keeps it
        assert isinstance(app.focused, CaseTable)
        await pilot.press("escape")  # clears it
        assert len(names(app)) == 5


async def test_sort_by_column_and_reverse(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(pilot)
        assert table(app).sort_key == "client"
        await pilot.press("r")
        assert names(app)[0] == "Zoë Adams"
        await pilot.press("s")  # next visible column after client
        key = table(app).sort_key
        assert key != "client"
        while table(app).sort_key != "contact":
            await pilot.press("s")
        # Oldest contact first: never contacted, then 2 Oct, ...
        assert names(app)[:2] == ["Zoë Adams", "Łukasz Nowak"]
        await pilot.press("r")
        assert names(app)[0] == "Tom Gallagher"


async def test_enter_opens_the_case_and_escape_comes_back_to_the_same_place(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("w")
        await loaded(pilot)
        await pilot.press("slash", *"a", "enter")
        await pilot.press("s", "s")
        sort_key = table(app).sort_key
        await pilot.press("down")
        chosen = table(app).highlighted
        assert chosen is not None
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        assert app.screen.detail is not None
        assert app.screen.detail.client_name == chosen.client_name
        await pilot.press("escape")
        await loaded(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        assert app.screen.scope == "all"
        assert app.screen.query_one("#filter", Input).value == "a"
        assert table(app).sort_key == sort_key
        assert table(app).highlighted is not None
        assert table(app).highlighted.id == chosen.id


async def test_case_file_shows_client_details_and_chronology(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")  # Aisha Bello
        await loaded(pilot)
        details = str(app.screen.query_one("#client-details", Static).render())
        assert "Aisha Bello" in details
        assert "12 Mar 1988 (age 38)" in details
        assert "07700 900123" in details
        await pilot.press("4")
        chronology = app.screen.query_one(ChronologyTable)
        assert [(e.occurred_on, e.title) for e in chronology.rows] == [
            (date(2025, 2, 10), "Case allocated to Sam Okafor")
        ]
        line = chronology.render_line(1).text
        assert "10 Feb 2025" in line and "Case allocated to Sam Okafor" in line


async def test_question_mark_lists_every_key_of_the_screen(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(s.render()) for s in app.screen.query(Static))
        for expected in (
            "Create a new client and case",
            "Filter by client name or ref",
            "all workers' cases",
            "open and closed",
            "Sort by the next column",
            "Reverse the sort order",
            "Quit Caseline",
            "command palette",
        ):
            assert expected in text
        await pilot.press("escape")
        assert isinstance(app.screen, CaseloadScreen)


async def test_command_palette_reaches_screen_actions(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await palette_finds(pilot, "Closed/open", "Closed/open")
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        assert app.screen.closed


async def test_q_quits_from_the_caseload(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_narrow_terminal_drops_columns_in_order_and_keeps_the_essentials(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        at_80 = table(app).visible_columns
        assert at_80 == ["ref", "client", "contact", "review", "flags"]
        await pilot.press("w")
        await loaded(pilot)
        # Each layout follows a resize a frame or more later: wait for it.
        everyone = ["ref", "client", "worker", "contact", "review", "flags"]
        await until(pilot, lambda: table(app).visible_columns == everyone)
        await pilot.resize_terminal(60, 24)
        narrow = ["ref", "client", "worker", "contact"]
        await until(pilot, lambda: table(app).visible_columns == narrow)
        await pilot.resize_terminal(140, 30)
        wide = ["ref", "client", "worker", "allocated", "contact", "review", "flags"]
        await until(pilot, lambda: table(app).visible_columns == wide)


async def test_command_palette_opens_any_case_by_name(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        # Another worker's case: not on my caseload.
        await palette_finds(pilot, "marcus", "Marcus Johnson")
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        assert app.screen.detail is not None
        assert app.screen.detail.client_name == "Marcus Johnson"


async def test_mouse_click_on_a_header_sorts_and_double_click_opens(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.click(CaseTable, offset=(2, 0))  # "Ref"
        assert table(app).sort_key == "ref"
        await pilot.click(CaseTable, offset=(2, 0))
        assert table(app).sort_reverse
        await pilot.click(CaseTable, offset=(20, 2))  # second row
        assert table(app).cursor_row == 1
        chosen = table(app).highlighted
        await pilot.double_click(CaseTable, offset=(20, 2))
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        assert chosen is not None and app.screen.case_id == chosen.id


async def test_columns_fit_beside_the_scrollbar(make_app: MakeApp) -> None:
    """With more rows than fit, the scrollbar takes a column: the last one still shows whole."""
    app = make_app()
    async with app.run_test(size=(80, 8)) as pilot:
        await loaded(pilot)
        cases = table(app)
        assert len(cases.rows) + 1 > cases.size.height  # a scrollbar is needed
        await pilot.pause()
        assert cases.show_vertical_scrollbar
        width = cases.scrollable_content_region.width
        lines = [cases.render_line(y).text for y in range(cases.size.height)]
        assert all(len(line.rstrip()) <= width for line in lines)
        assert "Flags" in lines[0]
        assert any("no note 7d" in line for line in lines[1:]), lines
        # The sort arrow never pushes a label out of its column.
        await pilot.press("s", "s", "s")
        assert "…" not in cases.render_line(0).text


async def test_the_status_line_names_the_highlighted_cases_flags_in_full(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        rows = list(table(app).rows)
        flagged = next(i for i, row in enumerate(rows) if [f for f in row.flags if f != "review"])
        for _ in range(flagged):
            await pilot.press("down")
        status = app.screen.query_one("#status-line", Static)
        words = ", ".join(flag_labels(rows[flagged]))
        await until(pilot, lambda: str(status.render()).endswith(f" · {words}"))
        unflagged = [i for i, row in enumerate(rows) if not row.flags]
        if unflagged:
            await pilot.press("home", *["down"] * unflagged[0])
            await until(pilot, lambda: str(status.render()).endswith(f"{unflagged[0] + 1}/5"))
