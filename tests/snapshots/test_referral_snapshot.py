"""How a referral looks at 80x24: sent under a lawful reason, acknowledged, then chased until
it is marked for escalation; and the case's referrals tab with it and a referral in."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from store.service import Store
from tests.conftest import COLLEAGUES
from tests.snapshots.test_screens import settle
from tui.app import CaselineApp

ME = "sam.okafor"


def referred(path: Path) -> None:
    store = Store.open(path)
    try:
        me = store.workers.ensure(ME, **COLLEAGUES)
        case = store.cases.create(me, {"client_name": "Aisha Bello", "allocated_on": "1/6/2026"})
        store.referrals.add_incoming(
            me,
            case.id,
            {
                "source": "GP or health",
                "referrer": "Dr Amir Khan",
                "reason": "Rent arrears and low mood",
                "received_on": "28/5/2026",
                "decision": "allocated",
                "decided_on": "1/6/2026",
            },
        )
        r = store.referrals.create(
            me,
            case.id,
            {
                "agency": "Citizens Advice Northside",
                "agency_contact": "0161 496 0330",
                "referred_on": "2/11/2026",
                "reason": "Debts: council tax and two payday loans",
                "urgency": "soon",
                "shared": "Name, address, the debts listed",
                "lawful_reason": "Vital interests: bailiffs due this week",
            },
        )
        r = store.referrals.change_status(
            me,
            r.id,
            {"status": "acknowledged", "changed_on": "4/11/2026", "note": "Email from intake"},
            version=r.summary.version,
        )
        for day, method, who in (
            ("9/11/2026", "phone", "Duty desk"),
            ("13/11/2026", "email", "Intake team"),
            ("18/11/2026", "phone", "Team manager"),
        ):
            r = store.referrals.chase(
                me,
                r.id,
                {
                    "chased_on": day,
                    "method": method,
                    "contacted": who,
                    "said": "Voicemail left; no call back",
                    "next_chase_on": "25/11/2026",
                },
            )
    finally:
        store.close()


@pytest.fixture
def referred_db(tmp_path: Path, prebuilt: Callable[[Path, Callable[[Path], object]], Path]) -> Path:
    return prebuilt(tmp_path / "referred.db", referred)


def test_referrals_tab_80x24(snap_compare: Any, referred_db: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)

    app = CaselineApp(db=referred_db, worker=ME)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_referral_with_history_and_chases_80x24(snap_compare: Any, referred_db: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("7")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    app = CaselineApp(db=referred_db, worker=ME)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
