"""What opening a case and switching its tabs do: the first paint shows the case, read once;
a tab shown again reads nothing and repaints the tab bar and the pane (once), not the screen;
the tab bar holds still at 80 columns."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from typing import Any

from textual._compositor import ChopsUpdate, LayoutUpdate
from textual.containers import Container
from textual.widgets import ContentSwitcher, OptionList, Static, TabbedContent
from textual.widgets._tabbed_content import ContentTab
from textual.widgets._tabs import Underline

from store.areas import Areas
from tui.app import CaselineApp
from tui.screens.case_file.screen import TABS, CaseFileScreen
from tui.widgets.footer import CaselineFooter

from .helpers import loaded
from .test_repaints import lines_drawn
from .test_rereads import _spy

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


@contextmanager
def store_calls(app: CaselineApp) -> Iterator[list[str]]:
    """The names of every store service's methods called while inside, in order."""
    made: list[str] = []
    patched: list[tuple[object, str]] = []
    for area, value in vars(Areas).items():
        if isinstance(value, cached_property):
            getattr(app.store, area)  # each service is made when first used: make them all
    for area, service in vars(app.store).items():
        if not hasattr(service, "database"):
            continue
        for name in dir(type(service)):
            method = getattr(service, name, None)
            if not name.startswith("_") and callable(method):
                setattr(service, name, _spy(made, f"{area}.{name}", method))
                patched.append((service, name))
    try:
        yield made
    finally:
        for service, name in patched:
            delattr(service, name)


@contextmanager
def screen_updates(app: CaselineApp) -> Iterator[list[object]]:
    """The updates the app would send to the terminal while inside: the lines of each
    partial update (a set), or "all" for the whole screen."""
    sent: list[object] = []
    display = app._display

    def spy(screen: Any, renderable: Any) -> None:
        if isinstance(renderable, ChopsUpdate):
            sent.append({y for y, _x1, _x2 in renderable.spans})
        elif isinstance(renderable, LayoutUpdate):
            sent.append("all")
        display(screen, renderable)

    app._display = spy  # type: ignore[method-assign]
    try:
        yield sent
    finally:
        del app._display


async def test_a_tab_shown_again_reads_nothing_and_repaints_only_the_bar_and_the_pane(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, CaseFileScreen)
        for key in "2345671":  # each tab built, the first time it is shown
            await pilot.press(key)
            await loaded(pilot)
        bar = screen.query_one(ContentTab).region.y
        for key, tab in zip("3471", ("notes", "chronology", "referrals", "overview"), strict=True):
            with store_calls(app) as made, screen_updates(app) as sent:
                await pilot.press(key)
                await loaded(pilot)
            assert screen.query_one(TabbedContent).active == tab
            assert made == [], tab
            assert "all" not in sent, tab
            lines = set().union(*sent)  # type: ignore[arg-type]
            assert lines and min(lines) >= bar, (tab, sorted(lines))  # not the title's lines


