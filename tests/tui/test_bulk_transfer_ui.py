"""Transferring several cases from the keyboard: marked rows of the caseload, a leaving
worker's whole caseload from the team view; the receiver is shown the drafts left behind."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Select, Static, TextArea

from store.common.records import WorkerInfo
from store.core.models import AuditEvent, Note
from store.service import Store
from tui.app import CaselineApp
from tui.screens.caseload.pickers import DraftsScreen
from tui.screens.caseload.screen import CaseloadScreen
from tui.screens.caseload.team import TeamScreen, TeamTable
from tui.screens.caseload.transfer import BulkTransferScreen
from tui.screens.confirm import ConfirmScreen
from tui.screens.notes.left_draft import LeftDraftScreen, NoteFromLeftDraft

from .held import Held, closed_again
from .helpers import choose, loaded, names, table, type_text, visible_text
from .waiting import until

MakeApp = Callable[..., CaselineApp]


def holders(db: Path) -> dict[str, str]:
    store = Store.open(db)
    try:
        me = store.workers.ensure("sam.okafor")
        return {r.client_name: r.worker_name for r in store.cases.caseload(me, scope="all")}
    finally:
        store.close()


async def fill_and_confirm(pilot: Pilot[None], app: CaselineApp, receiver: str) -> ConfirmScreen:
    """In the bulk transfer form: the receiver, today, a reason; ctrl+s up to the question."""
    form = app.screen
    assert isinstance(form, BulkTransferScreen)
    assert isinstance(app.focused, Select)
    await choose(pilot, receiver)
    await pilot.press("tab", "tab")
    await type_text(pilot, "Leaving the team")
    await pilot.press("ctrl+s")
    await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
    question = app.screen
    assert isinstance(question, ConfirmScreen)
    return question


async def open_team(pilot: Pilot[None]) -> None:
    """From the caseload, the team's caseloads, read."""
    await loaded(pilot)
    await pilot.press("t")
    await until(pilot, lambda: isinstance(pilot.app.screen, TeamScreen))
    await loaded(pilot)


async def test_three_marked_cases_are_transferred_with_one_form(
    make_app: MakeApp, seeded_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert names(app)[:3] == ["Aisha Bello", "Łukasz Nowak", "Siobhán O'Sullivan-Murphy"]
        # A draft of Sam's on one of them, written after start (else it is offered at start).
        store, me = app.store, app.me
        await asyncio.to_thread(
            store.notes.save_draft, me, table(app).rows[1].id, {"body": "Half a visit"}
        )
        await pilot.press("space", "space", "space")
        await until(pilot, lambda: "3 marked" in visible_text(app))
        assert visible_text(app).count("✓") == 3
        await pilot.press("T")
        await until(pilot, lambda: isinstance(app.screen, BulkTransferScreen))
        await loaded(pilot)
        assert "Transfer 3 cases" in visible_text(app)
        question = await fill_and_confirm(pilot, app, "Priya Nair")
        said = visible_text(app)
        assert "Transfer 3 cases to Priya Nair?" in said
        assert "1 draft by Sam Okafor" in said
        assert question.is_active
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        await loaded(pilot)
        assert names(app) == ["Tom Gallagher", "Zoë Adams"]
        assert "marked" not in visible_text(app)
        messages = [n.message for n in app._notifications]
        assert any(m.startswith("3 cases transferred to Priya Nair") for m in messages)
    moved = holders(seeded_db)
    assert [moved[n] for n in ("Aisha Bello", "Łukasz Nowak", "Siobhán O'Sullivan-Murphy")] == [
        "Priya Nair"
    ] * 3


async def test_escape_clears_the_marks_and_going_back_transfers_nothing(
    make_app: MakeApp, seeded_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("space", "space")
        await until(pilot, lambda: "2 marked" in visible_text(app))
        await pilot.press("escape")
        await until(pilot, lambda: "marked" not in visible_text(app))
        assert not table(app).marked
        # Without marks, T transfers the highlighted case; n at the question goes back.
        await pilot.press("T")
        await until(pilot, lambda: isinstance(app.screen, BulkTransferScreen))
        await loaded(pilot)
        assert "Transfer 1 case" in visible_text(app)
        await fill_and_confirm(pilot, app, "Priya Nair")
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, BulkTransferScreen))
    assert holders(seeded_db)["Siobhán O'Sullivan-Murphy"] == "Sam Okafor"


