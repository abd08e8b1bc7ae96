"""``caseline admin change-passphrase``, run for real: the passphrase the database has (from
CASELINE_DB_PASSPHRASE, or asked at a terminal), the new one (CASELINE_DB_NEW_PASSPHRASE, or
asked twice); afterwards only the new one opens it, a backup made before keeps the old one, and
the change is in the audit trail. Every refusal is one line, exit 1, the file as it was."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from store.core import cipher
from tests.cli import Ran, caseline
from tests.conftest import Build
from tests.store.test_integrity import build_records
from tests.terminal import Terminal, app_env
from tests.test_cli import assert_one_line_error
from tests.test_cli_encrypt import KEY, VARIABLE, run
from tests.test_cli_verify import untouched

NEW = "biscuits by the kettle"
NEW_VARIABLE = "CASELINE_DB_NEW_PASSPHRASE"


@pytest.fixture(autouse=True)
def _no_passphrase_known() -> Iterator[None]:
    cipher.forget_all()
    yield
    cipher.forget_all()


@pytest.fixture
def plain(tmp_path: Path, prebuilt: Callable[[Path, Build], Path]) -> Path:
    path = prebuilt(tmp_path / "records.db", build_records)
    path.parent.chmod(0o700)
    return path


@pytest.fixture
def encrypted(tmp_path: Path, plain: Path) -> Path:
    done = run(tmp_path, "admin", "encrypt", "--db", str(plain), passphrase=KEY)
    assert done.returncode == 0, done.stderr
    return plain


def change(tmp_path: Path, path: Path, now: str | None, new: str | None) -> Ran:
    cipher.forget_all()
    env = {name: value for name, value in ((VARIABLE, now), (NEW_VARIABLE, new)) if value}
    return caseline(tmp_path, "admin", "change-passphrase", "--db", str(path), env=env)


def last_action(path: Path, passphrase: str) -> str:
    cipher.forget_all()
    cipher.unlock(path, passphrase)
    conn = cipher.cipher_connection(path)
    try:
        return str(conn.execute("SELECT action FROM audit_event ORDER BY id DESC").fetchone()[0])
    finally:
        conn.close()
        cipher.forget_all()


def test_after_the_change_only_the_new_passphrase_opens_it(tmp_path: Path, encrypted: Path) -> None:
    before = tmp_path / "before.db"
    assert (
        run(tmp_path, "backup", str(before), "--db", str(encrypted), passphrase=KEY).returncode == 0
    )
    old_bytes = encrypted.read_bytes()

    done = change(tmp_path, encrypted, KEY, NEW)
    assert (done.returncode, done.stderr) == (0, ""), done.stderr
    assert done.stdout.startswith(f"Changed the passphrase of {encrypted}: the copy encrypted")
    assert "Backups made before now open with the OLD passphrase" in done.stdout
    assert encrypted.read_bytes()[:16] != old_bytes[:16]  # a salt of its own
    assert sorted(p.name for p in tmp_path.iterdir() if ".db" in p.name) == [
        "before.db",
        "records.db",
    ]

    old = run(tmp_path, "check", "--db", str(encrypted), passphrase=KEY)
    assert_one_line_error(old, "passphrase does not open", str(encrypted))
    assert old.returncode == 1
    verified = run(tmp_path, "verify", "--db", str(encrypted), passphrase=NEW)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert last_action(encrypted, NEW) == "database-passphrase-changed"
    # The backup made before is as it was: its own passphrase, the old one.
    assert run(tmp_path, "check", "--db", str(before), passphrase=KEY).returncode == 0
    assert run(tmp_path, "check", "--db", str(before), passphrase=NEW).returncode == 1


def test_change_passphrase_refuses_in_one_line(
    tmp_path: Path, plain: Path, encrypted: Path
) -> None:
    cases = [
        (KEY, KEY, "is the one", "already"),
        ("coffee in the staff room", NEW, "passphrase does not open", str(encrypted)),
        (None, NEW, "no passphrase was given", VARIABLE),
        (KEY, None, "no terminal to ask for the new passphrase on", NEW_VARIABLE),
        (KEY, "short", "at least 10 characters", "nothing was changed"),
    ]
    same = untouched(encrypted)
    for now, new, said, also in cases:
        refused = change(tmp_path, encrypted, now, new)
        assert_one_line_error(refused, said, also)
        assert refused.returncode == 1
        same()
    demo = caseline(tmp_path, "--demo", "admin", "change-passphrase", env={VARIABLE: KEY})
    assert_one_line_error(demo, "never encrypted")
    assert run(tmp_path, "check", "--db", str(encrypted), passphrase=KEY).returncode == 0


def test_a_plain_database_has_no_passphrase_to_change(tmp_path: Path, plain: Path) -> None:
    same = untouched(plain)
    refused = change(tmp_path, plain, KEY, NEW)
    assert_one_line_error(refused, "is not encrypted", "caseline admin encrypt")
    assert refused.returncode == 1
    same()


def test_at_a_terminal_it_asks_for_the_passphrase_then_the_new_one_twice(
    tmp_path: Path, encrypted: Path
) -> None:
    args = ["admin", "change-passphrase", "--db", str(encrypted)]
    term = Terminal(args, env=app_env(tmp_path))
    try:
        assert term.wait_for("Passphrase for the encrypted database", seconds=30), bytes(
            term.output
        )
        term.type(KEY + "\r", pause=0.0)
        assert term.wait_for("New passphrase for", seconds=30), bytes(term.output)
        term.type(NEW + "\r", pause=0.0)
        assert term.wait_for("Type it again", seconds=10), bytes(term.output)
        term.type(NEW + "\r", pause=0.0)
        assert term.wait_for("Backups made before now open with the OLD", seconds=60), bytes(
            term.output
        )
        assert term.wait(30) == 0
        assert KEY.encode() not in term.output and NEW.encode() not in term.output
    finally:
        term.close()
    assert run(tmp_path, "check", "--db", str(encrypted), passphrase=NEW).returncode == 0
