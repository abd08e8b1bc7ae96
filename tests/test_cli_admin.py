"""``caseline admin``: each command run for real, signing in with a passphrase read from standard
input (as a script would give it), and every problem one line on stderr with exit status 1."""

from __future__ import annotations

import os
import pwd
from pathlib import Path

import pytest

from store.common.errors import SignInRefused
from store.service import Store
from tests.cli import Ran, caseline
from tests.conftest import Prebuilt
from tests.terminal import app_env
from tui import cli_sign_in

BOSS = "the boss's passphrase"
SAM = "sam's own passphrase"


def admin(tmp_path: Path, *args: str, stdin: str = "", config: str | None = None) -> Ran:
    env = app_env(tmp_path)
    if config is not None:
        path = tmp_path / "config.toml"
        path.write_text(config, encoding="utf-8")
        env["CASELINE_CONFIG"] = str(path)
    return caseline(tmp_path, "admin", *args, stdin=stdin, env=env)


def said(result: Ran) -> list[str]:
    """What the command wrote to stderr besides its prompts (each ends ": ")."""
    return [line for line in result.stderr.splitlines() if not line.endswith(": ")]


def assert_fails(result: Ran, *fragments: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    [line] = said(result)
    assert line.startswith("caseline: ")
    for fragment in fragments:
        assert fragment in line


def assert_ok(result: Ran) -> str:
    assert (result.returncode, said(result)) == (0, []), result.stderr
    return result.stdout


@pytest.fixture
def db(tmp_path: Path, prebuilt: Prebuilt) -> Path:
    """A database with an administrator, boss, and a worker, sam.okafor."""
    return prebuilt(tmp_path / "c.db", _boss_and_sam)


def _boss_and_sam(path: Path) -> None:
    store = Store.open(path)
    try:
        boss = store.workers.init_administrator("boss", None, BOSS)
        store.workers.add(boss, login="sam.okafor", team="North", passphrase=SAM)
    finally:
        store.close()


def accounts(path: Path, reader: str = "boss") -> dict[str, tuple[str, str, str, bool, bool, bool]]:
    store = Store.open(path)
    try:
        boss = store.workers.named(reader)
        return {
            a.login: (a.display_name, a.role, a.team, a.active, a.locked, a.has_passphrase)
            for a in store.workers.accounts(boss)
        }
    finally:
        store.close()


def signs_in(path: Path, login: str, passphrase: str) -> bool:
    store = Store.open(path)
    try:
        store.workers.sign_in(login, passphrase)
    except SignInRefused:
        return False
    finally:
        store.close()
    return True


def test_init_makes_the_first_administrator_of_a_new_database(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    result = admin(
        tmp_path,
        "init",
        "--db",
        str(path),
        "--worker",
        "priya.nair",
        "--name",
        "Priya Nair",
        stdin=BOSS + "\n",
    )
    assert assert_ok(result) == "priya.nair (Priya Nair) is the administrator.\n"
    assert result.stderr == "New passphrase for priya.nair: \n"
    assert BOSS not in result.stdout + result.stderr
    assert accounts(path, "priya.nair") == {
        "priya.nair": ("Priya Nair", "administrator", "", True, False, True)
    }
    assert signs_in(path, "priya.nair", BOSS)
    assert_fails(
        admin(tmp_path, "init", "--db", str(path), "--login", "x.y", stdin=BOSS + "\n"),
        "An administrator already exists: ask them.",
    )


def test_init_refuses_a_short_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    result = admin(tmp_path, "init", "--db", str(path), "--login", "boss", stdin="short\n")
    assert_fails(result, "at least 10 characters")
    assert accounts_or_none(path) is None


def accounts_or_none(path: Path) -> object:
    store = Store.open(path)
    try:
        return None if not store.workers.has_administrator() else True
    finally:
        store.close()


def test_add_a_worker_with_a_first_passphrase(tmp_path: Path, db: Path) -> None:
    result = admin(
        tmp_path,
        "add",
        "Jo.Bloggs",
        "--role",
        "supervisor",
        "--team",
        "South",
        "--db",
        str(db),
        "--worker",
        "boss",
        stdin=f"{BOSS}\n  jo's passphrase  \n",
    )
    assert assert_ok(result) == "Added jo.bloggs (Jo Bloggs), supervisor.\n"
    assert result.stderr.splitlines() == [
        "Passphrase for boss: ",
        "New passphrase for Jo.Bloggs (blank: set it later with reset-passphrase): ",
    ]
    assert accounts(db)["jo.bloggs"] == ("Jo Bloggs", "supervisor", "South", True, False, True)
    assert signs_in(db, "jo.bloggs", "  jo's passphrase  ")  # spaces and all


def test_add_a_worker_without_a_passphrase(tmp_path: Path, db: Path) -> None:
    result = admin(
        tmp_path, "add", "jo", "--name", "Jo March", "--db", str(db), "--worker", "boss",
        stdin=f"{BOSS}\n\n",
    )  # fmt: skip
    assert_ok(result)
    assert accounts(db)["jo"] == ("Jo March", "worker", "", True, False, False)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "x"), "use 2 to 40 letters"),
        (("add", "sam.okafor"), "A worker already has the login 'sam.okafor'."),
        (("add", "jo", "--role", "boss"), 'No role "boss".'),
        (("set-role", "sam.okafor", "boss"), 'No role "boss".'),
        (("set-team", "nobody", "South"), "No worker has the login 'nobody'."),
        (("deactivate", "boss"), "You can't deactivate yourself"),
        (("reactivate", "sam.okafor"), "sam.okafor is already active."),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    tmp_path: Path, db: Path, args: tuple[str, ...], message: str
) -> None:
    before = accounts(db)
    result = admin(tmp_path, *args, "--db", str(db), "--worker", "boss", stdin=f"{BOSS}\n\n")
    assert_fails(result, message)
    assert accounts(db) == before


