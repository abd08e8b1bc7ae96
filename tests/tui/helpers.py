"""Small helpers for Pilot tests."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Static
from textual.worker import WorkerCancelled

from tui.app import CaselineApp
from tui.widgets.case_table import CaseTable


async def loaded(pilot: Pilot[None]) -> None:
    """Wait until background loads have finished and their results are on screen.

    A load replaced by a newer one (exclusive workers) ends cancelled; that is the app
    working as meant, so wait again for its successor.
    """
    await pilot.pause()
    for _ in range(10):
        try:
            await pilot.app.workers.wait_for_complete()
            break
        except WorkerCancelled:
            await pilot.pause()
    await pilot.pause()


def table(app: CaselineApp) -> CaseTable:
    return app.screen.query_one(CaseTable)


def names(app: CaselineApp) -> list[str]:
    return [r.client_name for r in table(app).rows]


def title(app: CaselineApp) -> str:
    return str(app.screen.query_one("#view-title", Static).render())
