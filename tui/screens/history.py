"""The change history of a case's people: what each field was before, who changed it, when."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import DataTable, Static

from store import dates
from store.records import ChangeInfo
from store.textsafe import single_line
from tui.screens.base import CaselineScreen
from tui.text import assemble
from tui.widgets.footer import CaselineFooter


class HistoryScreen(CaselineScreen[None]):
    """Every recorded change to the client, the support network and the professionals."""

    DEFAULT_CSS = """
    HistoryScreen DataTable { height: 1fr; }
    HistoryScreen #history-empty { padding: 1; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the case", id="history.back"),
    ]

    def __init__(self, case_id: int, label: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.label = label

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static(
                assemble(("History of changes", "bold"), " · ", self.label), classes="title"
            )
        yield Static("", id="history-empty")
        table: DataTable[Text] = DataTable(cursor_type="row", zebra_stripes=True)
        yield table
        yield CaselineFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("When", width=17)
        table.add_column("Record", width=22)
        table.add_column("Field", width=13)
        table.add_column("Was")
        table.add_column("Now")
        table.add_column("By", width=14)
        table.focus()
        self._load()

    @work(thread=True, exclusive=True, group="history", exit_on_error=False)
    def _load(self) -> None:
        history = self.caseline.store.case_history(self.caseline.me, self.case_id)
        self.app.call_from_thread(self._show, history)

    def _show(self, history: list[tuple[str, ChangeInfo]]) -> None:
        table = self.query_one(DataTable)
        empty = self.query_one("#history-empty", Static)
        empty.update("" if history else "No changes recorded yet.")
        empty.display = not history
        for label, change in history:
            table.add_row(
                Text(dates.format_datetime(dates.to_local(change.changed_at))),
                Text(single_line(label)),
                Text(change.field.replace("_", " ")),
                Text(single_line(change.old_value or "—")[:60]),
                Text(single_line(change.new_value or "—")[:60]),
                Text(single_line(change.changed_by)),
            )

    def action_back(self) -> None:
        self.dismiss(None)
