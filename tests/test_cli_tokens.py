"""Tokens for scripts, run for real: ``caseline admin token create|list|revoke``, and
``caseline export`` (and ``audit``) signing in with a token from ``$CASELINE_TOKEN`` or
``--token-file``, with a passphrase, or not at all."""

from __future__ import annotations

import hashlib
import os
import pwd
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from store.cases.records import CaseDetail
from store.common import dates
from store.service import Store
from tests.cli import Ran, caseline
from tests.conftest import Prebuilt
from tests.test_cli_admin import assert_fails

BOSS = "the boss's passphrase"
SAM = "sam's own passphrase"


def make_token(db: Path, login: str, *, role: str = "worker", expires: str | None = None) -> str:
    """A token for the worker ``login`` (added with ``role`` if new), made by an administrator
    (``boss``, made first if the database has no administrator), as ``caseline admin token
    create`` makes it."""
    store = Store.open(db)
    try:
        if store.workers.has_administrator():
            boss = store.workers.sign_in("boss", BOSS)
        else:
            boss = store.workers.init_administrator("boss", None, BOSS)
        if not store.workers.named(login).id:
            store.workers.add(boss, login=login, role=role)
        return store.tokens.create(boss, login, expires=expires).token
    finally:
        store.close()


@pytest.fixture
def db(tmp_path: Path, prebuilt: Prebuilt) -> tuple[Path, CaseDetail]:
    """An administrator (boss) and a worker (sam.okafor, with a passphrase) with one case."""
    return prebuilt.with_result(tmp_path / "c.db", _boss_and_sam)


def _boss_and_sam(path: Path) -> CaseDetail:
    store = Store.open(path)
    try:
        boss = store.workers.init_administrator("boss", None, BOSS)
        sam = store.workers.add(boss, login="sam.okafor", passphrase=SAM)
        return store.cases.create(sam, {"client_name": "Ada Byron", "allocated_on": "1/6/2026"})
    finally:
        store.close()


def export(tmp_path: Path, db: tuple[Path, CaseDetail], *args: str, **kw: object) -> Ran:
    path, case = db
    return caseline(
        tmp_path,
        "export",
        "chronology",
        case.ref,
        "--db",
        str(path),
        *args,
        **kw,  # type: ignore[arg-type]
    )


def events(path: Path, *actions: str) -> list[tuple[str, str, str, str, int | None]]:
    """The audit trail's events of these kinds, oldest first: action, login, kind, detail, id."""
    conn = sqlite3.connect(path)
    try:
        marks = ", ".join("?" for _ in actions)
        return conn.execute(
            "SELECT action, login, record_kind, detail, record_id FROM audit_event "
            f"WHERE action IN ({marks}) ORDER BY id",
            actions,
        ).fetchall()
    finally:
        conn.close()


ACTIONS = ("token-created", "token-revoked", "chronology-exported", "sign-in-failed", "sign-in")


def admin_token(tmp_path: Path, path: Path, *args: str) -> Ran:
    return caseline(
        tmp_path, "--worker", "boss", "admin", "token", *args, "--db", str(path), stdin=BOSS + "\n"
    )