def test_a_wrong_administrator_passphrase_is_refused(tmp_path: Path, db: Path) -> None:
    before = accounts(db)
    result = admin(
        tmp_path, "deactivate", "sam.okafor", "--db", str(db), "--worker", "boss",
        stdin="not the boss's\n",
    )  # fmt: skip
    assert_fails(result, "Login or passphrase not recognised.")
    assert accounts(db) == before


def test_only_an_administrator_manages_workers(tmp_path: Path, db: Path) -> None:
    result = admin(
        tmp_path, "set-role", "sam.okafor", "administrator", "--db", str(db),
        "--worker", "sam.okafor", stdin=SAM + "\n",
    )  # fmt: skip
    assert_fails(result, "Only an administrator can manage workers.")
    assert_fails(
        admin(tmp_path, "list", "--db", str(db), "--worker", "sam.okafor", stdin=SAM + "\n"),
        "Only administrators, managers and auditors can list",
    )


def test_list_shows_every_account_in_an_aligned_table(tmp_path: Path, db: Path) -> None:
    store = Store.open(db, max_failed_sign_ins=1)
    try:
        boss = store.workers.named("boss")
        store.workers.add(boss, login="gone", display_name="Gone Away")
        store.workers.deactivate(boss, "gone")
        with pytest.raises(SignInRefused):
            store.workers.sign_in("sam.okafor", "wrong guess")
    finally:
        store.close()
    out = assert_ok(admin(tmp_path, "list", "--db", str(db), "--worker", "boss", stdin=BOSS + "\n"))
    assert out.splitlines() == [
        "LOGIN       NAME        ROLE           TEAM   STATUS       PASSPHRASE SET",
        "boss        Boss        administrator         active       yes",
        "gone        Gone Away   worker                deactivated  no",
        "sam.okafor  Sam Okafor  worker         North  locked       yes",
    ]


def test_set_role_and_team_deactivate_and_reactivate(tmp_path: Path, db: Path) -> None:
    def run(*args: str) -> str:
        return assert_ok(admin(tmp_path, *args, "--db", str(db), "--worker", "boss",
                               stdin=BOSS + "\n"))  # fmt: skip

    assert run("set-role", "sam.okafor", "Manager") == "sam.okafor is now manager.\n"
    assert run("set-team", "sam.okafor", "South") == "sam.okafor is now in the team South.\n"
    assert run("deactivate", "sam.okafor") == (
        "sam.okafor is deactivated: they can no longer sign in.\n"
    )
    assert accounts(db)["sam.okafor"][1:4] == ("manager", "South", False)
    assert not signs_in(db, "sam.okafor", SAM)
    assert run("reactivate", "sam.okafor") == "sam.okafor is active again.\n"
    assert accounts(db)["sam.okafor"][3]


