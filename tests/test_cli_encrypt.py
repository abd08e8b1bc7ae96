"""``caseline admin encrypt`` and every command on an encrypted database, run for real: the
passphrase from CASELINE_DB_PASSPHRASE or, at a terminal, asked before the app starts; a wrong
one, none, or no SQLCipher installed, each refused in one line with exit 1 and the file left as
it was. ``caseline admin change-passphrase``: afterwards only the new passphrase opens it, a
backup made before keeps the old one, and the change is in the audit trail."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from store.core import cipher
from store.core.sqlite_file import SQLITE_HEADER
from tests.cli import Ran, caseline, in_a_process
from tests.conftest import Build
from tests.store.test_integrity import build_records
from tests.terminal import Terminal, app_env
from tests.test_cli import assert_one_line_error
from tests.test_cli_verify import untouched

KEY = "tea in the staff room"
VARIABLE = "CASELINE_DB_PASSPHRASE"


@pytest.fixture(autouse=True)
def _no_passphrase_known() -> Iterator[None]:
    cipher.forget_all()
    yield
    cipher.forget_all()


def run(tmp_path: Path, *args: str, passphrase: str | None = None) -> Ran:
    """``caseline *args`` as a new process would run it: knowing no key yet."""
    cipher.forget_all()
    env = {} if passphrase is None else {VARIABLE: passphrase}
    return caseline(tmp_path, *args, env=env)


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


def test_encrypt_says_what_it_did_and_every_command_then_needs_the_passphrase(
    tmp_path: Path, plain: Path
) -> None:
    result = run(tmp_path, "admin", "encrypt", "--db", str(plain), passphrase=KEY)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith(f"Encrypted {plain}: the encrypted copy passed")
    assert "overwritten with zeros" in result.stdout
    assert "Backups made before now are NOT encrypted" in result.stdout
    assert not plain.read_bytes().startswith(SQLITE_HEADER)
    assert sorted(p.name for p in plain.parent.iterdir() if p.suffix == ".db") == ["records.db"]

    checked = run(tmp_path, "check", "--full", "--db", str(plain), passphrase=KEY)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "the file is whole" in checked.stdout
    verified = run(tmp_path, "verify", "--db", str(plain), passphrase=KEY)
    assert verified.returncode == 0, verified.stderr
    target = tmp_path / "monday.db"
    copied = run(tmp_path, "backup", str(target), "--db", str(plain), passphrase=KEY)
    assert copied.returncode == 0, copied.stderr
    assert not target.read_bytes().startswith(SQLITE_HEADER)
    checked = run(tmp_path, "check", "--db", str(target), passphrase=KEY)
    assert checked.returncode == 0, checked.stdout + checked.stderr


@pytest.mark.parametrize("command", [["check"], ["verify"], ["backup", "{copy}"]])
def test_a_wrong_passphrase_or_none_is_one_line_and_exit_1(
    tmp_path: Path, encrypted: Path, command: list[str]
) -> None:
    args = [a.replace("{copy}", str(tmp_path / "copy.db")) for a in command]
    same = untouched(encrypted)
    wrong = run(tmp_path, *args, "--db", str(encrypted), passphrase="coffee in the staff room")
    assert_one_line_error(wrong, "passphrase does not open", str(encrypted))
    assert wrong.returncode == 1
    # No terminal to ask on (the tests' standard input is not one), and no variable.
    none = run(tmp_path, *args, "--db", str(encrypted))
    assert_one_line_error(none, "is encrypted and no passphrase was given", VARIABLE)
    assert none.returncode == 1
    same()
    assert not (tmp_path / "copy.db").exists()


def test_without_sqlcipher_installed_it_says_what_to_install(
    tmp_path: Path,
    encrypted: Path,
    monkeypatch: pytest.MonkeyPatch,
    prebuilt: Callable[[Path, Build], Path],
) -> None:
    monkeypatch.setitem(sys.modules, "sqlcipher3", None)  # its import fails, as if not installed
    result = run(tmp_path, "check", "--db", str(encrypted), passphrase=KEY)
    assert_one_line_error(
        result,
        f"{encrypted} is encrypted: install caseline[encrypted] "
        "(pip install 'caseline[encrypted]')",
    )
    assert result.returncode == 1
    other = prebuilt(tmp_path / "other.db", build_records)
    same = untouched(other)
    again = run(tmp_path, "admin", "encrypt", "--db", str(other), passphrase=KEY)
    assert_one_line_error(again, "install caseline[encrypted]")
    assert again.returncode == 1
    same()


def test_encrypt_refuses_in_one_line(tmp_path: Path, plain: Path) -> None:
    same = untouched(plain)
    short = run(tmp_path, "admin", "encrypt", "--db", str(plain), passphrase="tea")
    assert_one_line_error(short, "at least 10 characters")
    no_terminal = run(tmp_path, "admin", "encrypt", "--db", str(plain))
    assert_one_line_error(no_terminal, "no terminal", VARIABLE)
    demo = run(tmp_path, "--demo", "admin", "encrypt", passphrase=KEY)
    assert_one_line_error(demo, "never encrypted")
    same()
    assert (short.returncode, no_terminal.returncode, demo.returncode) == (1, 1, 1)
    run(tmp_path, "admin", "encrypt", "--db", str(plain), passphrase=KEY)
    twice = run(tmp_path, "admin", "encrypt", "--db", str(plain), passphrase=KEY)
    assert_one_line_error(twice, "encrypted already")
    assert twice.returncode == 1


def test_the_app_and_serve_without_the_passphrase_refuse_in_one_line(
    tmp_path: Path, encrypted: Path
) -> None:
    same = untouched(encrypted)
    app = in_a_process(tmp_path, "--db", str(encrypted), stdin=None)
    assert_one_line_error(app, "no passphrase was given", VARIABLE)
    assert app.returncode == 1
    wrong = in_a_process(tmp_path, "--db", str(encrypted), env={VARIABLE: "not it at all"})
    assert_one_line_error(wrong, "passphrase does not open")
    assert wrong.returncode == 1
    served = run(tmp_path, "serve", "--db", str(encrypted))
    assert_one_line_error(served, "is encrypted: serve takes its passphrase from", VARIABLE)
    assert served.returncode == 1
    same()


@pytest.mark.usefixtures("real_key_derivation")  # another process opens the file
def test_the_app_at_a_terminal_asks_for_the_passphrase_before_it_starts(
    tmp_path: Path, encrypted: Path
) -> None:
    term = Terminal(["--db", str(encrypted), "--worker", "ada.admin"], env=app_env(tmp_path))
    try:
        assert term.wait_for("Passphrase for the encrypted database", seconds=30), bytes(
            term.output
        )
        assert b"\x1b[?1049h" not in term.output  # Textual has not taken the screen yet
        term.type("coffee in the staff room\r", pause=0.0)  # mistyped: asked again
        assert term.wait_for("That passphrase does not open it; try again.", seconds=30)
        assert term.wait_for("Passphrase for the encrypted database", seconds=10)
        term.type(KEY + "\r", pause=0.0)
        # The app starts on its sign-in screen: the database's passphrase opened the file.
        assert term.wait_for_screen("Sign in", seconds=60), bytes(term.output[-1500:])
        assert KEY.encode() not in term.output  # never echoed
    finally:
        term.close()


@pytest.mark.usefixtures("real_key_derivation")  # another process opens the file
def test_encrypt_at_a_terminal_asks_for_the_new_passphrase_twice(
    tmp_path: Path, plain: Path
) -> None:
    term = Terminal(["admin", "encrypt", "--db", str(plain)], env=app_env(tmp_path))
    try:
        assert term.wait_for("New passphrase for", seconds=30), bytes(term.output)
        term.type(KEY + "\r", pause=0.0)
        assert term.wait_for("Type it again", seconds=10), bytes(term.output)
        term.type("something else\r", pause=0.0)
        assert term.wait_for("were not the same", seconds=10), bytes(term.output)
        assert term.wait(30) == 1
    finally:
        term.close()
    assert plain.read_bytes().startswith(SQLITE_HEADER)
    term = Terminal(["admin", "encrypt", "--db", str(plain)], env=app_env(tmp_path))
    try:
        assert term.wait_for("New passphrase for", seconds=30), bytes(term.output)
        term.type(KEY + "\r", pause=0.0)
        assert term.wait_for("Type it again", seconds=10), bytes(term.output)
        term.type(KEY + "\r", pause=0.0)
        assert term.wait_for("Backups made before now are NOT encrypted", seconds=60), bytes(
            term.output
        )
        assert term.wait(30) == 0
        assert KEY.encode() not in term.output  # never echoed
    finally:
        term.close()
    assert not plain.read_bytes().startswith(SQLITE_HEADER)
    checked = run(tmp_path, "check", "--db", str(plain), passphrase=KEY)
    assert checked.returncode == 0, checked.stdout + checked.stderr


# -- a new passphrase ------------------------------------------------------------------

NEW = "biscuits by the kettle"
NEW_VARIABLE = "CASELINE_DB_NEW_PASSPHRASE"


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
    # Nor has a folder, or a file that is no database: each said as what it is.
    folder = change(tmp_path, tmp_path, KEY, NEW)
    assert_one_line_error(folder, "is a directory, not a database file")
    text = tmp_path / "notes.txt"
    text.write_text("not a database, but long enough to be read as one\n" * 40)
    other = change(tmp_path, text, KEY, NEW)
    assert_one_line_error(other, "not a Caseline database")
    assert (folder.returncode, other.returncode) == (1, 1)


@pytest.mark.usefixtures("real_key_derivation")  # another process opens the file
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
