"""Supervision from the keyboard: a supervisor writes up a session from the team view and
finalises it (a draft kept on escape and at the lock on the way); a worker reads their own
record from the caseload and can't open a colleague's."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import TextArea

from store.common.records import WorkerInfo
from store.service import Store
from tests.store.test_team_load import ADMIN_PASSPHRASE
from tui.app import CaselineApp
from tui.screens.caseload.screen import CaseloadScreen
from tui.screens.caseload.team import TeamScreen
from tui.screens.form import FormScreen
from tui.screens.sign_in import SignIn, SignInScreen
from tui.screens.supervision.editor import SupervisionEditorScreen
from tui.screens.supervision.record import SupervisionScreen, SupervisionTable
from tui.screens.supervision.view import SupervisionViewScreen

from .held import Held
from .helpers import burst, loaded, type_text, visible_text
from .test_team import team_db
from .waiting import until

DISCUSSED = "Caseload of two; Ben Cole's case is **heavy** this month."
AGREED = "Book the safeguarding refresher."
SUE_PASSPHRASE = "sue's own passphrase"


def notes_of(db: Path, reader: str, worker: str) -> list[tuple[str, str, str]]:
    store = Store.open(db)
    try:
        me, them = store.workers.named(reader), store.workers.named(worker)
        record = store.supervision.record(me, them.id)
        return [
            (d.author_name, d.body, d.agreed_actions)
            for d in (store.supervision.get(me, n.id) for n in record.notes)
        ]
    finally:
        store.close()


def drafts_of(db: Path, login: str) -> list[str]:
    store = Store.open(db)
    try:
        return [d.state["body"] for d in store.supervision.drafts(store.workers.named(login))]
    finally:
        store.close()


def written(db: Path, people: dict[str, WorkerInfo]) -> None:
    store = Store.open(db)
    try:
        store.supervision.finalise(
            people["sue.super"],
            people["nia.north"].id,
            {"held_on": "1/11/2026", "body": DISCUSSED, "agreed_actions": AGREED},
        )
    finally:
        store.close()


async def record_from_the_team(pilot: Pilot[None], key: str) -> None:
    """From the caseload: the team view (t), then a worker's supervision record (``key``)."""
    app = pilot.app
    await pilot.press("t")
    await until(pilot, lambda: isinstance(app.screen, TeamScreen))
    await loaded(pilot)
    await pilot.press(key)
    await until(pilot, lambda: isinstance(app.screen, SupervisionScreen))
    await loaded(pilot)


async def test_a_supervisor_writes_and_finalises_a_note_from_the_team_view(
    tmp_path: Path,
) -> None:
    db, people = team_db(tmp_path)
    app = CaselineApp(db=db, me=people["sue.super"])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await record_from_the_team(pilot, "enter")  # nia.north, the busiest, is highlighted
        assert "Supervision · Nia North · North" in visible_text(app)
        assert "No supervision notes yet." in visible_text(app)
        # Begun, then closed and kept as a draft.
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, SupervisionEditorScreen))
        await type_text(pilot, DISCUSSED)
        await pilot.press("escape")
        await until(pilot, lambda: "Close this supervision note?" in visible_text(app))
        await pilot.press("k")
        await until(pilot, lambda: isinstance(app.screen, SupervisionScreen))
        await loaded(pilot)
        assert drafts_of(db, "sue.super") == [DISCUSSED]
        lines = app.screen.query_one(SupervisionTable).rows
        assert [(line.author, line.draft is not None) for line in lines] == [("you", True)]
        # Carried on from the draft, the actions added, and finalised.
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SupervisionEditorScreen))
        await loaded(pilot)
        assert app.screen.query_one("#body", TextArea).text == DISCUSSED
        await pilot.press("tab")
        await until(pilot, lambda: app.focused is app.screen.query_one("#agreed_actions"))
        await type_text(pilot, AGREED)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, SupervisionScreen))
        await loaded(pilot)
        assert "1 supervision note" in visible_text(app)
        assert "23 Nov 2026" in visible_text(app)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, TeamScreen))
    assert notes_of(db, "nia.north", "nia.north") == [("Sue Super", DISCUSSED, AGREED)]
    assert drafts_of(db, "sue.super") == []


