"""The lock: after the idle time or ctrl+l the screen shows nothing from the records, what was
being written is kept as a draft, and the worker's passphrase brings everything back as it was;
another worker signing in at the lock keeps the first one's work as their drafts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.command import CommandPalette
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from store.service import Store
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.caseload.screen import CaseloadScreen
from tui.screens.export import ExportScreen
from tui.screens.form import FormScreen
from tui.screens.meetings.conferences import ConferencesScreen
from tui.screens.notes.note_editor import NoteEditorScreen
from tui.screens.sign_in import SignIn, SignInScreen
from tui.widgets.safe import SafeInput

from .held import Held
from .helpers import burst, form_shown, loaded, type_text, visible_text
from .test_conferences_ui import _with_meeting
from .test_sign_in import PASSPHRASE, give_passphrases
from .waiting import until

HALF_A_NOTE = "Rang Aisha about the boiler; she said the landlord"


class Clock:
    """A monotonic clock the test moves on."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def signed_in_with_a_half_typed_note(app: CaselineApp, pilot: object) -> None:
    await until(pilot, lambda: isinstance(app.screen, SignInScreen))  # type: ignore[arg-type]
    await pilot.press(*PASSPHRASE, "enter")  # type: ignore[attr-defined]
    await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))  # type: ignore[arg-type]
    await loaded(pilot)  # type: ignore[arg-type]
    await pilot.press("n")  # type: ignore[attr-defined]
    await until(pilot, lambda: isinstance(app.screen, NoteEditorScreen))  # type: ignore[arg-type]
    await loaded(pilot)  # type: ignore[arg-type]
    await type_text(pilot, HALF_A_NOTE)  # type: ignore[arg-type]


def drafts_of(db: Path, login: str) -> list[str]:
    store = Store.open(db)
    try:
        me = store.workers.named(login)
        return [d.state["body"] for d in store.notes.drafts(me)]
    finally:
        store.close()


def locked(app: CaselineApp) -> bool:
    return isinstance(app.screen, SignInScreen) and app.locked


async def test_idle_time_locks_and_the_passphrase_opens_it_as_it_was(seeded_db: Path) -> None:
    app = lockable_app(seeded_db)
    clock = app.clock = Clock()
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in_with_a_half_typed_note(app, pilot)
        clock.now += 4 * 60
        app.lock_if_idle()
        await pilot.pause()
        assert not app.locked  # four minutes: not yet
        clock.now += 61
        app.lock_if_idle()
        await until(pilot, lambda: locked(app))
        await pilot.pause()
        shown = visible_text(app)
        assert "Locked" in shown
        assert "Aisha" not in shown and "Sam Okafor" not in shown and "boiler" not in shown
        assert drafts_of(seeded_db, "sam.okafor") == [HALF_A_NOTE]
        # Nothing that shows records runs while locked: not the palette, not ctrl+n.
        await pilot.press("ctrl+p")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette) and locked(app)
        await pilot.press(*PASSPHRASE, "enter")
        await until(pilot, lambda: isinstance(app.screen, NoteEditorScreen))
        assert not app.locked
        assert app.screen.query_one("#body", TextArea).text == HALF_A_NOTE


