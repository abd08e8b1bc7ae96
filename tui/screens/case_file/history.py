"""The change history of a case: what each field was before, who changed it, when."""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from store.case_file.history import HistoryLine
from store.common import dates
from tui.screens.base import CaselineScreen
from tui.text import assemble
from tui.widgets.footer import CaselineFooter
from tui.widgets.held_input import HoldsInput
from tui.widgets.record_table import Column, RecordTable


def _when(line: HistoryLine, today: date) -> str:
    return dates.format_datetime(dates.to_local(line.changed_at))


# Who and when are kept longest and come first: a long value is cut, never them.
COLUMNS: tuple[Column[HistoryLine], ...] = (
    Column("when", "When", 17, 100, _when, lambda h: (h.changed_at, -h.id)),
    Column("by", "By", 12, 99, lambda h, t: h.changed_by, lambda h: h.changed_by),
    Column("record", "Record", 11, 80, lambda h, t: h.record, lambda h: h.record, True),
    Column("field", "Field", 13, 85, lambda h, t: h.field, lambda h: h.field),
    Column("was", "Was", 11, 70, lambda h, t: h.was or "—", lambda h: h.was, True),
    Column("now", "Now", 11, 90, lambda h, t: h.now or "—", lambda h: h.now, True),
)


class HistoryTable(RecordTable[HistoryLine]):
    """The changes, newest first."""

    COLUMNS: ClassVar[tuple[Column[Any], ...]] = COLUMNS
    DEFAULT_SORT = "when"
    MEASURE_TEXT = True

    def __init__(self, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.empty_message = "No changes recorded yet."

    def search_key(self, row: HistoryLine) -> str:
        return ""

    def cell_class(self, row: HistoryLine, column: Column[HistoryLine], value: str) -> str | None:
        return "record-table--muted" if value == "—" else None


class HistoryScreen(HoldsInput, CaselineScreen[None]):
    """Every recorded change to the case, its client, network, professionals, plans and
    referrals; the highlighted one in full beneath, with why where a reason was given."""

    DEFAULT_CSS = """
    HistoryScreen HistoryTable { height: 1fr; }
    HistoryScreen #history-change {
        height: auto;
        max-height: 8;
        padding: 0 1;
        border-top: solid $panel;
    }
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
        yield HistoryTable(id="history-table")
        yield Static("", id="history-change")
        yield CaselineFooter()

    def on_mount(self) -> None:
        table = self.query_one(HistoryTable)
        table.sort_by("when", reverse=True)
        table.focus()
        self._load(opening=True)

    def _load(self, *, opening: bool = False) -> None:
        app, case_id = self.caseline, self.case_id
        self.read_then_let_through(
            lambda: app.store.case_file.case_history_lines(app.me, case_id, opening=opening),
            done=self._show,
            name="history",
        )

    def _show(self, history: list[HistoryLine]) -> None:
        self.query_one(HistoryTable).set_rows(history)

    @on(HistoryTable.Highlighted)
    def _highlighted(self, event: HistoryTable.Highlighted) -> None:
        """The highlighted change in full, beneath the table: its values may be cut there."""
        line: HistoryLine | None = event.row
        change = self.query_one("#history-change", Static)
        if line is None:
            change.update("")
            return
        when = dates.format_datetime(dates.to_local(line.changed_at))
        change.update(
            Content("\n").join(
                (
                    assemble(
                        (f"{line.record} · {line.field}", "bold"),
                        f" · {line.changed_by}, {when}",
                    ),
                    assemble(("Was: ", "dim"), line.was or "—"),
                    assemble(("Now: ", "dim"), line.now or "—"),
                    *((assemble(("Why: ", "dim"), line.why),) if line.why else ()),
                )
            )
        )

    def action_back(self) -> None:
        self.dismiss(None)
