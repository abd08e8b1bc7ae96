"""Start-up: the caseload read while the app's code loads, and garbage collection paused."""

from __future__ import annotations

import gc
import sqlite3
import stat
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path
from typing import Any

import pytest
from textual._compositor import ChopsUpdate, LayoutUpdate

from store.cases.records import CaseRow
from store.common.errors import DamagedDatabase
from store.common.records import WorkerInfo
from store.service import Store
from store.workers.service import WorkerService
from tui import cli
from tui.app import CaselineApp
from tui.screens.sign_in import SignIn

from .helpers import loaded, names, title
from .waiting import until


def _read_mine(db: Path) -> list[CaseRow]:
    store = Store.open(db)
    try:
        return store.cases.caseload(store.workers.ensure("sam.okafor"), scope="mine")
    finally:
        store.close()


async def test_a_caseload_read_before_start_up_is_shown_without_reading_again(
    seeded_db: Path, make_app: Callable[..., CaselineApp]
) -> None:
    rows = _read_mine(seeded_db)
    ready: Future[list[CaseRow]] = Future()
    # One row fewer than the database holds: what is shown must be what was read early.
    ready.set_result(rows[1:])
    app = make_app(first_caseload=ready)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert sorted(names(app)) == sorted(r.client_name for r in rows[1:])
        assert not [w for w in app.workers if w.group == "caseload"]
        assert f"({len(rows) - 1})" in title(app)
        # It is used once: coming back to the caseload reads the database again.
        await pilot.press("ctrl+r")
        await loaded(pilot)
        assert sorted(names(app)) == sorted(r.client_name for r in rows)


async def test_a_failed_or_unfinished_early_read_is_done_again_by_the_screen(
    seeded_db: Path, make_app: Callable[..., CaselineApp]
) -> None:
    expected = sorted(r.client_name for r in _read_mine(seeded_db))
    failed: Future[list[CaseRow]] = Future()
    failed.set_exception(RuntimeError("database is locked"))
    unfinished: Future[list[CaseRow]] = Future()
    for future in (failed, unfinished):
        app = make_app(first_caseload=future)
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)
            assert sorted(names(app)) == expected
            assert not app.screen.query(".-error")  # nothing reported: the read just ran again


async def test_garbage_collection_resumes_once_start_up_is_over(
    make_app: Callable[..., CaselineApp],
) -> None:
    gc.disable()  # as the command line does before loading the app
    try:
        app = make_app()
        # How things stood each time the app decided start-up was over: the collector still
        # off, and the caseload's rows on screen. (Checking "still off" after the rows appear
        # would race the timer on a busy machine.)
        when_started: list[tuple[bool, list[str]]] = []
        started = app.started

        def noting() -> None:
            when_started.append((gc.isenabled(), names(app)))
            started()

        app.started = noting  # type: ignore[method-assign]
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)
            await until(pilot, gc.isenabled, seconds=10)
            assert gc.get_freeze_count() > 0
        assert len(when_started) == 1
        collecting, rows = when_started[0]
        assert not collecting and rows
    finally:
        gc.unfreeze()
        gc.enable()


async def test_a_database_other_users_can_read_is_warned_about_at_start(
    seeded_db: Path, make_app: Callable[..., CaselineApp]
) -> None:
    seeded_db.chmod(0o644)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        warnings = [n for n in app._notifications if n.title == "Records not private"]
        assert len(warnings) == 1, [str(n.message) for n in app._notifications]
        assert warnings[0].severity == "warning"
        assert "Other users on this computer can read the database" in warnings[0].message
        assert f"chmod 600 {seeded_db}" in warnings[0].message
    assert stat.S_IMODE(seeded_db.stat().st_mode) == 0o644  # left for its owner to change


