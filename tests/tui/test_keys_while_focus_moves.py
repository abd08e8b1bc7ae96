"""Keys typed while a key is moving the focus reach the new focus in the order they were typed.

`/` in the case file moves the focus to the notes' filter box, but only once the notes tab is
built. The text typed straight after `/` waits behind it in the queue of the widget that had the
focus, and is passed on when its turn comes; a key arriving at the app meanwhile must wait
behind it too, and not go straight to the new focus ahead of it ("zqxh" came out as "qxhz").
"""

from __future__ import annotations

import asyncio

from textual import events
from textual.app import App, ComposeResult

from tui.widgets.safe import SafeInput
from tui.widgets.textual_fixes import take_input

from .waiting import until


class SlowMove(App[None]):
    """Two fields; ctrl+g moves the focus to the second at once, then works until released."""

    BINDINGS = [("ctrl+g", "move", "")]

    def __init__(self, *, in_order: bool) -> None:
        super().__init__()
        self.in_order = in_order
        self.release = asyncio.Event()

    def compose(self) -> ComposeResult:
        yield SafeInput(id="first")
        yield SafeInput(id="second")

    async def on_event(self, event: events.Event) -> None:
        if self.in_order and take_input(self, event):
            return
        await super().on_event(event)

    async def action_move(self) -> None:
        self.screen.set_focus(self.query_one("#second"))
        await self.release.wait()


async def typed_while_the_focus_moves(*, in_order: bool, later: events.Event) -> str:
    """The second field's value after ctrl+g and "z" arrive together, then ``later`` arrives
    once the focus has moved but before ctrl+g's work is done."""
    app = SlowMove(in_order=in_order)
    async with app.run_test(size=(40, 6)) as pilot:
        first, second = app.query(SafeInput)
        first.focus()
        await until(pilot, lambda: app.focused is first, seconds=5)
        try:
            app.post_message(events.Key("ctrl+g", None))
            app.post_message(events.Key("z", "z"))
            # Not the pilot's pause, which waits for every widget to be idle: the first field
            # isn't until ctrl+g's work is released.
            for _ in range(250):
                if app.focused is second:
                    break
                await asyncio.sleep(0.02)
            assert app.focused is second
            app.post_message(later)
            await asyncio.sleep(0.1)
        finally:
            app.release.set()  # else the app can't stop
        await until(pilot, lambda: len(second.value) >= 2, seconds=5)
        await pilot.pause()
        assert first.value == ""
        return second.value


async def test_a_key_typed_meanwhile_waits_behind_the_keys_before_it() -> None:
    assert await typed_while_the_focus_moves(in_order=True, later=events.Key("q", "q")) == "zq"


async def test_a_paste_meanwhile_waits_behind_the_keys_before_it() -> None:
    assert await typed_while_the_focus_moves(in_order=True, later=events.Paste("qx")) == "zqx"


async def test_textual_alone_lets_a_key_typed_meanwhile_jump_the_queue() -> None:
    """Why ``take_input`` is needed: without it the later key reaches the new focus first."""
    assert await typed_while_the_focus_moves(in_order=False, later=events.Key("q", "q")) == "qz"
