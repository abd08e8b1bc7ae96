"""Opening, creating, upgrading and refusing databases; the SQLite settings that keep data safe."""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import pytest

from store import migrations
from store.db import Database
from store.errors import DatabaseUnavailable, NewerDatabase, NotACaselineDatabase
from store.service import Store


def test_new_file_becomes_a_caseline_database_at_the_latest_version(db_path: Path) -> None:
    store = Store.open(db_path)
    assert store.schema_version() == migrations.LATEST
    assert store.is_empty()
    store.close()
    meta = dict(sqlite3.connect(db_path).execute("SELECT key, value FROM caseline_meta"))
    assert meta["app"] == "caseline"


def test_pragmas_keep_data_safe(store: Store) -> None:
    with store.database.reading() as db:
        assert db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute_sql("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute_sql("PRAGMA busy_timeout").fetchone()[0] >= 5000


def test_connections_are_closed_after_each_unit_of_work(store: Store) -> None:
    store.workers()
    assert store.database.db.is_closed()
    with store.database.reading():
        with store.database.writing():
            assert not store.database.db.is_closed()
        assert not store.database.db.is_closed()
    assert store.database.db.is_closed()


def test_a_write_waits_for_another_process_rather_than_failing(store: Store, db_path: Path) -> None:
    """In WAL mode a deferred read-then-write fails at once when someone else wrote meanwhile;
    BEGIN IMMEDIATE waits on the busy timeout instead."""
    me = store.ensure_worker("sam")
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    other.execute(
        "INSERT INTO worker (username, display_name, role, active, created_at, updated_at)"
        " VALUES ('x', 'X', 'worker', 1, '2026-01-01', '2026-01-01')"
    )

    def release() -> None:
        time.sleep(0.5)
        other.execute("COMMIT")

    thread = threading.Thread(target=release)
    thread.start()
    case = store.create_case(me, {"client_name": "Ada Lovelace"})
    thread.join()
    other.close()
    assert case.ref
    assert {w.username for w in store.workers()} == {"sam", "x"}


def make_version_1_database(path: Path) -> None:
    """A database as Caseline 0.1 (schema 1) left it, with a case, a note and a chronology."""
    database = Database(path)
    database.bind()
    with database.writing() as db:
        migrations.upgrade(db, str(path), target=1)
        sql = db.execute_sql
        stamp = "2026-01-05 10:00:00"
        sql(
            "INSERT INTO worker (id, username, display_name, role, active, created_at, updated_at)"
            " VALUES (1, 'kept', 'Kept Worker', 'worker', 1, ?, ?)",
            (stamp, stamp),
        )
        sql(
            "INSERT INTO client (id, name, name_key, date_of_birth, address, phone, created_at,"
            " updated_at, created_by_id, version)"
            " VALUES (1, 'Ada Byron', 'ada byron', '1990-04-03',"
            " '', '', ?, ?, 1, 1)",
            (stamp, stamp),
        )
        sql(
            'INSERT INTO "case" (id, ref, client_id, status, worker_id, allocated_on, opened_on,'
            " closure_reason, closing_summary, last_contact_at, created_at, updated_at,"
            " created_by_id, version) VALUES (1, 'CL-2026-0001', 1, 'open', 1, '2026-01-05',"
            " '2026-01-05', '', '', '2026-01-06 09:00:00', ?, ?, 1, 1)",
            (stamp, stamp),
        )
        sql(
            "INSERT INTO allocation (id, case_id, worker_id, allocated_on, reason, created_at)"
            " VALUES (1, 1, 1, '2026-01-05', '', ?)",
            (stamp,),
        )
        sql(
            "INSERT INTO note (id, case_id, author_id, contact_at, note_type, present, body,"
            " significant, status, finalised_at, created_at, updated_at, version) VALUES"
            " (1, 1, 1, '2026-01-06 09:00:00', 'home visit', '', 'Visited; agreed plan.', 0,"
            " 'final', ?, ?, ?, 1)",
            (stamp, stamp, stamp),
        )
        sql(
            "INSERT INTO chronology_entry (id, case_id, allocation_id, occurred_on, category,"
            " title, details, source_kind, source_id, created_at) VALUES (1, 1, 1, '2026-01-05',"
            " 'allocation', 'Case allocated to Kept Worker', '', 'allocation', 1, ?)",
            (stamp,),
        )
    database.close()


def test_upgrades_a_version_1_database_in_place(db_path: Path) -> None:
    make_version_1_database(db_path)
    store = Store.open(db_path)
    assert store.schema_version() == migrations.LATEST
    me = store.ensure_worker("kept")
    [row] = store.caseload(me)
    assert (row.ref, row.client_name) == ("CL-2026-0001", "Ada Byron")
    [note] = store.notes(me, row.id)
    assert note.first_line == "Visited; agreed plan."
    assert store.client(me, 1).language == ""
    assert [e.title for e in store.chronology(me, row.id)] == ["Case allocated to Kept Worker"]
    with store.database.reading() as db:
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    # The new tables work on the upgraded file.
    store.save_summary(me, row.id, "## Background\nMoved in January.")
    assert store.summary(me, row.id) is not None
    store.close()
    # And the old notes are guarded like new ones.
    conn = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="finalised note is a record"):
            conn.execute("UPDATE note SET body = 'rewritten'")
    finally:
        conn.close()