async def test_a_case_is_painted_first_as_read_by_one_reading(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        painted: list[tuple[str, list[str]]] = []  # the title in each frame, and what was read
        display = app._display

        def spy(screen: Any, renderable: Any) -> None:
            if isinstance(screen, CaseFileScreen) and renderable is not None:
                painted.append((str(screen.query_one("#case-title", Static).render()), [*made]))
            display(screen, renderable)

        app._display = spy  # type: ignore[method-assign]
        with store_calls(app) as made:
            await pilot.press("enter")
            await loaded(pilot)
        del app._display
        assert isinstance(app.screen, CaseFileScreen)
        title, read = painted[0]
        assert "Aisha Bello" in title  # never "Loading…"
        assert read.count("case_file.view") == 1
        assert "reminders.health" in read  # the record's health line, there from the start
        assert made.count("case_file.view") == 1  # and nothing read twice
        assert made.count("reminders.health") == 1


async def test_the_notes_list_shown_again_draws_its_lines_once(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("enter", "3")
        await loaded(pilot)
        await pilot.press("1")
        await loaded(pilot)
        screen = app.screen
        notes = screen.query_one("#notes-list", OptionList)
        with lines_drawn(notes) as drawn:
            await pilot.press("3")
            await loaded(pilot)
            await pilot.pause(0.05)
        assert notes.has_focus
        assert 0 < len(drawn) <= notes.size.height  # one frame's lines, not two


async def test_a_tab_shown_again_is_painted_with_its_underline_and_its_keys(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        for key in ("enter", "2", "4", "1"):
            await pilot.press(key)
            await loaded(pilot)
        screen = app.screen
        footer = screen.query_one(CaselineFooter)
        with screen_updates(app) as sent:
            await pilot.press("2")  # the summary: the same keys as the overview's
            await loaded(pilot)
            await pilot.pause(0.05)
        tab = screen.query_one("#--content-tab-summary", ContentTab)
        start, end = tab.region.shrink(tab.styles.gutter).column_span
        underline = screen.query_one(Underline)
        assert (underline.highlight_start, underline.highlight_end) == (start, end)
        assert len(sent) == 1, sent  # Textual moves the underline a frame later
        keys = footer.shown
        switcher = screen.query_one(ContentSwitcher)
        refreshed: list[object] = []
        refresh = switcher.refresh
        switcher.refresh = lambda *a, **kw: refreshed.append(a) or refresh(*a, **kw)  # type: ignore[method-assign]
        with screen_updates(app) as sent:
            await pilot.press("4")  # the chronology: keys of its own
            await loaded(pilot)
            await pilot.pause(0.05)
        del switcher.refresh
        assert refreshed == []  # the panes shown and hidden repaint, not all behind them
        assert keys != footer.shown
        assert sent and footer.region.y in sent[0], sent  # not a frame after the pane


async def test_a_case_opens_in_one_frame_with_its_summary_underline_and_notices(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await loaded(pilot)
        app.notify("Saved.", timeout=30)  # a notice on show as the case opens
        await pilot.pause()
        frames: list[tuple[object, int, tuple[int, int], int]] = []
        display = app._display

        def spy(screen: Any, renderable: Any) -> None:
            if isinstance(screen, CaseFileScreen) and renderable is not None:
                what = "all" if isinstance(renderable, LayoutUpdate) else "part"
                summary = len(screen.query("#overview-summary > *"))
                line = screen.query_one(Underline)
                toasts = len(screen.query("Toast"))
                frames.append((what, summary, (line.highlight_start, line.highlight_end), toasts))
            display(screen, renderable)

        restyled: list[object] = []
        update_styles = app.update_styles

        def styles_spy(node: Any, animate: bool = True) -> None:
            restyled.append(node)
            update_styles(node, animate)

        app._display = spy  # type: ignore[method-assign]
        app.update_styles = styles_spy  # type: ignore[method-assign]
        await pilot.press("enter")
        await loaded(pilot)
        await pilot.pause(0.1)
        del app._display, app.update_styles
        assert isinstance(app.screen, CaseFileScreen)
        # One frame: the whole screen, the summary in it, the first tab underlined, the
        # notice shown; Textual sent four or five (the summary, the option lists, the
        # underline, the notice, and the whole screen again).
        assert frames == [("all", 1, (1, 11), 1)], frames
        assert app.screen not in restyled  # styled as it was mounted, not all again


async def test_a_switch_to_other_keys_is_one_frame_styling_nothing_again(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("enter", "4", "1")  # the chronology built: its keys are its own
        await loaded(pilot)
        footer = app.screen.query_one(CaselineFooter)
        styled: list[object] = []
        apply = app.stylesheet.apply

        def spy(node: Any, **kwargs: Any) -> None:
            styled.append(node)
            apply(node, **kwargs)

        app.stylesheet.apply = spy  # type: ignore[method-assign]
        with screen_updates(app) as sent:
            await pilot.press("4")
            await loaded(pilot)
            await pilot.pause(0.1)
        del app.stylesheet.apply
        assert len(sent) == 1, sent  # the new keys not drawn again a frame later
        assert "Reverse" in [k.description for k in footer.shown]  # the chronology's keys
        assert footer not in styled and not footer.children  # one line drawn: no key widgets
