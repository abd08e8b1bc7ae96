"""What needs doing on a set of cases, read in a fixed number of queries (one per kind of
record, each over the cases chosen by one condition), whatever the number of cases: the rules
are ``store.common.reminders``, applied here to what the records say. Call inside a transaction.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import peewee as pw

from store.assessments.models import Assessment
from store.common import dates
from store.common import reminders as rules
from store.common.records import CaseStatus
from store.common.textsafe import preview_line
from store.core.models import (
    Case,
    Client,
    Conference,
    ConferenceAction,
    Note,
    PlanAction,
    PlanGoal,
    ServicePlan,
    SummaryVersion,
    Task,
    Worker,
)
from store.core.permissions import is_named
from store.core.rows import tuples
from store.referrals.models import Referral
from store.referrals.rules import OUTCOMES
from store.reminders.records import AgendaItem, ItemKind

OPEN_PLAN_ACTION = ("not started", "in progress")
TITLE_WIDTH = 60


@dataclass(frozen=True)
class Limits:
    """The configured thresholds of the rules."""

    contact_days: int = rules.DEFAULT_CONTACT_OVERDUE_DAYS
    summary_months: int = rules.DEFAULT_SUMMARY_MAX_AGE_MONTHS
    consent_days: int = 30


@dataclass(frozen=True)
class _Case:
    id: int
    ref: str
    client: str
    worker: str
    status: str


def _local_day(at: datetime | str | None) -> date | None:
    if at is None:
        return None
    if isinstance(at, str):
        at = datetime.fromisoformat(at)
    return dates.to_local(at).date()


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _late(due: date, today: date) -> str:
    late = rules.days_late(due, today)
    return f"{_plural(late, 'day')} overdue" if late > 0 else "due today"


def collect(
    cases: Any,
    today: date,
    limits: Limits,
    *,
    viewer_id: int,
    draft_authors: Any = None,
) -> list[AgendaItem]:
    """Every item due on the open cases and referrals matching the condition ``cases`` (on
    ``Case``), soonest first. Draft notes count only when written by one of ``draft_authors``
    (a query of worker ids; None: anyone's). Restricted cases the viewer isn't named for, or
    doesn't hold, are left out: they can't be opened from the list."""
    rows = tuples(
        Case.select(
            Case.id,
            Case.ref,
            Client.name,
            Worker.display_name,
            Case.status,
            Case.allocated_on,
            Case.opened_on,
            Case.last_contact_at,
            Case.next_review_on,
            Case.consent_due_on,
            Case.referrals_to_escalate,
            Case.restricted,
            Case.restricted_to,
            Case.worker,
        )
        .join(Client)
        .switch(Case)
        .join(Worker, pw.JOIN.LEFT_OUTER)
        .where(cases, Case.status != CaseStatus.CLOSED.value)
    )
    shown: dict[int, _Case] = {}
    items: list[AgendaItem] = []

    def add(case: _Case, kind: ItemKind, title: str, due: date, tab: str, **more: Any) -> None:
        items.append(
            AgendaItem(
                case_id=case.id,
                case_ref=case.ref,
                client_name=case.client,
                worker_name=case.worker,
                kind=kind,
                title=title,
                due_on=due,
                bucket=rules.bucket(due, today),
                tab=tab,
                **more,
            )
        )

    opened: dict[int, date] = {}
    for row in rows:
        cid, ref, name, wname, status, alloc, opened_on, last, review, consent, escalate = row[:11]
        restricted, restricted_to, wid = row[11:]
        if restricted and wid != viewer_id and not is_named(restricted_to, viewer_id):
            continue
        case = shown[cid] = _Case(cid, ref, name, wname or "", status)
        opened[cid] = alloc or opened_on
        if status == CaseStatus.OPEN:
            due = rules.contact_due_on(last, alloc, limits.contact_days)
            if due is not None and due <= today:
                days = (today - (_local_day(last) or alloc or today)).days
                what = "No note for " + _plural(days, "day") if due < today else "A note is due"
                add(case, ItemKind.CONTACT, what, due, "notes")
        if review is not None and rules.bucket(review, today) is not rules.Bucket.LATER:
            when = _late(review, today) if review <= today else "due"
            add(case, ItemKind.REVIEW, f"Plan review {when}", review, "plan")
        flag = rules.consent_flag(consent, today, limits.consent_days)
        if flag and consent is not None:
            add(case, ItemKind.CONSENT, flag.capitalize(), consent, "consent")
        if escalate:
            title = f"Escalate {_plural(escalate, 'referral')}: chased with no answer"
            add(case, ItemKind.ESCALATE, title, today, "referrals")
    if not shown:
        return []
    ids = Case.select(Case.id).where(cases, Case.status != CaseStatus.CLOSED.value)
    _summaries(shown, opened, ids, today, limits, add)
    _dated(shown, ids, today + timedelta(days=rules.HORIZON_DAYS), add)
    _drafts(shown, ids, draft_authors, add)
    items.sort(key=lambda i: (i.due_on, i.case_ref, i.kind.value, i.record_id or 0))
    return items


def _summaries(
    shown: dict[int, _Case],
    opened: dict[int, date],
    ids: Any,
    today: date,
    limits: Limits,
    add: Any,
) -> None:
    latest = dict(
        tuples(
            SummaryVersion.select(SummaryVersion.case, pw.fn.MAX(SummaryVersion.created_at))
            .where(SummaryVersion.case.in_(ids))
            .group_by(SummaryVersion.case)
        )
    )
    # Written since this day (with a few days' slack for months' lengths), a summary is not
    # due within the week: no need to work out its day exactly.
    recent = today + timedelta(days=rules.WEEK_DAYS + 4 - 28 * limits.summary_months)
    for cid, case in shown.items():
        if case.status != CaseStatus.OPEN:
            continue
        written = latest.get(cid)
        if isinstance(written, str):
            written = datetime.fromisoformat(written)
        since = written.date() if written else opened[cid]
        if since > recent:
            continue
        due = rules.summary_due_on(written, opened[cid], limits.summary_months)
        if rules.bucket(due, today) is rules.Bucket.LATER:
            continue
        if written is None:
            title = "No case summary yet" if due < today else "The case summary is due"
        elif due < today:
            title = f"Summary {_plural(rules.summary_months_old(written, today), 'month')} old"
        else:
            title = "The case summary is due for updating"
        add(case, ItemKind.SUMMARY, title, due, "summary")


def _dated(shown: dict[int, _Case], ids: Any, horizon: date, add: Any) -> None:
    """Tasks, plan and meeting actions, referrals to chase, due by ``horizon``."""
    for tid, cid, title, due, version in tuples(
        Task.select(Task.id, Task.case, Task.title, Task.due_on, Task.version).where(
            Task.case.in_(ids), Task.done_at.is_null(), Task.due_on <= horizon
        )
    ):
        if cid in shown:
            add(shown[cid], ItemKind.TASK, title, due, "overview", record_kind="task",
                record_id=tid, version=version)  # fmt: skip
    for aid, cid, what, due in tuples(
        PlanAction.select(PlanAction.id, ServicePlan.case, PlanAction.what, PlanAction.due_on)
        .join(PlanGoal)
        .join(ServicePlan)
        .where(
            ServicePlan.case.in_(ids),
            ServicePlan.status == "current",
            PlanAction.status.in_(OPEN_PLAN_ACTION),
            PlanAction.due_on <= horizon,
        )
    ):
        if cid in shown:
            title = "Plan action: " + preview_line(what, TITLE_WIDTH)
            add(shown[cid], ItemKind.PLAN_ACTION, title, due, "plan", record_kind="plan_action",
                record_id=aid)  # fmt: skip
    for aid, cid, what, due in tuples(
        ConferenceAction.select(
            ConferenceAction.id,
            Conference.case,
            ConferenceAction.what,
            ConferenceAction.due_on,
        )
        .join(Conference)
        .where(
            Conference.case.in_(ids),
            Conference.status == "final",
            ConferenceAction.status == "open",
            ConferenceAction.due_on <= horizon,
        )
    ):
        if cid in shown:
            title = "Meeting action: " + preview_line(what, TITLE_WIDTH)
            add(shown[cid], ItemKind.MEETING_ACTION, title, due, "meetings",
                record_kind="conference_action", record_id=aid)  # fmt: skip
    for rid, cid, agency, due in tuples(
        Referral.select(Referral.id, Referral.case, Referral.agency, Referral.next_chase_on).where(
            Referral.case.in_(ids),
            Referral.next_chase_on <= horizon,
            Referral.status.not_in(OUTCOMES),
        )
    ):
        if cid in shown:
            title = "Chase the referral to " + preview_line(agency, TITLE_WIDTH)
            add(shown[cid], ItemKind.CHASE, title, due, "referrals", record_kind="referral",
                record_id=rid)  # fmt: skip


def _drafts(shown: dict[int, _Case], ids: Any, authors: Any, add: Any) -> None:
    """Drafts not finalised: due the day they were begun."""
    notes = Note.select(Note.id, Note.case, Note.note_type, Note.created_at, Note.author).where(
        Note.case.in_(ids), Note.status == "draft"
    )
    if authors is not None:
        notes = notes.where(Note.author.in_(authors))
    for nid, cid, note_type, created, author in tuples(notes):
        if cid in shown:
            day = _local_day(created) or date.today()
            add(shown[cid], ItemKind.DRAFT_NOTE, f"Draft {note_type} not finalised", day, "notes",
                record_kind="draft", record_id=nid, author_id=author)  # fmt: skip
    for mid, cid, created in tuples(
        Conference.select(Conference.id, Conference.case, Conference.created_at).where(
            Conference.case.in_(ids), Conference.status == "draft"
        )
    ):
        if cid in shown:
            day = _local_day(created) or date.today()
            add(shown[cid], ItemKind.DRAFT_MINUTES, "Draft minutes not finalised", day,
                "meetings", record_kind="conference", record_id=mid)  # fmt: skip
    for aid, cid, created in tuples(
        Assessment.select(Assessment.id, Assessment.case, Assessment.created_at).where(
            Assessment.case.in_(ids), Assessment.status == "draft"
        )
    ):
        if cid in shown:
            day = _local_day(created) or date.today()
            add(shown[cid], ItemKind.DRAFT_ASSESSMENT, "Draft assessment not finalised", day,
                "assessment", record_kind="assessment", record_id=aid)  # fmt: skip


def health_line(items: Iterable[AgendaItem], today: date) -> str:
    """A case's record health in a few words, worst first: "summary 4 months old · review
    overdue 3 days · 2 drafts". Only what is due by today counts; "" when nothing is."""
    due = [i for i in items if i.due_on <= today]
    parts: list[str] = []

    def of(*kinds: ItemKind) -> list[AgendaItem]:
        return [i for i in due if i.kind in kinds]

    for item in of(ItemKind.SUMMARY):
        parts.append(item.title[0].lower() + item.title[1:])
    for item in of(ItemKind.REVIEW):
        parts.append(f"review {_late(item.due_on, today)}")
    for item in of(ItemKind.CONTACT):
        parts.append(item.title[0].lower() + item.title[1:])
    actions = of(ItemKind.PLAN_ACTION, ItemKind.MEETING_ACTION)
    if late := [a for a in actions if a.due_on < today]:
        parts.append(f"{_plural(len(late), 'action')} overdue")
    if today_ := [a for a in actions if a.due_on == today]:
        parts.append(f"{_plural(len(today_), 'action')} due today")
    tasks = of(ItemKind.TASK)
    if late := [t for t in tasks if t.due_on < today]:
        parts.append(f"{_plural(len(late), 'task')} overdue")
    if today_ := [t for t in tasks if t.due_on == today]:
        parts.append(f"{_plural(len(today_), 'task')} due today")
    if drafts := of(ItemKind.DRAFT_NOTE, ItemKind.DRAFT_MINUTES, ItemKind.DRAFT_ASSESSMENT):
        parts.append(_plural(len(drafts), "draft"))
    if chases := of(ItemKind.CHASE):
        parts.append(f"{_plural(len(chases), 'referral')} to chase")
    return " · ".join(parts)
