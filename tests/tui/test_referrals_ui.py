"""The referrals tab (7), with real keys: a referral made to an agency typed in and to a
directory service (its eligibility read first), the warning when the client has no consent in
force, status changes, chases up to escalation, and incoming referrals with their decision."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from store.referrals.records import ReferralDetail
from store.service import Store
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.choice import ChoiceScreen
from tui.screens.confirm import ConfirmScreen
from tui.screens.directory.screen import DirectoryScreen, ServiceTable
from tui.screens.form import FormScreen
from tui.screens.referrals.pane import ReferralsPane
from tui.screens.referrals.view import ReferralScreen

from .held import Held
from .helpers import burst, choose, focus, form_shown, loaded, type_text, visible_text
from .waiting import until

MakeApp = Callable[..., CaselineApp]
ME = "sam.okafor"
CLIENT = "Aisha Bello"  # first on the seeded caseload
SENT = {
    "agency": "Northside Food Bank",
    "referred_on": "2/11/2026",
    "reason": "No money for food",
    "shared": "Name and address",
    "lawful_reason": "Safeguarding",
}


def _case_id(store: Store) -> int:
    me = store.workers.ensure(ME)
    return next(r.id for r in store.cases.caseload(me) if r.client_name == CLIENT)


def _referral(db: Path, chases: int = 0) -> ReferralDetail:
    store = Store.open(db)
    try:
        me = store.workers.ensure(ME)
        made = store.referrals.create(me, _case_id(store), SENT)
        for day in range(chases):
            made = store.referrals.chase(
                me,
                made.id,
                {"chased_on": f"{9 + day}/11/2026", "method": "phone", "contacted": "Duty desk"},
            )
        return made
    finally:
        store.close()


def _stored(db: Path) -> list[ReferralDetail]:
    store = Store.open(db)
    try:
        me = store.workers.ensure(ME)
        listed = store.referrals.for_case(me, _case_id(store))
        return [store.referrals.get(me, r.id) for r in listed.outgoing]
    finally:
        store.close()


def case_status(app: CaselineApp) -> str:
    return str(app.screen.query_one("#case-status", Static).render())


def error(app: CaselineApp, field: str) -> str:
    """The message shown under a form's field (scrolled into view or not)."""
    return str(app.screen.query_one(f"#error-{field}", Static).render())


async def open_referrals(pilot: Pilot[None]) -> ReferralsPane:
    await loaded(pilot)
    await pilot.press("enter")
    await loaded(pilot)
    assert isinstance(pilot.app.screen, CaseFileScreen)
    await pilot.press("7")
    await loaded(pilot)
    pane = pilot.app.screen.query_one(ReferralsPane)
    await until(pilot, lambda: pane.referrals is not None)
    return pane


