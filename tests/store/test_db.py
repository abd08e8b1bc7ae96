"""Opening, creating, upgrading and refusing databases; the SQLite settings that keep data safe."""

from __future__ import annotations

import os
import sqlite3
import stat
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from store.common.errors import (
    Conflict,
    DamagedDatabase,
    DatabaseUnavailable,
    NewerDatabase,
    NotACaselineDatabase,
)
from store.core import migrations
from store.core.db import Database
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


def _count_connects(database: Database) -> list[int]:
    """Count the connections ``database`` opens and the pragmas run on them, from now."""
    counted = [0, 0]  # connections, pragma runs
    db: Any = database.db
    connect, set_pragmas = db._connect, db._set_pragmas

    def counting_connect() -> Any:
        counted[0] += 1
        return connect()

    def counting_pragmas(conn: Any) -> None:
        counted[1] += 1
        set_pragmas(conn)

    db._connect, db._set_pragmas = counting_connect, counting_pragmas
    return counted


def test_one_thread_keeps_one_connection_for_every_unit_of_work(store: Store) -> None:
    store.close()
    counted = _count_connects(store.database)
    me = store.workers.ensure("sam", role="manager", team="North")
    case = store.cases.create(me, {"client_name": "Ada Lovelace"})
    for i in range(5):
        store.notes.finalise(
            me, case.id, {"body": f"Visit {i}", "note_type": "home visit", "contact_at": "now"}
        )
        store.notes.for_case(me, case.id)
    assert counted == [1, 1]  # one connection, its pragmas run once
    assert store.database.connections() == 1


def test_a_thread_that_ends_takes_its_connection_with_it(store: Store) -> None:
    held: list[Any] = []

    def work() -> None:
        store.workers.active()
        held.append(store.database.db.connection())

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    with pytest.raises(sqlite3.ProgrammingError):  # closed
        held[0].execute("SELECT 1")
    store.workers.active()  # this thread's own is still usable
    assert store.database.connections() == 1


def test_close_closes_every_threads_connection_and_a_thread_then_opens_anew(
    store: Store, db_path: Path
) -> None:
    ready, closed, done = threading.Event(), threading.Event(), threading.Event()
    held: list[Any] = []
    seen: list[int] = []

    def work() -> None:
        store.workers.active()
        held.append(store.database.db.connection())
        ready.set()
        closed.wait(10)
        seen.append(len(store.workers.active()))  # after the close: a connection anew
        done.set()

    store.workers.ensure("sam")
    thread = threading.Thread(target=work)
    thread.start()
    ready.wait(10)
    assert store.database.connections() == 2
    store.close()
    assert store.database.connections() == 0
    with pytest.raises(sqlite3.ProgrammingError):
        held[0].execute("SELECT 1")
    # The last connection closed: the WAL is in the file and gone.
    assert not Path(f"{db_path}-wal").exists()
    closed.set()
    done.wait(10)
    thread.join()
    assert seen == [1]


def test_close_waits_for_a_thread_in_the_middle_of_its_work(store: Store) -> None:
    """Closing a connection another thread is using would crash SQLite's driver: close waits
    until that thread's unit of work is over, and the work is saved."""
    me = store.workers.ensure("sam", role="manager", team="North")
    inside, go = threading.Event(), threading.Event()
    saved: list[int] = []

    def work() -> None:
        with store.database.writing():
            inside.set()
            go.wait(10)
            saved.append(store.cases.create(me, {"client_name": "Ada Lovelace"}).id)

    worker = threading.Thread(target=work)
    worker.start()
    inside.wait(10)
    closing = threading.Thread(target=store.close)
    closing.start()
    closing.join(0.3)
    assert closing.is_alive()  # waiting for the work to end
    go.set()
    worker.join(10)
    closing.join(10)
    assert not closing.is_alive() and store.database.connections() == 0
    assert [c.id for c in store.cases.caseload(me, scope="all")] == saved


def test_a_write_refused_on_a_new_connection_leaves_the_next_one_sealed(store: Store) -> None:
    """The seal's temporary triggers are made by a connection's first write; when that write
    is rolled back they go with it, and the next write makes them again."""
    me = store.workers.ensure("sam", role="manager", team="North")
    case = store.cases.create(me, {"client_name": "Ada Lovelace"})
    store.close()  # the next write is on a new connection
    with pytest.raises(Conflict):
        store.notes.save_draft(me, case.id, {"body": "Begun"}, draft_id=999)
    note = store.notes.finalise(
        me, case.id, {"body": "Rang", "note_type": "phone call", "contact_at": "now"}
    )
    assert store.notes.get(me, note.id).status == "final"
    assert store.integrity.verify().problems == ()


