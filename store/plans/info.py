"""A service plan read into its plain records: the plan with its goals (each with every
wording), actions and reviews. Called inside a ``reading()`` or ``writing()`` block."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, Any

from store.common import dates
from store.core.models import (
    PlanAction,
    PlanGoal,
    PlanGoalVersion,
    PlanReview,
    PlanReviewRating,
    ServicePlan,
)
from store.core.rows import worker_names

if TYPE_CHECKING:
    from store.plans.records import (
        ActionInfo,
        GoalInfo,
        GoalVersionInfo,
        PlanInfo,
        RatingInfo,
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


def version_info(row: Any, names: dict[int, str]) -> GoalVersionInfo:
    from store.plans.records import GoalVersionInfo

    return GoalVersionInfo(
        id=row.id,
        number=row.number,
        domain=row.domain,
        change=row.change,
        measure=row.measure,
        target=row.target,
        relevance=row.relevance,
        target_on=row.target_on,
        client_agreed=bool(row.client_agreed),
        achievable=bool(row.achievable),
        achievable_note=row.achievable_note,
        reason=row.reason,
        created_at=row.created_at,
        author_name=names.get(row.created_by_id, ""),
    )


def action_info(row: Any) -> ActionInfo:
    from store.plans.records import ActionInfo

    return ActionInfo(
        id=row.id,
        goal_id=row.goal_id,
        what=row.what,
        owner_kind=row.owner_kind,
        owner_name=row.owner_name,
        professional_id=row.professional_id,
        due_on=row.due_on,
        status=row.status,
        status_note=row.status_note,
        version=row.version,
    )


def goal_info(goal_id: int) -> GoalInfo:
    goal = PlanGoal.get_by_id(goal_id)
    plan = plan_info(ServicePlan.get_by_id(goal.plan_id))
    return next(g for g in plan.goals if g.id == goal_id)


def plan_info(plan: Any) -> PlanInfo:
    """Everything about one plan, in a handful of queries."""
    from store.plans.records import GoalInfo, PlanInfo, RatingInfo, ReviewInfo

    goals = list(PlanGoal.select().where(PlanGoal.plan == plan.id).order_by(PlanGoal.position))
    goal_ids = [g.id for g in goals]
    versions = (
        list(
            PlanGoalVersion.select()
            .where(PlanGoalVersion.goal.in_(goal_ids))
            .order_by(PlanGoalVersion.goal, PlanGoalVersion.number)
        )
        if goal_ids
        else []
    )
    actions = (
        list(
            PlanAction.select()
            .where(PlanAction.goal.in_(goal_ids))
            .order_by(PlanAction.due_on, PlanAction.id)
        )
        if goal_ids
        else []
    )
    reviews = list(
        PlanReview.select()
        .where(PlanReview.plan == plan.id)
        .order_by(PlanReview.held_on, PlanReview.id)
    )
    review_ids = [r.id for r in reviews]
    ratings = (
        list(PlanReviewRating.select().where(PlanReviewRating.review.in_(review_ids)))
        if review_ids
        else []
    )
    carried_ids = {g.carried_from_id for g in goals if g.carried_from_id}
    carried_rows: Any = (
        PlanGoal.select(PlanGoal.id, ServicePlan.number)
        .join(ServicePlan)
        .where(PlanGoal.id.in_(carried_ids))
        .tuples()
        if carried_ids
        else []
    )
    carried_plan: dict[int, int] = dict(carried_rows)
    names = worker_names(
        {v.created_by_id for v in versions}
        | {r.created_by_id for r in reviews}
        | {plan.created_by_id}
    )
    versions_by_id = {v.id: version_info(v, names) for v in versions}
    by_goal: dict[int, list[GoalVersionInfo]] = defaultdict(list)
    for v in versions:
        by_goal[v.goal_id].append(versions_by_id[v.id])
    actions_by_goal: dict[int, list[ActionInfo]] = defaultdict(list)
    for a in actions:
        actions_by_goal[a.goal_id].append(action_info(a))
    review_by_id = {r.id: r for r in reviews}
    rating_infos: dict[int, list[RatingInfo]] = defaultdict(list)  # by review
    ratings_by_goal: dict[int, list[RatingInfo]] = defaultdict(list)
    position = {g.id: g.position for g in goals}
    for r in sorted(
        ratings,
        key=lambda x: (review_by_id[x.review_id].held_on, x.review_id, position.get(x.goal_id, 0)),
    ):
        info = RatingInfo(
            review_id=r.review_id,
            held_on=review_by_id[r.review_id].held_on,
            goal_id=r.goal_id,
            goal=versions_by_id[r.goal_version_id],
            rating=r.rating,
            evidence=r.evidence,
            decision=r.decision,
            not_rated_reason=r.not_rated_reason,
        )
        rating_infos[r.review_id].append(info)
        ratings_by_goal[r.goal_id].append(info)
    goal_infos = tuple(
        GoalInfo(
            id=g.id,
            plan_id=plan.id,
            position=g.position,
            status=g.status,
            closed_on=g.closed_on,
            version=g.version,
            current=by_goal[g.id][-1],
            versions=tuple(by_goal[g.id]),
            actions=tuple(actions_by_goal[g.id]),
            ratings=tuple(ratings_by_goal[g.id]),
            carried_from_plan=carried_plan.get(g.carried_from_id) if g.carried_from_id else None,
        )
        for g in goals
        if by_goal[g.id]
    )
    review_infos = tuple(
        ReviewInfo(
            id=r.id,
            plan_id=plan.id,
            held_on=r.held_on,
            client_present=bool(r.client_present),
            client_views=r.client_views,
            participants=r.participants,
            summary=r.summary,
            next_review_on=r.next_review_on,
            author_name=names.get(r.created_by_id, "") if r.created_by_id else "",
            created_at=r.created_at,
            ratings=tuple(rating_infos[r.id]),
            conference_id=r.conference_id,
        )
        for r in reviews
    )
    fixed = fixed_dates(plan)
    next_on = (
        next_review_due(
            plan.started_on,
            plan.review_every,
            plan.review_unit,
            fixed,
            [r.held_on for r in reviews],
        )
        if plan.status == "current"
        else None
    )
    return PlanInfo(
        id=plan.id,
        case_id=plan.case_id,
        number=plan.number,
        started_on=plan.started_on,
        review_every=plan.review_every,
        review_unit=plan.review_unit,
        review_dates=fixed,
        status=plan.status,
        ended_on=plan.ended_on,
        version=plan.version,
        author_name=names.get(plan.created_by_id, ""),
        goals=goal_infos,
        reviews=review_infos,
        next_review_on=next_on,
    )


def fixed_dates(plan: Any) -> tuple[date, ...]:
    return tuple(date.fromisoformat(d) for d in (plan.review_dates or "").split(",") if d)


def next_review_due(
    started_on: date,
    every: int | None,
    unit: str,
    fixed: tuple[date, ...] | list[date],
    held: list[date],
) -> date | None:
    """When the plan is next to be reviewed, given the dates reviews were held."""
    last = max(held) if held else None
    if every and unit:
        if last is None:
            return dates.add_units(started_on, every, unit)
        # Step from the start (not from the last due date) so month ends hold.
        n = 1
        due = dates.add_units(started_on, every, unit)
        while due < last:
            n += 1
            due = dates.add_units(started_on, n * every, unit)
        if due == last:  # held on the day: keep the rhythm
            return dates.add_units(started_on, (n + 1) * every, unit)
        return dates.add_units(last, every, unit)
    upcoming = sorted(d for d in fixed if last is None or d > last)
    return upcoming[0] if upcoming else None
