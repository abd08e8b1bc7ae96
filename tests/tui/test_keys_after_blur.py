"""Keys typed together after the focused widget was hidden: the binding of a key passed on to
the screen (nothing has the focus) runs before the keys typed after it are passed on.

A case file opened on its overview, then `3/zq` in one burst (a slow SSH link): the overview's
list had the focus and took all four keys; `3` switched to the notes, hiding the list, whose
focus Textual then removed. `/` went to the screen, and its binding (focus the notes' filter)
ran only once it had bubbled back to the app, after `z` and `q` had gone to the screen and
been lost. The filter stayed empty, one run in forty on a busy machine."""

from __future__ import annotations

import asyncio

from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding

from tests.tui.waiting import until
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
