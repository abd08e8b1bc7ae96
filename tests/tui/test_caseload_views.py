"""Each caseload view shows the columns that tell its cases apart, at 80 columns: no Status
column saying the same on every row, a referral recognisable in every view it is in, and `s`
sorting only by the columns shown."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from store.core.models import Case
from store.service import Store
from tui.app import CaselineApp
from tui.screens.caseload.case_table import REFERRAL

from .helpers import loaded, table, visible_text

MakeApp = Callable[..., CaselineApp]


def _make_referral(db: Path, name: str = "Marcus Johnson") -> None:
    """A case referred and not yet allocated: no worker."""
    store = Store.open(db)
    me = store.workers.ensure("sam.okafor")
    row = next(r for r in store.cases.caseload(me, scope="all") if r.client_name == name)
    with store.database.writing():
        Case.update(status="referral", worker=None).where(Case.id == row.id).execute()
    store.close()


async def _sort_keys(pilot: object, app: CaselineApp) -> list[str]:
    """Every column `s` sorts by, in turn, until it comes back round."""
    seen: list[str] = []
    for _ in range(12):
        await pilot.press("s")  # type: ignore[attr-defined]
        key = table(app).sort_key
        if key in seen:
            break
        seen.append(key)
    return seen


async def test_my_open_cases_give_the_name_room_and_sort_by_what_is_shown(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert table(app).visible_columns == ["ref", "client", "contact", "review", "flags"]
        assert "Siobhán O'Sullivan-Murphy" in visible_text(app)  # a long name, whole
        assert sorted(await _sort_keys(pilot, app)) == sorted(table(app).visible_columns)


async def test_a_referral_says_so_in_all_workers_view(make_app: MakeApp, seeded_db: Path) -> None:
    _make_referral(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("w")
        await loaded(pilot)
        assert table(app).visible_columns == [
            "ref",
            "client",
            "worker",
            "contact",
            "review",
            "flags",
        ]
        line = next(line for line in visible_text(app).splitlines() if "Marcus Johnson" in line)
        assert REFERRAL in line
        # Sorting by a column shown beside the worker's doesn't push the worker out.
        while table(app).sort_key != "contact":
            await pilot.press("s")
        assert "worker" in table(app).visible_columns
        await pilot.resize_terminal(60, 24)
        await pilot.pause()
        assert "worker" in table(app).visible_columns


async def test_closed_cases_show_no_status_review_or_flags(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        while table(app).sort_key != "review":  # sorted by the next review
            await pilot.press("s")
        await pilot.press("x")
        await loaded(pilot)
        assert table(app).visible_columns == ["ref", "client", "allocated", "contact"]
        assert table(app).sort_key == "client"  # not by a column the view doesn't have
        await pilot.press("w")
        await loaded(pilot)
        assert table(app).visible_columns == ["ref", "client", "worker", "allocated", "contact"]
        text = visible_text(app)
        assert "Old Closed Case" in text and "Status" not in text