def test_a_token_is_made_once_used_by_a_script_and_revoked(
    tmp_path: Path, db: tuple[Path, CaseDetail]
) -> None:
    path, case = db
    made = admin_token(tmp_path, path, "create", "sam.okafor", "--label", "nightly backup")
    assert made.returncode == 0, made.stderr
    token = made.stdout.strip()
    assert made.stdout == token + "\n"  # the token alone, for a script to keep
    assert token.startswith("cl_") and len(token) > 40
    assert "Token 1 signs in as sam.okafor (nightly backup), no last day" in made.stderr
    assert "not shown again" in made.stderr

    used = export(tmp_path, db, env={"CASELINE_TOKEN": token})
    assert used.returncode == 0, used.stderr
    assert used.stdout.startswith(f"# Chronology: {case.ref}, Ada Byron")
    assert "- **Exported by:** Sam Okafor" in used.stdout.splitlines()
    assert used.stderr == ""  # no prompt: nobody is there to answer one

    listed = admin_token(tmp_path, path, "list")
    assert listed.returncode == 0, listed.stderr
    header, row = listed.stdout.splitlines()
    assert header.split()[:5] == ["ID", "LOGIN", "LABEL", "MADE", "BY"]
    assert header.endswith("LAST DAY  LAST USED          STATUS")
    assert row.split()[:3] == ["1", "sam.okafor", "nightly"]
    assert row.split()[-1] == "active" and "never" not in row  # it has been used
    assert token not in listed.stdout

    revoked = admin_token(tmp_path, path, "revoke", "1")
    assert revoked.returncode == 0, revoked.stderr
    assert revoked.stdout == "Token 1 of sam.okafor is revoked: it no longer signs in.\n"
    refused = export(tmp_path, db, env={"CASELINE_TOKEN": token})
    assert_fails(refused, "This token was revoked on")
    assert refused.stdout == ""
    assert (
        admin_token(tmp_path, path, "list", "sam.okafor").stdout.splitlines()[1].endswith("revoked")
    )
    trail = [(a, login, kind, rid) for a, login, kind, _d, rid in events(path, *ACTIONS)]
    assert [e for e in trail if e[:2] != ("sign-in", "boss")] == [
        ("token-created", "boss", "worker_token", 1),
        ("sign-in", "sam.okafor", "worker_token", 1),
        ("chronology-exported", "sam.okafor", "case", case.id),
        ("token-revoked", "boss", "worker_token", 1),
        ("sign-in-failed", "sam.okafor", "worker_token", 1),
    ]
    assert events(path, "sign-in-failed")[-1][3] == "token: revoked"


def test_the_token_is_never_stored_in_clear(tmp_path: Path, db: tuple[Path, CaseDetail]) -> None:
    path, _ = db
    token = admin_token(tmp_path, path, "create", "sam.okafor").stdout.strip()
    assert export(tmp_path, db, env={"CASELINE_TOKEN": token}).returncode == 0
    secret = token.removeprefix("cl_")
    conn = sqlite3.connect(path)
    try:
        [stored] = conn.execute("SELECT token_hash FROM worker_token").fetchall()
        dumped = "\n".join(conn.iterdump())
    finally:
        conn.close()
    assert stored == (hashlib.sha256(token.encode()).hexdigest(),)
    assert secret not in dumped and secret[:12] not in dumped
    for sidecar in (Path(f"{path}-wal"), path):
        if sidecar.exists():
            assert secret.encode() not in sidecar.read_bytes()


def test_a_token_file_is_read_only_when_private(
    tmp_path: Path, db: tuple[Path, CaseDetail]
) -> None:
    path, _ = db
    file = tmp_path / "sam.token"
    file.write_text(make_token(path, "sam.okafor") + "\n", encoding="utf-8")
    for mode in (0o644, 0o640, 0o604, 0o620):
        file.chmod(mode)
        refused = export(tmp_path, db, "--token-file", str(file))
        assert_fails(refused, "--token-file: others can read or change", f"chmod 600 {file}")
    file.chmod(0o600)
    used = export(tmp_path, db, "--token-file", str(file))
    assert used.returncode == 0, used.stderr
    assert "- **Exported by:** Sam Okafor" in used.stdout.splitlines()
    # The file wins over the environment.
    with_both = export(tmp_path, db, "--token-file", str(file), env={"CASELINE_TOKEN": "cl_x"})
    assert with_both.returncode == 0, with_both.stderr
    missing = export(tmp_path, db, "--token-file", str(tmp_path / "none"))
    assert_fails(missing, "--token-file:", "can't be read")
    empty = tmp_path / "empty.token"
    empty.write_text("\n")
    empty.chmod(0o600)
    assert_fails(export(tmp_path, db, "--token-file", str(empty)), "is empty")


def test_an_expired_token_is_refused(tmp_path: Path, db: tuple[Path, CaseDetail]) -> None:
    path, _ = db
    dates.freeze(datetime(2020, 1, 1, 9, 0))  # made then, with its last day the next day
    token = make_token(path, "sam.okafor", expires="2/1/2020")
    refused = export(tmp_path, db, env={"CASELINE_TOKEN": token})
    assert_fails(refused, "This token expired: its last day was 02 Jan 2020.")
    assert events(path, "sign-in-failed")[-1][:4] == (
        "sign-in-failed",
        "sam.okafor",
        "worker_token",
        "token: expired",
    )


