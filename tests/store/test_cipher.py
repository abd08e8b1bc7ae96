"""Encryption at rest, on real files: a database encrypted in place (``Store.encrypt``) opens
with its passphrase and with no other, the app's read-only and check connections and backups
included; a file that is encrypted is told from one that is damaged; without SQLCipher's driver
the file is refused saying what to install (the one fake: the driver's import made to fail);
a new passphrase is refused while another program has the file open."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from store.common.errors import DamagedDatabase, DatabaseUnavailable, NotACaselineDatabase
from store.core import cipher
from store.core.sqlite_file import SQLITE_HEADER
from store.service import Store
from tests.conftest import Build
from tests.store.test_db import damage_a_page, make_version_1_database
from tests.store.test_integrity import build_records

PASSPHRASE = "tea in the staff room"
VARIABLE = "CASELINE_DB_PASSPHRASE"


@pytest.fixture(autouse=True)
def _no_passphrase_known(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test finds its passphrases afresh, as a new process would."""
    monkeypatch.delenv(VARIABLE, raising=False)
    cipher.forget_all()
    cipher.ask_with(None)
    yield
    cipher.forget_all()
    cipher.ask_with(None)


@pytest.fixture
def plain(tmp_path: Path, prebuilt: Callable[[Path, Build], Path]) -> Path:
    return prebuilt(tmp_path / "records.db", build_records)


@pytest.fixture
def encrypted(plain: Path) -> Path:
    """The records, encrypted with PASSPHRASE; this process then knows no passphrase."""
    Store.encrypt(plain, PASSPHRASE, login="it.admin")
    cipher.forget_all()
    return plain


def files_beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def case_names(store: Store) -> list[str]:
    me = store.workers.ensure("sam.okafor")
    return [row.client_name for row in store.cases.caseload(me)]


