"""Transferring several cases at once (a selection, or a leaving worker's caseload): all or
nothing, each case as a transfer of one; the leaving worker's drafts listed for the receiver."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from store.cases.records import CaseDetail
from store.common.errors import Conflict, InvalidInput, NotFound, NotPermitted
from store.common.records import WorkerInfo
from store.core.models import Allocation, AuditEvent, Case, ChronologyEntry, Note
from store.service import Store

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

MakeCase = Callable[..., CaseDetail]
MOVE = {"worker": "priya.nair", "on": "1/10/2026", "reason": "Sam is leaving"}


@pytest.fixture
def three(make_case: MakeCase) -> list[CaseDetail]:
    return [
        make_case(client_name=name, allocated_on="1/6/2026")
        for name in ("Dana Reyes", "Eli Moss", "Fay Ward")
    ]


def versions(cases: list[CaseDetail]) -> dict[int, int]:
    return {c.id: c.version for c in cases}


def snapshot(store: Store) -> tuple[int, ...]:
    """How many rows a transfer adds to: allocations, chronology, audit; and the cases' versions."""
    with store.database.reading():
        return (
            Allocation.select().count(),
            ChronologyEntry.select().count(),
            AuditEvent.select().where(AuditEvent.action == "case-transferred").count(),
            *(v for (v,) in Case.select(Case.version).order_by(Case.id).tuples()),
        )


def test_each_case_gets_what_a_transfer_of_one_gives(
    store: Store, me: WorkerInfo, other: WorkerInfo, three: list[CaseDetail]
) -> None:
    done = store.cases.transfer_many(me, versions(three), MOVE)
    assert done.worker_name == "Priya Nair"
    assert sorted(done.refs) == sorted(c.ref for c in three)
    for case in three:
        detail = store.cases.get(me, case.id)
        assert detail.worker_name == "Priya Nair"
        assert detail.version == case.version + 1
        assert [(a.worker_name, a.ended_on is None) for a in detail.allocations] == [
            ("Sam Okafor", False),
            ("Priya Nair", True),
        ]
        titles = [e.title for e in store.chronology.entries(me, case.id)]
        assert titles[-1] == "Case transferred from Sam Okafor to Priya Nair"
    with store.database.reading():
        audited = {
            e.case_id: e.detail
            for e in AuditEvent.select().where(AuditEvent.action == "case-transferred")
        }
    assert audited == {c.id: "Case transferred from Sam Okafor to Priya Nair" for c in three}


