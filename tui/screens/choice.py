"""Small modal questions: a choice of a few keyed answers (the note-quality check, built the
same way, is in ``tui.screens.notes.quality``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, ClassVar

from textual._context import active_message_pump
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.events import Key
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.screens.base import open_in_place
from tui.text import assemble, plain
from tui.widgets.textual_fixes import InOrderKeys

MODAL_CSS = """
    {name} {{
        align: center middle;
        background: $background 60%;
    }}
    {name} > Vertical {{
        width: 68;
        max-width: 95%;
        height: auto;
        max-height: 90%;
        border: thick $warning;
        background: $surface;
        padding: 1 2;
    }}
    {name} .question {{ text-style: bold; margin-bottom: 1; }}
    {name} .item {{ margin-bottom: 1; }}
    {name} .keys {{ color: $text-muted; }}
"""


class _Answers(InOrderKeys, Vertical, can_focus=True):
    """The question and its answers, taking the keys in order: an answer whose ``opens``
    reads before it opens holds the keys typed after it, which then go to what it opened."""

    async def _take_key(self, event: Key) -> None:
        screen = self.screen
        if self.app.screen is screen and isinstance(screen, ChoiceScreen):
            value = screen.value_of(event.key)
            if value is not None:
                event.stop()
                event.prevent_default()
                await screen.answer(value)
                return
        await super()._take_key(event)


class ChoiceScreen(ModalScreen[str | None]):
    """Answer with one key; escape cancels (None), the safe answer."""

    DEFAULT_CSS = MODAL_CSS.format(name="ChoiceScreen")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="choice.cancel"),
    ]

    def __init__(
        self,
        question: str,
        choices: list[tuple[str, str, str]],
        cancel: str = "Cancel",
        *,
        opens: Callable[[str, Screen[Any]], Awaitable[None]] | None = None,
    ) -> None:
        """``choices`` are (key, value, label). ``opens(value, choice)``, if given, opens what
        the answer leads to in place of this screen (``give_way(choice)`` just before), in
        the key's turn: what is typed straight after the answer goes there, not to the screen
        beneath. Without it the screen is dismissed with the answer's value."""
        super().__init__()
        self.question = question
        self.choices = choices
        self.cancel_label = cancel
        self._opens = opens
        # Who asked (the widget whose key pushed this screen), as Textual knows it: what
        # ``opens`` pushes with a callback is answered there, not to this screen, closed by then.
        self._asker = active_message_pump.get(None)

    def compose(self) -> ComposeResult:
        with _Answers():
            yield Static(plain(self.question), classes="question")
            for key, _, label in self.choices:
                yield Static(assemble((f" {key} ", "bold reverse"), f"  {label}"), classes="item")
            yield Static(
                assemble((" esc ", "bold reverse"), f"  {self.cancel_label}"), classes="keys"
            )

    def on_mount(self) -> None:
        self.set_focus(self.query_one(_Answers))

    def value_of(self, key: str) -> str | None:
        return next((value for k, value, _ in self.choices if k == key), None)

    async def answer(self, value: str) -> None:
        if (opens := self._opens) is None:
            self.dismiss(value)
            return
        await open_in_place(self._asker or self.app, lambda: opens(value, self))

    async def on_key(self, event: Key) -> None:
        value = self.value_of(event.key)  # with nothing focused
        if value is not None:
            event.stop()
            await self.answer(value)

    def action_cancel(self) -> None:
        self.dismiss(None)
