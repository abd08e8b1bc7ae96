"""How a case's consents and its information-sharing log look at 80x24: one consent of each
status, one linked to a professional, and two lines of the log, one shared without consent."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from store.service import Store
from tests.snapshots.test_screens import settle
from tui.app import CaselineApp

ME = "sam.okafor"


def with_consents(path: Path) -> None:
    store = Store.open(path)
    try:
        me = store.workers.ensure(ME, role="manager", team="North")
        case = store.cases.create(me, {"client_name": "Aisha Bello", "allocated_on": "5/1/2026"})
        gp = store.case_file.add_professional(
            me, case.id, {"name": "Dr Amir Khan", "agency": "Hillside GP"}
        )
        for recipient, what, given, expires, professional in (
            ("Hillside GP", "Health and medication", "5/1/2026", "5/1/2027", gp.id),
            ("Northside Housing Trust", "Housing history", "1/6/2026", "10/12/2026", None),
            ("Leeds Credit Union", "Income and debts", "1/2/2026", "1/8/2026", None),
            ("Her sister, Grace", "Appointments", "5/1/2026", "", None),
        ):
            store.consent.add(
                me,
                case.id,
                {
                    "share_what": what,
                    "recipient": recipient,
                    "professional_id": professional,
                    "given_on": given,
                    "expires_on": expires,
                },
            )
        store.consent.withdraw(
            me, 4, {"withdrawn_on": "1/11/2026", "reason": "Fell out"}, version=1
        )
        store.consent.share(
            me, case.id, recipient="Hillside GP", what="Handover pack", consent_id=1,
            lawful_reason="", source="export",
        )  # fmt: skip
        store.consent.share(
            me, case.id, recipient="Family court", what="Chronology", consent_id=None,
            lawful_reason="Court order", source="export",
        )  # fmt: skip
    finally:
        store.close()


@pytest.fixture
def consent_db(tmp_path: Path, prebuilt: Callable[[Path, Callable[[Path], object]], Path]) -> Path:
    return prebuilt(tmp_path / "consent.db", with_consents)


def test_consent_and_sharing_80x24(snap_compare: Any, consent_db: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("I")
        await settle(pilot)

    app = CaselineApp(db=consent_db, worker=ME)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
