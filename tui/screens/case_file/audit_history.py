"""A case's audit history: who opened, changed or exported what in the case, when and from
where, newest first. Read-only; for supervisors, managers, auditors and administrators."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from store.audit.records import AuditEntry
from store.common import dates
from store.common.errors import NotPermitted, StoreError
from tui.screens.base import CaselineScreen
from tui.text import assemble
from tui.widgets.footer import CaselineFooter
from tui.widgets.held_input import HoldsInput
from tui.widgets.record_table import Column, RecordTable
from tui.workers import report

REFUSED = "Only supervisors, managers and auditors can see a case's audit history."


def show_audit_history(screen: HoldsInput, case_id: int, label: str) -> None:
    """Read the case's audit history now and show it, the keys typed meanwhile held for it;
    refused in a notification to the roles that may not read it."""
    host = screen.app
    store, me = host.store, host.me  # type: ignore[attr-defined]
    screen.read_then_let_through(
        lambda: store.audit.events(me, case_id=case_id),
        done=lambda entries: host.push_screen(AuditHistoryScreen(label, entries)),
        failed=lambda error: refused(screen, error),
        name="audit-history",
    )


def refused(screen: Screen[Any], error: StoreError) -> None:
    """Say why the audit history isn't shown: the worker's role, or what went wrong."""
    if isinstance(error, NotPermitted):
        screen.notify(REFUSED, severity="warning", markup=False)
    else:
        report(screen.app, error)


def _who(entry: AuditEntry) -> str:
    return entry.worker_name or entry.login


def _record(entry: AuditEntry) -> str:
    if entry.record_id is None:
        return entry.record_kind
    return f"{entry.record_kind} {entry.record_id}"


# When and who are kept longest and come first: a long detail is cut, never them.
COLUMNS: tuple[Column[AuditEntry], ...] = (
    Column(
        "when",
        "When",
        17,
        100,
        lambda e, t: dates.format_datetime(dates.to_local(e.at)),
        lambda e: (e.at, e.id),
    ),
    Column("who", "Who", 12, 99, lambda e, t: _who(e), _who),
    Column("action", "Action", 16, 95, lambda e, t: e.action, lambda e: e.action),
    Column("record", "Record", 10, 60, lambda e, t: _record(e), _record),
    Column("detail", "Detail", 12, 80, lambda e, t: e.detail or "—", lambda e: e.detail, True),
    Column("origin", "From", 10, 70, lambda e, t: e.origin or "—", lambda e: e.origin),
)


class AuditTable(RecordTable[AuditEntry]):
    """The case's audit events, newest first."""

    COLUMNS: ClassVar[tuple[Column[Any], ...]] = COLUMNS
    DEFAULT_SORT = "when"
    MEASURE_TEXT = True

    def __init__(self, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.empty_message = "Nothing recorded for this case yet."

    def search_key(self, row: AuditEntry) -> str:
        return ""

    def cell_class(self, row: AuditEntry, column: Column[AuditEntry], value: str) -> str | None:
        return "record-table--muted" if value == "—" else None


class AuditHistoryScreen(CaselineScreen[None]):
    """What the audit trail holds about one case, as read when the screen was opened."""

    DEFAULT_CSS = """
    AuditHistoryScreen AuditTable { height: 1fr; }
    AuditHistoryScreen #audit-event {
        height: auto;
        max-height: 6;
        padding: 0 1;
        border-top: solid $panel;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the case", id="audit_history.back"),
    ]

    def __init__(self, label: str, entries: list[AuditEntry]) -> None:
        super().__init__()
        self.label = label
        self.entries = entries

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static(assemble(("Audit history", "bold"), " · ", self.label), classes="title")
        yield AuditTable(id="audit-table")
        yield Static("", id="audit-event")
        yield CaselineFooter()

    def on_mount(self) -> None:
        table = self.query_one(AuditTable)
        table.sort_by("when", reverse=True)
        table.set_rows(self.entries)
        table.focus()

    @on(AuditTable.Highlighted)
    def _highlighted(self, event: AuditTable.Highlighted) -> None:
        """The highlighted event in full, beneath the table: its detail may be cut there."""
        entry: AuditEntry | None = event.row
        shown = self.query_one("#audit-event", Static)
        if entry is None:
            shown.update("")
            return
        when = dates.format_datetime(dates.to_local(entry.at))
        head = assemble(
            (entry.action, "bold"),
            f" · {_who(entry)} ({entry.login}), {when}, from {entry.origin or 'unknown'}",
        )
        shown.update(Content("\n").join((head, assemble(entry.detail))) if entry.detail else head)

    def action_back(self) -> None:
        self.dismiss(None)
