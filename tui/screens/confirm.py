"""A yes/no question as a modal; escape answers with the safe choice."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.text import plain


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

    def __init__(self, question: str, detail: str = "", yes: str = "Yes", no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes_label = yes
        self.no_label = no

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(plain(self.question), classes="question")
            if self.detail:
                yield Static(plain(self.detail))
            yield Static(
                f"y {self.yes_label}    n / escape {self.no_label}", classes="keys", markup=False
            )

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)