async def test_a_private_database_starts_without_a_warning(
    make_app: Callable[..., CaselineApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert not [n for n in app._notifications if n.title == "Records not private"]


def started_by_the_command_line(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[list[str], CaselineApp]:
    """Run ``caseline --db DB --worker sam.okafor`` up to the app's start: the workers it
    registered on the way, and the app it made."""
    registered: list[str] = []
    ensure = WorkerService.ensure

    def counted(
        workers: WorkerService, username: str, display_name: str | None = None
    ) -> WorkerInfo:
        registered.append(username)
        return ensure(workers, username, display_name)

    made: list[CaselineApp] = []

    class NotRun(CaselineApp):
        def __init__(self, **kwargs: object) -> None:
            super().__init__(**kwargs)  # type: ignore[arg-type]
            made.append(self)

        def run(self, *args: object, **kwargs: object) -> None:
            pass

    monkeypatch.setattr(WorkerService, "ensure", counted)
    monkeypatch.setattr("tui.app.CaselineApp", NotRun)
    monkeypatch.setenv("TEXTUAL_FPS", "60")
    try:
        assert cli.main(["--db", str(db), "--worker", "sam.okafor"]) == 0
    finally:
        gc.enable()  # the command line pauses it until the caseload is painted
    (app,) = made
    return registered, app


def test_the_demo_worker_is_registered_once_at_start_up(
    seeded_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a demo database the command line registers the worker while the app's code loads
    and hands it over: the app doesn't write it again."""
    with sqlite3.connect(seeded_db) as conn:
        conn.execute("INSERT INTO caseline_meta (key, value) VALUES ('demo', '1')")
    registered, app = started_by_the_command_line(seeded_db, monkeypatch)
    assert registered == ["sam.okafor"]
    assert app.me.username == "sam.okafor" and app.demo


def test_anywhere_else_nobody_is_registered_and_the_app_starts_at_sign_in(
    seeded_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registered, app = started_by_the_command_line(seeded_db, monkeypatch)
    assert registered == []
    assert not hasattr(app, "me")
    assert app._sign_in == SignIn(login="sam.okafor", setup=True)


async def test_a_large_files_check_begins_once_the_caseload_is_drawn(
    seeded_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beside the first frame, the check of a large file took a core from it: the command
    line has it held (``hold_check``), and the app begins it once the caseload is drawn."""
    began = threading.Event()
    monkeypatch.setattr("store.service.CHECK_AT_ONCE_BYTES", 0)  # every file is large
    monkeypatch.setattr("store.service.check_integrity", lambda path: began.set())
    store = Store.open(seeded_db, check_later=True, hold_check=True)
    try:
        app = CaselineApp(store=store, worker="sam.okafor")
        at_first_frame: list[bool] = []
        display = app._display

        def spy(screen: Any, renderable: Any) -> None:
            if isinstance(renderable, (ChopsUpdate, LayoutUpdate)) and not at_first_frame:
                at_first_frame.append(began.is_set())
            display(screen, renderable)

        app._display = spy  # type: ignore[method-assign]
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, began.is_set)
            assert store.checked() is True
        assert at_first_frame == [False]
    finally:
        store.close()


async def test_the_caseload_is_shown_while_the_file_is_checked_and_a_failed_check_closes_the_app(
    seeded_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The command line has the file checked while the caseload is read and drawn; a check
    that fails then closes the app, nothing written, and the command says why."""
    fails = threading.Event()
    message = f"{seeded_db} is damaged (as the test says)."

    def held_check(path: Path) -> None:
        fails.wait(10)
        raise DamagedDatabase(message)

    monkeypatch.setattr("store.service.check_integrity", held_check)
    before = seeded_db.read_bytes()
    store = Store.open(seeded_db, check_later=True)
    try:
        app = CaselineApp(store=store, worker="sam.okafor")
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: len(names(app)) == 5)  # the check still running
            assert app.refusal is None and not store.checked(wait=False)
            await pilot.press("n")  # a note's draft is a write: it waits for the check
            fails.set()
            await until(pilot, lambda: app.return_code is not None)
        assert (app.return_code, app.refusal) == (1, message)
    finally:
        fails.set()
        store.close()
    assert seeded_db.read_bytes() == before


def test_the_command_says_why_when_the_app_closed_on_a_failed_check(
    seeded_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    message = f"{seeded_db} is damaged (as the test says)."

    class Refused(CaselineApp):
        def run(self, *args: object, **kwargs: object) -> None:
            self.refusal = message

    monkeypatch.setattr("tui.app.CaselineApp", Refused)
    monkeypatch.setenv("TEXTUAL_FPS", "60")
    try:
        with pytest.raises(SystemExit) as exited:
            cli.main(["--db", str(seeded_db), "--worker", "sam.okafor"])
    finally:
        gc.enable()
    assert exited.value.code == 1
    assert capsys.readouterr().err == f"caseline: {message}\n"
