"""What the plan's operations share inside a ``reading()`` or ``writing()`` block: the rows
about to change (checked against their version), review dates, and the case's review date."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from store.common import dates
from store.common.errors import Conflict, InvalidInput
from store.common.records import WorkerInfo
from store.core.conflicts import last_change, refused, worker_name
from store.core.models import (
    Case,
    ChronologyEntry,
    PlanGoal,
    PlanGoalVersion,
    PlanReview,
    PlanReviewRating,
    ServicePlan,
    utcnow,
)
from store.core.rows import current_allocation_id, get_row
from store.plans.info import action_info, fixed_dates

if TYPE_CHECKING:
    from store.plans.records import (
        PlanInfo,
    )

CLOSED_CHANGE = "change its plan"  # what a closed case refuses: "reopen it to ..."

PLAN_CONFLICT = "Someone else changed this plan since you opened it; open it again to see."
ACTION_CONFLICT = "Someone else changed this action since you opened it; open it again to see."
ENDED = "This is an earlier plan, kept as it was; make changes in the current plan."
GOAL_VERSION_FIELDS = (
    "domain",
    "change",
    "measure",
    "target",
    "relevance",
    "target_on",
    "client_agreed",
    "achievable",
    "achievable_note",
)


def check_conference(conference_id: int, case_id: int) -> None:
    """A review can be held in a conference of the same case whose minutes are a draft."""
    from store.core.models import Conference

    conference = get_row(Conference, conference_id, "conference")
    if conference.case_id != case_id:
        raise InvalidInput({"form": "That meeting is about another case."})
    if conference.status != "draft":
        raise InvalidInput(
            {
                "form": "That meeting's minutes are finalised; record the review "
                "without it, or in a meeting still being minuted."
            }
        )
    if PlanReview.select().where(PlanReview.conference == conference_id).exists():
        raise InvalidInput({"form": "A plan review was already recorded in that meeting."})


def current_plan_row(plan_id: int) -> Any:
    plan = get_row(ServicePlan, plan_id, "plan")
    if plan.status != "current":
        raise InvalidInput({"form": ENDED})
    return plan


def current_at(plan_id: int, version: int) -> Any:
    plan = current_plan_row(plan_id)
    if plan.version != version:
        who, at = last_change("service_plan", plan.id)
        every, unit = plan.review_every, plan.review_unit
        fixed = ", ".join(dates.format_date(d) for d in fixed_dates(plan))
        raise refused(
            "this plan's start and reviews",
            changed_by=who,
            changed_at=at,
            current={
                "started_on": plan.started_on,
                "review_interval": dates.format_interval(every, unit) if every and unit else "",
                "review_dates": fixed,
            },
            version=plan.version,
        )
    return plan


def goal_at(goal_id: int, version: int) -> Any:
    goal = get_row(PlanGoal, goal_id, "goal")
    if goal.version != version:
        # A goal moves on when it is reworded (a new wording) or a review closes it.
        latest = latest_version(goal_id)
        who, at = worker_name(latest.created_by_id), latest.created_at
        review = (
            PlanReview.select(PlanReview.created_by, PlanReview.created_at)
            .join(PlanReviewRating)
            .where(PlanReviewRating.goal == goal_id)
            .order_by(PlanReview.created_at.desc())
            .first()
        )
        if review is not None and review.created_at > at:
            who, at = worker_name(review.created_by_id), review.created_at
        current: dict[str, Any] = {f: getattr(latest, f) for f in GOAL_VERSION_FIELDS}
        if goal.status != "open":
            current["status"] = goal.status
        raise refused(
            f"goal {goal.position}",
            changed_by=who,
            changed_at=at,
            current=current,
            version=goal.version,
        )
    return goal


def action_refused(action: Any) -> Conflict:
    who, at = last_change("plan_action", action.id)
    info = action_info(action)
    return refused(
        "this action",
        changed_by=who,
        changed_at=at,
        current={
            "what": info.what,
            "owner": info.owner_text,
            "owner_name": info.owner_name if info.owner_kind not in ("worker", "client") else "",
            "due_on": info.due_on,
            "status": info.status,
            "status_note": info.status_note,
        },
        version=action.version,
    )


def touch(plan: Any) -> None:
    ServicePlan.update(updated_at=utcnow()).where(ServicePlan.id == plan.id).execute()


def previous_plan(plan: Any) -> Any:
    return (
        ServicePlan.select()
        .where((ServicePlan.case == plan.case_id) & (ServicePlan.number < plan.number))
        .order_by(ServicePlan.number.desc())
        .first()
    )


def latest_version(goal_id: int) -> Any:
    return (
        PlanGoalVersion.select()
        .where(PlanGoalVersion.goal == goal_id)
        .order_by(PlanGoalVersion.number.desc())
        .get()
    )


def count_by(model: Any, column: Any, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    from peewee import fn

    return dict(
        model.select(column, fn.COUNT(model.id)).where(column.in_(ids)).group_by(column).tuples()
    )


def update_case_review(case_id: int, plan: PlanInfo) -> None:
    Case.update(next_review_on=plan.next_review_on, has_plan=True).where(
        Case.id == case_id
    ).execute()


def chronology_entry(
    case_id: int, on: date, title: str, details: str, kind: str, source_id: int, actor: WorkerInfo
) -> None:
    ChronologyEntry.create(
        case=case_id,
        allocation=current_allocation_id(case_id),
        occurred_on=on,
        category="plan",
        title=title,
        details=details,
        source_kind=kind,
        source_id=source_id,
        created_at=utcnow(),
        created_by=actor.id,
    )


def first_review_on(plan_id: int) -> date | None:
    value: date | None = (
        PlanReview.select(PlanReview.held_on)
        .where(PlanReview.plan == plan_id)
        .order_by(PlanReview.held_on)
        .scalar()
    )
    return value


def last_review_on(plan_id: int) -> date | None:
    value: date | None = (
        PlanReview.select(PlanReview.held_on)
        .where(PlanReview.plan == plan_id)
        .order_by(PlanReview.held_on.desc())
        .scalar()
    )
    return value


def review_dates(plan_id: int) -> list[date]:
    return [
        r.held_on for r in PlanReview.select(PlanReview.held_on).where(PlanReview.plan == plan_id)
    ]


def before_last(last: date | None) -> str:
    return f"A review can't be dated before the last one ({dates.format_date(last)})."
