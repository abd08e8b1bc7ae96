"""Small helpers for Pilot tests."""

from __future__ import annotations

from typing import Any

from textual import events
from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input, Select, Static, TabbedContent, TextArea
from textual.worker import WorkerCancelled

from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.caseload.case_table import CaseTable
from tui.screens.caseload.new_case import NewCaseScreen
from tui.screens.form import FormScreen
from tui.widgets.held_input import HoldsInput

from .waiting import until


async def loaded(pilot: Pilot[None]) -> None:
    """Wait until background loads have finished and their results are on screen.

    A load replaced by a newer one (exclusive workers) ends cancelled; that is the app
    working as meant, so wait again for its successor.
    """
    await pilot.pause()
    for _ in range(10):
        try:
            await pilot.app.workers.wait_for_complete()
            break
        except WorkerCancelled:
            await pilot.pause()
    await pilot.pause()


def table(app: CaselineApp) -> CaseTable:
    return app.screen.query_one(CaseTable)


def names(app: CaselineApp) -> list[str]:
    return [r.client_name for r in table(app).rows]


def title(app: CaselineApp) -> str:
    return str(app.screen.query_one("#view-title", Static).render())


def visible_text(app: CaselineApp) -> str:
    """Every line every visible widget of the current screen draws, as plain text (the
    segments' text, control characters and all, exactly as it would go to the terminal)."""
    lines: list[str] = []
    for widget in app.screen.query("*"):
        if widget.display and widget.size.height:
            lines.extend(widget.render_line(y).text for y in range(widget.size.height))
    return "\n".join(lines)


async def type_text(pilot: Pilot[None], text: str) -> None:
    """Put ``text`` into the focused text box in one step, as a paste from the terminal arrives.

    For tests about what is done with the text, not about typing it: pressing the keys costs
    a screen update a character. Tests whose subject is typing (keys in order, typed ahead,
    dates read as they are typed) press the keys.
    """
    await ready_for_input(pilot)
    focused = pilot.app.focused
    assert isinstance(focused, (Input, TextArea)), f"no text box has the focus: {focused!r}"
    pilot.app.post_message(events.Paste(text))
    await pilot.pause()
    held = focused.value if isinstance(focused, Input) else focused.text
    assert text in held, f"{text!r} did not arrive in {focused!r}: {held!r}"


async def ready_for_input(pilot: Pilot[None]) -> None:
    """Wait while the screen keeps what is typed for later (a form looking up its draft,
    ``tui.widgets.held_input``): what the test typed before is dealt with, and the focus is
    where it left it."""
    screen = pilot.app.screen
    if isinstance(screen, HoldsInput) and screen.holding_input:
        await until(pilot, lambda: not screen.holding_input)
        await pilot.pause()


async def palette_finds(pilot: Pilot[None], query: str, wanted: str) -> None:
    """Open the palette, type ``query`` and wait until ``wanted`` is the first hit."""
    await pilot.press("ctrl+p")
    await loaded(pilot)
    assert isinstance(pilot.app.screen, CommandPalette)
    await type_text(pilot, query)
    for _ in range(100):
        await pilot.pause(0.05)
        options = pilot.app.screen.query_one("CommandList")
        first = options.get_option_at_index(0) if options.option_count else None  # type: ignore[attr-defined]
        if first is not None and wanted in str(first.prompt):
            return
    raise AssertionError(f"{query!r} did not find {wanted!r}")


async def duplicates_checked(pilot: Pilot[None]) -> None:
    """Wait for the new-case form's look-up of existing clients to catch up with what is typed
    (it runs a moment after the typing stops)."""
    screen = pilot.app.screen
    assert isinstance(screen, NewCaseScreen)
    await until(pilot, lambda: screen._checked_key == screen._duplicate_key())
    await loaded(pilot)


async def focus(pilot: Pilot[None], selector: str) -> None:
    """Focus the widget ``selector`` of the current screen, waiting for it to be mounted (a form
    may build its fields after it is shown)."""
    await until(pilot, lambda: pilot.app.screen.query(selector))
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()


async def choose(pilot: Pilot[None], label: str) -> None:
    """Open the focused drop-down and pick ``label`` with the arrow keys (once a form that
    holds what is typed until its draft is looked up lets it through)."""
    await ready_for_input(pilot)
    select = pilot.app.focused
    assert isinstance(select, Select), select
    await pilot.press("enter")
    overlay = select.query_one("SelectOverlay")
    for _ in range(30):
        option = overlay.highlighted_option  # type: ignore[attr-defined]
        if option is not None and str(option.prompt) == label:
            break
        await pilot.press("down")
    else:
        raise AssertionError(f"no option {label!r}")
    await pilot.press("enter")
    await pilot.pause()


# -- keys typed together --------------------------------------------------------------


def burst(app: CaselineApp, *keys: str) -> None:
    """The keys as the terminal sends them in one read: all queued before any is handled."""
    for key in keys:
        app.post_message(events.Key(key, key if len(key) == 1 else None))


def on_tab(app: CaselineApp, tab: str) -> bool:
    screen = app.screen
    return (
        isinstance(screen, CaseFileScreen)
        and screen.detail is not None
        and screen.query_one(TabbedContent).active == tab
    )


def pushed(app: CaselineApp) -> list[type[Screen[Any]]]:
    """The kinds of screen pushed from now on, in order."""
    kinds: list[type[Screen[Any]]] = []
    push = app.push_screen

    def noted(screen: Any, *args: Any, **kwargs: Any) -> Any:
        kinds.append(type(screen))
        return push(screen, *args, **kwargs)

    app.push_screen = noted  # type: ignore[method-assign]
    return kinds


async def enter_then_escape(
    pilot: Pilot[None], app: CaselineApp, list_id: str, opens: type[Screen[Any]]
) -> None:
    """`enter escape` in one burst on the list ``list_id``: what enter opens is opened, and
    escape closes it again (not the screen of the list)."""
    await until(pilot, lambda: app.focused is not None and app.focused.id == list_id)
    shown = pushed(app)
    burst(app, "enter", "escape")
    await until(pilot, lambda: opens in shown)
    await until(pilot, lambda: not isinstance(app.screen, opens))
    await loaded(pilot)
    assert shown == [opens]


async def form_shown(pilot: Pilot[None]) -> FormScreen:
    """The form on top once every one of its fields is there (it is on the screen stack a
    moment before they are mounted)."""
    app = pilot.app
    await until(pilot, lambda: isinstance(app.screen, FormScreen))
    form = app.screen
    assert isinstance(form, FormScreen)
    fields = [f"#{field.name}" for field in form.fields]
    await until(pilot, lambda: all(form.query(f) for f in fields))
    await ready_for_input(pilot)
    return form