async def test_what_is_typed_is_kept_as_a_draft_when_the_screen_locks(tmp_path: Path) -> None:
    db, _people = team_db(tmp_path)
    store = Store.open(db)
    try:
        admin = store.workers.sign_in("admin", ADMIN_PASSPHRASE)
        store.workers.reset_passphrase(admin, "sue.super", SUE_PASSPHRASE)
    finally:
        store.close()
    app = CaselineApp(db=db, sign_in=SignIn(login="sue.super"))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SignInScreen))
        await type_text(pilot, SUE_PASSPHRASE)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        await loaded(pilot)
        await record_from_the_team(pilot, "s")
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, SupervisionEditorScreen))
        await type_text(pilot, DISCUSSED)
        await pilot.press("ctrl+l")
        await until(pilot, lambda: isinstance(app.screen, SignInScreen) and app.locked)
        assert drafts_of(db, "sue.super") == [DISCUSSED]
        assert "Nia North" not in visible_text(app)
        await type_text(pilot, SUE_PASSPHRASE)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SupervisionEditorScreen))
        assert app.screen.query_one("#body", TextArea).text == DISCUSSED


async def test_a_worker_opens_their_own_record_from_the_caseload(tmp_path: Path) -> None:
    db, people = team_db(tmp_path)
    written(db, people)
    app = CaselineApp(db=db, me=people["nia.north"])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("S")
        await until(pilot, lambda: isinstance(app.screen, SupervisionScreen))
        await loaded(pilot)
        shown = visible_text(app)
        assert "Supervision · Nia North" in shown and "01 Nov 2026" in shown
        assert "n writes a new one" not in shown  # nobody writes their own
        await pilot.press("n")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SupervisionViewScreen))
        await loaded(pilot)
        shown = visible_text(app)
        assert "Ben Cole's case is heavy this month." in shown  # rendered, not as typed
        assert AGREED in shown and "Sue Super" in shown
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, SupervisionScreen))
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))


async def test_enter_typed_with_s_reads_the_first_note_once_the_record_is_read(
    tmp_path: Path, hold: Callable[[Any, str], Held]
) -> None:
    """`S enter` in one burst, the record held up (a busy database): the enter waits for it
    and reads its first note. Before, it found the table empty and was lost."""
    db, people = team_db(tmp_path)
    written(db, people)
    app = CaselineApp(db=db, me=people["nia.north"])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        held = hold(app.store.supervision, "record")
        burst(app, "S", "enter")
        await held.release_once_typed(pilot)
        await until(pilot, lambda: isinstance(app.screen, SupervisionViewScreen))
        await loaded(pilot)
        assert AGREED in visible_text(app)


async def test_a_supervisor_amends_a_finalised_note_which_stays_as_it_was(
    tmp_path: Path,
) -> None:
    db, people = team_db(tmp_path)
    written(db, people)
    app = CaselineApp(db=db, me=people["sue.super"])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await record_from_the_team(pilot, "s")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, SupervisionViewScreen))
        await loaded(pilot)
        await pilot.press("m")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await type_text(pilot, "Wrong course")
        await pilot.press("tab")
        await type_text(pilot, "First aid, not safeguarding.")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, SupervisionViewScreen))
        await until(pilot, lambda: "Reason: Wrong course" in visible_text(app))
        assert AGREED in visible_text(app)
    assert notes_of(db, "sue.super", "nia.north") == [("Sue Super", DISCUSSED, AGREED)]


async def test_a_worker_cannot_open_a_colleagues_record(tmp_path: Path) -> None:
    db, people = team_db(tmp_path)
    written(db, people)
    app = CaselineApp(db=db, me=people["sam.south"])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("t")  # no team view for a worker, so no way to a colleague's
        await until(pilot, lambda: app._notifications)
        assert isinstance(app.screen, CaseloadScreen)
        app.push_screen(SupervisionScreen(people["nia.north"].id))
        await until(
            pilot,
            lambda: any("Only the worker, a supervisor" in n.message for n in app._notifications),
        )
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        assert DISCUSSED not in visible_text(app)


async def test_a_key_typed_as_the_note_is_finalised_acts_on_the_record_beneath(
    tmp_path: Path, hold: Callable[[Any, str], Held]
) -> None:
    """ctrl+s and escape together, the finalising held up here: escape is not taken by the
    editor about to close (which would ask whether to keep the note); once the note is saved
    it leaves the supervision record for the team view."""
    db, people = team_db(tmp_path)
    app = CaselineApp(db=db, me=people["sue.super"])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await record_from_the_team(pilot, "enter")
        await pilot.press("n")
        await until(pilot, lambda: isinstance(app.screen, SupervisionEditorScreen))
        await type_text(pilot, DISCUSSED)
        held = hold(app.store.supervision, "finalise")
        burst(app, "ctrl+s", "escape")
        await held.release_once_typed(pilot)
        await until(pilot, lambda: isinstance(app.screen, TeamScreen))
    assert notes_of(db, "nia.north", "nia.north") == [("Sue Super", DISCUSSED, "")]