def test_an_encrypted_database_opens_with_its_passphrase_and_holds_the_same_records(
    plain: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store.open(plain)
    names = case_names(store)
    store.close()
    done = Store.encrypt(plain, PASSPHRASE, login="it.admin")
    assert done.rows > 0 and done.tables > 10
    assert not plain.read_bytes().startswith(SQLITE_HEADER)
    assert b"Dana Reyes" not in plain.read_bytes()
    assert files_beside(plain) == ["records.db"]  # no plain copy, no half-written one
    cipher.forget_all()

    monkeypatch.setenv(VARIABLE, PASSPHRASE)
    store = Store.open(plain)
    try:
        assert case_names(store) == names == ["Dana Reyes"]
        assert store.integrity.verify().sound
        events = [e.action for e in store.audit.events(store.workers.ensure("ada.admin"), limit=5)]
        assert "database-encrypted" in events
        # The app's watches for colleagues' changes read the file too.
        watch = store.watch()
        assert not watch.changed()
        store.unwatch(watch)
        assert store.data_version() >= 0
    finally:
        store.close()
    # Read-only, as caseline list and check open it, and the file's own check.
    assert Store.read_steadily(plain, case_names) == names
    assert Store.file_problem(plain, full=True) is None


def test_keys_are_derived_as_sqlcipher_4_derives_them_so_its_own_tools_open_the_file(
    plain: Path, real_key_derivation: None
) -> None:
    """Caseline derives a file's key itself (once, not again in SQLCipher): with SQLCipher 4's
    own settings, so ``PRAGMA key = 'passphrase'`` in SQLCipher's shell opens what it wrote."""
    from tests.conftest import PRODUCTION_KDF_ROUNDS

    assert PRODUCTION_KDF_ROUNDS == cipher._KDF_ROUNDS == 256_000
    Store.encrypt(plain, PASSPHRASE, login="it.admin")
    cipher.forget_all()
    sqlcipher = cipher.driver(plain)
    conn = sqlcipher.connect(str(plain))
    try:
        conn.execute(f"PRAGMA key = '{PASSPHRASE}'")
        names = [row[0] for row in conn.execute("SELECT name FROM client")]
        assert names == ["Dana Reyes"]
    finally:
        conn.close()
    wrong = sqlcipher.connect(str(plain))
    try:
        wrong.execute("PRAGMA key = 'not the passphrase'")
        with pytest.raises(sqlcipher.DatabaseError):
            wrong.execute("SELECT name FROM client").fetchall()
    finally:
        wrong.close()


def test_a_wrong_passphrase_is_refused_and_nothing_is_written(
    encrypted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (encrypted.stat().st_mtime_ns, encrypted.read_bytes())
    monkeypatch.setenv(VARIABLE, "coffee in the staff room")
    with pytest.raises(cipher.WrongPassphrase, match="does not open"):
        Store.open(encrypted)
    with pytest.raises(cipher.WrongPassphrase):
        Store.open_read_only(encrypted)
    assert (encrypted.stat().st_mtime_ns, encrypted.read_bytes()) == before
    assert files_beside(encrypted) == ["records.db"]


def test_without_a_passphrase_or_anyone_to_ask_it_is_refused(encrypted: Path) -> None:
    with pytest.raises(cipher.PassphraseNeeded, match=VARIABLE):
        Store.open(encrypted)


def test_the_passphrase_asked_for_opens_it(encrypted: Path) -> None:
    asked: list[Path] = []
    cipher.ask_with(lambda path: asked.append(path) or PASSPHRASE)
    store = Store.open(encrypted)
    try:
        assert case_names(store) == ["Dana Reyes"]
    finally:
        store.close()
    assert asked == [encrypted]  # once, however many connections followed


def test_without_the_driver_an_encrypted_file_says_what_to_install(
    encrypted: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(VARIABLE, PASSPHRASE)
    monkeypatch.setitem(sys.modules, "sqlcipher3", None)  # as if it were not installed
    with pytest.raises(cipher.EncryptionUnavailable) as refused:
        Store.open(encrypted)
    assert "pip install 'caseline[encrypted]'" in str(refused.value)
    assert files_beside(encrypted) == ["records.db"]


def test_a_plain_database_never_loads_the_driver(plain: Path) -> None:
    code = (
        "import sys; from store.service import Store\n"
        "s = Store.open(sys.argv[1]); s.workers.ensure('sam.okafor'); s.close()\n"
        "Store.file_problem(sys.argv[1]); print('sqlcipher3' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(plain)], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip() == "False", done.stderr


@pytest.mark.parametrize(
    "content",
    [b"\x00" * 8192, b"these are minutes, not a database\n" * 200, os.urandom(1000)],
    ids=["zeros", "text", "random-but-not-whole-pages"],
)
def test_a_damaged_file_is_not_taken_for_an_encrypted_one(
    tmp_path: Path, content: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(VARIABLE, PASSPHRASE)
    path = tmp_path / "odd.db"
    path.write_bytes(content)
    with pytest.raises(NotACaselineDatabase, match="not an SQLite file"):
        Store.open(path)
    assert path.read_bytes() == content


def test_a_backup_of_an_encrypted_database_is_encrypted_with_the_same_key(
    encrypted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(VARIABLE, PASSPHRASE)
    target = tmp_path / "monday.db"
    Store.backup(encrypted, target)
    assert not target.read_bytes().startswith(SQLITE_HEADER)
    assert b"Dana Reyes" not in target.read_bytes()
    cipher.forget_all()
    assert Store.read_steadily(target, case_names) == ["Dana Reyes"]
    cipher.forget_all()
    monkeypatch.setenv(VARIABLE, "not the key")
    with pytest.raises(cipher.WrongPassphrase):
        Store.examine_backup(target)


def test_an_encrypted_backup_is_restored_over_its_database_and_a_plain_one_is_refused(
    encrypted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(VARIABLE, PASSPHRASE)
    target = tmp_path / "monday.db"
    Store.backup(encrypted, target)
    restored = Store.restore(target, encrypted, login="it.admin", stamp="20261123T100000Z")
    assert restored.kept_as is not None
    assert not restored.kept_as.read_bytes().startswith(SQLITE_HEADER)  # kept encrypted too
    assert not encrypted.read_bytes().startswith(SQLITE_HEADER)
    assert Store.read_steadily(encrypted, case_names) == ["Dana Reyes"]

    plain_backup = tmp_path / "plain.db"
    build_records(plain_backup)
    with pytest.raises(DatabaseUnavailable, match="is not encrypted and"):
        Store.restore(plain_backup, encrypted, login="it.admin", stamp="20261123T110000Z")


def test_encrypting_refuses_an_encrypted_file_a_damaged_one_and_the_demo(
    encrypted: Path, tmp_path: Path, prebuilt: Callable[[Path, Build], Path]
) -> None:
    with pytest.raises(DatabaseUnavailable, match="encrypted already"):
        Store.encrypt(encrypted, PASSPHRASE, login="it.admin")
    damaged = prebuilt(tmp_path / "damaged.db", build_records)
    damage_a_page(damaged)
    before = damaged.read_bytes()
    with pytest.raises(DamagedDatabase, match="integrity check"):
        Store.encrypt(damaged, PASSPHRASE, login="it.admin")
    assert damaged.read_bytes() == before
    assert not any(".encrypting" in name for name in files_beside(damaged))
    demo = tmp_path / "demo.db"
    store = Store.open(demo)
    store.close()
    _mark_demo(demo)
    with pytest.raises(DatabaseUnavailable, match="demo database"):
        Store.encrypt(demo, PASSPHRASE, login="it.admin")


def _mark_demo(path: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("INSERT OR REPLACE INTO caseline_meta (key, value) VALUES ('demo', '1')")
    conn.commit()
    conn.close()


def test_encrypting_is_refused_while_another_program_has_the_database_open(
    plain: Path, tmp_path: Path
) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]);"
            "c.execute('SELECT count(*) FROM note').fetchone(); print('open', flush=True);"
            "sys.stdin.readline()",
            str(plain),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        before = plain.read_bytes()
        with pytest.raises(DatabaseUnavailable, match="in use"):
            Store.encrypt(plain, PASSPHRASE, login="it.admin")
        assert plain.read_bytes()[:16] == SQLITE_HEADER
        assert len(plain.read_bytes()) == len(before)
        assert not any(".encrypting" in name for name in files_beside(plain))
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)


def test_the_passphrase_is_in_no_log_and_no_audit_event(
    plain: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)  # peewee logs every statement at DEBUG
    Store.encrypt(plain, PASSPHRASE, login="it.admin")
    cipher.forget_all()
    monkeypatch.setenv(VARIABLE, PASSPHRASE)
    store = Store.open(plain)
    try:
        case_names(store)
        admin = store.workers.ensure("ada.admin")
        details = [f"{e.action} {e.detail}" for e in store.audit.events(admin, limit=50)]
    finally:
        store.close()
    assert caplog.records  # the statements were logged
    assert PASSPHRASE not in caplog.text
    assert not any(PASSPHRASE in detail for detail in details)


def test_a_backup_is_opened_with_its_databases_key_asking_once(
    encrypted: Path, tmp_path: Path
) -> None:
    asked: list[Path] = []
    cipher.ask_with(lambda path: asked.append(path) or PASSPHRASE)
    target = tmp_path / "monday.db"
    Store.backup(encrypted, target)
    cipher.forget_all()
    found = Store.examine_backup(target, database=encrypted)
    assert found.cases == 1
    assert asked == [encrypted, encrypted]  # the backup itself was never asked about
    # The key kept is never shown, as a traceback listing a frame's variables would show it.
    key = cipher.known_key(target)
    assert key is not None and key[2:20] not in repr(key)


def test_an_older_database_is_upgraded_before_it_is_encrypted(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    make_version_1_database(old)
    before = old.read_bytes()
    with pytest.raises(DatabaseUnavailable, match="older Caseline"):
        Store.encrypt(old, PASSPHRASE, login="it.admin")
    assert old.read_bytes() == before


def test_connecting_never_drops_the_locks_this_process_holds(plain: Path) -> None:
    """A process that opens and closes a file of its own on a database loses every lock SQLite
    holds on it: telling whether a file is encrypted must not read it as a connection is made,
    or another program would find the database free while this one has it open."""
    store = Store.open(plain)
    watch = None
    try:
        case_names(store)  # a connection open, holding its WAL locks
        watch = store.watch()  # another connection, made meanwhile (as the app's are)
        store.data_version()
        other = (
            "import sqlite3, sys; c = sqlite3.connect(sys.argv[1], timeout=0.2)\n"
            "print(c.execute('PRAGMA journal_mode = DELETE').fetchone()[0])"
        )
        done = subprocess.run(
            [sys.executable, "-c", other, str(plain)], capture_output=True, text=True, timeout=60
        )
        assert "database is locked" in done.stderr, done.stdout  # in use, as it is
        assert case_names(store) == ["Dana Reyes"]
    finally:
        if watch is not None:
            store.unwatch(watch)
        store.close()


def test_a_person_asked_may_mistype_it_twice_but_not_three_times(encrypted: Path) -> None:
    typed = iter(["tea in the staffroom", PASSPHRASE])
    cipher.ask_with(lambda path: next(typed))
    store = Store.open(encrypted)
    store.close()
    cipher.forget_all()
    asked: list[Path] = []
    cipher.ask_with(lambda path: asked.append(path) or "not it at all")
    with pytest.raises(cipher.WrongPassphrase):
        Store.open(encrypted)
    assert asked == [encrypted] * cipher.ASKED_TRIES


HOLD = (
    "import sys; from pathlib import Path; from store.core import cipher;"
    "p = Path(sys.argv[1]); cipher.unlock(p, sys.argv[2]); c = cipher.cipher_connection(p);"
    "c.execute('SELECT count(*) FROM note').fetchone(); print('open', flush=True);"
    "sys.stdin.readline()"
)


@pytest.mark.usefixtures("real_key_derivation")  # another process opens the file
def test_a_new_passphrase_is_refused_while_another_program_has_the_database_open(
    encrypted: Path,
) -> None:
    root = Path(__file__).resolve().parent.parent.parent
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(encrypted), PASSPHRASE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=root,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        before = encrypted.read_bytes()
        cipher.unlock(encrypted, PASSPHRASE)
        with pytest.raises(DatabaseUnavailable, match="in use"):
            Store.encrypt(encrypted, "biscuits by the kettle", login="it.admin", again=True)
        assert encrypted.read_bytes() == before
        assert not any(".encrypting" in name for name in files_beside(encrypted))
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    cipher.forget_all()
    cipher.unlock(encrypted, PASSPHRASE)  # the old passphrase still opens it
