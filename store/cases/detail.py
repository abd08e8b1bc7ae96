"""Reading a case as the screens show it: the case with its client and allocations, and a
caseload row with its flags (called inside a ``reading()`` or ``writing()`` block)."""

from __future__ import annotations

from datetime import date
from typing import Any

import peewee as pw

from store.cases.records import AllocationInfo, CaseDetail, CaseRow
from store.common.errors import NotFound
from store.common.records import CaseStatus

# The flags' rules live with every other "needs doing" rule; case_flags is kept importable here.
from store.common.reminders import DEFAULT_CONTACT_OVERDUE_DAYS
from store.common.reminders import case_flags as case_flags
from store.common.settings import DEFAULT_CONSENT_EXPIRING_DAYS
from store.common.textsafe import fold
from store.core.models import Allocation, Case, Client, Worker
from store.core.permissions import is_named
from store.core.rows import tuples

# What a caseload row says in place of a restricted client's name to those not named for it.
RESTRICTED_NAME = "(restricted)"


def case_detail(case_id: int) -> CaseDetail:
    case = (
        Case.select(Case, Client, Worker)
        .join(Client)
        .switch(Case)
        .join(Worker, pw.JOIN.LEFT_OUTER)
        .where(Case.id == case_id)
        .first()
    )
    if case is None:
        raise NotFound(f"No case with id {case_id}.")
    allocations = tuple(
        AllocationInfo(worker_name=w, allocated_on=a, ended_on=e)
        for w, a, e in tuples(
            Allocation.select(Worker.display_name, Allocation.allocated_on, Allocation.ended_on)
            .join(Worker)
            .where(Allocation.case == case_id)
            .order_by(Allocation.allocated_on, Allocation.id)
        )
    )
    client = case.client
    worker = case.worker
    return CaseDetail(
        id=case.id,
        ref=case.ref,
        status=CaseStatus(case.status),
        client_id=client.id,
        client_name=client.name,
        date_of_birth=client.date_of_birth,
        address=client.address,
        phone=client.phone,
        worker_id=worker.id if worker else None,
        worker_name=worker.display_name if worker else "",
        allocated_on=case.allocated_on,
        opened_on=case.opened_on,
        closed_on=case.closed_on,
        closure_reason=case.closure_reason,
        last_contact_at=case.last_contact_at,
        next_review_on=case.next_review_on,
        version=case.version,
        allocations=allocations,
        has_plan=bool(case.has_plan),
        next_action_due_on=case.next_action_due_on,
        restricted=bool(case.restricted),
        consent_due_on=case.consent_due_on,
        referrals_to_escalate=case.referrals_to_escalate,
    )


def row_query() -> Any:
    """The columns a caseload row is made of, in the order ``case_row`` reads them."""
    return (
        Case.select(
            Case.id,
            Case.ref,
            Client.name,
            Client.name_key,
            Case.status,
            Case.worker,
            Worker.display_name,
            Case.allocated_on,
            Case.last_contact_at,
            Case.next_review_on,
            Case.has_plan,
            Case.next_action_due_on,
            Case.restricted,
            Case.restricted_to,
            Case.consent_due_on,
            Case.referrals_to_escalate,
        )
        .join(Client)
        .switch(Case)
        .join(Worker, pw.JOIN.LEFT_OUTER)
    )


def case_row(
    row: tuple[Any, ...],
    today: date,
    viewer_id: int | None = None,
    consent_days: int = DEFAULT_CONSENT_EXPIRING_DAYS,
    contact_days: int = DEFAULT_CONTACT_OVERDUE_DAYS,
) -> CaseRow:
    """A caseload row from the columns ``row_query`` selects. A restricted case shows
    ``viewer_id`` (unless they hold it or are named for it) only that it exists, whose it is
    and its reference: no name, no flags, and a filter finds it by its reference alone."""
    cid, ref, name, key, status, wid, wname, alloc, last, review, has_plan, actions_due = row[:12]
    restricted, restricted_to, consent_due, to_escalate = row[12:16]
    if restricted and viewer_id != wid and not is_named(restricted_to, viewer_id or 0):
        return CaseRow(
            id=cid,
            ref=ref,
            client_name=RESTRICTED_NAME,
            status=CaseStatus(status),
            worker_id=wid,
            worker_name=wname or "",
            allocated_on=None,
            last_contact_at=None,
            next_review_on=None,
            flags=(),
            search_key=fold(ref),
            restricted=True,
        )
    return CaseRow(
        id=cid,
        ref=ref,
        client_name=name,
        status=CaseStatus(status),
        worker_id=wid,
        worker_name=wname or "",
        allocated_on=alloc,
        last_contact_at=last,
        next_review_on=review,
        has_plan=bool(has_plan),
        next_action_due_on=actions_due,
        flags=case_flags(
            status,
            alloc,
            last,
            review,
            today,
            actions_due,
            consent_due_on=consent_due,
            consent_days=consent_days,
            to_escalate=to_escalate,
            contact_days=contact_days,
        ),
        consent_due_on=consent_due,
        search_key=f"{key} {fold(ref)}",
        restricted=bool(restricted),
    )