def test_closing_one_store_of_a_file_leaves_anothers_connections_open(
    store: Store, db_path: Path
) -> None:
    store.workers.active()
    beside = Store.open(db_path)  # a check beside the app: the same Database
    assert beside.database is store.database
    beside.workers.active()
    beside.close()
    beside.close()  # twice: still only its own
    assert store.database.connections() == 1
    store.close()
    assert store.database.connections() == 0


def test_the_wal_is_left_to_sqlite_to_checkpoint(store: Store, db_path: Path) -> None:
    """Nothing is checkpointed by closing after each write: the WAL stays while the store is
    open, and SQLite's own automatic checkpoint (every 1000 pages) keeps it short."""
    me = store.workers.ensure("sam")
    store.cases.create(me, {"client_name": "Ada Lovelace"})
    assert Path(f"{db_path}-wal").stat().st_size > 0
    with store.database.reading() as db:
        assert db.execute_sql("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000


def test_a_file_replaced_at_the_path_is_opened_anew(tmp_path: Path) -> None:
    first, second = tmp_path / "first.db", tmp_path / "caseline.db"
    store = Store.open(first)
    me = store.workers.ensure("sam")
    store.cases.create(me, {"client_name": "Ada Lovelace"})
    store.close()
    store = Store.open(second)
    store.workers.ensure("sam")  # a connection kept to the empty file
    os.replace(first, second)  # a restored copy takes its place
    store = Store.open(second)
    assert not store.is_empty()
    store.close()


def test_a_write_waits_for_another_process_rather_than_failing(store: Store, db_path: Path) -> None:
    """In WAL mode a deferred read-then-write fails at once when someone else wrote meanwhile;
    BEGIN IMMEDIATE waits on the busy timeout instead."""
    me = store.workers.ensure("sam")
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
    case = store.cases.create(me, {"client_name": "Ada Lovelace"})
    thread.join()
    other.close()
    assert case.ref
    assert {w.username for w in store.workers.active()} == {"sam", "x"}


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
    me = store.workers.ensure("kept")
    [row] = store.cases.caseload(me)
    assert (row.ref, row.client_name) == ("CL-2026-0001", "Ada Byron")
    [note] = store.notes.for_case(me, row.id)
    assert note.first_line == "Visited; agreed plan."
    assert store.case_file.client(me, 1).language == ""
    assert [e.title for e in store.chronology.entries(me, row.id)] == [
        "Case allocated to Kept Worker"
    ]
    with store.database.reading() as db:
        assert db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
        assert db.execute_sql("PRAGMA foreign_key_check").fetchall() == []
    # The new tables work on the upgraded file.
    store.case_file.save_summary(me, row.id, "## Background\nMoved in January.")
    assert store.case_file.summary(me, row.id) is not None
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


def damage_a_page(path: Path) -> None:
    """Overwrite the start of a table or index page in the middle of the file, as a failing
    disk or a bad copy would."""
    data = path.read_bytes()
    page_size = int.from_bytes(data[16:18], "big")
    pages = len(data) // page_size
    assert pages >= 20, "too small a database to damage in the middle"
    btree_pages = [n for n in range(1, pages) if data[n * page_size] in (0x02, 0x05, 0x0A, 0x0D)]
    # Nearest the middle, but not a page of the schema itself (the file would not even read
    # as a Caseline database then).
    for page in sorted(btree_pages, key=lambda n: abs(n - pages // 2)):
        damaged = bytearray(data)
        damaged[page * page_size : page * page_size + 800] = b"\xde\xad\xbe\xef" * 200
        path.write_bytes(bytes(damaged))
        try:
            conn = sqlite3.connect(path)
            try:
                conn.execute("SELECT value FROM caseline_meta").fetchall()
                return
            finally:
                conn.close()
        except sqlite3.DatabaseError:
            continue
    raise AssertionError("no table page to damage")


def make_database_with_cases(path: Path, cases: int = 60) -> None:
    store = Store.open(path)
    me = store.workers.ensure("sam.okafor")
    for n in range(cases):
        case = store.cases.create(me, {"client_name": f"Client Number {n}"})
        store.notes.finalise(
            me,
            case.id,
            {
                "contact_at": "today 9:30",
                "note_type": "home visit",
                "present": "Client",
                "body": f"Visited at home; agreed next steps with client {n}. " * 20,
            },
        )
    store.close()


def test_a_damaged_database_is_refused_and_left_exactly_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    make_database_with_cases(path)
    damage_a_page(path)
    before = path.read_bytes()
    with pytest.raises(DamagedDatabase) as refused:
        Store.open(path)
    message = str(refused.value)
    assert "\n" not in message
    assert f"{path} is damaged" in message
    assert "backup" in message
    assert f"sqlite3 {path} .recover" in message
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["damaged.db"]  # no -wal, no -shm


def test_a_damaged_database_is_refused_for_reading_too(tmp_path: Path) -> None:
    path = tmp_path / "damaged.db"
    make_database_with_cases(path)
    damage_a_page(path)
    with pytest.raises(DamagedDatabase, match="is damaged"):
        Store.open_read_only(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["damaged.db"]


def test_an_empty_file_is_not_turned_into_a_database(tmp_path: Path) -> None:
    path = tmp_path / "cases.db"
    path.write_bytes(b"")
    with pytest.raises(NotACaselineDatabase, match=r"empty file \(0 bytes\).*delete"):
        Store.open(path)
    assert path.read_bytes() == b""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cases.db"]


def test_a_new_database_and_its_wal_are_readable_by_their_owner_only(db_path: Path) -> None:
    old_umask = os.umask(0o022)  # the usual umask, which would give 644
    try:
        store = Store.open(db_path)
    finally:
        os.umask(old_umask)
    try:
        me = store.workers.ensure("sam.okafor")
        with store.database.reading():  # keeps -wal and -shm in place while they are looked at
            store.cases.create(me, {"client_name": "Ada Lovelace"})
            modes = {
                name: stat.S_IMODE(Path(f"{db_path}{name}").stat().st_mode)
                for name in ("", "-wal", "-shm")
            }
    finally:
        store.close()
    assert modes == {"": 0o600, "-wal": 0o600, "-shm": 0o600}
    assert store.open_warnings == []


def test_a_database_others_can_read_is_warned_about_and_not_changed(tmp_path: Path) -> None:
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    path = folder / "cases.db"
    Store.open(path).close()
    path.chmod(0o664)
    store = Store.open(path)
    store.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o664  # the owner decides, not Caseline
    assert stat.S_IMODE(folder.stat().st_mode) == 0o755
    [file_warning, folder_warning] = store.open_warnings
    assert file_warning.startswith("Other users on this computer can read and change the database")
    assert file_warning.endswith(f"; to keep the records private run: chmod 600 {path}")
    assert folder_warning.startswith("Other users on this computer can read the database's folder")
    assert folder_warning.endswith(f"chmod 700 {folder}")


def test_a_private_database_in_a_private_folder_has_no_warning(tmp_path: Path) -> None:
    folder = tmp_path / "private"
    folder.mkdir()
    folder.chmod(0o700)
    store = Store.open(folder / "cases.db")
    store.close()
    assert store.open_warnings == []


def test_a_read_only_store_writes_nothing_and_knows_when_someone_else_wrote(
    db_path: Path,
) -> None:
    make_database_with_cases(db_path, cases=2)
    before = db_path.read_bytes()
    reader = Store.open_read_only(db_path)
    stranger = reader.workers.named("priya.nair")  # not in the database: named, not added
    assert (stranger.id, stranger.display_name) == (0, "Priya Nair")
    assert reader.cases.caseload(stranger, scope="all") == []  # nobody the database knows
    me = reader.workers.named("sam.okafor")
    assert len(reader.cases.caseload(me, scope="all")) == 2
    with pytest.raises(DatabaseUnavailable, match="only for reading"):
        reader.workers.ensure("priya.nair")
    reader.close()
    assert reader.database.unchanged()
    assert db_path.read_bytes() == before
    assert sorted(p.name for p in db_path.parent.iterdir()) == [db_path.name]

    writer = Store.open(db_path)
    writer.workers.ensure("priya.nair")
    writer.close()
    assert not reader.database.unchanged()


def test_an_older_database_is_not_upgraded_for_reading(db_path: Path) -> None:
    make_version_1_database(db_path)
    before = db_path.read_bytes()
    with pytest.raises(DatabaseUnavailable, match=r"older Caseline.*caseline --db"):
        Store.open_read_only(db_path)
    assert db_path.read_bytes() == before
