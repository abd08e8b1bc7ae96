"""`t` on the caseload: the team's caseloads for a supervisor; a worker is told it is not for
them and stays where they were."""

from __future__ import annotations

from pathlib import Path

from store.common.records import WorkerInfo
from store.service import Store
from tests.store.test_team_load import case_for, staffed
from tui.app import CaselineApp
from tui.screens.caseload.screen import CaseloadScreen
from tui.screens.caseload.team import TeamScreen, TeamTable
from tui.screens.supervision.record import SupervisionScreen

from .helpers import enter_then_escape, loaded, visible_text
from .waiting import until


def team_db(tmp_path: Path) -> tuple[Path, dict[str, WorkerInfo]]:
    db = tmp_path / "team.db"
    store = Store.open(db)
    try:
        people = staffed(store)
        case_for(store, people["nia.north"], "Aisha Bello")
        case_for(store, people["nia.north"], "Ben Cole")
    finally:
        store.close()
    return db, people


async def test_a_supervisor_sees_their_teams_caseloads(tmp_path: Path) -> None:
    db, people = team_db(tmp_path)
    app = CaselineApp(db=db, me=people["sue.super"])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, TeamScreen))
        await loaded(pilot)
        table = app.screen.query_one(TeamTable)
        assert [w.login for w in table.rows] == ["nia.north", "sue.super"]
        shown = visible_text(app)
        assert "Team caseloads · North" in shown and "2 workers · 2 open cases" in shown
        assert "Sam South" not in shown  # another team's
        # enter and escape typed together: the worker's supervision record opens and closes
        # again (enter posted its choice, handled after the escape: the team view was left).
        await enter_then_escape(pilot, app, "team-table", SupervisionScreen)
        assert isinstance(app.screen, TeamScreen)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))


async def test_a_worker_is_told_the_team_view_is_not_theirs(tmp_path: Path) -> None:
    db, people = team_db(tmp_path)
    app = CaselineApp(db=db, me=people["nia.north"])
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("t")
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen) and app._notifications)
        await loaded(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        messages = [n.message for n in app._notifications]
        assert any("supervisors, managers and auditors" in m for m in messages)
