"""How the directory of community resources looks at 80x24: the list as imported from an Open
Referral package and added to by hand, and a service read in full, eligibility first."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from store.service import Store
from tests.snapshots.test_screens import settle
from tests.store.test_resources import FOOD_BANK
from tui.app import CaselineApp

PACKAGE = Path(__file__).parent.parent / "data" / "hsds" / "v3"


def directory(path: Path) -> None:
    store = Store.open(path)
    try:
        me = store.workers.ensure("sam.okafor", role="manager", team="North")
        store.resources.import_hsds(me, PACKAGE)
        store.resources.add(me, {**FOOD_BANK, "name": "Clothing bank", "categories": "Clothes"})
    finally:
        store.close()


@pytest.fixture
def directory_db(
    tmp_path: Path, prebuilt: Callable[[Path, Callable[[Path], object]], Path]
) -> Path:
    return prebuilt(tmp_path / "directory.db", directory)


def test_directory_80x24(snap_compare: Any, directory_db: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        await pilot.press("escape")  # from the search box to the list
        await settle(pilot)

    app = CaselineApp(db=directory_db, worker="sam.okafor")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_directory_service_80x24(snap_compare: Any, directory_db: Path) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("D")
        await settle(pilot)
        await pilot.press("escape", "end", "enter")  # Youth Housing Advice
        await settle(pilot)

    app = CaselineApp(db=directory_db, worker="sam.okafor")
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)
