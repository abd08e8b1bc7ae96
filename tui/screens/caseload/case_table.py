"""The caseload table: cases as rows of a RecordTable, most essential columns kept longest."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, ClassVar

from store.cases.records import CaseRow, flag_labels
from store.common import dates
from store.common.records import CaseStatus
from store.common.textsafe import fold
from tui.widgets.record_table import Column, RecordTable


def _review_text(row: CaseRow, today: date) -> str:
    if row.status is CaseStatus.CLOSED:
        return "—"  # a closed case has no next review
    if row.next_review_on is None:
        return "not set" if row.has_plan else "no plan"
    if row.next_review_on < today:
        return "overdue"
    return dates.format_date(row.next_review_on)


def _flags_text(row: CaseRow, today: date) -> str:
    return " ".join(flag_labels(row))


def _worker_text(row: CaseRow, today: date) -> str:
    if row.worker_name:
        return row.worker_name
    return REFERRAL if row.status is CaseStatus.REFERRAL else "—"


REFERRAL = "referral"


def _last_contact(row: CaseRow, today: date) -> str:
    return dates.relative_age(row.last_contact_at and dates.to_local(row.last_contact_at))


COLUMNS: tuple[Column[CaseRow], ...] = (
    Column("ref", "Ref", 8, 100, lambda r, t: r.ref, lambda r: fold(r.ref)),
    Column("client", "Client", 16, 90, lambda r, t: r.client_name, lambda r: r.search_key, True),
    # No Status column: every row of a view but one has the same status, and that one, a
    # referral, says so where its worker would be.
    Column("worker", "Worker", 12, 85, _worker_text, lambda r: fold(_worker_text(r, date.min))),
    Column(
        "allocated",
        "Allocated",
        11,
        20,
        lambda r, t: dates.format_date(r.allocated_on),
        lambda r: r.allocated_on or date.min,
    ),
    Column(
        "contact",
        "Last contact",
        12,
        80,
        _last_contact,
        lambda r: r.last_contact_at or datetime.min,
    ),
    Column("review", "Next review", 11, 70, _review_text, lambda r: r.next_review_on or date.max),
    Column("flags", "Flags", 10, 60, _flags_text, lambda r: (-len(r.flags), r.flags)),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)

# The columns each view leaves out: "mine" has one worker, closed cases no review or flags.
HIDDEN_MINE = ("worker",)
HIDDEN_CLOSED = ("review", "flags")


class CaseTable(RecordTable[CaseRow]):
    """The caseload: one row a case, sorted by client name until told otherwise."""

    COLUMNS: ClassVar[tuple[Column[Any], ...]] = COLUMNS
    DEFAULT_SORT = "client"

    def __init__(self, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self.empty_message = "No cases."
        # The width the client's name asks for before the columns least needed give way:
        # wide on a worker's own caseload (Allocated goes first at 80 columns), narrower on
        # all workers' so the worker and the flags fit beside it.
        self.client_width = 15
        self.marked: set[int] = set()  # case ids, marked for a transfer of several

    async def action_select(self) -> None:
        """Enter (or a double click) opens the case in this key's turn, not a message later:
        the keys typed straight after it (3 for the notes, / for their filter) then reach the
        case file, not the caseload."""
        if (row := self.highlighted) is not None:
            host: Any = self.app  # tui.host.CaselineHost
            host.open_case(row.id)

    def is_marked(self, row: CaseRow) -> bool:
        return row.id in self.marked

    def toggle_mark(self) -> None:
        """Mark the highlighted case, or unmark it, and move on to the next."""
        row = self.highlighted
        if row is None:
            return
        self.marked.symmetric_difference_update({row.id})
        self.refresh_rows(self.cursor_row)
        if self.cursor_row < len(self.rows) - 1:
            self.cursor_row += 1

    def clear_marks(self) -> None:
        self.marked.clear()
        self.refresh()

    def set_rows(self, rows: list[CaseRow], *, keep_id: int | None = None) -> None:
        # Sorted by name once, here: the sort by any other column is stable, so ties stay in
        # name order, predictably.
        super().set_rows(sorted(rows, key=lambda r: r.search_key), keep_id=keep_id)
        self.marked.intersection_update(r.id for r in rows)  # a case no longer here is not

    def measured_widths(self, rows: Sequence[CaseRow]) -> dict[str, int]:
        return {"ref": max((len(r.ref) for r in rows), default=8), "client": self.client_width}

    def cell_class(self, row: CaseRow, column: Column[CaseRow], value: str) -> str | None:
        if (
            (column.key == "worker" and row.status is CaseStatus.REFERRAL)
            or (column.key == "review" and value == "overdue")
            or (column.key == "flags" and value)
            or (column.key == "contact" and "contact" in row.flags)
        ):
            return "record-table--alert"
        if value in ("never", "no plan", "not set"):
            return "record-table--muted"
        return None
