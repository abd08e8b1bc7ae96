"""Signing in: passphrases kept as Argon2id hashes, the same refusal for every wrong guess, a
growing wait after failures and a lock after too many, deactivated logins, trusted logins,
the first administrator and what administrators do to accounts, each audited."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher

from store.common import dates
from store.common.errors import InvalidInput, NotPermitted, SignInRefused
from store.common.records import Role, WorkerInfo
from store.service import Store
from store.workers import passphrases
from tests.conftest import FROZEN_NOW
from tests.postgres_cluster import Outside
from tests.store.test_migrations_every_version import build_database

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

PASS = "correct horse battery"
NOT_RECOGNISED = "Login or passphrase not recognised."
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def admin(store: Store) -> WorkerInfo:
    return store.workers.init_administrator("ad.min", "Ada Min", "the administrator's own")


@pytest.fixture
def sam(store: Store, admin: WorkerInfo) -> WorkerInfo:
    return store.workers.add(admin, login="sam.okafor", team="North", passphrase=PASS)


def at(seconds: float) -> None:
    """Move the frozen clock to ``seconds`` after the tests' "now"."""
    dates.freeze(FROZEN_NOW + timedelta(seconds=seconds))


def events(store: Store, admin: WorkerInfo, **filters: Any) -> list[tuple[str, str, str]]:
    """(action, login, detail) of the audit trail, oldest first."""
    return [(e.action, e.login, e.detail) for e in reversed(store.audit.events(admin, **filters))]


def refused(call: Callable[[], object]) -> SignInRefused:
    with pytest.raises(SignInRefused) as caught:
        call()
    return caught.value


def account(store: Store, admin: WorkerInfo, login: str) -> Any:
    return next(a for a in store.workers.accounts(admin) if a.login == login)


# --- signing in --------------------------------------------------------------------------------


def test_the_right_passphrase_signs_in_and_is_audited(
    store: Store, admin: WorkerInfo, sam: WorkerInfo
) -> None:
    me = store.workers.sign_in("sam.okafor", PASS, origin="ssh 10.0.0.5")
    assert (me.id, me.username, me.display_name, me.role, me.team, me.active) == (
        sam.id,
        "sam.okafor",
        "Sam Okafor",
        "worker",
        "North",
        True,
    )
    assert account(store, admin, "sam.okafor").last_sign_in_at == datetime(2026, 11, 23, 10, 0)
    [entry] = store.audit.events(admin, login="sam.okafor")[:1]
    assert (entry.action, entry.worker_id, entry.origin) == ("sign-in", sam.id, "ssh 10.0.0.5")


def test_a_login_is_found_whatever_its_case(store: Store, sam: WorkerInfo) -> None:
    assert store.workers.sign_in(" Sam.Okafor ", PASS).id == sam.id


def test_the_passphrase_is_kept_only_as_an_argon2id_hash(
    store: Store, sam: WorkerInfo, db_path: Path
) -> None:

    with Outside.of(store) as conn:
        [(stored,)] = conn.execute("SELECT passphrase_hash FROM worker WHERE id = ?", (sam.id,))
    assert stored.startswith("$argon2id$") and PASS not in stored


def test_spaces_around_a_passphrase_are_part_of_it(store: Store, admin: WorkerInfo) -> None:
    store.workers.add(admin, login="jo", passphrase="  spaced out  ")
    assert refused(lambda: store.workers.sign_in("jo", "spaced out")).message == NOT_RECOGNISED
    at(1)
    assert store.workers.sign_in("jo", "  spaced out  ").username == "jo"


def test_unknown_login_no_passphrase_and_wrong_passphrase_are_refused_alike(
    store: Store, admin: WorkerInfo, sam: WorkerInfo
) -> None:
    store.workers.add(admin, login="no.pass")
    for login, passphrase in (("nobody", PASS), ("no.pass", PASS), ("sam.okafor", "wrong one!")):
        problem = refused(
            lambda login=login, passphrase=passphrase: store.workers.sign_in(
                login, passphrase, origin="local"
            )
        )
        assert (problem.message, problem.retry_after) == (NOT_RECOGNISED, None)
    trail = store.audit.events(admin)[:3]
    assert [(e.action, e.login, e.worker_id) for e in reversed(trail)] == [
        ("sign-in-failed", "nobody", None),
        ("sign-in-failed", "no.pass", account_id(store, admin, "no.pass")),
        ("sign-in-failed", "sam.okafor", sam.id),
    ]
    assert "unknown login" in trail[2].detail
    assert "no passphrase set" in trail[1].detail
    assert "wrong passphrase" in trail[0].detail


