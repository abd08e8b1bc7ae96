"""Consent and sharing with real keys: ``I`` in the case file, a consent recorded after its
form refuses bad input, one withdrawn, no writing keys for a worker who may only read, and
the handover pack made for an agency with no consent: the warning, the lawful reason asked
for, and the sharing logged."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input

from store.consent.records import ConsentStatus
from store.service import Store
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.consent.detail import ConsentDetailScreen
from tui.screens.consent.screen import ConsentScreen
from tui.screens.export import ExportScreen
from tui.screens.form import FormScreen

from .helpers import enter_then_escape, focus, loaded, type_text, visible_text

MakeApp = Callable[..., CaselineApp]
ME = "sam.okafor"
CLIENT = "Aisha Bello"  # first on the seeded caseload


def _case_id(db: Path) -> int:
    store = Store.open(db)
    try:
        me = store.workers.ensure(ME)
        return next(r.id for r in store.cases.caseload(me) if r.client_name == CLIENT)
    finally:
        store.close()


def _with_consent(db: Path, **changes: str) -> tuple[int, int]:
    case_id = _case_id(db)
    store = Store.open(db)
    try:
        me = store.workers.ensure(ME)
        data = {
            "share_what": "Housing history",
            "recipient": "Northside Housing Trust",
            "given_on": "1/11/2026",
            "expires_on": "1/12/2026",
            **changes,
        }
        return case_id, store.consent.add(me, case_id, data).id
    finally:
        store.close()


async def _open_consents(pilot: object, app: CaselineApp) -> None:
    await loaded(pilot)  # type: ignore[arg-type]
    await pilot.press("enter")  # type: ignore[attr-defined]
    await loaded(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, CaseFileScreen)
    await pilot.press("I")  # type: ignore[attr-defined]
    await loaded(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, ConsentScreen)


def _errors(app: CaselineApp) -> str:
    return " ".join(str(w.render()) for w in app.screen.query(".field-error") if w.display)


async def test_a_consent_is_recorded_after_the_form_refuses_bad_input(
    make_app: MakeApp, seeded_db: Path
) -> None:
    case_id = _case_id(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_consents(pilot, app)
        assert "No consent recorded for this case." in visible_text(app)
        await pilot.press("a")
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+s")  # nothing typed: what and with whom are required
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "What may be shared is required" in _errors(app)
        await type_text(pilot, "Housing history and needs")
        await focus(pilot, "#recipient")
        await type_text(pilot, "Northside Housing Trust")
        await focus(pilot, "#expires_on")
        await type_text(pilot, "1/11/2026")  # before the day it was given (today)
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "before the day consent was given" in _errors(app)
        await pilot.press("ctrl+u")
        await type_text(pilot, "10/12/2026")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, ConsentScreen)
        text = visible_text(app)
        assert "expiring  10 Dec 2026 Northside Housing Trust: Housing history and needs" in text
        await pilot.press("escape")
        await loaded(pilot)
        assert "consent expiring" in str(app.screen.query_one("#case-status").render())
    store = Store.open(seeded_db)
    try:
        [consent] = store.consent.current(store.workers.ensure(ME), case_id)
    finally:
        store.close()
    assert (consent.recipient, consent.status) == ("Northside Housing Trust", "expiring")


async def test_a_consent_is_withdrawn_with_a_reason(make_app: MakeApp, seeded_db: Path) -> None:
    case_id, consent_id = _with_consent(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_consents(pilot, app)
        assert "expiring  01 Dec 2026 Northside Housing Trust" in visible_text(app)
        await pilot.press("w")
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+s")  # no reason given
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "Say why consent was withdrawn" in _errors(app)
        await focus(pilot, "#reason")
        await type_text(pilot, "She asked us to stop sharing")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, ConsentScreen)
        assert "withdrawn 23 Nov 2026 Northside Housing Trust" in visible_text(app)
        assert not app.screen.check_action("withdraw", ())
        assert not app.screen.check_action("edit", ())
        await pilot.press("enter")
        await loaded(pilot)
        text = visible_text(app)
        assert "She asked us to stop sharing" in text
        assert "why withdrawn" in text  # in its history
    store = Store.open(seeded_db)
    try:
        consent = store.consent.get(store.workers.ensure(ME), consent_id)
    finally:
        store.close()
    assert consent.status == ConsentStatus.WITHDRAWN
    assert consent.case_id == case_id


async def test_a_worker_who_may_only_read_has_no_writing_keys(
    make_app: MakeApp, seeded_db: Path
) -> None:
    case_id, _ = _with_consent(seeded_db)
    store = Store.open(seeded_db)
    try:
        store.workers.ensure("aud.auditor", role="auditor", team="North")
    finally:
        store.close()
    app = make_app(worker="aud.auditor")
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        app.push_screen(ConsentScreen(case_id, f"{CLIENT}"))
        await loaded(pilot)
        screen = app.screen
        assert isinstance(screen, ConsentScreen)
        assert "Northside Housing Trust" in visible_text(app)
        assert "Read only" in visible_text(app)
        for action in ("add", "edit", "withdraw"):
            assert not screen.check_action(action, ())
        await pilot.press("a")
        await loaded(pilot)
        assert app.screen is screen


async def test_the_handover_for_an_agency_with_no_consent_asks_the_lawful_reason(
    make_app: MakeApp, seeded_db: Path, tmp_path: Path
) -> None:
    case_id = _case_id(seeded_db)
    out = tmp_path / "handover.md"
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        await loaded(pilot)
        case_file = app.screen
        await pilot.press("H")
        await loaded(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        await pilot.press("ctrl+u")
        await type_text(pilot, str(out))
        await focus(pilot, "#export-agency")
        await type_text(pilot, "Family court")
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "No consent in force covers sharing with Family court" in visible_text(app)
        await pilot.press("ctrl+s")  # no reason: refused at the field
        await loaded(pilot)
        assert "Give the lawful reason" in _errors(app)
        await pilot.press("escape")  # not shared after all
        await loaded(pilot)
        assert app.screen is dialog
        assert "Not exported" in visible_text(app)
        assert not out.exists()
        dialog.query_one("#export-agency", Input).focus()
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        await type_text(pilot, "Court order of 20 Nov 2026")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert app.screen is case_file
    text = out.read_text(encoding="utf-8")
    assert "- **Prepared for:** Family court" in text
    assert "without consent: Court order of 20 Nov 2026" in text
    store = Store.open(seeded_db)
    try:
        [line] = store.consent.sharing_log(store.workers.ensure(ME), case_id)
    finally:
        store.close()
    assert (line.recipient, line.consent_id, line.lawful_reason, line.what) == (
        "Family court",
        None,
        "Court order of 20 Nov 2026",
        "Handover pack",
    )


async def test_the_handover_for_an_agency_with_consent_is_shared_under_it(
    make_app: MakeApp, seeded_db: Path, tmp_path: Path
) -> None:
    case_id, consent_id = _with_consent(seeded_db)
    out = tmp_path / "handover.md"
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        await loaded(pilot)
        case_file = app.screen
        await pilot.press("H")
        await loaded(pilot)
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("ctrl+u")
        await type_text(pilot, str(out))
        await pilot.press("tab")
        await type_text(pilot, "northside housing")
        await pilot.press("enter")
        await loaded(pilot)
        assert app.screen is case_file  # no question: a consent in force covers them
    assert f"- **Shared under:** consent {consent_id} (Northside Housing Trust)" in (
        out.read_text(encoding="utf-8")
    )
    store = Store.open(seeded_db)
    try:
        [line] = store.consent.sharing_log(store.workers.ensure(ME), case_id)
    finally:
        store.close()
    assert (line.recipient, line.consent_id, line.lawful_reason) == (
        "northside housing",
        consent_id,
        "",
    )


async def test_enter_then_escape_typed_together_opens_a_consent_and_comes_back(
    make_app: MakeApp, seeded_db: Path
) -> None:
    """Enter on a consent posted its choice, handled after the escape typed with it."""
    _with_consent(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _open_consents(pilot, app)
        app.screen.query_one("#consents").focus()
        await enter_then_escape(pilot, app, "consents", ConsentDetailScreen)
        assert isinstance(app.screen, ConsentScreen)
