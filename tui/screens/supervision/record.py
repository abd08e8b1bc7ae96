"""A worker's supervision record (``store.supervision.record``): their supervision notes,
newest first, with the reader's own drafts about them on top; ``n`` writes a new one for those
who may, ``enter`` reads a note or carries on with a draft."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Static

from store.common import dates
from store.common.textsafe import preview_line
from store.common.words import plural
from store.supervision.records import SupervisionDraft, SupervisionRecord
from tui.screens.base import CaselineScreen
from tui.text import assemble
from tui.widgets.footer import CaselineFooter
from tui.widgets.held_input import HoldsInput
from tui.widgets.record_table import Column, RecordTable


@dataclass(frozen=True, slots=True)
class SupervisionLine:
    """A line of the record: a finalised note, or one of the reader's drafts."""

    id: int
    held_on: date | None
    author: str
    text: str
    actions: bool
    amendments: int
    draft: SupervisionDraft | None = None

    @property
    def search_key(self) -> str:
        return f"{self.author} {self.text}"


def _held(line: SupervisionLine, today: date) -> str:
    if line.draft is not None:
        return "draft"
    return dates.format_date(line.held_on) if line.held_on else ""


def _newest_first(line: SupervisionLine) -> tuple[int, int, int]:
    """Drafts first, then the newest session."""
    held = line.held_on.toordinal() if line.held_on else 0
    return (0 if line.draft is not None else 1, -held, -line.id)


COLUMNS: tuple[Column[SupervisionLine], ...] = (
    Column("held_on", "Held", 11, 100, _held, _newest_first),
    Column("author", "By", 14, 60, lambda s, t: s.author, lambda s: s.author),
    Column("text", "Note", 20, 90, lambda s, t: s.text, lambda s: s.text, True, 30),
    Column(
        "actions",
        "Actions",
        7,
        50,
        lambda s, t: "agreed" if s.actions else "—",
        lambda s: s.actions,
    ),
    Column(
        "amendments",
        "Amended",
        7,
        40,
        lambda s, t: str(s.amendments) if s.amendments else "—",
        lambda s: s.amendments,
    ),
)


def lines_of(record: SupervisionRecord) -> list[SupervisionLine]:
    """The record's drafts (newest first), then its notes (newest first)."""
    drafts = [
        SupervisionLine(
            id=d.id,
            held_on=None,
            author="you",
            text=preview_line(d.state.get("body", ""), markdown=True)[:200] or "(empty)",
            actions=bool(d.state.get("agreed_actions", "").strip()),
            amendments=0,
            draft=d,
        )
        for d in record.drafts
    ]
    notes = [
        SupervisionLine(
            id=n.id,
            held_on=n.held_on,
            author=n.author_name,
            text=n.first_line,
            actions=n.has_actions,
            amendments=n.amendments,
        )
        for n in record.notes
    ]
    return [*drafts, *notes]


class SupervisionTable(RecordTable[SupervisionLine]):
    """One line per supervision note, newest first; drafts first of all."""

    COLUMNS: ClassVar[tuple[Column[Any], ...]] = COLUMNS
    DEFAULT_SORT = "held_on"

    def __init__(
        self, *, id: str | None = None, chosen: Callable[[SupervisionLine], object] | None = None
    ) -> None:
        super().__init__(id=id, chosen=chosen)
        self.empty_message = "Loading…"

    def cell_class(
        self, row: SupervisionLine, column: Column[SupervisionLine], value: str
    ) -> str | None:
        if row.draft is not None and column.key == "held_on":
            return "record-table--alert"
        return "record-table--muted" if value == "—" else None


class SupervisionScreen(HoldsInput, CaselineScreen[None]):
    """A worker's supervision record, as the reader may see it."""

    DEFAULT_CSS = """
    SupervisionScreen SupervisionTable { height: 1fr; }
    SupervisionScreen #supervision-status { height: 1; background: $panel; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back", id="supervision.back"),
        Binding(
            "n",
            "new",
            "New",
            tooltip="Write up a supervision session with this worker",
            id="supervision.new",
        ),
    ]

    def __init__(self, worker_id: int, worker_name: str = "") -> None:
        super().__init__()
        self.worker_id = worker_id
        self.worker_name = worker_name
        self.record: SupervisionRecord | None = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "new":
            return self.record is not None and self.record.can_write
        return True

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static(self._title(), id="supervision-title", classes="title")
        yield SupervisionTable(id="supervision-table", chosen=self._open)
        yield Static("", id="supervision-status", classes="muted")
        yield CaselineFooter()

    def _title(self) -> Any:
        parts: list[Any] = [("Supervision", "bold")]
        if self.worker_name:
            parts += [" · ", self.worker_name]
        if self.record is not None and self.record.team:
            parts += [" · ", self.record.team]
        return assemble(*parts)

    def on_mount(self) -> None:
        self.query_one(SupervisionTable).focus()
        self._load(opening=True)

    def on_screen_resume(self) -> None:
        if self.record is not None:
            self._load()

    def _load(self, *, opening: bool = False) -> None:
        app, worker_id = self.caseline, self.worker_id
        self.read_then_let_through(
            lambda: app.store.supervision.record(app.me, worker_id, opening=opening),
            done=self._show,
            failed=self._refused if opening else None,
            name="supervision",
        )

    def _show(self, record: SupervisionRecord) -> None:
        self.record = record
        self.worker_name = record.worker_name
        self.query_one("#supervision-title", Static).update(self._title())
        table = self.query_one(SupervisionTable)
        table.empty_message = "No supervision notes yet."
        table.set_rows(lines_of(record))
        status = plural(len(record.notes), "supervision note")
        if record.drafts:
            status += f" · {plural(len(record.drafts), 'draft')} of yours"
        if record.can_write:
            status += " · n writes a new one"
        self.query_one("#supervision-status", Static).update(status)
        self.refresh_bindings()

    def _refused(self, error: Exception) -> None:
        self.app.notify(str(error), markup=False, timeout=8)
        self.dismiss(None)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_new(self) -> None:
        self._write(None)

    def _write(self, draft: SupervisionDraft | None) -> None:
        from tui.screens.supervision.editor import SupervisionEditorScreen

        record = self.record
        if record is None or not record.can_write:
            return
        self.app.push_screen(SupervisionEditorScreen(record.worker_id, record.worker_name, draft))

    def _open(self, line: SupervisionLine) -> None:
        """enter or a double click on a line (in its own turn): the note, or its draft."""
        if line.draft is not None:
            self._write(line.draft)
            return
        from tui.screens.supervision.view import SupervisionViewScreen

        self.app.push_screen(SupervisionViewScreen(line.id))