def account_id(store: Store, admin: WorkerInfo, login: str) -> int:
    return store.workers.named(login).id


def test_each_failure_doubles_the_wait_up_to_a_minute(
    db_path: Path, prebuilt: Callable[..., Path]
) -> None:
    store = Store.open(db_path, max_failed_sign_ins=100)
    try:
        admin = store.workers.init_administrator("ad.min", None, "the administrator's own")
        store.workers.add(admin, login="sam.okafor", passphrase=PASS)
        waited = []
        now = 0.0
        for _failure in range(9):
            refused(lambda: store.workers.sign_in("sam.okafor", "wrong guess"))
            too_soon = refused(lambda: store.workers.sign_in("sam.okafor", PASS))
            assert too_soon.retry_after is not None
            waited.append(too_soon.retry_after)
            now += too_soon.retry_after
            at(now)
        assert waited == [1, 2, 4, 8, 16, 32, 60, 60, 60]
        assert account(store, admin, "sam.okafor").failed_sign_ins == 9  # the waits not counted
        assert store.workers.sign_in("sam.okafor", PASS).username == "sam.okafor"
        assert account(store, admin, "sam.okafor").failed_sign_ins == 0
    finally:
        store.close()


def test_an_attempt_too_soon_is_refused_without_checking_the_passphrase(
    store: Store, admin: WorkerInfo, sam: WorkerInfo, monkeypatch: pytest.MonkeyPatch
) -> None:
    refused(lambda: store.workers.sign_in("sam.okafor", "wrong guess"))
    at(1)
    refused(lambda: store.workers.sign_in("sam.okafor", "wrong guess"))
    at(2.5)  # the second failure was at 1 s: two seconds to wait
    checked: list[str] = []
    monkeypatch.setattr(passphrases, "verify", lambda _h, p: checked.append(p) or False)
    problem = refused(lambda: store.workers.sign_in("sam.okafor", PASS))
    assert problem.message == "Too many failed attempts: try again in 1 second."
    assert problem.retry_after == 1
    assert checked == []
    assert account(store, admin, "sam.okafor").failed_sign_ins == 2
    assert events(store, admin, login="sam.okafor")[-1] == (
        "sign-in-failed",
        "sam.okafor",
        "too soon after 2 failed sign-ins",
    )


def test_too_many_failures_lock_the_login_until_its_passphrase_is_reset(
    db_path: Path,
) -> None:
    store = Store.open(db_path, max_failed_sign_ins=3)
    try:
        admin = store.workers.init_administrator("ad.min", None, "the administrator's own")
        store.workers.add(admin, login="sam.okafor", passphrase=PASS)
        locked = (
            "This login is locked after 3 failed sign-ins: an administrator can unlock it by "
            "resetting its passphrase."
        )
        for attempt in range(3):
            at(attempt * 100)
            problem = refused(lambda: store.workers.sign_in("sam.okafor", "wrong guess"))
        assert (problem.message, problem.retry_after) == (locked, None)
        at(1000)
        assert refused(lambda: store.workers.sign_in("sam.okafor", PASS)).message == locked
        assert account(store, admin, "sam.okafor").locked
        assert [a for a, _login, _d in events(store, admin, login="sam.okafor")] == [
            "sign-in-failed",
            "sign-in-failed",
            "sign-in-locked-out",
            "sign-in-locked-out",
        ]
        store.workers.reset_passphrase(admin, "sam.okafor", "a brand new passphrase")
        state = account(store, admin, "sam.okafor")
        assert (state.locked, state.failed_sign_ins) == (False, 0)
        assert store.workers.sign_in("sam.okafor", "a brand new passphrase").username == (
            "sam.okafor"
        )
    finally:
        store.close()


def test_a_deactivated_login_is_told_so_only_with_the_right_passphrase(
    store: Store, admin: WorkerInfo, sam: WorkerInfo
) -> None:
    store.workers.deactivate(admin, "sam.okafor")
    assert refused(lambda: store.workers.sign_in("sam.okafor", "wrong guess")).message == (
        NOT_RECOGNISED
    )
    at(10)
    assert refused(lambda: store.workers.sign_in("sam.okafor", PASS)).message == (
        "This login has been deactivated."
    )