def test_a_deactivated_workers_token_is_refused(
    tmp_path: Path, db: tuple[Path, CaseDetail]
) -> None:
    path, _ = db
    token = make_token(path, "sam.okafor")
    store = Store.open(path)
    try:
        store.workers.deactivate(store.workers.sign_in("boss", BOSS), "sam.okafor")
    finally:
        store.close()
    assert_fails(
        export(tmp_path, db, env={"CASELINE_TOKEN": token}), "This login has been deactivated."
    )
    assert events(path, "sign-in-failed")[-1][3] == "token: login deactivated"


def test_a_token_not_recognised_or_someone_elses_is_refused(
    tmp_path: Path, db: tuple[Path, CaseDetail]
) -> None:
    path, _ = db
    token = make_token(path, "sam.okafor")
    assert_fails(
        export(tmp_path, db, env={"CASELINE_TOKEN": token[:-2]}), "This token is not recognised."
    )
    # --worker saying someone else is refused, not taken as either of them.
    other = caseline(
        tmp_path,
        "--worker",
        "boss",
        "export",
        "chronology",
        db[1].ref,
        "--db",
        str(path),
        env={"CASELINE_TOKEN": token},
    )
    assert_fails(other, "This token signs in as sam.okafor, not boss.")
    assert [(login, detail) for _a, login, _k, detail, _i in events(path, "sign-in-failed")] == [
        ("", "token: not recognised"),
        ("sam.okafor", "token: given as boss's"),
    ]
    assert events(path, "chronology-exported") == []


def test_an_export_without_signing_in_is_refused(
    tmp_path: Path, db: tuple[Path, CaseDetail]
) -> None:
    """No token and nothing on standard input: the passphrase prompt gets no answer."""
    path, _ = db
    refused = caseline(
        tmp_path, "--worker", "sam.okafor", "export", "chronology", db[1].ref, "--db", str(path)
    )
    assert_fails(refused, "No passphrase given")
    assert refused.stdout == ""
    assert events(path, "chronology-exported") == []


def test_an_export_signs_in_with_a_passphrase(tmp_path: Path, db: tuple[Path, CaseDetail]) -> None:
    path, case = db
    who = ("--worker", "sam.okafor", "export", "plan", case.ref, "--db", str(path))
    right = caseline(tmp_path, *who, stdin=SAM + "\n")
    # Signed in: what stops it now is the case, which has no plan.
    assert_fails(right, f"Case {case.ref} has no service plan.")
    wrong = caseline(tmp_path, *who, stdin="not sam's\n")
    assert_fails(wrong, "Login or passphrase not recognised.")
    assert wrong.stdout == ""
    trail = [
        (a, login, d[:10]) for a, login, _k, d, _i in events(path, "sign-in", "sign-in-failed")
    ]
    assert trail[-2:] == [
        ("sign-in", "sam.okafor", "passphrase"),  # (rehashed: the tests hash cheaply)
        ("sign-in-failed", "sam.okafor", "wrong pass"),
    ]


def test_a_read_only_copy_signs_in_without_recording_it(
    tmp_path: Path, db: tuple[Path, CaseDetail]
) -> None:
    path, case = db
    token = make_token(path, "sam.okafor")
    folder = tmp_path / "archive"
    folder.mkdir()
    copy = folder / "c.db"
    copy.write_bytes(path.read_bytes())
    copy.chmod(0o400)
    folder.chmod(0o500)
    try:
        before = copy.read_bytes()
        by_token = caseline(
            tmp_path,
            "export",
            "chronology",
            case.ref,
            "--db",
            str(copy),
            env={"CASELINE_TOKEN": token},
        )
        who = ("--worker", "sam.okafor", "export", "chronology", case.ref, "--db", str(copy))
        by_passphrase = caseline(tmp_path, *who, stdin=SAM + "\n")
        wrong = caseline(tmp_path, *who, stdin="not sam's\n")
        after = copy.read_bytes()
    finally:
        folder.chmod(0o700)
        copy.chmod(0o600)
    for result in (by_token, by_passphrase):
        assert result.returncode == 0, result.stderr
        assert "- **Exported by:** Sam Okafor" in result.stdout.splitlines()
        assert "this sign-in could not be recorded in the audit trail" in result.stderr
    assert wrong.returncode == 1 and wrong.stdout == ""
    assert "Login or passphrase not recognised." in wrong.stderr
    assert after == before


