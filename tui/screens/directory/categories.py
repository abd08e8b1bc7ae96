"""Choosing one category of the directory to list (``c``), or all of them again."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.text import plain_line

CATEGORY_CSS = """
    CategoryScreen { align: center top; background: $background 60%; }
    CategoryScreen > Vertical {
        width: 50; max-width: 100%; height: auto; max-height: 80%;
        margin-top: 2; border: round $primary; background: $surface; padding: 0 1;
    }
    CategoryScreen .heading { text-style: bold; color: $text-primary; }
    CategoryScreen OptionList { height: auto; max-height: 16; border: none; }
    CategoryScreen .hint { color: $text-muted; }
"""
EVERY = ""  # the answer meaning every category


class CategoryScreen(ModalScreen[str | None]):
    """The directory's categories; dismisses with the one chosen, "" for all of them, or
    None if left with escape."""

    DEFAULT_CSS = CATEGORY_CSS
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape", "cancel", "Close", tooltip="Keep the list as it is", id="category.cancel"
        ),
    ]

    def __init__(self, categories: list[str], current: str) -> None:
        super().__init__()
        self.categories = categories
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("List the services in", classes="heading")
            options = OptionList(id="categories")
            options.add_option(Option("every category", id="every"))
            for n, category in enumerate(self.categories):
                options.add_option(Option(plain_line(category), id=str(n)))
            yield options
            yield Static("enter choose · esc close", classes="hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        chosen = self.categories.index(self.current) + 1 if self.current in self.categories else 0
        options.highlighted = chosen

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or "every"
        self.dismiss(EVERY if option_id == "every" else self.categories[int(option_id)])

    def action_cancel(self) -> None:
        self.dismiss(None)
