"""What opening a case and switching its tabs do: the tab bar holds still at 80 columns."""

from __future__ import annotations

from collections.abc import Callable

from textual.containers import Container
from textual.widgets import TabbedContent
from textual.widgets._tabbed_content import ContentTab

from tui.app import CaselineApp
from tui.screens.case_file.screen import TABS, CaseFileScreen

from .helpers import loaded

MakeApp = Callable[..., CaselineApp]


def tab_bar(screen: CaseFileScreen) -> list[tuple[int, int, str]]:
    """Where each tab's label is on the screen: its first and last column, and its text."""
    return [(t.region.x, t.region.right, str(t.label)) for t in screen.query(ContentTab)]


async def test_the_tab_bar_fits_80_columns_and_holds_still_on_every_tab(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, CaseFileScreen)
        first = tab_bar(screen)
        assert first[0] == (0, 12, "1 Overview")  # the bar starts at the screen's edge
        assert first[-1][1] <= 80, first
        for key, tab in zip("7654321", reversed(TABS), strict=True):
            await pilot.press(key)
            await loaded(pilot)
            assert screen.query_one(TabbedContent).active == tab
            assert screen.query_one("#tabs-scroll", Container).scroll_x == 0, tab
            assert tab_bar(screen) == first, tab
