"""``caseline verify`` run for real: what it checked, each problem on a line, exit 0 when sound
and 1 otherwise, ``--head`` alone, and the database left exactly as it was."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Build
from tests.store.test_integrity import build_records
from tests.test_cli import assert_one_line_error, run


@pytest.fixture
def path(tmp_path: Path, prebuilt: Callable[[Path, Build], Path]) -> Path:
    return prebuilt(tmp_path / "records.db", build_records)


def seals(path: Path) -> tuple[int, str, str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        count, newest = conn.execute(
            "SELECT COUNT(*), (SELECT chain_hash FROM record_seal ORDER BY id DESC LIMIT 1)"
            " FROM record_seal"
        ).fetchone()
        sealed_at = conn.execute("SELECT MAX(sealed_at) FROM record_seal").fetchone()[0]
    finally:
        conn.close()
    return int(count), str(newest), str(sealed_at)


def untouched(path: Path) -> Callable[[], None]:
    """A check that the file is as it is now: its bytes and its modification time."""
    before = (path.stat().st_mtime_ns, path.read_bytes())

    def check() -> None:
        assert (path.stat().st_mtime_ns, path.read_bytes()) == before

    return check


def test_a_sound_database_exits_0_and_says_what_was_checked(tmp_path: Path, path: Path) -> None:
    os.chmod(tmp_path, 0o700)
    check = untouched(path)
    result = run(tmp_path, "verify", "--db", str(path))
    assert (result.returncode, result.stderr) == (0, "")
    count, newest, _at = seals(path)
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"Checked {count} links of the chain, {count} final records and 57 triggers in {path}."
    )
    assert lines[1].startswith(f"Newest link: {newest} {count} ")
    assert lines[2:] == ["Sound: no final record altered, deleted or added outside Caseline."]
    check()


def test_every_problem_is_one_line_and_the_exit_is_1(tmp_path: Path, path: Path) -> None:
    os.chmod(tmp_path, 0o700)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("DROP TRIGGER note_final_no_update")
        conn.execute("DROP TRIGGER summary_version_no_delete")
        conn.execute("UPDATE note SET body = 'rewritten' WHERE id = 1")
        conn.execute("DELETE FROM summary_version WHERE id = 1")
        conn.execute(
            "INSERT INTO audit_event (at, login, action) VALUES ('2026-11-23 10:00:00', 'x', 'y')"
        )
        audit_id = conn.execute("SELECT MAX(id) FROM audit_event").fetchone()[0]
        links = dict(
            conn.execute(
                "SELECT table_name, id FROM record_seal WHERE (table_name, row_id) IN "
                "(VALUES ('note', 1), ('summary_version', 1))"
            ).fetchall()
        )
    finally:
        conn.close()
    check = untouched(path)
    result = run(tmp_path, "verify", "--db", str(path))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stdout.splitlines()
    assert sorted(lines[2:-1]) == sorted(
        [
            f"altered: note 1 (seal {links['note']})",
            f"deleted: summary_version 1 (seal {links['summary_version']})",
            f"inserted: audit_event {audit_id} is final and has no seal (written outside Caseline)",
            "trigger missing: note_final_no_update",
            "trigger missing: summary_version_no_delete",
        ]
    )
    assert lines[-1].startswith("5 problems:")
    assert "rewritten" not in result.stdout  # ids only, never what a record says
    check()


def test_a_supervision_note_edited_with_sqlite3_is_named(tmp_path: Path, path: Path) -> None:
    os.chmod(tmp_path, 0o700)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("DROP TRIGGER supervision_note_final_no_update")
        conn.execute("UPDATE supervision_note SET body = 'Nothing said.' WHERE status = 'final'")
        row_id, link = conn.execute(
            "SELECT row_id, id FROM record_seal WHERE table_name = 'supervision_note'"
        ).fetchone()
    finally:
        conn.close()
    result = run(tmp_path, "verify", "--db", str(path))
    assert result.returncode == 1
    assert sorted(result.stdout.splitlines()[2:-1]) == [
        f"altered: supervision_note {row_id} (seal {link})",
        "trigger missing: supervision_note_final_no_update",
    ]


def test_head_prints_the_newest_link_alone(tmp_path: Path, path: Path) -> None:
    os.chmod(tmp_path, 0o700)
    check = untouched(path)
    result = run(tmp_path, "verify", "--head", "--db", str(path))
    assert (result.returncode, result.stderr) == (0, "")
    count, newest, sealed_at = seals(path)
    when = sealed_at[:19].replace(" ", "T") + "Z"
    assert result.stdout == f"{newest} {count} {when}\n"
    check()


def test_a_head_kept_earlier_is_checked_as_an_anchor(tmp_path: Path, path: Path) -> None:
    os.chmod(tmp_path, 0o700)
    kept = run(tmp_path, "verify", "--head", "--db", str(path)).stdout.strip()
    count = int(kept.split()[1])
    result = run(tmp_path, "verify", "--db", str(path), "--anchor", kept)
    assert result.returncode == 0
    assert f"The chain still leads through the head kept outside (link {count})." in result.stdout
    forged = "f" * 64 + f" {count}"
    result = run(tmp_path, "verify", "--db", str(path), "--anchor", forged)
    assert result.returncode == 1
    assert result.stdout.splitlines()[2:] == [
        f"anchor differs: link {count} is not the one kept outside (the chain was rewritten since)",
        "1 problem: the records named were changed outside Caseline or its protections removed; "
        "compare with a backup.",
    ]
    result = run(tmp_path, "verify", "--db", str(path), "--anchor", "not a head")
    assert result.returncode == 2
    assert_one_line_error(result, "is not a line caseline verify --head printed")


def test_a_missing_database_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    assert_one_line_error(run(tmp_path, "verify", "--db", str(missing)), "No database at")
    assert not missing.exists()


def test_a_read_only_copy_is_verified_and_left_as_it_was(tmp_path: Path, path: Path) -> None:
    folder = tmp_path / "copy"
    folder.mkdir()
    copy = folder / "records.db"
    shutil.copyfile(path, copy)
    copy.chmod(0o400)
    folder.chmod(0o500)
    try:
        check = untouched(copy)
        result = run(tmp_path, "verify", "--db", str(copy))
        check()
        assert os.listdir(folder) == ["records.db"]
    finally:
        folder.chmod(0o700)
        copy.chmod(0o600)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("Sound:")
