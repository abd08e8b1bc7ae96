"""The keys of the screen underneath, generated from its bindings."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.text import assemble


class HelpScreen(ModalScreen[None]):
    """Every key of the current screen, with what it does."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; background: $background 60%; }
    HelpScreen > VerticalScroll {
        width: 72; max-width: 100%; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 0 1;
        border-title-style: bold;
    }
    HelpScreen .section { text-style: bold; color: $text-primary; margin-top: 1; }
    HelpScreen .hint { color: $text-muted; margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q,f1", "close", "Close", id="help.close"),
    ]

    def __init__(self, screen: Screen[object]) -> None:
        super().__init__()
        self.target = screen

    def compose(self) -> ComposeResult:
        container = VerticalScroll()
        container.border_title = "Keys"
        with container:
            rows: list[tuple[str, str]] = []
            seen: set[tuple[str, str]] = set()
            for key, active in self.target.active_bindings.items():
                binding = active.binding
                description = binding.tooltip or binding.description
                if not description:
                    continue
                shown = self.app.get_key_display(binding)
                if (binding.action, shown) in seen:
                    continue
                seen.add((binding.action, shown))
                rows.append((shown if key == binding.key.split(",")[0] else key, description))
            width = max((len(k) for k, _ in rows), default=4) + 2
            for key, description in rows:
                yield Static(assemble((key.ljust(width), "bold"), description))
            yield Static("ctrl+p opens the command palette: every action by name.", classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)
