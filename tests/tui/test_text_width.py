"""The case file's lists give their width to the text: a note's words at 80 columns, a
chronology entry's whole title at 120 while there is room."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from store.service import Store
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.chronology.pane import ChronologyTable

from .helpers import loaded, visible_text
from .waiting import until

MakeApp = Callable[..., CaselineApp]
AISHA = 1
NOTE = "Home visit: Aisha and the children at home, rent arrears discussed and a plan agreed."
TITLE = "Strategy discussion after police attended the address"  # 53 characters
SUMMARY = "A long account of the discussion, who was there and what each agency agreed to do. " * 3


def _add(db: Path) -> None:
    store = Store.open(db)
    me = store.workers.ensure("sam.okafor")
    store.notes.finalise(
        me,
        AISHA,
        {"contact_at": "2/11/2026 10:00", "note_type": "office visit", "body": NOTE},  # type: ignore[dict-item]
    )
    store.chronology.add(
        me,
        AISHA,
        {
            "occurred_on": "1/10/2026",
            "category": "safeguarding",
            "title": TITLE,
            "details": SUMMARY,
            "analysis": "Risk has risen since the summer; the family needs weekly visits.",
        },
    )
    store.close()


async def _open(pilot: object, app: CaselineApp, tab: str) -> None:
    await loaded(pilot)  # type: ignore[arg-type]
    await pilot.press("enter", tab)  # type: ignore[attr-defined]
    await loaded(pilot)  # type: ignore[arg-type]
    assert isinstance(app.screen, CaseFileScreen)


async def test_the_notes_list_gives_the_text_the_room_at_80_columns(
    make_app: MakeApp, seeded_db: Path
) -> None:
    _add(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot, app, "3")
        await until(pilot, lambda: "Home visit: Aisha" in visible_text(app))
        line = next(t for t in visible_text(app).splitlines() if "Home visit: Aisha" in t)
        assert NOTE[:40] in line, line
        # Wider, the list names who wrote each note too, and the text still has the room.
        await pilot.resize_terminal(130, 30)
        await until(pilot, lambda: "Sam " in visible_text(app))
        line = next(t for t in visible_text(app).splitlines() if "Home visit: Aisha" in t)
        assert "Sam" in line and NOTE[:60] in line, line


async def test_the_chronology_shows_a_whole_title_at_120_columns(
    make_app: MakeApp, seeded_db: Path
) -> None:
    _add(seeded_db)
    app = make_app()
    async with app.run_test(size=(120, 30)) as pilot:
        await _open(pilot, app, "4")
        table = app.screen.query_one(ChronologyTable)
        await until(pilot, lambda: any(r.title == TITLE for r in table.rows))
        lines = [table.render_line(y).text for y in range(4)]
        assert any(TITLE in line for line in lines), lines
        assert table.visible_columns[:3] == ["date", "category", "title"]
