"""The audit trail: kept as written by the database itself, read by the roles that may, and
where each event came from."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from store.audit.service import origin_here
from store.cases.records import CaseDetail
from store.common import dates
from store.common.errors import NotPermitted
from store.common.records import Role, WorkerInfo
from store.service import Store
from tests.conftest import FROZEN_NOW
from tests.postgres_cluster import Outside

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends


@pytest.fixture
def admin(store: Store) -> WorkerInfo:
    return store.workers.init_administrator("ad.min", None, "the administrator's own")


@pytest.fixture
def auditor(store: Store, admin: WorkerInfo) -> WorkerInfo:
    return store.workers.add(admin, login="audrey", role="auditor")


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE audit_event SET detail = 'forged'",
        "UPDATE audit_event SET worker_id = NULL",
        "DELETE FROM audit_event",
    ],
)
def test_the_database_refuses_to_change_or_delete_the_trail(
    store: Store, admin: WorkerInfo, outside: Outside, sql: str
) -> None:
    store.audit.record(admin, "case-opened", detail="read the file")
    with pytest.raises(outside.refused, match="the audit trail is kept as written"):
        outside.execute(sql)
    assert outside.execute("SELECT COUNT(*) FROM audit_event") == [(2,)]
    # Adding to it is what it is for.
    outside.execute("INSERT INTO audit_event (at, login, action) VALUES ('2026-01-01', 'x', 'y')")


@pytest.mark.parametrize(
    ("role", "may_read"),
    [
        (Role.WORKER, False),
        (Role.SUPERVISOR, True),
        (Role.MANAGER, True),
        (Role.AUDITOR, True),
        (Role.ADMINISTRATOR, True),
    ],
)
def test_who_may_read_the_trail(
    store: Store, admin: WorkerInfo, role: Role, may_read: bool
) -> None:
    reader = store.workers.add(admin, login="reader", role=role.value)
    if may_read:
        assert [e.action for e in store.audit.events(reader)] == [
            "worker-added",
            "administrator-created",
        ]
    else:
        with pytest.raises(NotPermitted, match="Only supervisors, managers, auditors and"):
            store.audit.events(reader)


def test_a_deactivated_reader_or_a_stranger_reads_nothing(
    store: Store, admin: WorkerInfo, auditor: WorkerInfo
) -> None:
    store.workers.deactivate(admin, "audrey")
    with pytest.raises(NotPermitted):
        store.audit.events(auditor)
    with pytest.raises(NotPermitted):
        store.audit.events(WorkerInfo(id=0, username="who", display_name="Who", role="auditor"))


def test_events_are_filtered_by_case_login_and_time_newest_first(
    store: Store,
    admin: WorkerInfo,
    auditor: WorkerInfo,
    make_case: Callable[..., CaseDetail],
) -> None:
    case = make_case(client_name="Dana Reyes")
    for minutes, login in ((1, "ad.min"), (2, "audrey"), (3, "ad.min")):
        dates.freeze(FROZEN_NOW + timedelta(minutes=minutes))
        actor = auditor if login == "audrey" else admin
        store.audit.record(
            actor, "case-opened", case_id=case.id, record_kind="case", record_id=case.id
        )
    opened = [e for e in store.audit.events(auditor, case_id=case.id) if e.action == "case-opened"]
    assert [(e.login, e.case_ref, e.record_id) for e in opened] == [
        ("ad.min", case.ref, case.id),
        ("audrey", case.ref, case.id),
        ("ad.min", case.ref, case.id),
    ]
    assert [e.at.minute for e in opened] == [3, 2, 1]
    assert [e.action for e in store.audit.events(auditor, login="AUDREY")] == ["case-opened"]
    since = (FROZEN_NOW + timedelta(minutes=2)).astimezone(UTC)  # aware: compared as UTC
    assert [e.at.minute for e in store.audit.events(auditor, since=since)] == [3, 2]
    assert len(store.audit.events(auditor, limit=2)) == 2


def test_recorded_text_is_cleaned_and_a_stranger_is_kept_by_login(
    store: Store, admin: WorkerInfo
) -> None:
    store.audit.record(
        None, "sign-in-failed", login="evil\x1b[2Jname", detail="line one\nline two\x07"
    )
    [entry] = store.audit.events(admin)[:1]
    assert (entry.worker_id, entry.worker_name, entry.login, entry.detail) == (
        None,
        "",
        "evilname",
        "line one line two",
    )
    store.audit.record(admin, "export", detail="x" * 2000)
    assert len(store.audit.events(admin)[0].detail) == 500


def test_origin_over_ssh_is_the_clients_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.5 52100 10.0.0.1 22")
    assert origin_here() == "ssh 10.0.0.5"
    monkeypatch.delenv("SSH_CONNECTION")
    monkeypatch.setenv("SSH_CLIENT", "192.0.2.7 52100 22")
    assert origin_here() == "ssh 192.0.2.7"


def test_origin_without_ssh_is_the_terminal_or_local(monkeypatch: pytest.MonkeyPatch) -> None:
    import os
    import sys

    monkeypatch.delenv("SSH_CONNECTION", raising=False)
    monkeypatch.delenv("SSH_CLIENT", raising=False)

    class Terminal:
        def isatty(self) -> bool:
            return True

        def fileno(self) -> int:
            return 0

    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(os, "ttyname", lambda fd: "/dev/pts/3" if fd == 0 else "")
    assert origin_here() == "/dev/pts/3"
    monkeypatch.setattr(sys, "stdin", open(os.devnull))  # noqa: SIM115
    try:
        assert origin_here() == "local"
    finally:
        sys.stdin.close()


def test_a_demo_database_is_marked(db_path: Path, tmp_path: Path) -> None:
    from store.demo.generator import generate

    plain = Store.open(tmp_path / "plain.db")
    demo = Store.open(db_path)
    try:
        generate(demo, me="sam.okafor", cases=2, notes_per_case=1, workers=2, seed=1)
        assert (plain.is_demo(), demo.is_demo()) == (False, True)
    finally:
        plain.close()
        demo.close()


def test_naive_times_are_utc(store: Store, admin: WorkerInfo) -> None:
    [entry] = store.audit.events(admin)
    assert entry.at == datetime(2026, 11, 23, 10, 0)  # 10:00 in London in November is UTC
