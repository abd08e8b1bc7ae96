"""The file checked while it is read (``Store.open(..., check_later=True)``): reads go ahead,
every write waits for the check, and a file that fails it is never written to."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from store.common.errors import DamagedDatabase
from store.service import Store
from tests.store.test_db import damage_a_page, make_database_with_cases

WAIT = 10  # seconds: only ever reached if the test fails


@pytest.fixture
def held_check(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, threading.Event]]:
    """The file's check, held until the test lets it pass (``passes``) or fail (``fails``)."""
    events = {"started": threading.Event(), "passes": threading.Event(), "fails": threading.Event()}

    def check(path: Path) -> None:
        events["started"].set()
        while not events["passes"].wait(0.01):
            if events["fails"].is_set():
                raise DamagedDatabase(f"{path} is damaged (as the test says).")

    monkeypatch.setattr("store.service.check_integrity", check)
    yield events
    events["passes"].set()  # a check still held ends with the test


def in_a_thread(call: object) -> tuple[threading.Thread, list[object]]:
    """Run ``call`` in a thread; what it returned or raised lands in the list."""
    outcome: list[object] = []

    def run() -> None:
        try:
            outcome.append(call())  # type: ignore[operator]
        except Exception as exc:
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def test_reads_go_ahead_while_writes_wait_for_the_check(
    tmp_path: Path, held_check: dict[str, threading.Event]
) -> None:
    path = tmp_path / "cases.db"
    make_database_with_cases(path, cases=3)
    store = Store.open(path, check_later=True)
    try:
        assert held_check["started"].wait(WAIT)
        me = store.workers.ensure("sam.okafor")  # known already: a read
        assert len(store.cases.caseload(me)) == 3
        assert store.checked(wait=False) is False
        writing, outcome = in_a_thread(lambda: store.cases.create(me, {"client_name": "Ada"}))
        writing.join(0.3)
        assert writing.is_alive() and outcome == []  # held at the gate
        assert len(store.cases.caseload(me)) == 3
        held_check["passes"].set()
        writing.join(WAIT)
        assert [type(o).__name__ for o in outcome] == ["CaseDetail"]
        assert store.checked(wait=False) is True
        assert len(store.cases.caseload(me)) == 4
    finally:
        store.close()


def test_a_check_that_fails_refuses_the_writes_waiting_and_any_after(
    tmp_path: Path, held_check: dict[str, threading.Event]
) -> None:
    path = tmp_path / "cases.db"
    make_database_with_cases(path, cases=3)
    before = path.read_bytes()
    store = Store.open(path, check_later=True)
    try:
        me = store.workers.ensure("sam.okafor")
        writing, outcome = in_a_thread(lambda: store.cases.create(me, {"client_name": "Ada"}))
        writing.join(0.3)
        assert writing.is_alive()
        held_check["fails"].set()
        writing.join(WAIT)
        assert [str(o) for o in outcome] == [f"{path} is damaged (as the test says)."]
        assert isinstance(outcome[0], DamagedDatabase)
        with pytest.raises(DamagedDatabase, match="as the test says"):
            store.workers.ensure("new.worker")  # a new worker: a write
        with pytest.raises(DamagedDatabase, match="as the test says"):
            store.checked()
    finally:
        store.close()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases.db"]  # no -wal, no -shm


def test_a_damaged_file_checked_later_is_refused_as_at_opening_and_left_as_it_was(
    tmp_path: Path,
) -> None:
    path = tmp_path / "damaged.db"
    make_database_with_cases(path)
    damage_a_page(path)
    before = path.read_bytes()
    with pytest.raises(DamagedDatabase) as at_opening:
        Store.open(path)
    store = Store.open(path, check_later=True)  # opened: the check runs meanwhile
    try:
        with pytest.raises(DamagedDatabase) as later:
            store.checked()
        assert str(later.value) == str(at_opening.value)
        with pytest.raises(DamagedDatabase) as written:
            store.workers.ensure("new.worker")
        assert str(written.value) == str(at_opening.value)
    finally:
        store.close()
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["damaged.db"]


def test_a_file_to_upgrade_is_checked_before_it_is_opened(
    tmp_path: Path, held_check: dict[str, threading.Event], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An upgrade writes: the check comes first, as without ``check_later``."""
    path = tmp_path / "cases.db"
    make_database_with_cases(path, cases=1)
    monkeypatch.setattr("store.core.migrations.LATEST", 10_000)  # every file is "older"
    monkeypatch.setattr("store.core.migrations.check_version", lambda meta, where: 1)
    held_check["fails"].set()
    with pytest.raises(DamagedDatabase, match="as the test says"):
        Store.open(path, check_later=True)


def test_a_large_files_check_held_begins_when_asked_or_when_a_write_needs_it(
    tmp_path: Path, held_check: dict[str, threading.Event], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The app holds a large file's check until its first screen is drawn: reads go ahead
    meanwhile, and a write made first begins the check itself rather than wait for no one."""
    monkeypatch.setattr("store.service.CHECK_AT_ONCE_BYTES", 0)  # every file is large
    monkeypatch.setattr("store.core.gate.HELD_AT_MOST_SECONDS", 60)  # only what asks begins it
    path = tmp_path / "cases.db"
    make_database_with_cases(path, cases=3)
    store = Store.open(path, check_later=True, hold_check=True)
    try:
        me = store.workers.ensure("sam.okafor")
        assert len(store.cases.caseload(me)) == 3
        assert not held_check["started"].wait(0.2)  # held
        writing, outcome = in_a_thread(lambda: store.cases.create(me, {"client_name": "Ada"}))
        assert held_check["started"].wait(WAIT)  # begun by the write, which waits for it
        assert writing.is_alive() and outcome == []
        held_check["passes"].set()
        writing.join(WAIT)
        assert [type(o).__name__ for o in outcome] == ["CaseDetail"]
    finally:
        store.close()
    held_check["started"].clear()
    store = Store.open(path, check_later=True, hold_check=True)
    try:
        assert not held_check["started"].wait(0.1)
        assert store.checked() is True  # as the app asks once the caseload is drawn
        assert held_check["started"].is_set()
    finally:
        store.close()