async def test_a_referral_to_an_agency_typed_in_warns_of_no_consent(
    make_app: MakeApp, seeded_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_referrals(pilot)
        assert "No referrals out of this case" in visible_text(app)
        await pilot.press("a")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await loaded(pilot)
        assert "No consent in force to share information" in visible_text(app)
        await type_text(pilot, "Northside Food Bank")
        await focus(pilot, "#reason")
        await type_text(pilot, "No money for food until the claim is paid")
        await focus(pilot, "#shared")
        await type_text(pilot, "Name, address, household size")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        # Sent with no consent and no lawful reason: refused at the consent, nothing saved.
        assert isinstance(app.screen, FormScreen)
        assert "give the lawful reason" in visible_text(app)
        assert _stored(seeded_db) == []
        await focus(pilot, "#lawful_reason")
        await type_text(pilot, "Safeguarding: the children are going hungry")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        await until(pilot, lambda: "Northside Food Bank" in visible_text(app))
    [made] = _stored(seeded_db)
    assert (made.summary.status, made.lawful_reason) == (
        "sent",
        "Safeguarding: the children are going hungry",
    )


async def test_the_agency_typed_straight_after_a_t_goes_into_the_form(
    make_app: MakeApp, hold: Callable[[Any, str], Held]
) -> None:
    """`a`, `t` and the agency's name in one burst (a slow link): the client's consents are
    read before the form opens (held up here until every key has been handed on); the name
    waits, and goes into the form rather than to the referrals tab beneath."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_referrals(pilot)
        held = hold(app.store.referrals, "consents")
        burst(app, "a", "t", *"Shelter Housing Aid")
        await held.release_once_typed(pilot)
        form = await form_shown(pilot)
        await until(pilot, lambda: form.values()["agency"] == "Shelter Housing Aid")
        assert isinstance(app.screen, FormScreen) and len(app.screen_stack) == 3


async def test_bad_referral_input_is_shown_at_its_fields(
    make_app: MakeApp, seeded_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_referrals(pilot)
        await pilot.press("a", "t")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await loaded(pilot)
        await focus(pilot, "#referred_on")
        await pilot.press("ctrl+u")
        await type_text(pilot, "tomorrow")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        text = visible_text(app)
        assert "To whom?" in text
        assert "can't be in the future" in text
        assert "Say why the client is being referred" in text
        assert "Say what information" in text
        assert isinstance(app.screen, FormScreen)
    assert _stored(seeded_db) == []


def _debt_advice(db: Path) -> int:
    """A directory service, and the client's consent to share with it: the consent's id."""
    store = Store.open(db)
    me = store.workers.ensure(ME)
    store.resources.add(
        me,
        {
            "organisation": "Riverside Advice",
            "name": "Debt advice",
            "eligibility": "Adults living in the city for two years",
            "min_age": "18",
            "phone": "0161 496 0000",
        },
    )
    consent = store.consent.add(
        me, _case_id(store), {"share_what": "Money", "recipient": "Riverside", "given_on": "1/11"}
    )
    store.close()
    return consent.id


async def _found_in_the_directory(pilot: Pilot[None]) -> None:
    """From the referrals tab: `a`, `d`, and "debt" searched for; the list focused."""
    app = pilot.app
    await open_referrals(pilot)
    await pilot.press("a", "d")
    await until(pilot, lambda: isinstance(app.screen, DirectoryScreen))
    await type_text(pilot, "debt")
    await pilot.press("enter")  # from the search to the list
    await until(pilot, lambda: app.screen.query_one(ServiceTable).rows != [])
    await loaded(pilot)


async def test_a_referral_to_a_directory_service_shows_its_eligibility_first(
    make_app: MakeApp, seeded_db: Path
) -> None:
    consent_id = _debt_advice(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _found_in_the_directory(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        text = visible_text(app)
        assert "Adults living in the city for two years" in text and "18 and over" in text
        await pilot.press("y")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await loaded(pilot)
        assert "No consent in force" not in visible_text(app)
        await focus(pilot, "#reason")
        await type_text(pilot, "Priority debts")
        await focus(pilot, "#shared")
        await type_text(pilot, "Name and address")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
    [made] = _stored(seeded_db)
    assert (made.summary.agency, made.consent_id, made.agency_contact) == (
        "Debt advice, Riverside Advice",
        consent_id,
        "0161 496 0000",
    )


async def test_keys_typed_after_choosing_a_service_go_to_its_question_then_its_form(
    make_app: MakeApp, seeded_db: Path, hold: Callable[[Any, str], Held]
) -> None:
    """`enter` on a service, `y` and the agency's name in one burst: the service is read (held
    up here) before its question shows, and the client's consents (held too) before the form
    does. `y` answers the question and the name goes into the form, rather than acting on
    the referrals tab beneath while each read ran."""
    _debt_advice(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _found_in_the_directory(pilot)
        service = hold(app.store.resources, "get")
        consents = hold(app.store.referrals, "consents")
        burst(app, "enter", "y", "ctrl+u", *"Riverside debt line")
        await service.release_once_typed(pilot)
        await consents.release_once_typed(pilot)
        form = await form_shown(pilot)
        await until(pilot, lambda: form.values()["agency"] == "Riverside debt line")
        assert form.values()["agency_contact"] == "0161 496 0000"


async def test_status_changes_and_chases_to_escalation(make_app: MakeApp, seeded_db: Path) -> None:
    _referral(seeded_db, chases=2)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_referrals(pilot)
        assert "ESCALATE" not in visible_text(app)
        # `c` and the day in one burst: the referral is read first; the day waits for the form.
        burst(app, "c", "ctrl+u", *"yesterday")
        form = await form_shown(pilot)
        await until(pilot, lambda: form.values()["chased_on"] == "yesterday")
        await focus(pilot, "#contacted")
        await type_text(pilot, "Referrals team")
        await focus(pilot, "#next_chase_on")
        await pilot.press("ctrl+u")
        await type_text(pilot, "yesterday")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert "must come after this one" in visible_text(app)
        await pilot.press("ctrl+u")
        await type_text(pilot, "+1w")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        await until(pilot, lambda: "ESCALATE" in visible_text(app))
        assert pane.referrals is not None and pane.referrals.to_escalate == 1
        # The case says so beside its status, on every tab.
        await until(pilot, lambda: "referrals to escalate: 1" in case_status(app))
        # Acknowledged: an answer, so no longer to escalate.
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await choose(pilot, "acknowledged")
        await focus(pilot, "#note")
        await type_text(pilot, "Letter came")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        await until(pilot, lambda: "ESCALATE" not in visible_text(app))
        await until(pilot, lambda: "escalate" not in case_status(app))
    [made] = _stored(seeded_db)
    assert [h.status for h in made.history] == ["sent", "acknowledged"]
    assert made.history[-1].note == "Letter came"


async def test_the_referral_screen_books_an_appointment_and_refuses_a_bad_one(
    make_app: MakeApp, seeded_db: Path
) -> None:
    _referral(seeded_db, chases=1)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_referrals(pilot)
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReferralScreen))
        await loaded(pilot)
        text = visible_text(app)
        assert "Status history" in text and "Duty desk" in text and "21 days since sent" in text
        await pilot.press("s")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await choose(pilot, "appointment booked")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert "When is the appointment" in visible_text(app)
        await focus(pilot, "#appointment_at")
        await type_text(pilot, "1/12/2026 10:30")
        await focus(pilot, "#accompanied_by")
        await type_text(pilot, "Her sister")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, ReferralScreen)
        await until(pilot, lambda: "01 Dec 2026 10:30" in visible_text(app))
        assert "with Her sister" in visible_text(app)


async def test_an_incoming_referral_and_then_its_decision(
    make_app: MakeApp, seeded_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_referrals(pilot)
        await pilot.press("i")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await choose(pilot, "GP or health")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert "Who made the referral" in error(app, "referrer")
        assert "Say why the client was referred" in error(app, "reason")
        await focus(pilot, "#referrer")
        await type_text(pilot, "Dr Amir Khan")
        await focus(pilot, "#reason")
        await type_text(pilot, "Rent arrears and low mood")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        await until(pilot, lambda: "not decided yet" in visible_text(app))
        options = pane.query_one("#referrals-list")
        assert pane.incoming_referral is not None, options
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await focus(pilot, "#decision")
        await choose(pilot, "signposted")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        await until(pilot, lambda: "signposted 23 Nov 2026" in visible_text(app))


async def test_an_auditor_reads_the_referrals_and_is_offered_no_change(seeded_db: Path) -> None:
    from tests.tui.test_roles_ui import footer_keys, give_role

    _referral(seeded_db, chases=1)
    give_role(seeded_db, ME, "auditor")
    app = CaselineApp(db=seeded_db, worker=ME)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_referrals(pilot)
        screen = app.screen
        assert "Northside Food Bank" in visible_text(app)
        footer = footer_keys(app)
        assert "Refer" not in footer and "Chase" not in footer and "Status" not in footer
        await pilot.press("a", "s", "c", "i")
        await loaded(pilot)
        assert app.screen is screen
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, ReferralScreen))
        await loaded(pilot)
        assert "Duty desk" in visible_text(app)
        footer = footer_keys(app)
        assert "Chase" not in footer and "Status" not in footer
        referral_screen = app.screen
        await pilot.press("s", "c")
        await loaded(pilot)
        assert app.screen is referral_screen


async def test_enter_on_the_chronology_entry_of_a_sending_opens_the_referral(
    make_app: MakeApp, seeded_db: Path
) -> None:
    _referral(seeded_db, chases=1)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        await loaded(pilot)
        await pilot.press("4")
        await loaded(pilot)
        await until(pilot, lambda: "Referral sent to Northside Food Bank" in visible_text(app))
        await pilot.press("end", "enter")
        await until(pilot, lambda: isinstance(app.screen, ReferralScreen))
        await loaded(pilot)
        assert "Duty desk" in visible_text(app)
