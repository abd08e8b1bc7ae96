"""Small helpers for Pilot tests."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Select, Static
from textual.worker import WorkerCancelled

from tui.app import CaselineApp
from tui.screens.caseload.case_table import CaseTable


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


def visible_text(app: CaselineApp) -> str:
    """Every line every visible widget of the current screen draws, as plain text (the
    segments' text, control characters and all, exactly as it would go to the terminal)."""
    lines: list[str] = []
    for widget in app.screen.query("*"):
        if widget.display and widget.size.height:
            lines.extend(widget.render_line(y).text for y in range(widget.size.height))
    return "\n".join(lines)


async def focus(pilot: Pilot[None], selector: str) -> None:
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()


async def choose(pilot: Pilot[None], label: str) -> None:
    """Open the focused drop-down and pick ``label`` with the arrow keys."""
    select = pilot.app.focused
    assert isinstance(select, Select), select
    await pilot.press("enter")
    overlay = select.query_one("SelectOverlay")
    for _ in range(30):
        option = overlay.highlighted_option  # type: ignore[attr-defined]
        if option is not None and str(option.prompt) == label:
            break
        await pilot.press("down")
    else:
        raise AssertionError(f"no option {label!r}")
    await pilot.press("enter")
    await pilot.pause()
