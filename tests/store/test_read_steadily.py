"""A command that reads (an export, a list) sees the database at one moment however many
store calls it makes: one transaction holds the whole read, so a colleague's commit part-way is
not seen (SQLite's WAL snapshot; PostgreSQL's REPEATABLE READ)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from store.cases.records import CaseDetail
from store.common.records import WorkerInfo
from store.service import Store

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends


def test_a_read_sees_one_moment_however_many_calls_it_makes(
    store: Store, me: WorkerInfo, make_case: Callable[..., CaseDetail]
) -> None:
    make_case(client_name="Ada Byron")
    colleague: list[CaseDetail] = []

    def names(reader: Store) -> list[str]:
        return [row.client_name for row in reader.cases.caseload(me, scope="all")]

    def read(reader: Store) -> tuple[list[str], list[str]]:
        first = names(reader)
        if not colleague:  # a colleague opens a case between the two calls, once
            colleague.append(make_case(client_name="Bo Colleague"))
        return first, names(reader)

    first, second = Store.read_steadily(store.location, read)
    assert colleague and first == second
    assert "Ada Byron" in first
