"""The check that the app never calls the store on the UI thread catches such a call."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.tui.helpers import loaded
from tests.tui.ui_thread import UiThreadWatch, fail_on_ui_thread_calls
from tui.app import CaselineApp
from tui.screens.notes import draft_offer

MakeApp = Callable[..., CaselineApp]


async def test_a_store_call_on_the_ui_thread_is_caught(
    make_app: MakeApp, ui_thread_watch: UiThreadWatch
) -> None:
    watch = ui_thread_watch
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert watch.calls == []  # the caseload and the drafts were read in workers
        label = draft_offer._label_for(app, 1)  # a worker's helper, run on the UI thread
        assert label.endswith("Aisha Bello")
    assert [(c.method, c.module) for c in watch.calls] == [
        ("case.get", "tui.screens.notes.draft_offer")
    ]
    assert watch.calls[0].where.startswith("tui/screens/notes/draft_offer.py:")
    with pytest.raises(
        pytest.fail.Exception, match=r"case\.get from tui/screens/notes/draft_offer"
    ):
        fail_on_ui_thread_calls(watch)
    watch.calls.clear()  # caught as it should be: not this test's failure


async def test_a_tests_own_store_calls_do_not_count(
    make_app: MakeApp, ui_thread_watch: UiThreadWatch
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert app.store.cases.get(app.me, 1).client_name == "Aisha Bello"
    assert ui_thread_watch.calls == []
