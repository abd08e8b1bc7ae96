"""Small modal questions: a choice of a few keyed answers (the note-quality check, built the
same way, is in ``tui.screens.notes.quality``)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.text import assemble, plain

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


class ChoiceScreen(ModalScreen[str | None]):
    """Answer with one key; escape cancels (None), the safe answer."""

    DEFAULT_CSS = MODAL_CSS.format(name="ChoiceScreen")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="choice.cancel"),
    ]

    def __init__(
        self, question: str, choices: list[tuple[str, str, str]], cancel: str = "Cancel"
    ) -> None:
        """``choices`` are (key, value, label)."""
        super().__init__()
        self.question = question
        self.choices = choices
        self.cancel_label = cancel

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(plain(self.question), classes="question")
            for key, _, label in self.choices:
                yield Static(assemble((f" {key} ", "bold reverse"), f"  {label}"), classes="item")
            yield Static(
                assemble((" esc ", "bold reverse"), f"  {self.cancel_label}"), classes="keys"
            )

    def on_key(self, event: Key) -> None:
        for key, value, _ in self.choices:
            if event.key == key:
                event.stop()
                self.dismiss(value)
                return

    def action_cancel(self) -> None:
        self.dismiss(None)
