"""``caseline admin copy-db``: a whole database copied from an SQLite file to a PostgreSQL
database and back, on the test's own cluster, every row kept with its id and the seals' chain
verified on the copy; and the copies refused (a target not empty, a source failing its check,
a server without the database, someone not an administrator)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from store.common.records import WorkerInfo
from store.copy_db import copied_tables
from store.demo import generator as demo
from store.service import Store
from tests.cli import Ran, caseline
from tests.postgres_cluster import Cluster, Outside

BOSS = "the boss's passphrase"
KIM = "kim's own passphrase"


def copy_db(tmp_path: Path, source: Path | str, target: Path | str, *, login: str = "boss") -> Ran:
    passphrase = BOSS if login == "boss" else KIM
    return caseline(
        tmp_path, "admin", "copy-db", "--from", str(source), "--to", str(target),
        "--worker", login, stdin=passphrase + "\n",
    )  # fmt: skip


def refused(result: Ran, *fragments: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    # Besides the passphrase's prompt, one line.
    lines = [line for line in result.stderr.splitlines() if not line.endswith(": ")]
    assert len(lines) == 1 and lines[0].startswith("caseline: "), result.stderr
    for fragment in fragments:
        assert fragment in lines[0], lines[0]


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """An SQLite database with records of every kind the demo writes (notes, chronology,
    plans and reviews, minutes, assessments, referrals, consents, tasks, the directory), an
    administrator (boss) and a worker with a passphrase (kim.lee)."""
    path = tmp_path / "source.db"
    store = Store.open(path)
    try:
        boss = store.workers.init_administrator("boss", None, BOSS)
        demo.generate(store, me="sam.okafor", cases=8, notes_per_case=5, workers=3, seed=7)
        store.workers.add(boss, login="kim.lee", passphrase=KIM)
        _minutes_and_supervision(store, boss)
        assert store.integrity.verify().sound
    finally:
        store.close()
    return path


def _minutes_and_supervision(store: Store, boss: WorkerInfo) -> None:
    """What the demo leaves out: finalised minutes with their attendees, agenda and actions
    (guarded against any being added once final), and a supervision session."""
    store.workers.set_team(boss, "sam.okafor", "North")
    jo = store.workers.add(boss, login="jo.marsh", role="supervisor", team="North")
    sam = store.workers.named("sam.okafor")
    case = store.cases.create(sam, {"client_name": "Dana Reyes"})
    draft = store.conferences.start(
        sam,
        case.id,
        {
            "held_at": "20/11/2026 14:00",
            "place": "Hillside Family Centre",
            "conference_type": "Case Conference",
            "chair": "Jo Marsh",
            "minute_taker": "Sam Okafor",
            "client_attended": "yes",
            "client_views": "I want to stay.",
            "information_shared": "The GP's letter.",
            "decisions": "Stay on the plan",
            "attendees": [
                {"who": "client"},
                {"who": "new", "name": "Kim Lee", "role": "housing officer", "agency": "North"},
                {"who": "worker"},
            ],
            "agenda": [{"title": "Housing", "discussion": "Arrears are *down*."}],
            "actions": [{"what": "Ring housing", "owner": "attendee:1", "due_on": "30/11/2026"}],
        },
    )
    store.conferences.finalise(sam, draft.id, version=draft.version)
    store.supervision.finalise(
        jo, sam.id, {"held_on": "yesterday", "body": "Twelve cases.", "agreed_actions": "Rest."}
    )
    with Outside(store.database.location) as conn:
        assert conn.execute("SELECT COUNT(*) FROM conference WHERE status = 'final'") == [(1,)]
        assert conn.execute("SELECT COUNT(*) FROM conference_attendee") == [(3,)]


def rows(where: Path | str, table: str) -> list[tuple[Any, ...]]:
    """A table's rows in id order, each value as SQLite stores it (a worker's: but for when
    they last signed in, which each copy's sign-in sets)."""
    with Outside(where) as conn:
        names = conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ?"
            if conn.postgres
            else "SELECT name FROM pragma_table_info(?)",
            (table,),
        )
        # By name: the two schemas order a table's columns differently.
        listed = ", ".join(f'"{name}"' for (name,) in sorted(names) if name != "last_sign_in_at")
        found = conn.execute(f'SELECT {listed} FROM "{table}" ORDER BY id')
    return [tuple(_stored(v) for v in row) for row in found]


