"""A yes/no question as a modal; escape answers with the safe choice."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.events import Key
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.screens.base import open_in_place
from tui.text import plain
from tui.widgets.textual_fixes import InOrderKeys


class _GoesOn(InOrderKeys, Vertical, can_focus=True):
    """The question, taking the keys in order, for a screen whose `y` opens what comes next
    (``opens``): the keys typed after `y` wait for it, and go to what it opened."""

    async def _take_key(self, event: Key) -> None:
        screen = self.screen
        if event.key == "y" and self.app.screen is screen and isinstance(screen, ConfirmScreen):
            event.stop()
            event.prevent_default()
            await screen.go_on()
            return
        await super()._take_key(event)


class ConfirmScreen(ModalScreen[bool]):
    """Ask before doing something that can't be undone; True means go ahead."""

    DEFAULT_CSS = """
    ConfirmScreen {
        align: center middle;
        background: $background 60%;
    }
    ConfirmScreen > Vertical {
        width: 60;
        max-width: 90%;
        height: auto;
        border: thick $warning;
        background: $surface;
        padding: 1 2;
    }
    ConfirmScreen .question { text-style: bold; }
    ConfirmScreen .keys { color: $text-muted; margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "No", id="confirm.no"),
    ]

    def __init__(
        self,
        question: str,
        detail: str = "",
        yes: str = "Yes",
        no: str = "No",
        *,
        opens: Callable[[Screen[Any]], Awaitable[None]] | None = None,
    ) -> None:
        """``opens(confirm)``, if given, opens what `y` leads to in place of this screen
        (``give_way(confirm)`` just before), in the key's turn, as ``ChoiceScreen``'s does;
        without it the screen is dismissed with True."""
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes_label = yes
        self.no_label = no
        self._opens = opens

    def compose(self) -> ComposeResult:
        with Vertical() if self._opens is None else _GoesOn():
            yield Static(plain(self.question), classes="question")
            if self.detail:
                yield Static(plain(self.detail))
            yield Static(
                f"y {self.yes_label}    n / escape {self.no_label}", classes="keys", markup=False
            )

    def on_mount(self) -> None:
        if self._opens is not None:
            self.set_focus(self.query_one(_GoesOn))

    async def go_on(self) -> None:
        """`y`: what it opens, in this key's turn (pushed with a callback: answered to the
        app, this screen being closed by then)."""
        if (opens := self._opens) is None:
            self.dismiss(True)
            return
        await open_in_place(self.app, lambda: opens(self))

    async def action_answer(self, answer: bool) -> None:
        if answer:
            await self.go_on()
        else:
            self.dismiss(False)
