"""The keys of the screen underneath, generated from its bindings."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.dom import DOMNode
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
            for heading, rows in self._sections():
                yield Static(heading, classes="section")
                width = max(len(key) for key, _ in rows) + 2
                for key, description in rows:
                    yield Static(assemble((key.ljust(width), "bold"), description))
            yield Static("ctrl+p opens the command palette: every action by name.", classes="hint")

    def _sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """The screen's own keys first, then the focused widget's, then the app's.

        Keys bound to the same action are shown on one line ("ctrl+r, f5").
        """
        groups: dict[str, dict[tuple[str, str], list[str]]] = {}
        for key, active in self.target.active_bindings.items():
            binding = active.binding
            description = binding.tooltip or binding.description
            if not description or binding.system or key.startswith("super+"):
                continue
            if active.node is self.target and binding.id:
                heading = "This screen"
            elif active.node is self.target or active.node is self.app:
                heading = "Everywhere"  # Textual's own screen keys: tab, copy
            else:
                heading = "In the focused " + _widget_name(active.node)
            shown = self.app.get_key_display(binding) if key == binding.key else key
            if key != binding.key:
                shown = self.app.get_key_display(Binding(key, binding.action))
            groups.setdefault(heading, {}).setdefault((binding.action, description), []).append(
                shown
            )
        order = ["This screen", *sorted(k for k in groups if k.startswith("In the")), "Everywhere"]
        return [
            (h, [(", ".join(keys), desc) for (_, desc), keys in groups[h].items()])
            for h in order
            if h in groups
        ]

    def action_close(self) -> None:
        self.dismiss(None)


def _widget_name(node: DOMNode) -> str:
    """ "CaseTable" -> "case table", for a heading."""
    name = type(node).__name__
    words = "".join(f" {c.lower()}" if c.isupper() else c for c in name).strip()
    return words.replace("data table", "table").replace("option list", "list")