def _stored(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if value is not None and not isinstance(value, int | float | str | bytes):
        return str(value)
    return value


def verified(where: Path | str) -> int:
    store = Store.open(where)
    try:
        report = store.integrity.verify()
        assert report.sound, [str(p) for p in report.problems]
        return report.links_checked
    finally:
        store.close()


def test_an_sqlite_file_copied_to_postgresql_and_back_keeps_every_row(
    tmp_path: Path, source: Path, postgres_cluster: Cluster
) -> None:
    url = postgres_cluster.new_database(template="template0")  # no tables at all
    there = copy_db(tmp_path, source, url)
    assert there.returncode == 0, there.stderr
    assert there.stdout.startswith(f"Copied {source} to {url}: ")
    assert "seals verified on the copy" in there.stdout
    assert [line for line in there.stderr.splitlines() if not line.endswith(": ")] == []
    links = verified(url)
    assert links > 100  # the demo's final records, each sealed
    for table in copied_tables():
        if table in ("audit_event", "record_seal"):
            continue
        assert rows(url, table) == rows(source, table), table

    back = tmp_path / "back.db"
    again = copy_db(tmp_path, url, back)
    assert again.returncode == 0, again.stderr
    verified(back)
    for table in copied_tables():
        if table in ("audit_event", "record_seal"):
            continue
        assert rows(back, table) == rows(source, table), table
    # The trail and the chain only grew: the source's, then each sign-in and copy.
    for table in ("audit_event", "record_seal"):
        before, after = rows(source, table), rows(back, table)
        assert after[: len(before)] == before, table
    copies = [r for r in rows(back, "audit_event") if "database-copied" in r]
    assert len(copies) == 2
    assert any(f"from {source}" in map(str, r) for r in copies)
    # The search index was made by each target itself, from the copied records: the same
    # records at the same keys on PostgreSQL as in the file.
    with sqlite3.connect(back) as conn:
        indexed = conn.execute("SELECT COUNT(*) FROM search_index").fetchone()[0]
    with sqlite3.connect(source) as conn:
        assert indexed == conn.execute("SELECT COUNT(*) FROM search_index").fetchone()[0]
        keys = conn.execute("SELECT rowid, kind, record_id FROM search_index ORDER BY 1").fetchall()
    with Outside(url) as conn:
        assert keys == conn.execute("SELECT key, kind, record_id FROM search_index ORDER BY 1")


def test_the_copy_goes_on_from_the_highest_ids(
    tmp_path: Path, source: Path, postgres_cluster: Cluster
) -> None:
    url = postgres_cluster.new_database()
    assert copy_db(tmp_path, source, url).returncode == 0
    with Outside(url) as conn:
        [(highest,)] = conn.execute("SELECT MAX(id) FROM worker")
    assert highest > 1
    store = Store.open(url)
    try:
        boss = store.workers.named("boss")
        added = store.workers.add(boss, login="new.worker")
        assert added.id == highest + 1
        assert store.integrity.verify().sound  # the write after the copy sealed onto its chain
    finally:
        store.close()


def test_a_target_not_empty_is_refused(
    tmp_path: Path, source: Path, postgres_cluster: Cluster
) -> None:
    url = postgres_cluster.new_database()
    assert copy_db(tmp_path, source, url).returncode == 0
    before = rows(url, "note")
    refused(copy_db(tmp_path, source, url), "is not empty")
    assert rows(url, "note") == before
    existing = tmp_path / "there.db"
    existing.write_bytes(b"")
    refused(copy_db(tmp_path, url, existing), "already exists")
    assert existing.read_bytes() == b""


def test_a_database_of_other_tables_is_refused(
    tmp_path: Path, source: Path, postgres_cluster: Cluster
) -> None:
    url = postgres_cluster.new_database()
    with Outside(url) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    refused(copy_db(tmp_path, source, url), "not Caseline's (invoices)")
    with Outside(url) as conn:
        assert conn.execute("SELECT COUNT(*) FROM worker") == [(0,)]
    bare = postgres_cluster.new_database(template="template0")
    with Outside(bare) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    refused(copy_db(tmp_path, source, bare), "not a Caseline database")


def test_a_source_failing_its_check_is_not_copied(
    tmp_path: Path, source: Path, postgres_cluster: Cluster
) -> None:
    with sqlite3.connect(source) as conn:
        conn.execute("DROP TRIGGER note_final_no_update")
    url = postgres_cluster.new_database()
    refused(copy_db(tmp_path, source, url), "fails its check", "trigger missing")
    with Outside(url) as conn:
        assert conn.execute("SELECT COUNT(*) FROM note") == [(0,)]
    file_target = tmp_path / "copy.db"
    refused(copy_db(tmp_path, source, file_target), "fails its check")
    assert not file_target.exists()


def test_a_database_the_server_does_not_have_is_one_line(
    tmp_path: Path, source: Path, postgres_cluster: Cluster
) -> None:
    url = postgres_cluster.url("no_such_database")
    refused(copy_db(tmp_path, source, url), "There is no database")


def test_only_an_administrator_copies(
    tmp_path: Path, source: Path, postgres_cluster: Cluster
) -> None:
    url = postgres_cluster.new_database()
    refused(copy_db(tmp_path, source, url, login="kim.lee"), "Only an administrator")
    with Outside(url) as conn:
        assert conn.execute("SELECT COUNT(*) FROM worker") == [(0,)]


def test_copy_db_usage_mistakes_exit_2(tmp_path: Path) -> None:
    done = caseline(tmp_path, "admin", "copy-db", "--from", str(tmp_path / "a.db"))
    assert done.returncode == 2
    assert "--to" in done.stderr
    assert caseline(tmp_path, "admin", "copy-db", "--help").returncode == 0


def test_a_damaged_file_is_not_copied(
    tmp_path: Path, source: Path, postgres_cluster: Cluster
) -> None:
    data = bytearray(source.read_bytes())
    page = 4096
    data[page * 3 : page * 6] = b"\xff" * (page * 3)  # a few pages of tables overwritten
    source.write_bytes(bytes(data))
    url = postgres_cluster.new_database()
    refused(copy_db(tmp_path, source, url), f"{source} is damaged")
    with Outside(url) as conn:
        assert conn.execute("SELECT COUNT(*) FROM worker") == [(0,)]


def test_the_only_guards_on_inserting_are_those_of_the_minutes_parts() -> None:
    # The copy inserts final records as they were, with the guards in place. Only the parts
    # of finalised minutes are guarded against being added, and the copy makes minutes final
    # once their parts are in (store.copy_db.FINAL_LAST): a new such guard needs the same.
    from store.copy_db import FINAL_LAST
    from store.core import seal
    from store.core.migrations import GUARD_TRIGGERS

    guarded = {
        sql.split(" ON ", 1)[1].split()[0].strip('"')
        for sql in GUARD_TRIGGERS
        if " BEFORE INSERT " in sql
    }
    parts = {table for parent in FINAL_LAST for table, _ in seal.BY_TABLE[parent].parts}
    assert (
        guarded == parts == {"conference_attendee", "conference_agenda_item", "conference_action"}
    )


def test_a_row_the_target_refuses_leaves_nothing_copied(
    tmp_path: Path, source: Path, postgres_cluster: Cluster, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Were minutes copied as final before their parts, the parts' guards would refuse them.
    monkeypatch.setattr("store.copy_db.FINAL_LAST", {})
    url = postgres_cluster.new_database()
    refused(copy_db(tmp_path, source, url), "refused a row of the copy", "nothing was kept")
    with Outside(url) as conn:
        assert conn.execute("SELECT COUNT(*) FROM worker") == [(0,)]
        assert conn.execute("SELECT COUNT(*) FROM record_seal") == [(0,)]
    # The empty database left may be copied into once the cause is put right.
    monkeypatch.undo()
    assert copy_db(tmp_path, source, url).returncode == 0
    verified(url)
    # Back to a file: one refused leaves no file behind.
    monkeypatch.setattr("store.copy_db.FINAL_LAST", {})
    back = tmp_path / "back.db"
    refused(copy_db(tmp_path, url, back), "refused a row of the copy")
    assert list(tmp_path.glob("back.db*")) == []
