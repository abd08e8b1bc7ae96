"""Small helpers for Pilot tests."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Static

from tui.app import CaselineApp
from tui.widgets.case_table import CaseTable


async def loaded(pilot: Pilot[None]) -> None:
    """Wait until background loads have finished and their results are on screen."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def table(app: CaselineApp) -> CaseTable:
    return app.screen.query_one(CaseTable)


def names(app: CaselineApp) -> list[str]:
    return [r.client_name for r in table(app).rows]


def title(app: CaselineApp) -> str:
    return str(app.screen.query_one("#view-title", Static).render())
