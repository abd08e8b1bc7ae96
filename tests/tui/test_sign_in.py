"""The sign-in screen: nothing of the records before it, the caseload after it, a wrong
passphrase refused and cleared, and the first administrator set up on a new database."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual import events
from textual.widgets import Input

from store.common import dates
from store.service import Store
from tests.conftest import FROZEN_NOW
from tui.app import CaselineApp
from tui.screens.caseload.screen import CaseloadScreen
from tui.screens.sign_in import SignIn, SignInScreen

from .helpers import visible_text
from .waiting import until

PASSPHRASE = "kettle on the landing"


def give_passphrases(db: Path) -> None:
    """An administrator, and sam.okafor (who has the seeded cases) with PASSPHRASE."""
    store = Store.open(db)
    try:
        admin = store.workers.init_administrator("admin", "Ada Admin", "admin passphrase 1")
        store.workers.reset_passphrase(admin, "sam.okafor", PASSPHRASE)
    finally:
        store.close()


def message(app: CaselineApp) -> str:
    return str(app.screen.query_one("#sign-in-message").render())


async def test_signing_in_opens_the_caseload_and_nothing_shows_before(seeded_db: Path) -> None:
    give_passphrases(seeded_db)
    app = CaselineApp(db=seeded_db, sign_in=SignIn(login="sam.okafor"))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SignInScreen))
        await pilot.pause()
        # The login is offered; the passphrase is where the typing goes.
        assert app.screen.query_one("#login", Input).value == "sam.okafor"
        assert app.focused is app.screen.query_one("#passphrase", Input)
        before = visible_text(app)
        assert "Aisha Bello" not in before and "Sam Okafor" not in before
        await pilot.press(*PASSPHRASE)
        assert PASSPHRASE not in visible_text(app)  # shown as dots
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        await until(pilot, lambda: "Aisha Bello" in visible_text(app))
        assert app.me.username == "sam.okafor"


async def test_a_wrong_passphrase_is_refused_cleared_and_can_be_typed_again(
    seeded_db: Path,
) -> None:
    give_passphrases(seeded_db)
    app = CaselineApp(db=seeded_db, sign_in=SignIn(login="sam.okafor"))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SignInScreen))
        await pilot.press(*"kettle on the stairs", "enter")
        await until(pilot, lambda: "not recognised" in message(app))
        box = app.screen.query_one("#passphrase", Input)
        login = app.screen.query_one("#login", Input)
        assert box.value == "" and app.focused is box
        # An unknown login is told exactly the same: nobody learns who has a login.
        login.value = "nobody.here"
        await pilot.press(*PASSPHRASE, "enter")
        await until(pilot, lambda: "not recognised" in message(app) and not box.value)
        # Straight after a failure, the login waits before another try, passphrase unchecked.
        login.value = "sam.okafor"
        await pilot.press(*PASSPHRASE, "enter")
        await until(pilot, lambda: "try again in" in message(app))
        assert box.value == ""
        dates.freeze(FROZEN_NOW + timedelta(seconds=5))
        await until(pilot, lambda: "try again now" in message(app), seconds=5)
        await pilot.press(*PASSPHRASE, "enter")
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        assert app.me.username == "sam.okafor"


async def test_the_first_administrator_is_set_up_on_a_new_database(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    Store.open(db).close()
    app = CaselineApp(db=db, sign_in=SignIn(login="ada.lovelace", setup=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SignInScreen))
        await pilot.pause()
        assert "Set up the first administrator" in visible_text(app)
        assert app.focused is app.screen.query_one("#name", Input)
        await pilot.press(*"Ada Lovelace", "enter")
        await pilot.press(*"first light of day", "enter")
        await pilot.press(*"first light of night", "enter")
        await until(pilot, lambda: "differ" in message(app))
        assert app.focused is app.screen.query_one("#passphrase", Input)
        await pilot.press(*"first light of day", "enter")
        await pilot.press(*"first light of day", "enter")
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        assert app.me.username == "ada.lovelace" and app.me.display_name == "Ada Lovelace"
    store = Store.open(db)
    try:
        assert store.workers.has_administrator()
        assert store.workers.sign_in("ada.lovelace", "first light of day").role == "administrator"
    finally:
        store.close()


async def test_a_short_passphrase_for_the_first_administrator_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    Store.open(db).close()
    app = CaselineApp(db=db, sign_in=SignIn(login="ada", setup=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SignInScreen))
        await pilot.press("enter", *"short", "enter", *"short", "enter")
        await until(pilot, lambda: "10" in message(app))
        assert isinstance(app.screen, SignInScreen)
    store = Store.open(db)
    try:
        assert not store.workers.has_administrator()
    finally:
        store.close()


async def test_boxes_typed_in_one_burst_each_get_their_own_text(tmp_path: Path) -> None:
    """Keys arriving together (a fast typist over SSH): what follows an enter goes to the next
    box, not the one the enter was typed in."""
    db = tmp_path / "new.db"
    Store.open(db).close()
    app = CaselineApp(db=db, sign_in=SignIn(login="ada", setup=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SignInScreen))
        await until(pilot, lambda: app.focused is app.screen.query_one("#name", Input))
        burst = "Ada Lovelace\rfirst light of day\rfirst light of day\r"
        for character in burst:
            if character == "\r":
                app.post_message(events.Key("enter", "\r"))
            else:
                key = "space" if character == " " else character
                app.post_message(events.Key(key, character))
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        assert app.me.display_name == "Ada Lovelace"


HOSTILE_LOGINS = [
    "[bold]sam[/]",
    "sam\x1b]0;owned\x07",
    "x" * 5000,
    "Sam.Okafor",  # logins are kept in lower case: this is sam.okafor
    "  sam.okafor  ",
    "sam.okafor\x00",
    "şam.okafor",
    "",
]


async def test_whatever_is_typed_as_a_login_is_answered_in_words(seeded_db: Path) -> None:
    give_passphrases(seeded_db)
    app = CaselineApp(db=seeded_db, sign_in=SignIn(login=""))
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: isinstance(app.screen, SignInScreen))
        screen = app.screen
        login = screen.query_one("#login", Input)
        for typed in HOSTILE_LOGINS:
            login.value = typed  # as it would be after typing (a paste would lose the escapes)
            passphrase = screen.query_one("#passphrase", Input)
            passphrase.value = "a wrong passphrase"
            passphrase.focus()
            await pilot.pause()
            await pilot.press("enter")
            if not typed:
                await until(pilot, lambda: "Type your login" in message(app))
                continue
            await until(pilot, lambda: message(app) != "" and not screen._busy)
            shown = message(app)
            assert isinstance(app.screen, SignInScreen), typed
            assert "\x1b" not in visible_text(app)
            assert shown.endswith("."), (typed, shown)
            dates.freeze(dates.now_utc().replace(tzinfo=None) + timedelta(minutes=2))
            await until(pilot, lambda: "try again now" in message(app) or not screen._wait_left)
