"""``caseline backup PATH`` and ``caseline check``, run for real: a backup taken while a
colleague writes is whole and proves its records, only its owner may read it, it never
replaces a file; the check finds a damaged page and an altered record; both leave the
database as it was."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from store.core.migrations import LATEST
from store.service import Store
from tests.conftest import Build
from tests.store.test_db import damage_a_page, make_version_1_database
from tests.store.test_integrity import build_records
from tests.test_cli import assert_one_line_error, run
from tests.test_cli_verify import untouched


@pytest.fixture
def path(tmp_path: Path, prebuilt: Callable[[Path, Build], Path]) -> Path:
    return prebuilt(tmp_path / "records.db", build_records)


def count(path: Path, table: str) -> int:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return int(conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0])
    finally:
        conn.close()


def test_a_backup_is_a_checked_private_copy_and_the_database_is_only_read(
    tmp_path: Path, path: Path
) -> None:
    os.chmod(tmp_path, 0o700)
    check = untouched(path)
    target = tmp_path / "backups" / "monday.db"
    target.parent.mkdir()
    result = run(tmp_path, "backup", str(target), "--db", str(path))
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith(f"Backed up {path} to {target} (")
    assert result.stdout.strip().endswith("the copy passed SQLite's check.")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    for table in ("note", "record_seal", "audit_event"):
        assert count(target, table) == count(path, table) > 0
    assert os.listdir(target.parent) == ["monday.db"]  # nothing left half-written beside it
    check()
    # The copy opens as the records it holds, and proves them.
    verified = run(tmp_path, "check", "--db", str(target))
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert verified.stdout.splitlines()[0] == (
        f"SQLite's quick check of {target}: the file is whole."
    )
    assert "Sound: no final record altered" in verified.stdout


def test_a_backup_never_replaces_a_file_and_needs_a_database_and_a_folder(
    tmp_path: Path, path: Path
) -> None:
    kept = tmp_path / "kept.db"
    kept.write_bytes(b"last week's backup")
    assert_one_line_error(
        run(tmp_path, "backup", str(kept), "--db", str(path)), "already exists", "never replaces"
    )
    assert kept.read_bytes() == b"last week's backup"
    assert_one_line_error(
        run(tmp_path, "backup", str(tmp_path / "no" / "b.db"), "--db", str(path)), "no folder"
    )
    assert_one_line_error(
        run(tmp_path, "backup", str(tmp_path / "b.db"), "--db", str(tmp_path / "none.db")),
        "No database at",
    )
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    assert_one_line_error(
        run(tmp_path, "backup", str(tmp_path / "b.db"), "--db", str(other)), "not a Caseline"
    )
    usage = run(tmp_path, "backup", "--db", str(path))
    assert usage.returncode == 2 and "PATH" in usage.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".db")) == [
        "kept.db",
        "other.db",
        "records.db",
    ]


def test_a_backup_taken_while_a_colleague_writes_is_whole_and_proves_its_records(
    tmp_path: Path, path: Path
) -> None:
    colleague = Store.open(path)
    me = colleague.workers.ensure("sam.okafor")
    case = colleague.cases.create(me, {"client_name": "Written Meanwhile"})
    stop = threading.Event()
    written: list[int] = []

    def write() -> None:
        while not stop.is_set():
            note = colleague.notes.finalise(
                me,
                case.id,
                {"contact_at": "today 9:00", "note_type": "phone call", "body": "Rang again."},  # type: ignore[dict-item]
            )
            written.append(note.id)

    writer = threading.Thread(target=write)
    writer.start()
    try:
        while len(written) < 5:
            stop.wait(0.01)
        backups = [tmp_path / f"during-{n}.db" for n in range(3)]
        for target in backups:
            result = run(tmp_path, "backup", str(target), "--db", str(path))
            assert result.returncode == 0, result.stderr
    finally:
        stop.set()
        writer.join()
        colleague.close()
    taken = [count(target, "note") for target in backups]
    assert taken == sorted(taken) and taken[-1] <= count(path, "note")  # each a moment's state
    for target in backups:
        verified = run(tmp_path, "check", "--full", "--db", str(target))
        assert verified.returncode == 0, verified.stdout + verified.stderr


def test_check_finds_a_damaged_page_and_an_altered_record(tmp_path: Path, path: Path) -> None:
    sound = run(tmp_path, "check", "--full", "--db", str(path))
    assert sound.returncode == 0
    assert sound.stdout.splitlines()[0] == f"SQLite's integrity check of {path}: the file is whole."
    altered = tmp_path / "altered.db"
    shutil.copy(path, altered)
    conn = sqlite3.connect(altered)
    with conn:
        conn.execute("DROP TRIGGER note_final_no_update")
        conn.execute("UPDATE note SET body = 'rewritten' WHERE id = 1")
    conn.close()
    result = run(tmp_path, "check", "--db", str(altered))
    assert result.returncode == 1
    assert "the file is whole" in result.stdout and "note 1" in result.stdout
    damaged = tmp_path / "damaged.db"
    shutil.copy(path, damaged)
    damage_a_page(damaged)
    check = untouched(damaged)
    result = run(tmp_path, "check", "--db", str(damaged))
    assert result.returncode == 1
    assert "found a problem" in result.stdout
    assert_one_line_error(result, "is damaged", "restore it from a backup")
    # A damaged database is not backed up as if it were whole.
    assert_one_line_error(
        run(tmp_path, "backup", str(tmp_path / "b.db"), "--db", str(damaged)), "caseline check"
    )
    assert not (tmp_path / "b.db").exists()
    check()


def test_a_backup_is_restored_into_the_database_in_use_keeping_the_one_it_replaces(
    tmp_path: Path, path: Path
) -> None:
    backup = tmp_path / "monday.db"
    assert run(tmp_path, "backup", str(backup), "--db", str(path)).returncode == 0
    notes_then = count(path, "note")
    colleague = Store.open(path)  # a colleague's Caseline, open throughout
    try:
        me = colleague.workers.ensure("sam.okafor")
        (case,) = colleague.cases.caseload(me, scope="all")
        listed = len(colleague.notes.for_case(me, case.id))
        colleague.notes.finalise(
            me,
            case.id,
            {"contact_at": "today 9:00", "note_type": "phone call", "body": "After the backup."},  # type: ignore[dict-item]
        )
        result = run(tmp_path, "restore", str(backup), "--db", str(path), "--yes")
        assert (result.returncode, result.stderr) == (0, "")
        lines = result.stdout.splitlines()
        assert lines[0].startswith(f"The backup {backup}: 1 case, ")
        assert lines[1].startswith(f"It replaces the database {path}: 1 case, ")
        assert lines[2] == f"Restored {path} from {backup}."
        (kept,) = tmp_path.glob("records.db.before-restore-*")
        assert lines[3] == f"The database it replaced is kept as {kept}."
        # The colleague's Caseline reads the records restored, without reopening anything.
        assert len(colleague.notes.for_case(me, case.id)) == listed
    finally:
        colleague.close()
    assert count(kept, "note") == notes_then + 1  # nothing is lost: the replaced one is kept
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    (event,) = conn.execute(
        "SELECT login, detail FROM audit_event WHERE action = 'database-restored'"
    ).fetchall()
    conn.close()
    assert "monday.db" in event[1]
    assert run(tmp_path, "check", "--db", str(path)).returncode == 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no copy left behind


def test_an_older_backup_is_upgraded_as_it_is_restored(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    make_version_1_database(old)
    target = tmp_path / "new.db"
    result = run(tmp_path, "restore", str(old), "--db", str(target), "--yes")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == f"It becomes the database {target}."
    store = Store.open_read_only(target)
    try:
        assert store.schema_version() == LATEST
    finally:
        store.close()
    assert count(target, "note") == count(old, "note") == 1


def test_restore_asks_first_and_refuses_what_it_should_not_put_back(
    tmp_path: Path, path: Path
) -> None:
    check = untouched(path)
    backup = tmp_path / "b.db"
    assert run(tmp_path, "backup", str(backup), "--db", str(path)).returncode == 0
    # Not asked (no terminal to ask on), not told --yes: nothing is replaced.
    assert_one_line_error(run(tmp_path, "restore", str(backup), "--db", str(path)), "--yes")
    assert_one_line_error(
        run(tmp_path, "restore", str(path), "--db", str(path), "--yes"), "the database itself"
    )
    assert_one_line_error(
        run(tmp_path, "restore", str(tmp_path / "none.db"), "--db", str(path), "--yes"),
        "No backup at",
    )
    elsewhere = str(tmp_path / "no" / "such.db")
    assert_one_line_error(
        run(tmp_path, "restore", str(backup), "--db", elsewhere, "--yes"), "no folder"
    )
    altered = tmp_path / "altered.db"
    shutil.copy(backup, altered)
    conn = sqlite3.connect(altered)
    with conn:
        conn.execute("DROP TRIGGER note_final_no_update")
        conn.execute("UPDATE note SET body = 'rewritten' WHERE id = 1")
    conn.close()
    assert_one_line_error(
        run(tmp_path, "restore", str(altered), "--db", str(path), "--yes"),
        "altered outside Caseline",
        "nothing was restored",
    )
    newer = tmp_path / "newer.db"
    shutil.copy(backup, newer)
    conn = sqlite3.connect(newer)
    with conn:
        conn.execute("UPDATE caseline_meta SET value = '999' WHERE key = 'schema_version'")
    conn.close()
    assert_one_line_error(
        run(tmp_path, "restore", str(newer), "--db", str(path), "--yes"), "newer Caseline"
    )
    damaged = tmp_path / "damaged.db"
    shutil.copy(backup, damaged)
    damage_a_page(damaged)
    assert_one_line_error(
        run(tmp_path, "restore", str(damaged), "--db", str(path), "--yes"), "integrity check"
    )
    check()
    assert not list(tmp_path.glob("records.db.before-restore-*"))
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
