"""The closure checklist: what practice expects to be done before a case closes.

The items are fixed (``ITEMS``). Each is open until someone marks it done, or not applicable
with the reason; a worker may work through them over days, so every change is saved at once,
against the version the worker saw (two people marking the same item: the second is refused
and shown the first's), and kept in the record history. Beside each item the checklist shows
what the records say about it (``checklist_hints``): open actions, how old the summary is,
whether there is a support network. Closing a case with items still open needs a reason
(``store.cases.lifecycle``), and the closing chronology entry records the checklist as it was.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta

from store.access import guarded
from store.audit.service import act, opened
from store.cases.records import ClosureChecklist, ClosureItem
from store.cases.rules import NOT_APPLICABLE, OPEN
from store.common import dates
from store.common.errors import Conflict, InvalidInput, NotFound
from store.common.records import CaseStatus, WorkerInfo
from store.core.changes import diff, save_changes
from store.core.conflicts import refused, worker_name
from store.core.db import Database
from store.core.models import (
    Case,
    ClosureCheck,
    Conference,
    ConferenceAction,
    Contact,
    PlanAction,
    PlanGoal,
    PlanReview,
    Professional,
    ServicePlan,
    SummaryVersion,
    utcnow,
)
from store.core.permissions import Access

if TYPE_CHECKING:
    from store.cases.input import ClosureItemInput

# (key, what practice expects), in the order they are worked through.
ITEMS: tuple[tuple[str, str], ...] = (
    ("achievements", "Achievements reviewed with the client"),
    ("network", "Support network recorded"),
    ("independence", "Independent access to services recorded"),
    ("actions", "Open plan and conference actions resolved or handed on"),
    ("summary", "Case summary current"),
    ("final_summary", "Final summary written"),
)
LABELS = dict(ITEMS)


ITEM_CONFLICT = "Someone else marked this item of the closure checklist; look at it again."
OPEN_ACTION = ("not started", "in progress")  # a plan action's statuses still to do


class ClosureChecklistService:
    """The closure checklist: part of ``store.cases``."""

    database: Database

    @guarded(Access.READ, "case_id")
    def closure_checklist(
        self,
        actor: WorkerInfo,
        case_id: int,
        *,
        opening: bool = False,
        summary_max_age_months: int = 3,
    ) -> ClosureChecklist:
        """The case's closure checklist, each item with what the records say about it;
        ``opening``: audit the opening (the close form does, once)."""
        with self.database.reading():
            found = read_checklist(case_id, summary_max_age_months=summary_max_age_months)
        if opening:
            opened(self.database, actor, "closure-checklist", case_id=case_id)
        return found

    # Working towards closing the case: whoever may close it (the rules' "manage").
    @guarded(Access.MANAGE, "case_id")
    def mark_closure_item(
        self,
        actor: WorkerInfo,
        case_id: int,
        item: str,
        data: dict[str, Any],
        *,
        version: int,
        summary_max_age_months: int = 3,
    ) -> ClosureChecklist:
        """Mark an item done, not applicable (``reason`` required) or open again.

        ``data`` is {"state": "done" | "not applicable" | "open", "reason": ...}; ``version``
        the item's, as read (0 for one never marked). Raises InvalidInput ("state", "reason";
        "form" for a closed case), Conflict if someone marked it since, NotFound, NotPermitted.
        Returns the whole checklist as it now is.
        """
        from store.cases.input import ClosureItemInput
        from store.common.validation import validate

        if item not in LABELS:
            raise NotFound(f"No item {item!r} on the closure checklist.")
        new: ClosureItemInput = validate(ClosureItemInput, data)
        label = LABELS[item]
        with self.database.writing():
            case = Case.get_or_none(Case.id == case_id)
            if case is None:
                raise NotFound(f"No case with id {case_id}.")
            if case.status == CaseStatus.CLOSED.value:
                raise InvalidInput(
                    {"form": f"Case {case.ref} is closed; reopen it to change its checklist."}
                )
            row = ClosureCheck.get_or_none(
                (ClosureCheck.case == case_id) & (ClosureCheck.item == item)
            )
            if row is None and version != 0:
                raise Conflict(ITEM_CONFLICT, version=0)
            if row is not None and row.version != version:
                raise refused(
                    f'"{label}" on the closure checklist',
                    changed_by=worker_name(row.updated_by_id),
                    changed_at=row.updated_at,
                    current={"state": row.state, "reason": row.reason},
                    version=row.version,
                    verb="marked",
                )
            if row is None:
                # Never marked: its row starts as the open item it was, so the first change
                # is saved and logged like every other.
                now = utcnow()
                row = ClosureCheck.create(
                    case=case_id,
                    item=item,
                    state=OPEN,
                    reason="",
                    created_at=now,
                    updated_at=now,
                    updated_by=actor.id,
                    version=0,
                )
            values: dict[str, Any] = {"state": new.state, "reason": new.reason}
            changes = diff({"state": row.state, "reason": row.reason}, values)
            if changes:
                save_changes(
                    ClosureCheck,
                    row,
                    {**values, "updated_by": actor.id},
                    changes,
                    "closure_check",
                    actor,
                    ITEM_CONFLICT,
                )
                act(
                    actor,
                    "closure-item-marked",
                    case_id,
                    "closure_check",
                    row.id,
                    detail=f"{label}: {new.state}",
                )
            return read_checklist(case_id, summary_max_age_months=summary_max_age_months)


# --- reading (inside a transaction) -----------------------------------------------------------


def read_checklist(case_id: int, *, summary_max_age_months: int = 3) -> ClosureChecklist:
    """The case's checklist as stored, with the records' hints."""
    case = Case.get_or_none(Case.id == case_id)
    if case is None:
        raise NotFound(f"No case with id {case_id}.")
    rows = {r.item: r for r in ClosureCheck.select().where(ClosureCheck.case == case_id)}
    hints = checklist_hints(case, summary_max_age_months=summary_max_age_months)
    items = []
    for key, label in ITEMS:
        row = rows.get(key)
        items.append(
            ClosureItem(
                key=key,
                label=label,
                state=row.state if row is not None else OPEN,
                reason=row.reason if row is not None else "",
                hint=hints.get(key, ""),
                version=row.version if row is not None else 0,
                changed_by=worker_name(row.updated_by_id) if row is not None else "",
                changed_at=row.updated_at if row is not None else None,
            )
        )
    return ClosureChecklist(case_id=case_id, items=tuple(items))


def checklist_hints(case: Any, *, summary_max_age_months: int = 3) -> dict[str, str]:
    """What the records say beside each item, in a few words."""
    today = dates.today()
    return {
        "achievements": _review_hint(case.id),
        "network": _network_hint(case.client_id),
        "independence": _professionals_hint(case.id, today),
        "actions": _actions_hint(case.id),
        "summary": _summary_hint(case.id, today, summary_max_age_months),
    }


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _review_hint(case_id: int) -> str:
    if not ServicePlan.select().where(ServicePlan.case == case_id).exists():
        return "no service plan"
    last = (
        PlanReview.select(PlanReview.held_on, PlanReview.client_present)
        .join(ServicePlan)
        .where(ServicePlan.case == case_id)
        .order_by(PlanReview.held_on.desc(), PlanReview.id.desc())
        .first()
    )
    if last is None:
        return "no plan review recorded"
    who = "with the client" if last.client_present else "without the client"
    return f"last plan review {dates.format_date(last.held_on)}, {who}"


def _network_hint(client_id: int) -> str:
    count = (
        Contact.select().where(Contact.client == client_id, Contact.removed_at.is_null()).count()
    )
    if not count:
        return "no support network recorded"
    return f"{_plural(count, 'person', 'people')} in the support network"


def _professionals_hint(case_id: int, today: date) -> str:
    count = (
        Professional.select()
        .where(
            Professional.case == case_id,
            Professional.removed_at.is_null(),
            Professional.ended_on.is_null() | (Professional.ended_on >= today),
        )
        .count()
    )
    if not count:
        return "no professionals involved now"
    return f"{_plural(count, 'professional')} involved now"


def _actions_hint(case_id: int) -> str:
    plan_actions = (
        PlanAction.select()
        .join(PlanGoal)
        .join(ServicePlan)
        .where(
            ServicePlan.case == case_id,
            ServicePlan.status == "current",
            PlanAction.status.in_(OPEN_ACTION),
        )
        .count()
    )
    meeting_actions = (
        ConferenceAction.select()
        .join(Conference)
        .where(
            Conference.case == case_id,
            Conference.status == "final",
            ConferenceAction.status == "open",
        )
        .count()
    )
    if not plan_actions and not meeting_actions:
        return "no plan or conference actions open"
    parts = []
    if plan_actions:
        parts.append(_plural(plan_actions, "plan action"))
    if meeting_actions:
        parts.append(_plural(meeting_actions, "conference action"))
    return f"{' and '.join(parts)} still open"


def _summary_hint(case_id: int, today: date, max_age_months: int) -> str:
    written: datetime | None = (
        SummaryVersion.select(SummaryVersion.created_at)
        .where(SummaryVersion.case == case_id)
        .order_by(SummaryVersion.created_at.desc(), SummaryVersion.id.desc())
        .scalar()
    )
    if written is None:
        return "no summary written"
    day = dates.to_local(written).date()
    age = _age(day, today)
    delta = relativedelta(today, day)
    months = delta.years * 12 + delta.months
    stale = f", over {_plural(max_age_months, 'month')} old" if months >= max_age_months else ""
    return f"summary last written {age}{stale}"


def _age(day: date, today: date) -> str:
    days = (today - day).days
    if days <= 0:
        return "today"
    if days == 1:
        return "yesterday"
    if days < 14:
        return f"{days} days ago"
    if days < 56:
        return f"{days // 7} weeks ago"
    delta = relativedelta(today, day)
    months = delta.years * 12 + delta.months
    if months < 12:
        return f"{_plural(months, 'month')} ago"
    return f"{_plural(months // 12, 'year')} ago"


# --- the closure's record ---------------------------------------------------------------------


def closure_record(checklist: ClosureChecklist, open_items_reason: str) -> str:
    """The checklist as the closing chronology entry records it."""
    done = sum(1 for i in checklist.items if i.state == "done")
    not_applicable = sum(1 for i in checklist.items if i.state == NOT_APPLICABLE)
    still_open = len(checklist.open_items)
    lines = [f"Closure checklist: {done} done, {not_applicable} not applicable, {still_open} open."]
    for item in checklist.items:
        state = f"{item.state} ({item.reason})" if item.state == NOT_APPLICABLE else item.state
        lines.append(f"- {item.label}: {state}")
    if still_open and open_items_reason:
        lines.append("")
        lines.append(f"Closed with items open because: {open_items_reason}")
    return "\n".join(lines)