def test_a_failure_on_the_last_case_undoes_the_ones_before(
    store: Store,
    me: WorkerInfo,
    other: WorkerInfo,
    three: list[CaseDetail],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import store.cases.bulk as bulk

    calls: list[int] = []

    def fails_third(actor: WorkerInfo, case: Any, *args: Any) -> str:
        calls.append(case.id)
        if len(calls) == 3:
            raise InvalidInput({"form": "disk full"})
        return bulk_transfer_case(actor, case, *args)

    bulk_transfer_case = bulk.transfer_case
    monkeypatch.setattr(bulk, "transfer_case", fails_third)
    before = snapshot(store)
    with pytest.raises(InvalidInput):
        store.cases.transfer_many(me, versions(three), MOVE)
    assert len(calls) == 3
    assert snapshot(store) == before


def test_one_closed_case_stops_them_all_and_is_named(
    store: Store, me: WorkerInfo, other: WorkerInfo, three: list[CaseDetail]
) -> None:
    closed = store.cases.close(
        me,
        three[1].id,
        {"closed_on": "today", "reason": "work completed", "open_items_reason": "moved"},
        version=three[1].version,
    )
    chosen = {**versions(three), closed.id: closed.version}
    before = snapshot(store)
    with pytest.raises(InvalidInput) as refused:
        store.cases.transfer_many(me, chosen, MOVE)
    assert refused.value.errors["form"].startswith(f"Case {three[1].ref} is closed")
    assert "Nothing was transferred" in refused.value.errors["form"]
    assert snapshot(store) == before


def test_a_case_the_receiver_holds_already_is_named(
    store: Store, me: WorkerInfo, other: WorkerInfo, three: list[CaseDetail], make_case: MakeCase
) -> None:
    theirs = make_case(worker="priya.nair")
    before = snapshot(store)
    with pytest.raises(InvalidInput) as refused:
        store.cases.transfer_many(me, {**versions(three), theirs.id: theirs.version}, MOVE)
    assert refused.value.errors["worker"].startswith(f"Priya Nair already holds {theirs.ref}")
    assert snapshot(store) == before


def test_a_case_the_actor_may_not_manage_refuses_the_whole_transfer(
    store: Store, me: WorkerInfo, three: list[CaseDetail]
) -> None:
    # A worker (not a manager) manages only their own cases.
    wes = store.workers.ensure("wes.worker", role="worker", team="North")
    store.workers.ensure("priya.nair", role="worker", team="North")
    own = store.cases.create(wes, {"client_name": "Gil Hart", "allocated_on": "1/6/2026"})
    before = snapshot(store)
    with pytest.raises(NotPermitted) as refused:
        store.cases.transfer_many(wes, {own.id: own.version, three[0].id: three[0].version}, MOVE)
    assert three[0].ref in refused.value.message
    assert own.ref not in refused.value.message
    assert snapshot(store) == before
    with store.database.reading():
        refusals = [
            e.case_id for e in AuditEvent.select().where(AuditEvent.action == "access-refused")
        ]
    assert refusals == [three[0].id]


def test_a_case_changed_since_it_was_chosen_is_a_conflict_naming_it(
    store: Store, me: WorkerInfo, other: WorkerInfo, three: list[CaseDetail]
) -> None:
    with store.database.writing():
        Case.update(version=Case.version + 1).where(Case.id == three[2].id).execute()
    before = snapshot(store)
    with pytest.raises(Conflict, match=f"Case {three[2].ref} changed since you chose it"):
        store.cases.transfer_many(me, versions(three), MOVE)
    assert snapshot(store) == before


def test_a_day_before_a_current_allocation_names_the_case(
    store: Store, me: WorkerInfo, other: WorkerInfo, make_case: MakeCase
) -> None:
    early = make_case(allocated_on="1/6/2026")
    late = make_case(allocated_on="1/11/2026")
    with pytest.raises(InvalidInput) as refused:
        store.cases.transfer_many(me, versions([early, late]), MOVE)
    assert refused.value.errors["on"].startswith(f"Case {late.ref} was allocated after that day")


def test_a_reason_and_some_cases_are_needed(
    store: Store, me: WorkerInfo, other: WorkerInfo, three: list[CaseDetail]
) -> None:
    with pytest.raises(InvalidInput) as no_reason:
        store.cases.transfer_many(me, versions(three), {**MOVE, "reason": ""})
    assert "reason" in no_reason.value.errors
    with pytest.raises(InvalidInput) as none:
        store.cases.transfer_many(me, {}, MOVE)
    assert none.value.errors == {"form": "Choose the cases to transfer."}
    with pytest.raises(NotFound):
        store.cases.transfer_many(me, {9999: 1}, MOVE)


def test_the_preview_gives_versions_refusals_and_whose_drafts_are_on_the_cases(
    store: Store, me: WorkerInfo, other: WorkerInfo, three: list[CaseDetail]
) -> None:
    store.notes.save_draft(me, three[0].id, {"body": "Half a visit"})
    store.notes.save_draft(me, three[1].id, {"body": "Half a call"})
    store.notes.save_draft(other, three[1].id, {"body": "Priya's thought"})
    preview = store.cases.transfer_preview(me, [c.id for c in three])
    assert preview.versions == versions(three)
    assert preview.refused == ()
    assert [(d.author_name, d.count) for d in preview.drafts] == [
        ("Sam Okafor", 2),
        ("Priya Nair", 1),
    ]
    wes = store.workers.ensure("wes.worker", role="worker", team="North")
    refused = store.cases.transfer_preview(wes, [three[0].id])
    assert refused.cases == ()
    assert three[0].ref in refused.refused[0]


def test_a_leaving_workers_open_caseload(
    store: Store, me: WorkerInfo, other: WorkerInfo, three: list[CaseDetail]
) -> None:
    store.cases.close(
        me,
        three[0].id,
        {"closed_on": "today", "reason": "work completed", "open_items_reason": "moved"},
        version=three[0].version,
    )
    assert store.cases.open_cases_of(other, me.id) == [c.id for c in three[1:]]
    assert store.cases.open_cases_of(other, other.id) == []


# --- the leaving worker's drafts, listed for the receiver --------------------------------


def test_the_receiver_is_shown_the_previous_workers_draft_and_not_their_own(
    store: Store, me: WorkerInfo, other: WorkerInfo, three: list[CaseDetail]
) -> None:
    left = store.notes.save_draft(
        me, three[0].id, {"body": "Visited; Dana said\nmore to follow", "note_type": "home visit"}
    )
    store.cases.transfer_many(me, versions(three[:1]), MOVE)
    own = store.notes.save_draft(other, three[0].id, {"body": "Priya's own draft"})
    listed = store.notes.drafts_left(other)
    assert [(d.id, d.case_ref, d.author_name, d.first_line) for d in listed] == [
        (left, three[0].ref, "Sam Okafor", "Visited; Dana said")
    ]
    assert listed[0].state == {}
    assert own not in [d.id for d in listed]
    # The draft stays its author's, where it was.
    assert [d.id for d in store.notes.drafts(me)] == [left]
    with store.database.reading():
        row = Note.get_by_id(left)
        assert (row.author_id, row.status, row.case_id) == (me.id, "draft", three[0].id)
    # Nobody else's drafts are offered to the author.
    assert store.notes.drafts_left(me) == []


def test_reading_a_left_draft_whole_is_audited(
    store: Store, me: WorkerInfo, other: WorkerInfo, three: list[CaseDetail]
) -> None:
    left = store.notes.save_draft(me, three[0].id, {"body": "Visited.", "present": "Dana"})
    store.cases.transfer_many(me, versions(three[:1]), MOVE)
    whole = store.notes.left_draft(other, left)
    assert (whole.state["body"], whole.state["present"]) == ("Visited.", "Dana")
    with store.database.reading():
        opened = [
            (e.action, e.record_id, e.case_id, e.detail)
            for e in AuditEvent.select().where(AuditEvent.worker == other.id)
        ]
    assert ("draft-opened", left, three[0].id, "left by Sam Okafor") in opened
    # Only a draft left on the reader's own cases, by someone else.
    with pytest.raises(NotFound):
        store.notes.left_draft(me, left)
