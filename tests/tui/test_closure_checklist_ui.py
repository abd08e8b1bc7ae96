"""The close form's closure checklist, driven with real keys: ticking, marking an item not
applicable with the reason, and closing with items open, which asks why."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from store.cases.records import ClosureChecklist
from store.common.records import CaseStatus
from store.service import Store
from tests.tui.helpers import choose, loaded, type_text
from tests.tui.waiting import until
from tui.app import CaselineApp
from tui.screens.case_file.closing import CloseCaseScreen, ClosureChecklistList
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.confirm import ConfirmScreen
from tui.screens.form import FormScreen

MakeApp = Callable[..., CaselineApp]
CASE_ID = 1  # Aisha Bello, the first on the caseload


async def open_close_form(app: CaselineApp, pilot: Pilot[None]) -> ClosureChecklistList:
    await loaded(pilot)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
    await loaded(pilot)
    await pilot.press("C")
    await until(pilot, lambda: isinstance(app.screen, CloseCaseScreen))
    checklist = app.screen.query_one(ClosureChecklistList)
    await until(pilot, lambda: checklist.option_count == 6)
    await until(pilot, lambda: app.focused is checklist)
    return checklist


def states(checklist: ClosureChecklist) -> dict[str, tuple[str, str]]:
    return {i.key: (i.state, i.reason) for i in checklist.items}


def shown(checklist: ClosureChecklistList) -> dict[str, str]:
    assert checklist.checklist is not None
    return {i.key: i.state for i in checklist.checklist.items}


def open_items_row_shown(app: CaselineApp) -> bool:
    row = app.screen.query_one("#open_items_reason").parent
    assert row is not None
    return bool(row.display)


async def test_ticking_marking_not_applicable_and_closing_with_an_item_open(
    make_app: MakeApp, seeded_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        checklist = await open_close_form(app, pilot)
        assert open_items_row_shown(app)
        heading = app.screen.query_one("#closure-heading", Static)
        assert "6 of 6 open" in str(heading.render())
        # Tick the first item: saved at once.
        await pilot.press("space")
        await until(pilot, lambda: shown(checklist)["achievements"] == "done")
        assert states(app.store.cases.closure_checklist(app.me, CASE_ID))["achievements"] == (
            "done",
            "",
        )
        # The second does not apply: a small form asks why.
        await pilot.press("down", "n")
        await until(pilot, lambda: isinstance(app.screen, FormScreen) and app.screen is not None)
        form = app.screen
        assert isinstance(form, FormScreen) and form.form_title == "Not applicable"
        await pilot.press("ctrl+s")  # no reason yet: refused at the field
        await until(pilot, lambda: "Say why" in str(form.query_one("#error-reason").render()))
        await type_text(pilot, "Lives alone by choice")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, CloseCaseScreen))
        await until(pilot, lambda: shown(checklist)["network"] == "not applicable")
        await until(pilot, lambda: app.focused is checklist)
        # Tick the third, then open it again with o.
        await pilot.press("down", "t")
        await until(pilot, lambda: shown(checklist)["independence"] == "done")
        await pilot.press("o")
        await until(pilot, lambda: shown(checklist)["independence"] == "open")
        await until(pilot, lambda: "4 of 6 open" in str(heading.render()))

        # Close with items open: the form asks why.
        await pilot.press("tab", "tab")
        await choose(pilot, "client moved out of the area")
        await pilot.press("ctrl+s")
        error = app.screen.query_one("#error-open_items_reason", Static)
        await until(pilot, lambda: "4 items" in str(error.render()))
        assert isinstance(app.screen, CloseCaseScreen)
        assert app.focused is app.screen.query_one("#open_items_reason")
        await type_text(pilot, "Moved abroad at a day's notice")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
        await loaded(pilot)
    store = Store.open(seeded_db)
    try:
        me = store.workers.named("sam.okafor")
        assert store.cases.get(me, CASE_ID).status is CaseStatus.CLOSED
        details = store.chronology.entries(me, CASE_ID)[-1].details
        assert "- Support network recorded: not applicable (Lives alone by choice)" in details
        assert "Closed with items open because: Moved abroad at a day's notice" in details
    finally:
        store.close()


async def test_with_every_item_marked_no_reason_is_asked(
    make_app: MakeApp, seeded_db: Path
) -> None:
    store = Store.open(seeded_db)
    me = store.workers.named("sam.okafor")
    for item in store.cases.closure_checklist(me, CASE_ID).items[:-1]:
        store.cases.mark_closure_item(me, CASE_ID, item.key, {"state": "done"}, version=0)
    store.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        checklist = await open_close_form(app, pilot)
        await until(pilot, lambda: shown(checklist)["final_summary"] == "open")
        assert open_items_row_shown(app)
        await pilot.press("end", "n")
        # The close form is a form too: wait for the one that asks why.
        await until(
            pilot,
            lambda: (
                isinstance(app.screen, FormScreen) and app.screen.form_title == "Not applicable"
            ),
        )
        await type_text(pilot, "The summary is current")
        await pilot.press("ctrl+s")
        # The reason's form closes once the marking is saved, in a worker: wait for it.
        await until(pilot, lambda: isinstance(app.screen, CloseCaseScreen))
        await until(pilot, lambda: not open_items_row_shown(app))
        await until(pilot, lambda: app.focused is checklist)  # back from the form
        await pilot.press("tab", "tab")
        await choose(pilot, "work completed")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
        assert app.store.cases.get(app.me, CASE_ID).status is CaseStatus.CLOSED


async def test_a_colleagues_marking_first_is_shown_not_overwritten(
    make_app: MakeApp, seeded_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        checklist = await open_close_form(app, pilot)
        colleague = app.store.workers.named("priya.nair")
        app.store.cases.mark_closure_item(
            colleague,
            CASE_ID,
            "achievements",
            {"state": "not applicable", "reason": "No plan was made"},
            version=0,
        )
        await pilot.press("space")  # on a checklist read before Priya's marking
        await until(pilot, lambda: shown(checklist)["achievements"] == "not applicable")
        assert states(app.store.cases.closure_checklist(app.me, CASE_ID))["achievements"] == (
            "not applicable",
            "No plan was made",
        )
        notes = [n.message for n in app._notifications]
        assert any("Priya Nair marked" in message for message in notes), notes


async def test_escape_keeps_what_was_typed_as_a_draft(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_close_form(app, pilot)
        await pilot.press("tab", "tab", "tab")
        await type_text(pilot, "Housing secured.")
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("n")  # keep editing
        await until(pilot, lambda: isinstance(app.screen, CloseCaseScreen))
        screen = app.screen
        assert isinstance(screen, CloseCaseScreen)
        assert screen.values()["closing_summary"] == "Housing secured."
        # Kept as a draft too, so a dropped connection loses nothing.
        key = f"close:{CASE_ID}"
        await until(pilot, lambda: app.store.forms.draft(app.me, key) is not None)
        draft = app.store.forms.draft(app.me, key)
        assert draft is not None and draft[0]["closing_summary"] == "Housing secured."


async def test_keys_pressed_quickly_are_saved_one_after_another(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        checklist = await open_close_form(app, pilot)
        mark = app.store.cases.mark_closure_item

        def slow_mark(*args: Any, **kwargs: Any) -> ClosureChecklist:
            time.sleep(0.2)  # a busy machine: the next keys arrive while this one is saved
            return mark(*args, **kwargs)

        monkeypatch.setattr(app.store.cases, "mark_closure_item", slow_mark)
        # Ticked and unticked at once; the next two ticked while the first is being saved.
        await pilot.press("space", "space", "down", "space", "down", "t")
        await until(
            pilot,
            lambda: (
                shown(checklist)["network"] == "done" and shown(checklist)["independence"] == "done"
            ),
        )
        await loaded(pilot)
        saved = app.store.cases.closure_checklist(app.me, CASE_ID)
        assert [(i.key, i.state, i.version) for i in saved.items[:3]] == [
            ("achievements", "open", 2),
            ("network", "done", 1),
            ("independence", "done", 1),
        ]
        assert not [n for n in app._notifications if n.severity == "error"]
