"""store.watch(): another connection's commit is a change; this process's own are not, even
when one of ours comes after another's before anyone looked."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from store.cases.records import CaseDetail
from store.service import Store
from tests.postgres_cluster import Outside

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends


def someone_else_writes(outside: Outside, key: str) -> None:
    outside.execute(f"INSERT INTO caseline_meta (key, value) VALUES ('{key}', '1')")


def test_own_commits_do_not_count_and_anothers_always_does(
    store: Store, outside: Outside, make_case: Callable[..., CaseDetail]
) -> None:
    watch = store.watch()
    try:
        assert not watch.changed()
        make_case()
        assert not watch.changed()  # ours
        someone_else_writes(outside, "first")
        assert watch.changed()
        assert not watch.changed()  # seen
        someone_else_writes(outside, "second")
        make_case()  # ours, after theirs, before anyone looked
        assert watch.changed()
        assert not watch.changed()
    finally:
        store.unwatch(watch)
    assert watch not in store.database.watches


def test_data_version_moves_with_every_commit_but_a_readings_audit(
    store: Store, outside: Outside, make_case: Callable[..., CaseDetail]
) -> None:
    before = store.data_version()
    assert store.data_version() == before  # nothing committed: the same number
    case = make_case()
    ours = store.data_version()
    assert ours != before  # our own commit counts here, unlike in a watch
    me = store.workers.ensure("sam.okafor")
    store.cases.caseload(me, scope="all", closed=False)  # a read is no change
    store.case_file.view(me, case.id, opening=True)  # nor is its audit
    assert store.data_version() == ours
    assert store.audit.events(me, case_id=case.id)[0].action == "case-file-opened"
    ours = store.data_version()  # (reading the audit trail is audited in it as a change)
    store.case_file.add_contact(me, case.client_id, {"name": "Grace Bello"})
    mine = store.data_version()
    assert mine != ours
    someone_else_writes(outside, "theirs")
    assert store.data_version() != mine  # theirs counts as well
    generation = store._generation
    store.close()  # stops counting, and closes its connection
    assert generation not in store.database.watches and store._generation is None
