"""The note-quality check: before a note is saved, what a reader of it may miss."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.screens.choice import MODAL_CSS
from tui.text import assemble, plain


class QualityScreen(ModalScreen[bool]):
    """Points out what a reader of the note may miss; the worker can save anyway with one key."""

    DEFAULT_CSS = MODAL_CSS.format(name="QualityScreen")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "answer(True)", "Save anyway", id="quality.save"),
        Binding(
            "ctrl+s", "answer(True)", "Save anyway", show=False, id="quality.save2", priority=True
        ),
        Binding("escape,e", "answer(False)", "Edit", id="quality.edit"),
    ]

    def __init__(self, messages: list[str]) -> None:
        super().__init__()
        self.messages = messages

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Before you save: a reader may need more", classes="question")
            for message in self.messages:
                yield Static(plain(f"• {message}"), classes="item")
            yield Static(
                assemble(
                    (" s ", "bold reverse"),
                    "  Save anyway    ",
                    (" esc ", "bold reverse"),
                    "  Back to the note",
                ),
                classes="keys",
            )

    def action_answer(self, save: bool) -> None:
        self.dismiss(save)
