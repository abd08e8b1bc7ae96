"""At start the app checks the newest seals and the triggers off the UI thread, and warns when
records were changed outside it, saying how many and to run ``caseline verify``."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from tests.tui.helpers import loaded
from tests.tui.waiting import until
from tui.app import CaselineApp
from tui.integrity_check import WARNING_TITLE


def warnings(app: CaselineApp) -> list[str]:
    return [str(n.message) for n in app._notifications if n.title == WARNING_TITLE]


async def test_records_changed_outside_the_app_are_warned_about_at_start(
    seeded_db: Path, make_app: Callable[..., CaselineApp]
) -> None:
    conn = sqlite3.connect(seeded_db, isolation_level=None)
    try:
        conn.execute("DROP TRIGGER chronology_entry_automatic_no_update")
        changed = conn.execute(
            "UPDATE chronology_entry SET title = 'Forged' WHERE source_kind != 'manual'"
        ).rowcount
    finally:
        conn.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await until(pilot, lambda: warnings(app), seconds=10)
        [message] = warnings(app)
        assert changed > 1
        assert f"found {changed} records changed, removed or added outside Caseline" in message
        assert "and 1 protection of the records removed" in message
        assert "Run caseline verify" in message
        [notice] = [n for n in app._notifications if n.title == WARNING_TITLE]
        assert notice.severity == "warning"


async def test_sound_records_start_without_a_warning(
    make_app: Callable[..., CaselineApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await until(
            pilot,
            lambda: not [w for w in app.workers if w.name == "integrity-check"],
            seconds=10,
        )
        assert warnings(app) == []