async def test_ctrl_l_locks_at_once_and_a_wrong_passphrase_keeps_it_locked(
    seeded_db: Path,
) -> None:
    app = lockable_app(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in_with_a_half_typed_note(app, pilot)
        await pilot.press("ctrl+l")
        await until(pilot, lambda: locked(app))
        await pilot.press(*"not my passphrase", "enter")
        await until(pilot, lambda: "not recognised" in visible_text(app))
        assert locked(app)
        assert app.screen.query_one("#passphrase", Input).value == ""


async def test_another_worker_signing_in_keeps_the_first_ones_work_as_their_draft(
    seeded_db: Path,
) -> None:
    give_passphrases(seeded_db)
    store = Store.open(seeded_db)
    try:
        admin = store.workers.sign_in("admin", "admin passphrase 1")
        store.workers.reset_passphrase(admin, "priya.nair", "priya's own passphrase")
    finally:
        store.close()
    app = CaselineApp(db=seeded_db, sign_in=SignIn(login="sam.okafor"))
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in_with_a_half_typed_note(app, pilot)
        await pilot.press("ctrl+l")
        await until(pilot, lambda: locked(app))
        app.screen.query_one("#login", Input).value = "priya.nair"
        await type_text(pilot, "priya's own passphrase")
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        await loaded(pilot)
        assert app.me.username == "priya.nair"
        assert not any(isinstance(s, NoteEditorScreen) for s in app.screen_stack)
        assert "Priya Nair" in visible_text(app)
    assert drafts_of(seeded_db, "sam.okafor") == [HALF_A_NOTE]
    assert drafts_of(seeded_db, "priya.nair") == []


async def test_a_worker_who_did_not_sign_in_with_a_passphrase_is_told_it_cannot_lock(
    make_app: object, seeded_db: Path
) -> None:
    app = CaselineApp(db=seeded_db, worker="sam.okafor")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+l")
        await pilot.pause()
        assert not app.locked and isinstance(app.screen, CaseloadScreen)


def lockable_app(db: Path) -> CaselineApp:
    """The app for a worker who signs in with a passphrase (so the screen can be locked)."""
    give_passphrases(db)
    return CaselineApp(db=db, sign_in=SignIn(login="sam.okafor"))


async def on_the_restriction_form(
    app: CaselineApp, pilot: Pilot[None]
) -> tuple[CaseFileScreen, FormScreen]:
    """Signed in, on a case, its restriction form (`L`) open: the case file and the form."""
    case_file = await signed_in_on_a_case(app, pilot)
    await pilot.press("L")
    return case_file, await form_shown(pilot)


async def signed_in_on_a_case(app: CaselineApp, pilot: Pilot[None]) -> CaseFileScreen:
    await until(pilot, lambda: isinstance(app.screen, SignInScreen))
    await pilot.press(*PASSPHRASE, "enter")
    await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
    await loaded(pilot)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
    await loaded(pilot)
    case_file = app.screen
    assert isinstance(case_file, CaseFileScreen)
    return case_file


async def locked_while(pilot: Pilot[None], held: Held) -> None:
    """ctrl+l once the held call has begun, then the call let go under the lock. The lock
    comes at once, not once the screen stops holding what is typed (a form saving holds it,
    here up to the 15 seconds the ``hold`` fixture lets a screen wait)."""
    await held.started()
    await pilot.press("ctrl+l")
    await until(pilot, lambda: locked(pilot.app), seconds=8)  # type: ignore[arg-type]
    held.release()


async def test_a_save_that_ends_under_the_lock_leaves_it_locked(
    seeded_db: Path, hold: Callable[[Any, str], Held]
) -> None:
    """ctrl+s on a form, then ctrl+l while the save waits for the database (a colleague
    writing): the form closes once saved, but not by taking the lock screen off in its place;
    it is gone when the passphrase opens the screen again."""
    app = lockable_app(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        case_file, form = await on_the_restriction_form(app, pilot)
        held = hold(app.store.cases, "restrict")
        await pilot.press("ctrl+s")
        await locked_while(pilot, held)
        await until(pilot, lambda: not form._busy)  # saved, under the lock
        await loaded(pilot)
        assert locked(app)
        assert "Restricted case" not in visible_text(app)
        await pilot.press(*PASSPHRASE, "enter")
        await until(pilot, lambda: app.screen is case_file)
        await loaded(pilot)
        assert form not in app.screen_stack
        assert not app.locked


async def test_the_passphrase_opens_the_lock_when_what_had_the_key_has_gone(
    seeded_db: Path,
) -> None:
    """ctrl+l typed on a field, and the field gone while locked (as when its form, saved
    under the lock, closes as the lock goes): the passphrase still opens the screen, and keys
    act again. The lock's answer went to what had the key, and was dropped with it."""
    app = lockable_app(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        case_file, form = await on_the_restriction_form(app, pilot)
        field = SafeInput(id="goes")
        await form.mount(field)
        form.set_focus(field)
        await until(pilot, lambda: field.has_focus)
        await pilot.press("ctrl+l")
        await until(pilot, lambda: locked(app))
        await field.remove()
        await pilot.press(*PASSPHRASE, "enter")
        await until(pilot, lambda: app.screen is form)
        await until(pilot, lambda: not app.locked)
        await pilot.press("escape")
        await until(pilot, lambda: app.screen is case_file)


async def test_a_form_whose_read_ends_under_the_lock_opens_only_after_it(
    seeded_db: Path, hold: Callable[[Any, str], Held]
) -> None:
    """`t` reads who may take the case before its form opens; ctrl+l meanwhile locks the
    screen. The form, ready under the lock, is not shown over it (its subtitle names the
    client): it is there when the passphrase opens the screen again."""
    app = lockable_app(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await signed_in_on_a_case(app, pilot)
        held = hold(app.store.workers, "active")
        burst(app, "t")  # handled once read: pressing it here would wait for that
        await held.started()
        await app.action_lock()
        await until(pilot, lambda: locked(app))
        held.release()
        await until(pilot, lambda: app._opened_under_lock != [])
        await loaded(pilot)
        assert locked(app)
        assert "Transfer case" not in visible_text(app)
        await pilot.press(*PASSPHRASE, "enter")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        assert "Transfer case" in visible_text(app)


async def test_an_export_written_as_the_screen_locked_leaves_it_locked(
    seeded_db: Path, hold: Callable[[Any, str], Held], tmp_path: Path
) -> None:
    """The export's dialog, its file being written (its audit held up here) when ctrl+l
    locks the screen: the dialog closes once written, but not by taking the lock off."""
    app = lockable_app(seeded_db)
    async with app.run_test(size=(80, 24)) as pilot:
        case_file = await signed_in_on_a_case(app, pilot)
        await pilot.press("4")
        await loaded(pilot)
        await pilot.press("x")
        await until(pilot, lambda: isinstance(app.screen, ExportScreen))
        dialog = app.screen
        await loaded(pilot)
        dialog.query_one("#export-path", Input).value = str(tmp_path / "chronology.md")
        held = hold(app.store.audit, "record")
        await pilot.press("enter")
        await locked_while(pilot, held)
        await until(pilot, lambda: (tmp_path / "chronology.md").exists())
        await loaded(pilot)
        assert locked(app)
        await pilot.press(*PASSPHRASE, "enter")
        await until(pilot, lambda: app.screen is case_file)
        assert dialog not in app.screen_stack


async def test_keys_kept_for_a_read_do_not_go_into_the_lock(
    seeded_db: Path, hold: Callable[[Any, str], Held]
) -> None:
    """`M enter` in one burst, the meetings' read held up (a busy database), then ctrl+l: the
    screen locks at once, and the `enter` kept for the meetings, let go as their read ends
    under the lock, does not answer the lock's passphrase box (an empty passphrase, said to
    be wrong). Once open again, the meetings are there."""
    _with_meeting(seeded_db)
    app = lockable_app(seeded_db)
    async with app.run_test(size=(100, 30)) as pilot:
        await signed_in_on_a_case(app, pilot)
        held = hold(app.store.conferences, "meetings")
        burst(app, "M", "enter")
        await locked_while(pilot, held)
        await loaded(pilot)
        lock = app.screen
        assert isinstance(lock, SignInScreen)
        assert lock.query_one("#passphrase", SafeInput).value == ""
        assert str(lock.query_one("#sign-in-message", Static).render()) == ""
        await pilot.press(*PASSPHRASE, "enter")
        await until(pilot, lambda: isinstance(app.screen, ConferencesScreen))
        assert not app.locked