def test_a_hash_made_with_older_parameters_is_remade_at_sign_in(
    store: Store, admin: WorkerInfo, db_path: Path
) -> None:

    older = PasswordHasher(time_cost=2, memory_cost=16, parallelism=1)
    store.workers.add(admin, login="sam.okafor")
    with Outside.of(store) as conn:
        conn.execute(
            "UPDATE worker SET passphrase_hash = ? WHERE username = 'sam.okafor'",
            (older.hash(PASS),),
        )
    # Verified with the parameters the old hash records, not today's.
    store.workers.sign_in("sam.okafor", PASS)
    with Outside.of(store) as conn:
        [(stored,)] = conn.execute(
            "SELECT passphrase_hash FROM worker WHERE username = 'sam.okafor'"
        )
    assert not passphrases.HASHER.check_needs_rehash(stored)
    assert stored.startswith("$argon2id$v=19$m=8,t=1,p=1$")
    assert events(store, admin, login="sam.okafor")[-1][2] == "passphrase, rehashed"
    assert store.workers.sign_in("sam.okafor", PASS).username == "sam.okafor"


def test_argon2_runs_outside_any_transaction(
    store: Store, sam: WorkerInfo, monkeypatch: pytest.MonkeyPatch
) -> None:
    depths: list[int] = []
    cheap = passphrases.HASHER

    class Watched:
        def __getattr__(self, name: str) -> Any:
            depths.append(store.database.db.transaction_depth())
            return getattr(cheap, name)

    monkeypatch.setattr(passphrases, "HASHER", Watched())
    monkeypatch.setattr(passphrases, "needs_rehash", lambda _encoded: True)
    store.workers.sign_in("sam.okafor", PASS)
    refused(lambda: store.workers.sign_in("sam.okafor", "wrong guess"))
    refused(lambda: store.workers.sign_in("nobody", "wrong guess"))
    assert len(depths) >= 4 and set(depths) == {0}


