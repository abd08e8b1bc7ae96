"""``tui.workers.run_store``: the call off the UI thread, its result or error back on it."""

from __future__ import annotations

import threading

import pytest
from textual.app import App, ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from store.common.errors import InvalidInput, NotFound, StoreError
from tests.tui.helpers import loaded
from tui.workers import run_store, store_result


class Holder(Screen[None]):
    """A screen that keeps what came back."""

    def __init__(self) -> None:
        super().__init__()
        self.results: list[object] = []
        self.errors: list[StoreError] = []

    def compose(self) -> ComposeResult:
        yield Static("holder")


class Host(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.ui_thread = threading.get_ident()

    def on_mount(self) -> None:
        self.push_screen(Holder())


def messages(app: App[None]) -> list[tuple[str, str, bool]]:
    return [(str(n.message), n.severity, n.markup) for n in app._notifications]


async def test_the_result_arrives_on_the_ui_thread() -> None:
    app = Host()
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, Holder)
        threads: list[int] = []

        def call() -> int:
            threads.append(threading.get_ident())
            return 42

        def done(result: int) -> None:
            threads.append(threading.get_ident())
            screen.results.append(result)

        run_store(screen, call, done=done, name="answer")
        await loaded(pilot)
        assert screen.results == [42]
        assert threads[0] != app.ui_thread and threads[1] == app.ui_thread


async def test_a_closed_screen_gets_nothing_and_nothing_breaks() -> None:
    app = Host()
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, Holder)
        release = threading.Event()

        def call() -> int:
            release.wait(5)
            return 1

        run_store(screen, call, done=screen.results.append, name="slow", exclusive=False)
        await pilot.pause()
        app.pop_screen()
        await pilot.pause()
        release.set()
        await loaded(pilot)
        assert screen.results == []
        assert messages(app) == []
        assert app.is_running


async def test_a_store_error_goes_to_failed_when_given() -> None:
    app = Host()
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, Holder)

        def call() -> int:
            raise InvalidInput({"name": "Name is required."})

        run_store(
            screen, call, done=screen.results.append, failed=screen.errors.append, name="save"
        )
        await loaded(pilot)
        assert [type(e) for e in screen.errors] == [InvalidInput]
        assert screen.results == [] and messages(app) == []


async def test_a_store_error_is_reported_in_its_own_words_as_plain_text() -> None:
    app = Host()
    async with app.run_test() as pilot:
        screen = app.screen

        def call() -> int:
            raise NotFound("No case [b]7[/b].")

        run_store(screen, call, done=print, name="read")
        await loaded(pilot)
        assert messages(app) == [("No case [b]7[/b].", "error", False)]


async def test_an_unexpected_error_is_reported_and_the_app_keeps_running() -> None:
    app = Host()
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, Holder)
        cleared: list[bool] = []

        def call() -> int:
            raise ZeroDivisionError("division by zero")

        run_store(
            screen,
            call,
            done=screen.results.append,
            failed=screen.errors.append,
            settled=lambda: cleared.append(True),
            name="broken",
        )
        await loaded(pilot)
        assert messages(app) == [
            ("Something went wrong: ZeroDivisionError: division by zero", "error", False)
        ]
        assert screen.errors == [] and cleared == [True]
        assert app.is_running


async def test_a_replaced_exclusive_call_delivers_nothing() -> None:
    app = Host()
    async with app.run_test() as pilot:
        screen = app.screen
        assert isinstance(screen, Holder)
        release = threading.Event()

        def first() -> str:
            release.wait(5)
            return "stale"

        run_store(screen, first, done=screen.results.append, name="load")
        await pilot.pause()
        run_store(screen, lambda: "fresh", done=screen.results.append, name="load")
        await pilot.pause()
        release.set()
        await loaded(pilot)
        assert screen.results == ["fresh"]


async def test_store_result_is_awaited_off_the_ui_thread_and_raises_what_the_call_raised() -> None:
    app = Host()
    async with app.run_test() as pilot:
        await loaded(pilot)
        where: list[int] = []

        def call() -> str:
            where.append(threading.get_ident())
            return "read"

        assert await store_result(app, call, name="awaited") == "read"
        assert where and where[0] != app.ui_thread

        def missing() -> str:
            raise NotFound("That case is no longer there.")

        with pytest.raises(NotFound, match="no longer there"):
            await store_result(app, missing, name="awaited")

        def faulty() -> str:
            raise ZeroDivisionError("a fault")

        with pytest.raises(ZeroDivisionError):
            await store_result(app, faulty, name="awaited")
        assert messages(app) == []  # raised where it is awaited, for the caller to say