def test_a_demo_database_needs_no_sign_in(tmp_path: Path, db: tuple[Path, CaseDetail]) -> None:
    path, case = db
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO caseline_meta (key, value) VALUES ('demo', '1')")
    conn.close()
    before = events(path, "sign-in", "sign-in-failed")
    result = export(tmp_path, db, "--worker", "sam.okafor", stdin="")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"# Chronology: {case.ref}")
    assert events(path, "sign-in", "sign-in-failed") == before


def test_caseline_audit_takes_a_token(tmp_path: Path, db: tuple[Path, CaseDetail]) -> None:
    path, _ = db
    token = make_token(path, "audrey", role="auditor")
    result = caseline(
        tmp_path, "audit", "--db", str(path), "--format", "json", env={"CASELINE_TOKEN": token}
    )
    assert result.returncode == 0, result.stderr
    assert '"action": "token-created"' in result.stdout
    # Managing accounts still takes a passphrase: the token is not asked for, nor used.
    listed = caseline(
        tmp_path,
        "--worker",
        "boss",
        "admin",
        "list",
        "--db",
        str(path),
        env={"CASELINE_TOKEN": token},
    )
    assert_fails(listed, "No passphrase given")


def test_only_an_administrator_makes_lists_or_revokes_tokens(
    tmp_path: Path, db: tuple[Path, CaseDetail]
) -> None:
    path, _ = db
    as_sam = ("--worker", "sam.okafor", "admin", "token")
    for args in (["create", "sam.okafor"], ["list"], ["revoke", "1"]):
        result = caseline(tmp_path, *as_sam, *args, "--db", str(path), stdin=SAM + "\n")
        assert_fails(result, "Only an administrator can make, list or revoke tokens.")
        assert result.stdout == ""
    assert events(path, "token-created") == []


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["create", "nobody"], ["No worker has the login 'nobody'"]),
        (["create", "sam.okafor", "--expires", "1/1/2020"], ["has passed"]),
        (["create", "sam.okafor", "--expires", "someday"], ["expires_on"]),
        (["create", "sam.okafor", "--label", "x" * 81], ["label", "at most 80"]),
        (["revoke", "7"], ["No token has the number 7."]),
    ],
)
def test_bad_token_commands_are_one_line(
    tmp_path: Path, db: tuple[Path, CaseDetail], args: list[str], fragments: list[str]
) -> None:
    result = admin_token(tmp_path, db[0], *args)
    assert_fails(result, *fragments)
    assert result.stdout == ""


def test_a_token_is_revoked_once(tmp_path: Path, db: tuple[Path, CaseDetail]) -> None:
    path, _ = db
    make_token(path, "sam.okafor")
    assert admin_token(tmp_path, path, "revoke", "1").returncode == 0
    assert_fails(admin_token(tmp_path, path, "revoke", "1"), "Token 1 is already revoked.")


def test_with_os_login_an_export_is_the_computers_login(
    tmp_path: Path, db: tuple[Path, CaseDetail]
) -> None:
    path, case = db
    me = pwd.getpwuid(os.getuid()).pw_name.lower()
    store = Store.open(path)
    try:
        store.workers.add(store.workers.sign_in("boss", BOSS), login=me, role="manager")
    finally:
        store.close()
    config = tmp_path / "config.toml"
    config.write_text('identity = "os-login"\n', encoding="utf-8")
    env = {"CASELINE_CONFIG": str(config), "USER": "sam.okafor", "LOGNAME": "sam.okafor"}
    writable = export(tmp_path, db, env=env)
    assert writable.returncode == 0, writable.stderr
    assert events(path, "sign-in")[-1][:4] == ("sign-in", me, "", "os-login")
    copy = tmp_path / "copy.db"
    copy.write_bytes(path.read_bytes())
    copy.chmod(0o400)
    try:
        args = ("export", "chronology", case.ref, "--db", str(copy))
        read_only = caseline(tmp_path, *args, env=env)
        someone_else = caseline(tmp_path, "--worker", "sam.okafor", *args, env=env)
    finally:
        copy.chmod(0o600)
    assert read_only.returncode == 0, read_only.stderr
    assert "this sign-in could not be recorded" in read_only.stderr
    assert '--worker sam.okafor is not you: with identity = "os-login"' in someone_else.stderr
    assert someone_else.returncode == 1 and someone_else.stdout == ""