def test_production_hashes_with_argon2_cffis_default_parameters() -> None:
    # In a fresh interpreter: this one's hasher is the tests' cheap one.
    code = (
        "import json; from store.workers import passphrases as p; h = p.HASHER; "
        "print(json.dumps([h.time_cost, h.memory_cost, h.parallelism, h.type.name, "
        "p.hash_passphrase('x' * 10)]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    time_cost, memory_cost, parallelism, kind, encoded = json.loads(result.stdout)
    default = PasswordHasher()
    assert (time_cost, memory_cost, parallelism, kind) == (
        default.time_cost,
        default.memory_cost,
        default.parallelism,
        "ID",
    )
    assert (time_cost, memory_cost, parallelism) >= (3, 65536, 4)
    assert encoded.startswith("$argon2id$v=19$m=65536,t=3,p=4$")


# --- trusted logins ------------------------------------------------------------------------------


def test_identify_trusts_the_login_and_audits_how(
    store: Store, admin: WorkerInfo, sam: WorkerInfo
) -> None:
    assert store.workers.identify("sam.okafor", origin="/dev/pts/3").id == sam.id
    assert events(store, admin, login="sam.okafor")[-1] == ("sign-in", "sam.okafor", "os-login")
    store.workers.identify("sam.okafor", how="demo")
    assert events(store, admin, login="sam.okafor")[-1][2] == "demo"
    assert refused(lambda: store.workers.identify("nobody")).message == (
        "No worker has the login 'nobody'."
    )
    store.workers.deactivate(admin, "sam.okafor")
    assert refused(lambda: store.workers.identify("sam.okafor")).message == (
        "This login has been deactivated."
    )
    assert [a for a, _l, _d in events(store, admin)][-3:] == [
        "sign-in-failed",
        "worker-deactivated",
        "sign-in-failed",
    ]


# --- the first administrator ---------------------------------------------------------------------


def test_the_first_administrator_is_made_once(store: Store) -> None:
    assert not store.workers.has_administrator()
    admin = store.workers.init_administrator("ad.min", None, "the administrator's own")
    assert (admin.username, admin.display_name, admin.role) == ("ad.min", "Ad Min", "administrator")
    assert store.workers.has_administrator()
    assert store.workers.sign_in("ad.min", "the administrator's own").id == admin.id
    with pytest.raises(NotPermitted, match=r"An administrator already exists: ask them\."):
        store.workers.init_administrator("other", None, "another passphrase")
    assert events(store, admin)[0] == ("administrator-created", "ad.min", "login ad.min")


def test_the_first_administrator_needs_a_long_enough_passphrase(store: Store) -> None:
    with pytest.raises(InvalidInput) as caught:
        store.workers.init_administrator("ad.min", None, "short")
    assert caught.value.errors == {
        "passphrase": "A passphrase needs at least 10 characters (this has 5)."
    }
    assert not store.workers.has_administrator()


def test_the_minimum_length_comes_from_the_config(db_path: Path) -> None:
    store = Store.open(db_path, min_passphrase_length=20)
    try:
        with pytest.raises(InvalidInput, match="at least 20 characters"):
            store.workers.init_administrator("ad.min", None, "nineteen characters")
        store.workers.init_administrator("ad.min", None, "twenty characters!!!")
    finally:
        store.close()


def test_an_upgraded_database_keeps_its_workers_and_one_becomes_administrator(
    tmp_path: Path,
) -> None:
    path = tmp_path / "v8.db"
    build_database(path, 8)
    store = Store.open(path)
    try:
        kept = store.workers.named("kept")
        assert (kept.id, kept.role, kept.team, kept.active) == (1, "worker", "", True)
        assert not store.workers.has_administrator()
        # kept holds a case, and an administrator's account opens none: refused, kept as is.
        with pytest.raises(InvalidInput, match=r"kept holds an open case.*such as kept\.admin"):
            store.workers.init_administrator("kept", None, "the administrator's own")
        admin = store.workers.init_administrator("kept.admin", "Kept Admin", "the admin's own")
        assert admin.role == "administrator"
        accounts = {a.login: a for a in store.workers.accounts(admin)}
        assert set(accounts) == {"kept", "left", "kept.admin"}
        assert accounts["kept"].role == "worker"
        left = accounts["left"]
        assert (left.role, left.has_passphrase, left.active, left.locked) == (
            "worker",
            False,
            True,
            False,
        )
        assert store.cases.caseload(admin, scope="all") == []  # an administrator reads none
        assert [row.worker_name for row in store.cases.caseload(kept)] == ["Kept Worker"]
    finally:
        store.close()


# --- administrators manage workers ---------------------------------------------------------------


def test_only_an_administrator_manages_workers(
    store: Store, admin: WorkerInfo, sam: WorkerInfo
) -> None:
    store.workers.set_role(admin, "sam.okafor", "manager")
    manager = store.workers.named("sam.okafor")
    operations: list[Callable[[], object]] = [
        lambda: store.workers.add(manager, login="new.person"),
        lambda: store.workers.set_role(manager, "ad.min", "worker"),
        lambda: store.workers.set_team(manager, "ad.min", "South"),
        lambda: store.workers.reset_passphrase(manager, "ad.min", "taken over now"),
        lambda: store.workers.deactivate(manager, "ad.min"),
        lambda: store.workers.reactivate(manager, "ad.min"),
    ]
    for operation in operations:
        with pytest.raises(NotPermitted, match=r"Only an administrator can manage workers\."):
            operation()
    # A role taken away since signing in counts at once.
    store.workers.set_role(admin, "sam.okafor", "worker")
    with pytest.raises(NotPermitted):
        store.workers.accounts(manager)


@pytest.mark.parametrize(
    ("role", "may_list"),
    [
        (Role.WORKER, False),
        (Role.SUPERVISOR, False),
        (Role.MANAGER, True),
        (Role.AUDITOR, True),
        (Role.ADMINISTRATOR, True),
    ],
)
def test_who_may_list_the_accounts(
    store: Store, admin: WorkerInfo, role: Role, may_list: bool
) -> None:
    someone = store.workers.add(admin, login="someone", role=role.value)
    if may_list:
        assert [a.login for a in store.workers.accounts(someone)] == ["ad.min", "someone"]
    else:
        with pytest.raises(NotPermitted, match="Only administrators, managers and auditors"):
            store.workers.accounts(someone)


def test_adding_a_worker(store: Store, admin: WorkerInfo) -> None:
    added = store.workers.add(
        admin, login="Priya.Nair", display_name="Priya  Nair", role="Supervisor", team="North"
    )
    assert (added.username, added.display_name, added.role, added.team) == (
        "priya.nair",
        "Priya Nair",
        "supervisor",
        "North",
    )
    state = account(store, admin, "priya.nair")
    assert (state.has_passphrase, state.active) == (False, True)
    assert events(store, admin)[-1] == (
        "worker-added",
        "ad.min",
        "login priya.nair; role supervisor; team North",
    )


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"login": "x"}, "login", "use 2 to 40 letters"),
        ({"login": "sam okafor"}, "login", "use 2 to 40 letters"),
        ({"login": "s" * 41}, "login", "use 2 to 40 letters"),
        ({"login": ""}, "login", "A login is required."),
        ({"login": "ad.min"}, "login", "A worker already has the login 'ad.min'."),
        ({"login": "AD.MIN"}, "login", "A worker already has the login 'ad.min'."),
        ({"login": "new", "role": "boss"}, "role", 'No role "boss".'),
        ({"login": "new", "display_name": "123"}, "display_name", "must contain letters"),
        ({"login": "new", "team": "t" * 61}, "team", "too long"),
        ({"login": "new", "passphrase": "short"}, "passphrase", "at least 10 characters"),
    ],
)
def test_adding_a_worker_refuses_bad_input(
    store: Store, admin: WorkerInfo, fields: dict[str, str], field: str, message: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        store.workers.add(admin, **fields)
    assert message in caught.value.errors[field]
    assert [a.login for a in store.workers.accounts(admin)] == ["ad.min"]


def test_changing_role_and_team_is_audited(
    store: Store, admin: WorkerInfo, sam: WorkerInfo
) -> None:
    assert store.workers.set_role(admin, "sam.okafor", "supervisor").role == "supervisor"
    assert store.workers.set_team(admin, "sam.okafor", "South").team == "South"
    assert store.workers.set_team(admin, "sam.okafor", "").team == ""
    assert events(store, admin)[-3:] == [
        ("role-changed", "ad.min", "login sam.okafor: worker to supervisor"),
        ("team-changed", "ad.min", "login sam.okafor: team South"),
        ("team-changed", "ad.min", "login sam.okafor: team (none)"),
    ]
    with pytest.raises(InvalidInput, match="No worker has the login 'nobody'"):
        store.workers.set_team(admin, "nobody", "South")


def test_the_only_administrator_stays_one(store: Store, admin: WorkerInfo, sam: WorkerInfo) -> None:
    with pytest.raises(InvalidInput, match=r"ad\.min is the only administrator"):
        store.workers.set_role(admin, "ad.min", "manager")
    with pytest.raises(InvalidInput, match="You can't deactivate yourself"):
        store.workers.deactivate(admin, "ad.min")
    store.workers.set_role(admin, "sam.okafor", "administrator")
    assert store.workers.set_role(admin, "ad.min", "manager").role == "manager"


def test_deactivating_and_reactivating(store: Store, admin: WorkerInfo, sam: WorkerInfo) -> None:
    assert not store.workers.deactivate(admin, "sam.okafor").active
    assert "sam.okafor" not in {w.username for w in store.workers.active()}
    with pytest.raises(InvalidInput, match="already deactivated"):
        store.workers.deactivate(admin, "sam.okafor")
    assert store.workers.reactivate(admin, "sam.okafor").active
    with pytest.raises(InvalidInput, match="already active"):
        store.workers.reactivate(admin, "sam.okafor")
    assert store.workers.sign_in("sam.okafor", PASS).active
    assert [(a, d) for a, _l, d in events(store, admin)][-3:-1] == [
        ("worker-deactivated", "login sam.okafor"),
        ("worker-reactivated", "login sam.okafor"),
    ]


def test_resetting_a_passphrase_replaces_the_old_one(
    store: Store, admin: WorkerInfo, sam: WorkerInfo
) -> None:
    with pytest.raises(InvalidInput, match="at least 10 characters"):
        store.workers.reset_passphrase(admin, "sam.okafor", "too short")
    store.workers.reset_passphrase(admin, "sam.okafor", "a brand new passphrase")
    assert refused(lambda: store.workers.sign_in("sam.okafor", PASS)).message == NOT_RECOGNISED
    at(5)
    assert store.workers.sign_in("sam.okafor", "a brand new passphrase").id == sam.id
    assert ("passphrase-reset", "ad.min", "login sam.okafor") in events(store, admin)


def test_a_login_no_one_has_waits_and_locks_as_a_real_one_does(db_path: Path) -> None:
    store = Store.open(db_path, max_failed_sign_ins=3)
    try:
        admin = store.workers.init_administrator("ad.min", None, "the administrator's own")
        store.workers.add(admin, login="sam.okafor", passphrase=PASS)
        seen: dict[str, list[tuple[str, float | None]]] = {}
        for login in ("sam.okafor", "no.one"):
            at(0)
            answers = seen[login] = []
            for seconds in (0, 0.5, 1, 1.5, 3, 100):
                at(seconds)
                problem = refused(lambda login=login: store.workers.sign_in(login, "wrong guess"))
                answers.append((problem.message, problem.retry_after))
        assert seen["no.one"] == seen["sam.okafor"]
        assert [message[:20] for message, _wait in seen["no.one"]] == [
            "Login or passphrase ",
            "Too many failed atte",
            "Login or passphrase ",
            "Too many failed atte",
            "This login is locked",
            "This login is locked",
        ]
        # Another login no one has starts afresh, whatever its case.
        assert refused(lambda: store.workers.sign_in("NO.ONE", "x")).message.startswith("This")
        assert refused(lambda: store.workers.sign_in("nobody", "x")).message == NOT_RECOGNISED
    finally:
        store.close()