def test_reset_passphrase_unlocks_the_login(tmp_path: Path, db: Path) -> None:
    store = Store.open(db, max_failed_sign_ins=1)
    try:
        with pytest.raises(SignInRefused, match="locked"):
            store.workers.sign_in("sam.okafor", "wrong guess")
    finally:
        store.close()
    result = admin(
        tmp_path, "reset-passphrase", "sam.okafor", "--db", str(db), "--worker", "boss",
        stdin=f"{BOSS}\na whole new passphrase\n",
    )  # fmt: skip
    assert assert_ok(result) == ("sam.okafor has a new passphrase, and can sign in with it.\n")
    assert not accounts(db)["sam.okafor"][4]
    assert signs_in(db, "sam.okafor", "a whole new passphrase")


def test_standard_input_ending_is_one_line(tmp_path: Path, db: Path) -> None:
    assert_fails(admin(tmp_path, "list", "--db", str(db), stdin=""), "No passphrase given")


def test_a_missing_database_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "absent.db"
    assert_fails(admin(tmp_path, "list", "--db", str(path), stdin=BOSS + "\n"), "No database at")
    assert not path.exists()


def test_os_login_trusts_the_account_running_it_not_user(tmp_path: Path, db: Path) -> None:
    me = pwd.getpwuid(os.getuid()).pw_name
    config = 'identity = "os-login"\n'
    # $USER names the administrator, but the process runs as someone the database lacks.
    env_user = {"USER": "boss", "LOGNAME": "boss"}
    result = admin_with_env(tmp_path, env_user, "list", "--db", str(db), config=config)
    assert_fails(result, f"No worker has the login '{me}'.")
    store = Store.open(db)
    try:
        boss = store.workers.named("boss")
        store.workers.add(boss, login=me.lower(), role="auditor")
    finally:
        store.close()
    result = admin_with_env(tmp_path, env_user, "list", "--db", str(db), config=config)
    assert me.lower() in assert_ok(result)
    assert result.stderr == ""  # nothing asked


def admin_with_env(tmp_path: Path, extra: dict[str, str], *args: str, config: str) -> Ran:
    path = tmp_path / "config.toml"
    path.write_text(config, encoding="utf-8")
    env = {**app_env(tmp_path), **extra, "CASELINE_CONFIG": str(path)}
    return caseline(tmp_path, "admin", *args, env=env)


def test_at_a_terminal_a_new_passphrase_is_asked_twice(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = iter(["first try one", "first try two"])
    monkeypatch.setattr(cli_sign_in.getpass, "getpass", lambda prompt, stream=None: next(answers))
    prompter = cli_sign_in.Prompter()
    prompter.interactive = True
    with pytest.raises(SystemExit) as caught:
        prompter.new_secret("New passphrase for jo: ")
    assert caught.value.code == 1
    assert capsys.readouterr().err == (
        "caseline: The two passphrases were not the same; nothing was changed.\n"
    )
    answers = iter(["the same one", "the same one"])
    assert prompter.new_secret("New passphrase for jo: ") == "the same one"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "Bad Login!"), "use 2 to 40 letters"),
        (("add", "sam.okafor"), "A worker already has the login 'sam.okafor'."),
        (("add", "jo", "--role", "boss"), 'No role "boss".'),
    ],
)
def test_a_new_workers_passphrase_is_asked_for_only_once_it_can_be_used(
    tmp_path: Path, db: Path, args: tuple[str, ...], message: str
) -> None:
    result = admin(tmp_path, *args, "--db", str(db), "--worker", "boss", stdin=f"{BOSS}\n")
    assert_fails(result, message)
    assert "New passphrase" not in result.stderr


def test_init_refuses_a_bad_login_before_asking_for_a_passphrase(tmp_path: Path) -> None:
    result = admin(tmp_path, "init", "--db", str(tmp_path / "new.db"), "--login", "Bad Login!")
    assert_fails(result, "use 2 to 40 letters")
    assert "New passphrase" not in result.stderr
