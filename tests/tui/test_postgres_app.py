"""The app on a PostgreSQL database: the caseload and a case opened, as on a file (the store's
own tests run on both; this is the app's way to them)."""

from __future__ import annotations

from store.service import Store
from tests.postgres_cluster import Cluster
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.caseload.screen import CaseloadScreen

from .helpers import loaded, names, title, visible_text
from .waiting import until


async def test_the_caseload_and_a_case_on_postgresql(postgres_cluster: Cluster) -> None:
    url = postgres_cluster.new_database()
    store = Store.open(url)
    try:
        me = store.workers.ensure("sam.okafor")
        for name in ("Zoë Adams", "Aisha Bello"):
            store.cases.create(me, {"client_name": name})
    finally:
        store.close()
    app = CaselineApp(db=url, worker="sam.okafor")
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)
            assert isinstance(app.screen, CaseloadScreen)
            assert names(app) == ["Aisha Bello", "Zoë Adams"]
            assert title(app) == "My open cases (2)"
            await pilot.press("enter")
            await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
            await loaded(pilot)
            await until(pilot, lambda: "Aisha Bello" in visible_text(app))
    finally:
        app.store.close()
