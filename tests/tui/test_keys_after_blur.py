"""Keys typed together after the focused widget was hidden: the binding of a key passed on to
the screen (nothing has the focus) runs before the keys typed after it are passed on.

A case file opened on its overview, then `3/zq` in one burst (a slow SSH link): the overview's
list had the focus and took all four keys; `3` switched to the notes, hiding the list, whose
focus Textual then removed. `/` went to the screen, and its binding (focus the notes' filter)
ran only once it had bubbled back to the app, after `z` and `q` had gone to the screen and
been lost. The filter stayed empty, one run in forty on a busy machine."""

from __future__ import annotations

import asyncio

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen

from tests.tui.waiting import until
from tui.widgets import textual_fixes
from tui.widgets.safe import SafeInput
from tui.widgets.textual_fixes import take_input


class Hiding(App[None]):
    """`f2` hides the field that has the focus (as a tab switch does); `/` takes a while
    (building a tab) and then focuses the filter."""

    BINDINGS = [Binding("f2", "hide"), Binding("slash", "filter")]

    def compose(self) -> ComposeResult:
        yield SafeInput(id="first")
        yield SafeInput(id="filter")

    async def on_event(self, event: events.Event) -> None:
        if take_input(self, event):
            return
        await super().on_event(event)

    def action_hide(self) -> None:
        self.query_one("#first").display = False
        self.screen.set_focus(None)  # what Textual does when the hidden widget is told

    async def action_filter(self) -> None:
        await asyncio.sleep(0.1)
        self.screen.set_focus(self.query_one("#filter"))


async def test_keys_typed_after_a_key_passed_on_wait_for_its_binding() -> None:
    app = Hiding()
    async with app.run_test(size=(40, 6)) as pilot:
        first = app.query_one("#first", SafeInput)
        first.focus()
        await until(pilot, lambda: first.has_focus)
        for key, character in [("f2", None), ("slash", "/"), ("z", "z"), ("q", "q")]:
            app.post_message(events.Key(key, character))
        field = app.query_one("#filter", SafeInput)
        await until(pilot, lambda: field.value == "zq")
        assert first.value == ""


class Stuck(Screen[None]):
    """A screen whose mount does not end (until told)."""

    def __init__(self, released: asyncio.Event) -> None:
        super().__init__()
        self.released = released

    async def on_mount(self) -> None:
        await self.released.wait()


class Pushing(Hiding):
    BINDINGS = [Binding("f3", "push")]

    def __init__(self) -> None:
        super().__init__()
        self.released = asyncio.Event()

    def action_push(self) -> None:
        self.push_screen(Stuck(self.released))


async def test_keys_wait_for_a_screen_being_mounted_but_not_for_ever(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(textual_fixes, "MOUNT_WAIT_SECONDS", 0.3)
    app = Pushing()
    async with app.run_test(size=(40, 6)) as pilot:
        first = app.query_one("#first", SafeInput)
        first.focus()
        await until(pilot, lambda: first.has_focus)
        for key, character in [("f3", None), ("z", "z")]:
            app.post_message(events.Key(key, character))
        try:
            # Not the pilot's pause, which waits for the screen's mount to be over too.
            for _ in range(500):
                if isinstance(app.screen, Stuck) and first._input_waiting == 0:
                    break
                await asyncio.sleep(0.01)
            # The key after f3 went on once the wait was over: the keys behind it not held.
            assert isinstance(app.screen, Stuck) and first._input_waiting == 0
            assert first.value == ""
        finally:
            app.released.set()