async def test_a_leaving_workers_caseload_from_the_team_view(
    make_app: MakeApp, seeded_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_team(pilot)
        team = app.screen.query_one(TeamTable)
        assert [w.login for w in team.rows] == ["sam.okafor", "priya.nair"]
        await pilot.press("down")
        await pilot.press("T")
        await until(pilot, lambda: isinstance(app.screen, BulkTransferScreen))
        await loaded(pilot)
        assert "Transfer Priya Nair's caseload (2 cases)" in visible_text(app)
        await fill_and_confirm(pilot, app, "Sam Okafor")
        assert "Transfer 2 cases to Sam Okafor?" in visible_text(app)
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, TeamScreen))
        await until(
            pilot,
            lambda: (
                [(w.login, w.open_cases) for w in team.rows]
                == [("sam.okafor", 7), ("priya.nair", 0)]
            ),
        )
    moved = holders(seeded_db)
    assert (moved["Priya Patel"], moved["Marcus Johnson"]) == ("Sam Okafor", "Sam Okafor")


def left_behind(db: Path) -> tuple[int, WorkerInfo]:
    """Sam's draft on Aisha Bello's case, the case then transferred to Priya."""
    store = Store.open(db)
    try:
        sam = store.workers.ensure("sam.okafor")
        case = next(r for r in store.cases.caseload(sam) if r.client_name == "Aisha Bello")
        draft = store.notes.save_draft(
            sam, case.id, {"body": "Visited Aisha; the boiler is still broken", "present": "Aisha"}
        )
        version = store.cases.get(sam, case.id).version
        store.cases.transfer_many(
            sam, {case.id: version}, {"worker": "priya.nair", "reason": "Sam is leaving"}
        )
        return draft, sam
    finally:
        store.close()


@pytest.mark.parametrize("read", ["open_cases_of", "transfer_preview"])
async def test_escape_typed_with_t_in_the_team_view_closes_the_form_not_the_team(
    make_app: MakeApp, hold: Callable[[Any, str], Held], read: str
) -> None:
    """`T` and `escape` together on a leaving worker, either of the two reads before the form
    held up (the worker's open cases, then the cases and workers for the form): the escape
    waits for the form and closes it, back on the team. Before, it closed the team view and
    the form opened over the caseload once read."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_team(pilot)
        team = app.screen
        await pilot.press("down")  # Priya Nair, two cases
        held = hold(app.store.cases, read)
        await closed_again(pilot, held, "T", BulkTransferScreen)
        assert app.screen is team


async def test_the_receiver_reads_the_left_draft_and_starts_a_note_from_it(
    make_app: MakeApp, seeded_db: Path
) -> None:
    draft_id, sam = left_behind(seeded_db)
    app = make_app(worker="priya.nair")
    async with app.run_test(size=(80, 24)) as pilot:
        # Offered at start, where a worker's own drafts are.
        await until(pilot, lambda: isinstance(app.screen, DraftsScreen))
        await loaded(pilot)
        assert "left by Sam Okafor" in visible_text(app)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, LeftDraftScreen))
        await loaded(pilot)
        shown = visible_text(app)
        assert "Visited Aisha; the boiler is still broken" in shown
        assert "left by Sam Okafor" in shown
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, NoteFromLeftDraft))
        await loaded(pilot)
        body = app.screen.query_one("#body", TextArea)
        assert body.text == "Visited Aisha; the boiler is still broken"
        heading = str(app.screen.query_one(".title", Static).render())
        assert heading.endswith("Aisha Bello · from Sam Okafor's draft")
        await type_text(pilot, ". Landlord to be chased by Friday.")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        if not isinstance(app.screen, CaseloadScreen):  # the quality check: save anyway
            await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        await loaded(pilot)
    store = Store.open(seeded_db)
    try:
        with store.database.reading():
            left = Note.get_by_id(draft_id)
            assert (left.status, left.author_id) == ("draft", sam.id)  # still Sam's
            priyas = [
                n.body for n in Note.select().where(Note.status == "final", Note.body ** "%boiler%")
            ]
            opened = AuditEvent.select().where(AuditEvent.action == "draft-opened").count()
        assert priyas == [
            "Visited Aisha; the boiler is still broken. Landlord to be chased by Friday."
        ]
        assert opened == 1
    finally:
        store.close()
