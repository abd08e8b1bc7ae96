"""How the screens look, at the sizes people use, on seeded demo data with a frozen clock.

Update after a deliberate change with ``pytest tests/snapshots --snapshot-update`` and look at
the report before committing the new SVGs.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from store.demo import generate
from store.service import Store
from tests.tui.helpers import loaded
from tui.app import CaselineApp

ME = "sam.okafor"


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.db"
    store = Store.open(path)
    generate(
        store, me=ME, cases=150, notes_per_case=20, workers=6, seed=11, today=date(2026, 11, 23)
    )
    store.close()
    return path


async def settle(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False


def app_for(path: Path) -> CaselineApp:
    return CaselineApp(db=path, worker=ME)


def test_caseload_80x24(snap_compare: Any, demo_db: Path) -> None:
    assert snap_compare(app_for(demo_db), terminal_size=(80, 24), run_before=settle)


def test_caseload_all_workers_filtered_120x40(snap_compare: Any, demo_db: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("slash", *"an")
        await settle(pilot)

    assert snap_compare(app_for(demo_db), terminal_size=(120, 40), run_before=run_before)


def test_new_case_form_with_errors_80x24(snap_compare: Any, demo_db: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        await pilot.press("tab", *"31/02/2026", "tab", "tab", *"phone?", "ctrl+s")
        await settle(pilot)

    assert snap_compare(app_for(demo_db), terminal_size=(80, 24), run_before=run_before)


def test_case_file_80x24(snap_compare: Any, demo_db: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(app_for(demo_db), terminal_size=(80, 24), run_before=run_before)


def test_help_80x24(snap_compare: Any, demo_db: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(app_for(demo_db), terminal_size=(80, 24), run_before=run_before)


def test_case_file_120x40(snap_compare: Any, demo_db: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(app_for(demo_db), terminal_size=(120, 40), run_before=run_before)


def test_case_file_notes_80x24(snap_compare: Any, demo_db: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("3")
        await settle(pilot)

    assert snap_compare(app_for(demo_db), terminal_size=(80, 24), run_before=run_before)


def test_case_file_summary_120x40(snap_compare: Any, demo_db: Path) -> None:
    store = Store.open(demo_db)
    me = store.ensure_worker(ME)
    case_id = next(r.id for r in store.caseload(me) if store.summary(me, r.id) is not None)
    store.close()

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.open_case(case_id)  # type: ignore[attr-defined]
        await settle(pilot)
        await pilot.press("2")
        await settle(pilot)

    assert snap_compare(app_for(demo_db), terminal_size=(120, 40), run_before=run_before)


def test_note_editor_80x24(snap_compare: Any, demo_db: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"Home visit with Aisha and her mother. Agreed next steps.")
        pilot.app.screen.query_one("#body").cursor_blink = False
        await settle(pilot)

    assert snap_compare(app_for(demo_db), terminal_size=(80, 24), run_before=run_before)


def _case_with_longest_chronology(path: Path) -> int:
    """The one of my cases with the most chronology entries (some added by hand)."""
    store = Store.open(path)
    me = store.ensure_worker(ME)
    try:
        sizes = {row.id: store.chronology(me, row.id) for row in store.caseload(me)}
    finally:
        store.close()
    return (
        max(
            (len(items), -case_id)
            for case_id, items in sizes.items()
            if any(i.source_kind == "manual" for i in items)
        )[1]
        * -1
    )


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_chronology(snap_compare: Any, demo_db: Path, size: tuple[int, int]) -> None:
    case_id = _case_with_longest_chronology(demo_db)

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.open_case(case_id)  # type: ignore[attr-defined]
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot)

    assert snap_compare(app_for(demo_db), terminal_size=size, run_before=run_before)


def test_chronology_entry_80x24(snap_compare: Any, demo_db: Path) -> None:
    case_id = _case_with_longest_chronology(demo_db)
    store = Store.open(demo_db)
    me = store.ensure_worker(ME)
    manual = [i for i in store.chronology(me, case_id) if i.source_kind == "manual"]
    entry = next((i for i in manual if i.analysis), manual[0])
    store.close()

    async def run_before(pilot: Pilot[Any]) -> None:
        from tui.screens.chronology_entry import ChronologyEntryScreen

        await settle(pilot)
        pilot.app.push_screen(ChronologyEntryScreen(entry.id, "snapshot"))
        await settle(pilot)

    assert snap_compare(app_for(demo_db), terminal_size=(80, 24), run_before=run_before)
