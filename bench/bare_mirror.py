"""The yardstick for the keys measured by bench/run.py: a bare Textual app doing what Caseline
does, with Textual's own widgets and nothing else, answering the same keys.

    python bench/bare_mirror.py ROWS NOTES

A DataTable of ROWS made-up cases (``j``/``k`` move, ``/`` types into an Input above it,
``escape`` goes back to the table, ``enter`` opens "a case": a pushed screen with a
TabbedContent of seven tabs on ``1``-``7``, the third holding an Input and a DataTable of NOTES
notes; ``escape`` pops it) and ``n`` pushes a screen with a TextArea, as the note editor.
``READY`` is painted with the first rows.
"""

from __future__ import annotations

import sys

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Input, Static, TabbedContent, TabPane, TextArea

TABS = ("Overview", "Summary", "Notes", "Chronology", "Plan", "Assessment", "Referrals")


class Editor(Screen[None]):
    BINDINGS = [Binding("escape", "app.pop_screen", "Back")]

    def compose(self) -> ComposeResult:
        yield TextArea("", id="body")
        yield Footer()


class Case(Screen[None]):
    BINDINGS = [
        Binding("escape", "back", "Back"),
        Binding("/", "filter", "Filter"),
        Binding("n", "note", "Note"),
        *(Binding(str(i), f"tab({i})", name, show=False) for i, name in enumerate(TABS, 1)),
    ]

    def __init__(self, notes: int) -> None:
        super().__init__()
        self.notes = notes

    def compose(self) -> ComposeResult:
        with TabbedContent(id="tabs"):
            for i, name in enumerate(TABS, 1):
                with TabPane(name, id=f"tab-{i}"):
                    if i == 3:
                        yield Input(placeholder="Filter the notes", id="note-filter")
                        yield DataTable(id="notes")
                    else:
                        yield Static(f"{name}\n" + "A line of the case file.\n" * 20)
        yield Footer()

    def on_mount(self) -> None:
        table: DataTable[str] = self.query_one("#notes", DataTable)
        table.add_columns("When", "Type", "By", "Note")
        for i in range(self.notes):
            table.add_row(f"{i % 28 + 1:02d} Nov 2026", "home visit", "Sam Okafor", f"Note {i}")

    def action_tab(self, number: int) -> None:
        self.query_one(TabbedContent).active = f"tab-{number}"

    def action_filter(self) -> None:
        self.query_one(TabbedContent).active = "tab-3"
        self.query_one("#note-filter", Input).focus()

    def action_note(self) -> None:
        self.app.push_screen(Editor())

    def action_back(self) -> None:
        if self.focused is not None and isinstance(self.focused, Input):
            self.query_one("#notes", DataTable).focus()
        else:
            self.app.pop_screen()


class Mirror(App[None]):
    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("j", "down", "Down", show=False),
        Binding("k", "up", "Up", show=False),
        Binding("/", "filter", "Filter"),
        Binding("escape", "leave", "Leave", show=False),
        Binding("w", "noop", "Workers", show=False),
        Binding("n", "note", "Note"),
    ]

    def __init__(self, rows: int, notes: int) -> None:
        super().__init__()
        self.rows, self.notes = rows, notes

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Filter", id="filter")
        yield DataTable(id="cases", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table: DataTable[str] = self.query_one("#cases", DataTable)
        table.add_columns("Ref", "Client", "Worker", "Allocated", "Last contact", "Flags")
        table.add_row("READY", "READY", "", "", "", "")
        for i in range(self.rows - 1):
            table.add_row(
                f"CL-2026-{i:04d}", f"Person {i}", "Sam Okafor", "01 Jan 2026", "3d ago", "new"
            )
        table.focus()

    def action_down(self) -> None:
        self.query_one("#cases", DataTable).action_cursor_down()

    def action_up(self) -> None:
        self.query_one("#cases", DataTable).action_cursor_up()

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_leave(self) -> None:
        self.query_one("#cases", DataTable).focus()

    def action_noop(self) -> None:
        pass

    def action_note(self) -> None:
        self.push_screen(Editor())

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.data_table.id == "cases":
            self.push_screen(Case(self.notes))


if __name__ == "__main__":
    Mirror(int(sys.argv[1]), int(sys.argv[2])).run()
