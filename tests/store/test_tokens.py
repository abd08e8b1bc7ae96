"""``store.tokens``: made by administrators, kept only as a hash, signing in as their worker
until revoked, past their last day or their worker deactivated; every use audited."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date, datetime

import pytest

from store.common import dates
from store.common.errors import InvalidInput, NotPermitted, SignInRefused
from store.common.records import WorkerInfo
from store.core.models import AuditEvent, WorkerToken
from store.service import Store
from tests.conftest import FROZEN_NOW

BOSS = "the boss's passphrase"


@pytest.fixture
def boss(store: Store) -> WorkerInfo:
    return store.workers.init_administrator("boss", None, BOSS)


def trail(store: Store) -> list[tuple[str, str, str, int | None, str]]:
    with store.database.reading():
        return [
            (e.action, e.login, e.record_kind, e.record_id, e.detail)
            for e in AuditEvent.select().order_by(AuditEvent.id)
            if e.action != "administrator-created"
        ]


def test_a_token_is_kept_only_as_its_hash_and_signs_in_as_its_worker(
    store: Store, boss: WorkerInfo, me: WorkerInfo
) -> None:
    made = store.tokens.create(boss, "SAM.OKAFOR", label=" nightly  export ", origin="ssh 1.2.3.4")
    assert made.token.startswith("cl_") and len(made.token) >= 3 + 43
    assert made.info.login == "sam.okafor" and made.info.label == "nightly export"
    assert made.info.status(dates.today()) == "active"
    with store.database.reading():
        [row] = WorkerToken.select()
    assert row.token_hash == hashlib.sha256(made.token.encode()).hexdigest()
    conn = sqlite3.connect(store.path)
    try:
        dumped = "\n".join(conn.iterdump())
    finally:
        conn.close()
    assert made.token not in dumped and made.token[3:20] not in dumped

    assert store.tokens.sign_in(f"  {made.token}\n", origin="local") == me
    [listed] = store.tokens.tokens(boss, "sam.okafor")
    assert listed.last_used_at == FROZEN_NOW  # London is on UTC in November
    assert trail(store) == [
        ("token-created", "boss", "worker_token", 1, "login sam.okafor; nightly export"),
        ("sign-in", "sam.okafor", "worker_token", 1, "token"),
    ]
    assert store.tokens.check(made.token) == me  # reading only: nothing more recorded
    assert len(trail(store)) == 2


def test_two_tokens_are_never_alike(store: Store, boss: WorkerInfo, me: WorkerInfo) -> None:
    tokens = {store.tokens.create(boss, "sam.okafor").token for _ in range(5)}
    assert len(tokens) == 5


def test_revoked_expired_and_deactivated_are_refused_and_audited(
    store: Store, boss: WorkerInfo, me: WorkerInfo, other: WorkerInfo
) -> None:
    revoked = store.tokens.create(boss, "sam.okafor").token
    store.tokens.revoke(boss, 1)
    expiring = store.tokens.create(boss, "sam.okafor", expires="30/11/2026").token
    left = store.tokens.create(boss, "priya.nair").token
    store.workers.deactivate(boss, "priya.nair")
    with pytest.raises(SignInRefused, match="revoked on 23 Nov 2026"):
        store.tokens.sign_in(revoked)
    assert store.tokens.sign_in(expiring) == me  # its last day still works
    with pytest.raises(SignInRefused, match=r"signs in as sam\.okafor, not priya\.nair"):
        store.tokens.sign_in(expiring, login="priya.nair")
    dates.freeze(datetime(2026, 12, 1, 9, 0))
    with pytest.raises(SignInRefused, match="its last day was 30 Nov 2026"):
        store.tokens.sign_in(expiring)
    with pytest.raises(SignInRefused, match="deactivated"):
        store.tokens.sign_in(left)
    with pytest.raises(SignInRefused, match="not recognised"):
        store.tokens.sign_in("cl_guess")
    with pytest.raises(SignInRefused, match="revoked"):
        store.tokens.check(revoked)
    failed = [(login, detail) for action, login, _k, _i, detail in trail(store) if "fail" in action]
    assert failed == [
        ("sam.okafor", "token: revoked"),
        ("sam.okafor", "token: given as priya.nair's"),
        ("sam.okafor", "token: expired"),
        ("priya.nair", "token: login deactivated"),
        ("", "token: not recognised"),
    ]
    assert [t.status(dates.today()) for t in store.tokens.tokens(boss)] == [
        "revoked",
        "expired",
        "active",
    ]


def test_only_an_active_administrator_manages_tokens(
    store: Store, boss: WorkerInfo, me: WorkerInfo
) -> None:
    store.tokens.create(boss, "sam.okafor")
    for attempt in (
        lambda: store.tokens.create(me, "sam.okafor"),
        lambda: store.tokens.tokens(me),
        lambda: store.tokens.revoke(me, 1),
    ):
        with pytest.raises(NotPermitted, match="Only an administrator"):
            attempt()
    assert [t.revoked_at for t in store.tokens.tokens(boss)] == [None]


def test_what_an_administrator_gives_is_checked(
    store: Store, boss: WorkerInfo, me: WorkerInfo
) -> None:
    with pytest.raises(InvalidInput, match="No worker has the login 'nobody'"):
        store.tokens.create(boss, "nobody")
    with pytest.raises(InvalidInput, match="has passed"):
        store.tokens.create(boss, "sam.okafor", expires=date(2026, 11, 22))
    with pytest.raises(InvalidInput, match="at most 80"):
        store.tokens.create(boss, "sam.okafor", label="x" * 81)
    store.workers.ensure("gone")
    store.workers.deactivate(boss, "gone")
    with pytest.raises(InvalidInput, match="gone is deactivated"):
        store.tokens.create(boss, "gone")
    with pytest.raises(InvalidInput, match="No token has the number 3"):
        store.tokens.revoke(boss, 3)
    assert store.tokens.tokens(boss) == []
    assert store.tokens.create(boss, "sam.okafor", expires="23/11/2026").info.expires_on == (
        date(2026, 11, 23)
    )


def test_the_database_keeps_tokens_as_they_were_made(
    store: Store, boss: WorkerInfo, me: WorkerInfo
) -> None:
    store.tokens.create(boss, "sam.okafor")
    store.tokens.revoke(boss, 1)
    conn = sqlite3.connect(store.path)
    try:
        for sql in (
            "UPDATE worker_token SET token_hash = 'mine' WHERE id = 1",
            "UPDATE worker_token SET worker_id = 1 WHERE id = 1",
            "UPDATE worker_token SET revoked_at = NULL WHERE id = 1",
            "DELETE FROM worker_token WHERE id = 1",
        ):
            with pytest.raises(sqlite3.IntegrityError, match="a token is kept once made"):
                conn.execute(sql)
        conn.execute("UPDATE worker_token SET label = 'relabelled' WHERE id = 1")  # allowed
        conn.rollback()
    finally:
        conn.close()
