"""A sent referral corrected from its screen with e: the form it was made with, filled in,
asking why; a colleague's correction saved meanwhile shown rather than overwritten; and what
it said before listed under the referral once saved."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from store.service import Store
from tui.app import CaselineApp
from tui.screens.form import FormScreen
from tui.screens.referrals.view import ReferralScreen

from .helpers import focus, loaded, type_text, visible_text
from .test_conflicts_ui import notice_of
from .test_referrals_ui import _referral, _stored, open_referrals
from .waiting import until

MakeApp = Callable[..., CaselineApp]


async def test_e_corrects_a_sent_referral_as_an_amendment_keeping_what_it_said(
    make_app: MakeApp, seeded_db: Path
) -> None:
    made = _referral(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_referrals(pilot)
        await pilot.press("enter")  # the referral out, highlighted first
        await until(pilot, lambda: isinstance(app.screen, ReferralScreen))
        await loaded(pilot)
        assert "Earlier versions" not in visible_text(app)
        await pilot.press("e")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await loaded(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        assert form.values()["reason"] == "No money for food"  # filled in as it is
        assert "agency" not in form.values()  # sent: whom it went to stays
        await focus(pilot, "#reason")
        await pilot.press("end")
        await type_text(pilot, "; three children at home")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        assert "say why it is changed" in visible_text(app)
        # A colleague corrects it meanwhile: theirs is shown, nothing typed is lost.
        store = Store.open(seeded_db)
        try:
            other = store.workers.ensure("priya.nair", role="manager", team="North")
            now = store.referrals.get(other, made.id)
            store.referrals.edit(
                other,
                made.id,
                {
                    "agency": "Northside Food Bank",
                    "referred_on": "2/11/2026",
                    "reason": "No money for food",
                    "urgency": "urgent",
                    "shared": "Name and address",
                    "why": "Their duty team asked",
                },
                version=now.summary.version,
            )
        finally:
            store.close()
        await focus(pilot, "#why")
        await type_text(pilot, "The children were left out")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        shown, message, _ = notice_of(app)
        assert shown and "Priya Nair changed this referral" in message
        assert form.values()["reason"].endswith("three children at home")
        await pilot.press("ctrl+s")  # having seen theirs, saved over it
        await until(pilot, lambda: isinstance(app.screen, ReferralScreen))
        await loaded(pilot)
        text = visible_text(app)
        assert "Earlier versions" in text
        assert "changed by Priya Nair: Their duty team asked" in text
        assert "changed by Sam Okafor: The children were left out" in text
    [stored] = _stored(seeded_db)
    assert stored.reason == "No money for food; three children at home"
    assert [v.urgency for v in stored.earlier] == ["routine", "urgent"]
