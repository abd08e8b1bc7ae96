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

from store.service import Store
from tests.conftest import Build
from tests.store.test_db import damage_a_page
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
