"""A case's life: allocating a referral, transferring to another worker, closing, reopening.

Each change is one transaction that updates the case (checked against its ``version``), keeps
the old values in the record history, and writes the chronology entry that says what happened,
so the chronology can never disagree with the case:

- allocation of a referral: "Case allocated to <worker>" (source "allocation", pointing at the
  new allocation), then "Case opened";
- transfer: the current allocation ends on the day and a new one starts, "Case transferred from
  <old> to <new>" (source "transfer"). Entries before that day now belong to the earlier
  allocation and are marked as such;
- closure: "Case closed" with the reason and the closure checklist as it stood (with why the
  case closed with items open, if it did: ``store.cases.closure``); the worker keeps the case
  (it stays on their closed list) and the allocation stays as it was;
- reopening: "Case reopened" with the reason.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from store.access import guarded
from store.audit.service import act
from store.cases.closure import closure_record, read_checklist
from store.cases.detail import case_detail
from store.cases.records import CaseDetail, ClosureChecklist
from store.cases.rules import CASE_CONFLICT, DONE, FINAL_SUMMARY, TRANSFER_REASON
from store.common import dates
from store.common.errors import Conflict, InvalidInput, NotFound
from store.common.records import CaseStatus, WorkerInfo
from store.common.settings import CLOSURE_REASONS
from store.core.changes import diff, save_changes
from store.core.db import Database
from store.core.models import Allocation, Case, ChronologyEntry, Worker, utcnow
from store.core.permissions import Access
from store.core.rows import current_allocation_id, current_allocation_start

if TYPE_CHECKING:
    from store.cases.input import CloseInput, ReopenInput, TransferInput


class CaseLifecycle:
    """Allocation, transfer, closure and reopening: part of ``store.cases``."""

    database: Database

    @guarded(Access.MANAGE, "case_id")
    def transfer(
        self,
        actor: WorkerInfo,
        case_id: int,
        data: dict[str, Any],
        *,
        version: int,
        dayfirst: bool = True,
    ) -> CaseDetail:
        """Allocate a referral to a worker (opening it), or move an open case to another.

        Raises InvalidInput by field ("worker", "on", "reason"; "form" for a closed case),
        Conflict for a stale ``version``, NotFound.
        """
        from store.cases.input import TransferInput
        from store.common.validation import validate

        # What the form is checked against, so that every problem is reported at once; the
        # write below checks again, in case the case changed meanwhile.
        with self.database.reading():
            case = _get_case(case_id)
            held_since = current_allocation_start(case_id)
        floor = _transfer_floor(case, held_since)
        new: TransferInput = validate(
            TransferInput,
            data,
            dayfirst=dayfirst,
            not_before=floor,
            reason_required=held_since is not None,
        )
        on = new.on or dates.today()  # the validator gives a date; this is for the type
        with self.database.writing():
            transfer_case(actor, _case_at(case_id, version), new.worker, on, new.reason)
            return case_detail(case_id)

    @guarded(Access.MANAGE, "case_id")
    def close(
        self,
        actor: WorkerInfo,
        case_id: int,
        data: dict[str, Any],
        *,
        version: int,
        dayfirst: bool = True,
        reasons: tuple[str, ...] = CLOSURE_REASONS,
    ) -> CaseDetail:
        """Close an open case or a referral. Raises InvalidInput, Conflict, NotFound."""
        from store.cases.input import CloseInput
        from store.common.validation import validate

        with self.database.reading():
            case = _get_case(case_id)
            if case.status == CaseStatus.CLOSED.value:
                raise InvalidInput({"form": f"Case {case.ref} is already closed."})
            floor = _close_floor(case)
            checklist = read_checklist(case_id)
        new: CloseInput = validate(
            CloseInput,
            data,
            dayfirst=dayfirst,
            reasons=reasons,
            not_before=floor,
            **_checklist_context(checklist),
        )
        closed_on = new.closed_on or dates.today()
        with self.database.writing():
            case = _case_at(case_id, version)
            if case.status == CaseStatus.CLOSED.value:
                raise InvalidInput({"form": f"Case {case.ref} is already closed."})
            floor_day, floor_message = _close_floor(case)
            if closed_on < floor_day:
                raise InvalidInput({"closed_on": floor_message})
            # Checked again as it is now: someone may have marked an item meanwhile.
            checklist = read_checklist(case_id)
            new = validate(
                CloseInput,
                data,
                dayfirst=dayfirst,
                reasons=reasons,
                not_before=(floor_day, floor_message),
                **_checklist_context(checklist),
            )
            values = {
                "status": CaseStatus.CLOSED.value,
                "closed_on": closed_on,
                "closure_reason": new.reason,
                "closing_summary": new.closing_summary,
            }
            changes = diff({f: getattr(case, f) for f in values}, values)
            save_changes(Case, case, values, changes, "case", actor, CASE_CONFLICT)
            details = f"Reason: {new.reason}.\n\n{closure_record(checklist, new.open_items_reason)}"
            if new.closing_summary:
                details += f"\n\n{new.closing_summary}"
            _entry(
                case_id,
                current_allocation_id(case_id),
                closed_on,
                "status",
                "Case closed",
                details,
                "status",
                None,
                actor,
            )
            detail = new.reason
            if checklist.open_items:
                detail += (
                    f"; {len(checklist.open_items)} of the closure checklist open: "
                    f"{new.open_items_reason}"
                )
            act(actor, "case-closed", case_id, "case", case_id, detail=detail)
            return case_detail(case_id)

    @guarded(Access.MANAGE, "case_id")
    def reopen(
        self,
        actor: WorkerInfo,
        case_id: int,
        data: dict[str, Any],
        *,
        version: int,
        dayfirst: bool = True,
    ) -> CaseDetail:
        """Reopen a closed case; the closure stays in the chronology and the history."""
        from store.cases.input import ReopenInput
        from store.common.validation import validate

        with self.database.reading():
            floor = _reopen_floor(_get_case(case_id))
        new: ReopenInput = validate(ReopenInput, data, dayfirst=dayfirst, not_before=floor)
        reopened_on = new.reopened_on or dates.today()
        with self.database.writing():
            case = _case_at(case_id, version)
            if case.status != CaseStatus.CLOSED.value:
                raise InvalidInput({"form": f"Case {case.ref} is not closed."})
            floor = _reopen_floor(case)
            if floor is not None and reopened_on < floor[0]:
                raise InvalidInput({"reopened_on": floor[1]})
            held = current_allocation_id(case_id) is not None
            status = CaseStatus.OPEN.value if held else CaseStatus.REFERRAL.value
            values = {"status": status, "closed_on": None, "closure_reason": ""}
            changes = diff({f: getattr(case, f) for f in values}, values)
            save_changes(Case, case, values, changes, "case", actor, CASE_CONFLICT)
            _entry(
                case_id,
                current_allocation_id(case_id),
                reopened_on,
                "status",
                "Case reopened",
                f"Reason: {new.reason}",
                "status",
                None,
                actor,
            )
            act(actor, "case-reopened", case_id, "case", case_id)
            return case_detail(case_id)


def transfer_case(actor: WorkerInfo, case: Any, username: str, on: date, reason: str) -> str:
    """Allocate the case, or transfer it, to the worker ``username`` from ``on``: the
    allocations, the case's history, its chronology entry and the audit row, inside the
    caller's writing() block (``case`` is its row read there, at the version the caller
    checked). Returns the entry's title.

    Raises InvalidInput for a closed case, an unknown worker, one who holds the case already,
    a day before the current allocation, or a transfer with no reason.
    """
    case_id = case.id
    if case.status == CaseStatus.CLOSED.value:
        raise InvalidInput(
            {"form": f"Case {case.ref} is closed; reopen it before transferring it."}
        )
    worker = Worker.get_or_none(Worker.username == username)
    if worker is None:
        raise InvalidInput({"worker": f"No worker {username!r}."})
    current = (
        Allocation.select()
        .where(Allocation.case == case_id, Allocation.ended_on.is_null())
        .order_by(Allocation.allocated_on.desc(), Allocation.id.desc())
        .first()
    )
    if current is not None and current.worker_id == worker.id:
        raise InvalidInput({"worker": f"The case is already held by {worker.display_name}."})
    floor_day, floor_message = _transfer_floor(
        case, current.allocated_on if current is not None else None
    )
    if on < floor_day:
        raise InvalidInput({"on": floor_message})
    if current is not None and not reason:
        raise InvalidInput({"reason": TRANSFER_REASON})
    now = utcnow()
    if current is not None:
        Allocation.update(ended_on=on).where(Allocation.id == current.id).execute()
    allocation = Allocation.create(
        case=case_id,
        worker=worker.id,
        allocated_on=on,
        reason=reason,
        created_at=now,
        created_by=actor.id,
    )
    values: dict[str, Any] = {"worker": worker.id, "allocated_on": on}
    changes: dict[str, tuple[Any, Any]] = {
        "worker": (_worker_name(case.worker_id), worker.display_name),
        "allocated_on": (case.allocated_on, on),
    }
    opening = case.status == CaseStatus.REFERRAL.value
    if opening:
        values["status"] = CaseStatus.OPEN.value
        changes["status"] = (case.status, CaseStatus.OPEN.value)
    save_changes(Case, case, values, changes, "case", actor, CASE_CONFLICT)
    if current is None:
        title, kind = f"Case allocated to {worker.display_name}", "allocation"
    else:
        previous = _worker_name(current.worker_id) or "unknown worker"
        title = f"Case transferred from {previous} to {worker.display_name}"
        kind = "transfer"
    _entry(
        case_id,
        allocation.id,
        on,
        "allocation",
        title,
        f"Reason: {reason}" if reason else "",
        kind,
        allocation.id,
        actor,
    )
    if opening:
        _entry(
            case_id,
            allocation.id,
            on,
            "status",
            "Case opened",
            "The referral was accepted and allocated.",
            "status",
            None,
            actor,
        )
    action = "case-transferred" if current is not None else "case-allocated"
    act(actor, action, case_id, "case", case_id, detail=title)
    return title


# --- helpers (inside a writing() block) -----------------------------------------------------


Floor = tuple[date, str]  # the earliest date a form may give, and what to say if earlier


def _transfer_floor(case: Any, held_since: date | None) -> Floor:
    if held_since is not None:
        return held_since, (
            "A transfer can't be dated before the current allocation "
            f"({dates.format_date(held_since)})."
        )
    return case.opened_on, (
        f"The allocation can't be dated before the referral ({dates.format_date(case.opened_on)})."
    )


def _close_floor(case: Any) -> Floor:
    start = case.allocated_on or case.opened_on
    done = "allocated" if case.allocated_on else "referred"
    return start, f"A case can't close before it was {done} ({dates.format_date(start)})."


def _reopen_floor(case: Any) -> Floor | None:
    if case.closed_on is None:
        return None
    return case.closed_on, (
        f"A case can't reopen before it closed ({dates.format_date(case.closed_on)})."
    )


def _checklist_context(checklist: ClosureChecklist) -> dict[str, Any]:
    """What the close form's checks need to know of the checklist."""
    return {
        "open_items": len(checklist.open_items),
        "final_summary_ticked": checklist.item(FINAL_SUMMARY).state == DONE,
    }


def _get_case(case_id: int) -> Any:
    case = Case.get_or_none(Case.id == case_id)
    if case is None:
        raise NotFound(f"No case with id {case_id}.")
    return case


def _case_at(case_id: int, version: int) -> Any:
    case = Case.get_or_none(Case.id == case_id)
    if case is None:
        raise NotFound(f"No case with id {case_id}.")
    if case.version != version:
        raise Conflict(CASE_CONFLICT)
    return case


def _worker_name(worker_id: int | None) -> str:
    if worker_id is None:
        return ""
    name: str | None = Worker.select(Worker.display_name).where(Worker.id == worker_id).scalar()
    return name or ""


def _entry(
    case_id: int,
    allocation_id: int | None,
    on: date,
    category: str,
    title: str,
    details: str,
    kind: str,
    source_id: int | None,
    actor: WorkerInfo,
) -> None:
    ChronologyEntry.create(
        case=case_id,
        allocation=allocation_id,
        occurred_on=on,
        category=category,
        title=title,
        details=details,
        source_kind=kind,
        source_id=source_id,
        created_at=utcnow(),
        created_by=actor.id,
    )
