"""The team's caseloads, for supervision: each worker's open cases and how many need
something, busiest first (``store.cases.team_load``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Static

from store.cases.records import TeamLoad, TransferredCases, WorkerLoad
from store.common.words import plural
from tui.screens.base import CaselineScreen
from tui.text import assemble
from tui.widgets.footer import CaselineFooter
from tui.widgets.held_input import HoldsInput
from tui.widgets.record_table import Column, RecordTable
from tui.workers import read_in_turn


def _count(value: int) -> str:
    return str(value) if value else "—"


def _number(name: str, label: str, width: int, keep: int) -> Column[WorkerLoad]:
    return Column(
        name,
        label,
        width,
        keep,
        lambda w, today: _count(getattr(w, name)),
        lambda w: -getattr(w, name),
    )


# The name is kept longest; then the open cases, then what needs doing.
COLUMNS: tuple[Column[WorkerLoad], ...] = (
    Column("name", "Worker", 16, 100, lambda w, t: w.name, lambda w: w.name, True, 20),
    Column("role", "Role", 10, 40, lambda w, t: w.role, lambda w: w.role),
    _number("open_cases", "Open", 5, 95),
    _number("referrals", "Referred", 8, 60),
    _number("no_recent_note", "No note 7d", 10, 90),
    _number("reviews_overdue", "Reviews due", 11, 85),
    _number("actions_overdue", "Actions due", 11, 80),
)


class TeamTable(RecordTable[WorkerLoad]):
    """One line per worker."""

    COLUMNS: ClassVar[tuple[Column[Any], ...]] = COLUMNS
    DEFAULT_SORT = "open_cases"

    def __init__(
        self, *, id: str | None = None, chosen: Callable[[WorkerLoad], object] | None = None
    ) -> None:
        super().__init__(id=id, chosen=chosen)
        self.empty_message = "Loading…"

    def row_id(self, row: WorkerLoad) -> int:
        return row.worker_id

    def search_key(self, row: WorkerLoad) -> str:
        return row.login

    def cell_class(self, row: WorkerLoad, column: Column[WorkerLoad], value: str) -> str | None:
        return "record-table--muted" if value == "—" else None


class TeamScreen(HoldsInput, CaselineScreen[None]):
    """Read only: the numbers to talk about in supervision."""

    DEFAULT_CSS = """
    TeamScreen TeamTable { height: 1fr; }
    TeamScreen #team-status { height: 1; background: $panel; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the caseload", id="team.back"),
        Binding(
            "s",
            "supervision",
            "Supervision",
            tooltip="The highlighted worker's supervision record (enter too)",
            id="team.supervision",
        ),
        Binding(
            "T",
            "transfer",
            "Transfer caseload",
            tooltip="Transfer all the highlighted worker's open cases (a worker leaving)",
            id="team.transfer",
        ),
    ]

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static(assemble(("Team caseloads", "bold")), id="team-title", classes="title")
        table = TeamTable(id="team-table", chosen=self._open_supervision)
        table.filled_later()  # `t enter` in one burst: the enter waits for the workers
        yield table
        yield Static("", id="team-status", classes="muted")
        yield CaselineFooter()

    def on_mount(self) -> None:
        self.query_one(TeamTable).focus()
        self._load()

    def _load(self) -> None:
        app = self.caseline
        self.read_then_let_through(
            lambda: app.store.cases.team_load(app.me),
            done=self._show,
            failed=self._refused,
            name="team",
        )

    def _show(self, load: TeamLoad) -> None:
        whose = load.team or "All workers"
        self.query_one("#team-title", Static).update(
            assemble(("Team caseloads", "bold"), " · ", whose)
        )
        table = self.query_one(TeamTable)
        table.empty_message = "No active workers in this team."
        table.set_rows(list(load.workers))
        table.filled()
        cases = sum(w.open_cases for w in load.workers)
        needing = sum(w.needing_attention for w in load.workers)
        self.query_one("#team-status", Static).update(
            f"{plural(len(load.workers), 'worker')} · {plural(cases, 'open case')} · "
            f"{plural(needing, 'flag')} (no note 7d, review or action due)"
        )

    def _refused(self, error: Exception) -> None:
        self.app.notify(str(error), markup=False, timeout=8)
        self.query_one(TeamTable).filled(choose=False)
        self.dismiss(None)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_supervision(self) -> None:
        worker = self.query_one(TeamTable).highlighted
        if worker is not None:
            self._open_supervision(worker)

    def _open_supervision(self, worker: WorkerLoad) -> None:
        from tui.screens.supervision.record import SupervisionScreen

        self.app.push_screen(SupervisionScreen(worker.worker_id, worker.name))

    async def action_transfer(self) -> None:
        """The worker's open cases, then the cases and workers for the form, read in the
        key's turn: `T` and the keys typed with it (`escape`) go to the form."""
        worker = self.query_one(TeamTable).highlighted
        if worker is None:
            return
        app = self.caseline
        case_ids = await read_in_turn(
            app, lambda: app.store.cases.open_cases_of(app.me, worker.worker_id), name="transfer"
        )
        if case_ids is not None:
            await self._transfer(worker, case_ids)

    async def _transfer(self, worker: WorkerLoad, case_ids: list[int]) -> None:
        from tui.screens.caseload.transfer import offer_bulk_transfer

        if not case_ids:
            self.notify(f"{worker.name} holds no open cases.", markup=False)
            return

        def done(result: TransferredCases | None) -> None:
            if result is not None:
                self._load()

        title = f"Transfer {worker.name}'s caseload ({plural(len(case_ids), 'case')})"
        await offer_bulk_transfer(self, case_ids, done, title=title)
