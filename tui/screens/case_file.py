"""A case's file: the client's details and the chronology so far."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import DataTable, Footer, Static

from store import dates
from store.records import CaseDetail, ChronologyItem
from store.textsafe import single_line
from tui.screens.base import CaselineScreen
from tui.text import assemble


class CaseFileScreen(CaselineScreen[None]):
    """One case: who the client is, who holds the case, and what has happened."""

    CSS_PATH = "case_file.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the caseload", id="case_file.back"),
        Binding("ctrl+r,f5", "reload", "Refresh", show=False, id="case_file.reload"),
    ]

    def __init__(self, case_id: int) -> None:
        super().__init__()
        self.case_id = case_id
        self.detail: CaseDetail | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static("Loading…", id="case-title", classes="title")
            yield Static(id="case-status", classes="who")
        with Vertical(id="details"):
            yield Static(id="client-details")
            yield Static(id="case-details")
        yield Static("Chronology", classes="section-title")
        table: DataTable[Text] = DataTable(id="chronology", cursor_type="row", zebra_stripes=True)
        yield table
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#chronology", DataTable)
        table.add_column("Date", width=11, key="date")
        table.add_column("Category", width=12, key="category")
        table.add_column("Event", key="title")
        self.action_reload()

    def action_reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="case", exit_on_error=False)
    def _load(self) -> None:
        store, me = self.caseline.store, self.caseline.me
        detail = store.case(me, self.case_id)
        chronology = store.chronology(me, self.case_id)
        self.app.call_from_thread(self._show, detail, chronology)

    def _show(self, detail: CaseDetail, chronology: list[ChronologyItem]) -> None:
        self.detail = detail
        self.query_one("#case-title", Static).update(
            assemble((detail.ref, "bold"), " · ", detail.client_name)
        )
        status = detail.status.value
        if detail.status.value == "closed" and detail.closed_on:
            status += f" {dates.format_date(detail.closed_on)}"
        self.query_one("#case-status", Static).update(status)
        today = dates.today()
        dob = "not recorded"
        if detail.date_of_birth is not None:
            age = dates.age_in_years(detail.date_of_birth, today)
            dob = f"{dates.format_date(detail.date_of_birth)} (age {age})"
        self.query_one("#client-details", Static).update(
            _fields(
                ("Client", detail.client_name),
                ("Born", dob),
                ("Address", detail.address or "not recorded"),
                ("Phone", detail.phone or "not recorded"),
            )
        )
        held = detail.worker_name or "unallocated"
        if detail.allocated_on:
            held += f" since {dates.format_date(detail.allocated_on)}"
        last = dates.relative_age(
            dates.to_local(detail.last_contact_at) if detail.last_contact_at else None
        )
        case_lines = [
            ("Worker", held),
            ("Opened", dates.format_date(detail.opened_on)),
            ("Last contact", last),
        ]
        if detail.closed_on is not None:
            reason = f" · {detail.closure_reason}" if detail.closure_reason else ""
            case_lines.append(("Closed", dates.format_date(detail.closed_on) + reason))
        else:
            case_lines.append(
                ("Next review", dates.format_date(detail.next_review_on) or "no plan")
            )
        self.query_one("#case-details", Static).update(_fields(*case_lines))
        table = self.query_one("#chronology", DataTable)
        table.clear()
        for item in chronology:
            muted = "dim" if item.before_current_allocation else ""
            table.add_row(
                Text(dates.format_date(item.occurred_on), style=muted),
                Text(single_line(item.category), style=muted),
                Text(single_line(item.title), style=muted),
                key=str(item.id),
            )
        if chronology:
            table.move_cursor(row=len(chronology) - 1)
        table.focus()

    def action_back(self) -> None:
        self.dismiss(None)


def _fields(*pairs: tuple[str, str]) -> Content:
    """Label/value lines; the values are user text, so they go in literally."""
    return Content("\n").join(assemble((f"{label:<13}", "dim"), value) for label, value in pairs)
