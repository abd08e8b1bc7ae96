"""The history screen (`h` in a case) at 80 columns: who and when stay in view, values are
worded for a reader, and the highlighted change is shown whole beneath the table."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Static

from store.service import Store
from tui.app import CaselineApp
from tui.screens.case_file.history import HistoryScreen

from .helpers import loaded, visible_text
from .waiting import until

MakeApp = Callable[..., CaselineApp]
ADDRESS = "Flat 12, Long Tower, 44 Some Very Long Street Name, Leeds LS1 1AA, United Kingdom"


def _changes(db: Path) -> None:
    store = Store.open(db)
    priya = store.workers.ensure("priya.nair")
    me = store.workers.ensure("sam.okafor")
    case = store.cases.get(me, 1)
    client = store.case_file.client(priya, case.client_id)
    store.case_file.update_client(
        priya, client.id, {"address": ADDRESS, "date_of_birth": "3/4/1990"}, version=client.version
    )
    plan = store.plans.start(me, 1, {"started_on": "today", "review_interval": "6 weeks"})
    store.plans.update_schedule(
        me, plan.id, {"started_on": "today", "review_interval": "3 months"}, version=plan.version
    )
    store.close()


async def test_history_at_80_columns_keeps_who_and_when_and_reads_like_english(
    make_app: MakeApp, seeded_db: Path
) -> None:
    _changes(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")  # Aisha Bello, case 1
        await loaded(pilot)
        await pilot.press("h")
        await loaded(pilot)
        assert isinstance(app.screen, HistoryScreen)
        await until(pilot, lambda: "date of birth" in visible_text(app).replace("_", " "))
        lines = visible_text(app).splitlines()
        assert all(len(line.rstrip()) <= 80 for line in lines)
        header = next(line for line in lines if "When" in line)
        assert header.split()[:2] == ["When▼", "By"]
        reviewed = next(line for line in lines if "reviewed" in line)
        assert "Sam Okafor" in reviewed and "every 3" in reviewed  # cut, at 80 columns
        address = next(line for line in lines if "address" in line)
        assert "Priya Nair" in address and "23 Nov 2026" in address
        birth = next(line for line in lines if "date of birth" in line)
        assert "03 Apr 1990" in birth
        # The value cut in the table is shown whole beneath it.
        for _ in range(3):
            if "Was: " in visible_text(app) and ADDRESS[:20] in visible_text(app).split("Was: ")[1]:
                break
            await pilot.press("down")
        change = str(app.screen.query_one("#history-change", Static).render())
        assert ADDRESS in " ".join(change.split())
