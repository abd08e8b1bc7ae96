"""The command palette finds 'Open a case…' by its words, and a case opened from it leads back
to the caseload; the plan and a meeting's minutes are exported from the app, and the minutes
show the meeting's number that `caseline export minutes --conference` takes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.widgets import Input, Static

from store.core.models import AuditEvent
from store.service import Store
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.caseload.pickers import CasePickerScreen
from tui.screens.caseload.screen import CaseloadScreen
from tui.screens.export import ExportScreen
from tui.screens.meetings.conferences import ConferencesScreen, MinutesScreen

from .helpers import loaded, palette_finds, type_text, visible_text
from .test_conferences_ui import _with_meeting
from .test_plan_ui import _with_plan, open_plan

MakeApp = Callable[..., CaselineApp]


def case_title(app: CaselineApp) -> str:
    return str(app.screen.query_one("#case-title", Static).render())


async def test_open_a_case_is_found_by_its_words(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await palette_finds(pilot, "open a case", "Open a case…")
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, CasePickerScreen)
        await pilot.press(*"nowak")
        await loaded(pilot)
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        assert "Łukasz Nowak" in case_title(app)
        await pilot.press("escape")
        await loaded(pilot)
        assert isinstance(app.screen, CaseloadScreen)


async def test_a_case_opened_from_the_palette_leads_back_to_the_caseload(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")  # Aisha Bello's case
        await loaded(pilot)
        assert "Aisha Bello" in case_title(app)
        await pilot.press("M")  # and on to its meetings
        await loaded(pilot)
        assert isinstance(app.screen, ConferencesScreen)
        await palette_finds(pilot, "nowak", "Łukasz Nowak")
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        assert "Łukasz Nowak" in case_title(app)
        await pilot.press("escape")
        await loaded(pilot)
        assert isinstance(app.screen, CaseloadScreen)


async def test_a_case_opened_from_the_palette_never_closes_a_form_being_written(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter", "c")  # a new contact for Aisha Bello's case
        await loaded(pilot)
        await type_text(pilot, "Anne Bello")
        form = app.screen
        await palette_finds(pilot, "nowak", "Łukasz Nowak")
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        await pilot.press("escape")
        await loaded(pilot)
        assert app.screen is form
        assert form.query_one("#name", Input).value == "Anne Bello"


async def test_the_plan_is_exported_from_the_plan_tab(
    make_app: MakeApp, seeded_db: Path, tmp_path: Path
) -> None:
    _with_plan(seeded_db, goals=1)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        case_file = app.screen
        await pilot.press("x")
        await loaded(pilot)
        dialog = app.screen
        assert isinstance(dialog, ExportScreen)
        assert "Export service plan" in visible_text(app)
        path_input = dialog.query_one("#export-path", Input)
        assert Path(path_input.value).name.startswith("plan-")
        await pilot.press("ctrl+u")
        await type_text(pilot, str(tmp_path / "plan.html"))
        await pilot.press("f2", "enter")
        await loaded(pilot)
        assert app.screen is case_file
    text = (tmp_path / "plan.md").read_text(encoding="utf-8")
    assert text.startswith("# Service plan 1")
    assert "Pay the rent in full each month and clear the arrears (1)" in text


async def test_minutes_show_their_number_and_are_exported(
    make_app: MakeApp, seeded_db: Path, tmp_path: Path
) -> None:
    _with_meeting(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("enter", "M")
        await loaded(pilot)
        await pilot.press("enter")
        await loaded(pilot)
        minutes = app.screen
        assert isinstance(minutes, MinutesScreen)
        number = minutes.conference_id
        title = str(minutes.query_one("#minutes-title", Static).render())
        assert title == f"Core group: minutes · meeting {number}"
        await pilot.press("x")
        await loaded(pilot)
        assert isinstance(app.screen, ExportScreen)
        assert f"Core group of 02 Nov 2026 (meeting {number})" in visible_text(app)
        await pilot.press("ctrl+u")
        await type_text(pilot, str(tmp_path / "minutes.html"))
        await pilot.press("enter")
        await loaded(pilot)
        assert app.screen is minutes
    text = (tmp_path / "minutes.html").read_text(encoding="utf-8")
    assert text.startswith("<!DOCTYPE html>") or text.lower().startswith("<!doctype html>")
    # The export is in the audit trail: what, which case and meeting, where to.
    store = Store.open(seeded_db)
    try:
        with store.database.reading():
            exported = [
                (e.action, e.case_id, e.record_kind, e.record_id, e.detail)
                for e in AuditEvent.select().where(AuditEvent.action.endswith("-exported"))
            ]
    finally:
        store.close()
    path = str((tmp_path / "minutes.html").resolve())
    assert exported == [("minutes-exported", 1, "conference", number, path)]
    assert "Refer to debt advice" in text


async def test_the_handover_pack_is_exported_from_the_case_file(
    make_app: MakeApp, seeded_db: Path, tmp_path: Path
) -> None:
    _with_plan(seeded_db, goals=1)
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
        assert "Export handover pack" in visible_text(app)
        path_input = dialog.query_one("#export-path", Input)
        assert Path(path_input.value).name.startswith("handover-")
        await pilot.press("ctrl+u")
        await type_text(pilot, str(tmp_path / "handover.html"))
        await pilot.press("enter")
        await loaded(pilot)
        assert app.screen is case_file
    page = (tmp_path / "handover.html").read_text(encoding="utf-8")
    assert "<h1>Handover: " in page and "Aisha Bello" in page
    assert "Pay the rent in full each month and clear the arrears" in page
