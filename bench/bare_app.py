"""The yardstick for start-up: a bare Textual app showing a 50-row table."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import DataTable, Footer


class Bare(App[None]):
    BINDINGS = [("q", "quit", "Quit")]

    def compose(self) -> ComposeResult:
        yield DataTable()
        yield Footer()

    def on_mount(self) -> None:
        table: DataTable[str] = self.query_one(DataTable)
        table.add_columns("Ref", "Client", "Status", "Allocated", "Last contact")
        # The benchmark waits for this marker; all rows are painted in the same frame.
        table.add_row("READY", "READY", "", "", "")
        for i in range(49):
            table.add_row(f"CL-2026-{i:04d}", f"Person {i}", "open", "01 Jan 2026", "3d ago")


if __name__ == "__main__":
    Bare().run()