def test_a_failed_upgrade_leaves_the_database_as_it_was(
    db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_version_1_database(db_path)

    def broken(db: object, migrator: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(migrations, "STEPS", [migrations.STEPS[0], (2, "broken", broken)])
    monkeypatch.setattr(migrations, "LATEST", 2)
    with pytest.raises(DatabaseUnavailable):
        Store.open(db_path)
    meta = dict(sqlite3.connect(db_path).execute("SELECT key, value FROM caseline_meta"))
    assert meta["schema_version"] == "1"


def test_refuses_a_database_from_a_newer_caseline(db_path: Path) -> None:
    Store.open(db_path).close()
    conn = sqlite3.connect(db_path)
    conn.execute(
        "UPDATE caseline_meta SET value = ? WHERE key = 'schema_version'",
        (str(migrations.LATEST + 1),),
    )
    conn.commit()
    conn.close()
    with pytest.raises(NewerDatabase, match="newer Caseline"):
        Store.open(db_path)


def test_refuses_a_file_that_is_not_sqlite_and_leaves_it_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(b"Dear diary, this is not a database.\n")
    with pytest.raises(NotACaselineDatabase, match="not an SQLite file"):
        Store.open(path)
    assert path.read_bytes() == b"Dear diary, this is not a database.\n"
    assert not Path(f"{path}-wal").exists()


def test_refuses_another_programs_sqlite_database_and_leaves_it_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE recipes (name TEXT)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NotACaselineDatabase, match="not a Caseline one"):
        Store.open(path)
    assert path.read_bytes() == before
    assert not Path(f"{path}-wal").exists()
    journal = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert journal == "delete"


def test_refuses_a_corrupt_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.db"
    path.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000)
    with pytest.raises(NotACaselineDatabase):
        Store.open(path)


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailable, match="does not exist"):
        Store.open(tmp_path / "nowhere" / "c.db")


def test_a_file_in_place_of_the_folder_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "plain").write_text("x")
    with pytest.raises(DatabaseUnavailable, match="not a folder"):
        Store.open(tmp_path / "plain" / "c.db")


def test_directory_as_database_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailable, match="directory"):
        Store.open(tmp_path)


@pytest.mark.skipif(
    hasattr(__import__("os"), "geteuid") and __import__("os").geteuid() == 0,
    reason="root can write anywhere",
)
def test_unwritable_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(DatabaseUnavailable, match="not writable"):
            Store.open(folder / "c.db")
    finally:
        folder.chmod(0o700)


def test_opening_an_up_to_date_database_writes_nothing(db_path: Path) -> None:
    """A colleague in the middle of a long write must not hold up (or fail) a start-up."""
    Store.open(db_path).close()
    other = sqlite3.connect(db_path, timeout=0)
    other.execute("BEGIN IMMEDIATE")  # the write lock, held
    try:
        started = time.monotonic()
        store = Store.open(db_path)
        assert store.schema_version() == migrations.LATEST
        assert time.monotonic() - started < 1  # not waiting for the lock
        store.close()
    finally:
        other.rollback()
        other.close()
