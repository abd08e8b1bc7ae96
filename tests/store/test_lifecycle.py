"""A case's life: allocating a referral, transfer, closure and reopening, each with its
chronology entry and its history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from store.cases.records import CaseDetail
from store.chronology.records import ChronologyItem
from store.common.errors import Conflict, InvalidInput, NotFound
from store.common.records import CaseStatus, WorkerInfo
from store.common.settings import CLOSURE_REASONS
from store.common.textsafe import fold
from store.core.models import Case, ChronologyEntry, Client
from store.service import Store
from tests.conftest import FROZEN_NOW
from tests.postgres_cluster import Outside

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

TODAY = FROZEN_NOW.date()  # Monday 23 November 2026
MakeCase = Callable[..., CaseDetail]


@pytest.fixture
def case(make_case: MakeCase) -> CaseDetail:
    return make_case(client_name="Dana Reyes", allocated_on="1/6/2026")


def chronology(store: Store, me: WorkerInfo, case_id: int) -> list[ChronologyItem]:
    return store.chronology.entries(me, case_id)


def errors(exc: pytest.ExceptionInfo[InvalidInput]) -> dict[str, str]:
    return exc.value.errors


# --- transfer ----------------------------------------------------------------------------


def test_a_transfer_starts_a_new_allocation_and_says_so_in_the_chronology(
    store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail, db_path: Path
) -> None:
    store.chronology.add(
        me,
        case.id,
        {"occurred_on": "3/9/2026", "category": "health", "title": "GP review"},
    )
    moved = store.cases.transfer(
        me,
        case.id,
        {"worker": "priya.nair", "on": "1/10/2026", "reason": "Sam is moving team"},
        version=case.version,
    )
    assert (moved.worker_name, moved.allocated_on) == ("Priya Nair", date(2026, 10, 1))
    assert moved.version == case.version + 1
    assert [(a.worker_name, a.allocated_on, a.ended_on) for a in moved.allocations] == [
        ("Sam Okafor", date(2026, 6, 1), date(2026, 10, 1)),
        ("Priya Nair", date(2026, 10, 1), None),
    ]
    items = chronology(store, other, case.id)
    assert [(i.title, i.source_kind, i.before_current_allocation) for i in items] == [
        ("Case allocated to Sam Okafor", "allocation", True),
        ("GP review", "manual", True),
        ("Case transferred from Sam Okafor to Priya Nair", "transfer", False),
    ]
    transfer = items[-1]
    assert transfer.details == "Reason: Sam is moving team"
    assert transfer.category == "allocation"
    # The entry links to the allocation it started.
    with Outside.of(store) as conn:
        (alloc_id,) = conn.execute(
            "SELECT id FROM allocation WHERE case_id = ? AND ended_on IS NULL", (case.id,)
        ).fetchone()
    assert transfer.source_id == alloc_id
    # The caseloads follow.
    assert case.id not in {r.id for r in store.cases.caseload(me)}
    assert case.id in {r.id for r in store.cases.caseload(other)}
    # The old worker and date are in the case's history.
    history = {
        c.field: (c.old_value, c.new_value) for c in store.case_file.history(me, "case", case.id)
    }
    assert history["worker"] == ("Sam Okafor", "Priya Nair")
    assert history["allocated_on"] == ("2026-06-01", "2026-10-01")


def test_a_transfer_defaults_to_today(
    store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail
) -> None:
    moved = store.cases.transfer(
        me, case.id, {"worker": "priya.nair", "reason": "Caseload balance"}, version=case.version
    )
    assert moved.allocated_on == TODAY
    assert chronology(store, me, case.id)[-1].occurred_on == TODAY


@pytest.mark.parametrize(
    ("form", "field", "fragment"),
    [
        ({"worker": "", "reason": "x"}, "worker", "Choose the worker"),
        ({"worker": "nobody", "reason": "x"}, "worker", "No worker 'nobody'"),
        ({"worker": "sam.okafor", "reason": "x"}, "worker", "already held by Sam Okafor"),
        ({"worker": "priya.nair"}, "reason", "Say why the case is being transferred"),
        ({"worker": "priya.nair", "reason": "   "}, "reason", "Say why"),
        ({"worker": "priya.nair", "reason": "x" * 501}, "reason", "too long"),
        ({"worker": "priya.nair", "reason": "x", "on": "31/5/2026"}, "on", "01 Jun 2026"),
        ({"worker": "priya.nair", "reason": "x", "on": "tomorrow"}, "on", "future"),
        ({"worker": "priya.nair", "reason": "x", "on": "31/02/2026"}, "on", "no 31 February"),
    ],
)
def test_bad_transfers_are_refused_by_field(
    store: Store,
    me: WorkerInfo,
    other: WorkerInfo,
    case: CaseDetail,
    form: dict[str, Any],
    field: str,
    fragment: str,
) -> None:
    before = chronology(store, me, case.id)
    with pytest.raises(InvalidInput) as exc:
        store.cases.transfer(me, case.id, form, version=case.version)
    assert fragment in errors(exc)[field]
    assert chronology(store, me, case.id) == before
    assert store.cases.get(me, case.id) == case


def test_a_transfer_reports_every_problem_at_once(
    store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail
) -> None:
    with pytest.raises(InvalidInput) as exc:
        store.cases.transfer(me, case.id, {"worker": "", "on": "someday"}, version=case.version)
    assert set(errors(exc)) == {"worker", "on", "reason"}


def test_a_stale_version_or_a_missing_case_is_refused(
    store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail
) -> None:
    form = {"worker": "priya.nair", "reason": "Leave"}
    store.cases.transfer(me, case.id, form, version=case.version)
    with pytest.raises(Conflict):
        store.cases.transfer(me, case.id, {**form, "worker": "sam.okafor"}, version=case.version)
    with pytest.raises(NotFound):
        store.cases.transfer(me, 9999, form, version=1)


def test_allocating_a_referral_opens_it(store: Store, me: WorkerInfo, other: WorkerInfo) -> None:
    with store.database.writing():
        client = Client.create(name="Ren Ito", name_key=fold("Ren Ito"))
        referral = Case.create(
            ref="REF-1", client=client, status="referral", opened_on=date(2026, 11, 2)
        )
        ChronologyEntry.create(
            case=referral,
            occurred_on=date(2026, 11, 2),
            category="referral",
            title="Referral received",
            source_kind="status",
        )
    with pytest.raises(InvalidInput) as exc:
        store.cases.transfer(
            me, referral.id, {"worker": "priya.nair", "on": "1/11/2026"}, version=1
        )
    assert "before the referral (02 Nov 2026)" in errors(exc)["on"]
    opened = store.cases.transfer(
        me, referral.id, {"worker": "priya.nair", "on": "5/11/2026"}, version=1
    )
    assert opened.status is CaseStatus.OPEN
    assert (opened.worker_name, opened.allocated_on) == ("Priya Nair", date(2026, 11, 5))
    items = chronology(store, other, referral.id)
    assert [(i.title, i.source_kind, i.before_current_allocation) for i in items] == [
        ("Referral received", "status", True),
        ("Case allocated to Priya Nair", "allocation", False),
        ("Case opened", "status", False),
    ]
    assert referral.id in {r.id for r in store.cases.caseload(other)}


# --- closure and reopening ---------------------------------------------------------------


def test_closing_records_the_reason_and_moves_the_case_to_the_closed_list(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    closed = store.cases.close(
        me,
        case.id,
        {
            "closed_on": "20/11/2026",
            "reason": "Work completed",
            "closing_summary": "Housing secured; **rent** is up to date.",
            "open_items_reason": "The checklist was not used",
        },
        version=case.version,
    )
    assert closed.status is CaseStatus.CLOSED
    assert (closed.closed_on, closed.closure_reason) == (date(2026, 11, 20), "work completed")
    # Still the worker's case, on their closed list.
    assert closed.worker_name == "Sam Okafor"
    assert case.id not in {r.id for r in store.cases.caseload(me)}
    assert case.id in {r.id for r in store.cases.caseload(me, closed=True)}
    last = chronology(store, me, case.id)[-1]
    assert (last.title, last.category, last.source_kind, last.occurred_on) == (
        "Case closed",
        "status",
        "status",
        date(2026, 11, 20),
    )
    assert last.details.startswith("Reason: work completed.\n\nClosure checklist: 0 done")
    assert last.details.endswith(
        "Closed with items open because: The checklist was not used\n\n"
        "Housing secured; **rent** is up to date."
    )
    assert not last.before_current_allocation
    history = {c.field: c.new_value for c in store.case_file.history(me, "case", case.id)}
    assert history["status"] == "closed"
    assert history["closure_reason"] == "work completed"
    # A closed case's chronology takes no new entries.
    with pytest.raises(InvalidInput):
        store.chronology.add(
            me, case.id, {"occurred_on": "21/11/2026", "category": "other", "title": "x"}
        )


@pytest.mark.parametrize(
    ("form", "field", "fragment"),
    [
        ({"reason": ""}, "reason", "Say why the case is closing"),
        ({"reason": "bored"}, "reason", "Choose one of: work completed"),
        ({"reason": "other", "closed_on": "31/5/2026"}, "closed_on", "allocated (01 Jun 2026)"),
        ({"reason": "other", "closed_on": "+1d"}, "closed_on", "future"),
        ({"reason": "other", "closing_summary": "x" * 20_001}, "closing_summary", "too long"),
    ],
)
def test_bad_closures_are_refused(
    store: Store, me: WorkerInfo, case: CaseDetail, form: dict[str, Any], field: str, fragment: str
) -> None:
    with pytest.raises(InvalidInput) as exc:
        store.cases.close(me, case.id, form, version=case.version)
    assert fragment in errors(exc)[field]
    assert store.cases.get(me, case.id).status is CaseStatus.OPEN


def test_closure_reasons_are_configurable(store: Store, me: WorkerInfo, case: CaseDetail) -> None:
    with pytest.raises(InvalidInput):
        store.cases.close(me, case.id, {"reason": "work completed"}, version=1, reasons=("moved",))
    closed = store.cases.close(
        me,
        case.id,
        {"reason": "MOVED", "open_items_reason": "Closed before the checklist"},
        version=1,
        reasons=("moved",),
    )
    assert closed.closure_reason == "moved"
    assert "other" in CLOSURE_REASONS


def test_reopening_brings_the_case_back_and_keeps_the_closure_on_record(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    closed = store.cases.close(
        me,
        case.id,
        {
            "closed_on": "10/11/2026",
            "reason": "no further action",
            "open_items_reason": "Closed before the checklist",
        },
        version=1,
    )
    with pytest.raises(InvalidInput) as exc:
        store.cases.close(me, case.id, {"reason": "other"}, version=closed.version)
    assert "already closed" in errors(exc)["form"]
    with pytest.raises(InvalidInput) as exc:
        store.cases.transfer(
            me, case.id, {"worker": "priya.nair", "reason": "x"}, version=closed.version
        )
    assert "reopen it" in errors(exc)["form"]
    with pytest.raises(InvalidInput) as exc:
        store.cases.reopen(
            me, case.id, {"reopened_on": "9/11/2026", "reason": "x"}, version=closed.version
        )
    assert "before it closed (10 Nov 2026)" in errors(exc)["reopened_on"]
    with pytest.raises(InvalidInput) as exc:
        store.cases.reopen(me, case.id, {"reason": ""}, version=closed.version)
    assert "Say why" in errors(exc)["reason"]
    reopened = store.cases.reopen(
        me,
        case.id,
        {"reopened_on": "20/11/2026", "reason": "New referral from the school"},
        version=closed.version,
    )
    assert reopened.status is CaseStatus.OPEN
    assert (reopened.closed_on, reopened.closure_reason) == (None, "")
    assert case.id in {r.id for r in store.cases.caseload(me)}
    assert [i.title for i in chronology(store, me, case.id)] == [
        "Case allocated to Sam Okafor",
        "Case closed",
        "Case reopened",
    ]
    assert chronology(store, me, case.id)[-1].details == "Reason: New referral from the school"
    old = {
        c.field: c.old_value
        for c in store.case_file.history(me, "case", case.id)
        if c.new_value in (None, "", "open")
    }
    assert old["closed_on"] == "2026-11-10" and old["closure_reason"] == "no further action"
    with pytest.raises(InvalidInput) as exc:
        store.cases.reopen(me, case.id, {"reason": "x"}, version=reopened.version)
    assert "not closed" in errors(exc)["form"]


def test_case_changes_appear_in_the_case_history(
    store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail
) -> None:
    moved = store.cases.transfer(
        me, case.id, {"worker": "priya.nair", "reason": "Leave"}, version=case.version
    )
    labels = {(label, c.field) for label, c in store.case_file.case_history(me, case.id)}
    assert ("Case", "worker") in labels and ("Case", "allocated_on") in labels
    entry = store.chronology.add(
        other, case.id, {"occurred_on": "today", "category": "other", "title": "Old title"}
    )
    store.chronology.update(other, entry.id, {"title": "New title"}, version=entry.version)
    labels = {(label, c.field) for label, c in store.case_file.case_history(me, moved.id)}
    assert ("Chronology: New title", "title") in labels


def test_closing_and_reopening_report_every_problem_at_once(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    with pytest.raises(InvalidInput) as exc:
        store.cases.close(me, case.id, {"closed_on": "1/1/2000", "reason": ""}, version=1)
    assert errors(exc) == {
        "closed_on": "A case can't close before it was allocated (01 Jun 2026).",
        "reason": "Say why the case is closing.",
        "open_items_reason": (
            "6 items of the closure checklist are still open: say why the case is closing "
            "with them open."
        ),
    }
    closed = store.cases.close(
        me,
        case.id,
        {
            "closed_on": "10/11/2026",
            "reason": "other",
            "open_items_reason": "Closed before the checklist",
        },
        version=1,
    )
    with pytest.raises(InvalidInput) as exc:
        store.cases.reopen(me, case.id, {"reopened_on": "1/11/2026"}, version=closed.version)
    assert set(errors(exc)) == {"reopened_on", "reason"}
    assert "before it closed (10 Nov 2026)" in errors(exc)["reopened_on"]
