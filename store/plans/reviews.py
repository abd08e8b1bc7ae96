"""Reviewing a plan: every goal rated with its evidence, a decision for each, the client's
views, and the next review date; and a plan as it stood at a review."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from store.access import guarded
from store.audit.service import act, opened
from store.common import dates
from store.common.errors import InvalidInput
from store.common.records import WorkerInfo
from store.core.db import Database
from store.core.models import (
    PlanGoal,
    PlanReview,
    PlanReviewRating,
    ServicePlan,
    utcnow,
)
from store.core.permissions import Access
from store.core.rows import get_row, open_case
from store.plans.info import fixed_dates, next_review_due, plan_info
from store.plans.rows import (
    before_last,
    check_conference,
    chronology_entry,
    current_plan_row,
    last_review_on,
    latest_version,
    review_dates,
    touch,
    update_case_review,
)

if TYPE_CHECKING:
    from store.plans.records import (
        PlanInfo,
        ReviewInfo,
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


class PlanReviews:
    """Reviews of a plan: part of ``store.plans``."""

    database: Database

    @guarded(Access.WRITE, "plan_id", of="service_plan")
    def review(
        self,
        actor: WorkerInfo,
        plan_id: int,
        data: dict[str, Any],
        *,
        dayfirst: bool = True,
        conference_id: int | None = None,
    ) -> ReviewInfo:
        """Record a review of the current plan (held in the conference ``conference_id``,
        whose draft minutes of the same case then show it, if given).

        ``data`` holds ``held_on``, ``client_present``, ``client_views``, ``participants``,
        ``summary``, and for every open goal ``rating_<id>``, ``evidence_<id>``,
        ``decision_<id>`` and ``not_rated_<id>`` (why it was not rated). Every open goal must
        be rated or have a reason. Raises InvalidInput with those field names.
        """
        from store.common.validation import validate
        from store.plans.input import RatingInput, ReviewInput

        with self.database.reading():
            plan = get_row(ServicePlan, plan_id, "plan")
            open_goals = list(
                PlanGoal.select()
                .where((PlanGoal.plan == plan_id) & (PlanGoal.status == "open"))
                .order_by(PlanGoal.position)
            )
            last = last_review_on(plan_id)
        floor_day = last or plan.started_on
        floor = (
            floor_day,
            before_last(last)
            if last
            else "A review can't be dated before the plan started "
            f"({dates.format_date(plan.started_on)}).",
        )
        errors: dict[str, str] = {}
        head = None
        fixed = {
            k: data.get(k, "")
            for k in ("held_on", "client_present", "client_views", "participants", "summary")
        }
        try:
            head = validate(ReviewInput, fixed, dayfirst=dayfirst, not_before=floor)
        except InvalidInput as exc:
            errors.update(exc.errors)
        ratings: dict[int, Any] = {}
        for goal in open_goals:
            g = goal.id
            try:
                ratings[g] = validate(
                    RatingInput,
                    {
                        "rating": data.get(f"rating_{g}", ""),
                        "evidence": data.get(f"evidence_{g}", ""),
                        "decision": data.get(f"decision_{g}", ""),
                        "not_rated_reason": data.get(f"not_rated_{g}", ""),
                    },
                )
            except InvalidInput as exc:
                names = {"not_rated_reason": "not_rated"}
                for field, message in exc.errors.items():
                    errors[f"{names.get(field, field)}_{g}"] = message
        if not open_goals:
            errors.setdefault("form", "The plan has no open goals to review; add a goal first.")
        if errors or head is None:
            raise InvalidInput(errors)
        held = head.held_on or dates.today()
        with self.database.writing():
            plan = current_plan_row(plan_id)
            open_case(plan.case_id, CLOSED_CHANGE)
            if conference_id is not None:
                check_conference(conference_id, plan.case_id)
            still_open = {
                g.id: g
                for g in PlanGoal.select().where(
                    (PlanGoal.plan == plan_id) & (PlanGoal.status == "open")
                )
            }
            if set(still_open) != set(ratings):
                raise InvalidInput(
                    {"form": "The plan's goals changed meanwhile; open the review again."}
                )
            last = last_review_on(plan_id)
            if last is not None and held < last:
                raise InvalidInput({"held_on": before_last(last)})
            held_dates = [*review_dates(plan_id), held]
            next_on = next_review_due(
                plan.started_on, plan.review_every, plan.review_unit, fixed_dates(plan), held_dates
            )
            now = utcnow()
            review = PlanReview.create(
                plan=plan_id,
                held_on=held,
                client_present=head.client_present,
                client_views=head.client_views,
                participants=head.participants,
                summary=head.summary,
                next_review_on=next_on,
                created_at=now,
                created_by=actor.id,
                conference=conference_id,
            )
            lines = []
            for goal_id, rating in ratings.items():
                goal = still_open[goal_id]
                latest = latest_version(goal_id)
                PlanReviewRating.create(
                    review=review.id,
                    goal=goal_id,
                    goal_version=latest.id,
                    rating=rating.rating,
                    evidence=rating.evidence,
                    decision=rating.decision,
                    not_rated_reason=rating.not_rated_reason,
                )
                if rating.decision == "close goal":
                    status = "achieved" if rating.rating == "achieved" else "closed"
                    PlanGoal.update(
                        status=status, closed_on=held, version=goal.version + 1, updated_at=now
                    ).where(PlanGoal.id == goal_id).execute()
                what = (
                    f"{rating.rating}; {rating.decision}"
                    if rating.rating
                    else f"not rated ({rating.not_rated_reason})"
                )
                lines.append(f"- Goal {goal.position} ({latest.domain}): {what}")
            touch(plan)
            info = plan_info(ServicePlan.get_by_id(plan_id))
            update_case_review(plan.case_id, info)
            present = "client present" if head.client_present else "client not present"
            details = "\n".join(
                [
                    f"Review of service plan {plan.number}, {present}.",
                    "",
                    *lines,
                    "",
                    f"Next review: {dates.format_date(next_on) or 'none set'}.",
                ]
            )
            chronology_entry(
                plan.case_id,
                held,
                f"Service plan {plan.number} reviewed",
                details,
                "plan_review",
                review.id,
                actor,
            )
            act(actor, "plan-reviewed", plan.case_id, "plan_review", review.id)
            return next(r for r in info.reviews if r.id == review.id)

    @guarded(Access.READ, "review_id", of="plan_review")
    def for_review(self, actor: WorkerInfo, review_id: int, *, opening: bool = False) -> PlanInfo:
        """The plan a review belongs to (to open a review from the chronology); ``opening``:
        audit the opening."""
        with self.database.reading():
            review = get_row(PlanReview, review_id, "review")
            plan = plan_info(ServicePlan.get_by_id(review.plan_id))
        if opening:
            opened(self.database, actor, "plan", case_id=plan.case_id, record_id=plan.id)
        return plan
