"""Service plans: SMART goals with their actions, reviewed at set points.

A case has at most one current plan. Starting a new one ends the current one, which is then
kept exactly as it was (the database refuses to change an ended plan); its open goals can be
carried over. A goal's wording is versioned: editing adds a version, and every review rating
points at the version it judged, so the history always shows the goal as it stood then.

A review rates every open goal (or says why not), records who took part and the client's
views, closes goals it decides to close, and writes a chronology entry. The next review is one
interval after the last review (or the start); a review held on its due date keeps the plan's
rhythm, so monthly reviews from 31 January fall on 28 February, then 31 March. With fixed
review dates the next one is the first still after the last review. The case row keeps the
current plan's next review date for the caseload.

``PlanOps`` is a mixin for ``Store``; every method takes the acting worker.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, Any

from store.core import dates
from store.core.changes import diff, save_changes
from store.core.conflicts import last_change, refused, worker_name
from store.core.db import Database
from store.core.errors import Conflict, InvalidInput
from store.core.models import (
    Case,
    ChronologyEntry,
    Client,
    Contact,
    PlanAction,
    PlanGoal,
    PlanGoalVersion,
    PlanReview,
    PlanReviewRating,
    Professional,
    ServicePlan,
    Worker,
    utcnow,
)
from store.core.records import WorkerInfo
from store.core.rows import current_allocation_id, get_row, open_case, worker_names
from store.core.words import plural

if TYPE_CHECKING:
    from store.plans.records import (
        ActionInfo,
        GoalInfo,
        GoalVersionInfo,
        PlanInfo,
        PlanListItem,
        RatingInfo,
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


class PlanService:
    """Service plans, goals, actions and reviews: ``store.plans``."""

    def __init__(self, database: Database) -> None:
        self.database = database

    # -- reading -------------------------------------------------------------------------

    def for_case(self, actor: WorkerInfo, case_id: int) -> list[PlanListItem]:
        """Every plan of the case, newest first."""
        from store.plans.records import PlanListItem

        with self.database.reading():
            rows = list(
                ServicePlan.select()
                .where(ServicePlan.case == case_id)
                .order_by(ServicePlan.number.desc())
            )
            goals = _count_by(PlanGoal, PlanGoal.plan, [r.id for r in rows])
            reviews = _count_by(PlanReview, PlanReview.plan, [r.id for r in rows])
        return [
            PlanListItem(
                id=r.id,
                number=r.number,
                started_on=r.started_on,
                ended_on=r.ended_on,
                status=r.status,
                goals=goals.get(r.id, 0),
                reviews=reviews.get(r.id, 0),
            )
            for r in rows
        ]

    def current(self, actor: WorkerInfo, case_id: int) -> PlanInfo | None:
        """The case's current plan, or None if it has none."""
        with self.database.reading():
            row = ServicePlan.get_or_none(
                (ServicePlan.case == case_id) & (ServicePlan.status == "current")
            )
            return _plan_info(row) if row is not None else None

    def get(self, actor: WorkerInfo, plan_id: int) -> PlanInfo:
        """One plan, current or earlier, with its goals, actions and reviews."""
        with self.database.reading():
            return _plan_info(get_row(ServicePlan, plan_id, "plan"))

    def action_owners(self, actor: WorkerInfo, case_id: int) -> list[tuple[str, str]]:
        """Who can own an action on this case, as (choice, label) for a form."""
        with self.database.reading():
            return [(choice, label) for choice, label, _owner in _owners(actor, case_id)]

    # -- the plan ------------------------------------------------------------------------

    def start(
        self,
        actor: WorkerInfo,
        case_id: int,
        data: dict[str, Any],
        *,
        carry_over: bool = True,
        dayfirst: bool = True,
    ) -> PlanInfo:
        """Start the case's plan (ending the current one, whose open goals and their open
        actions are carried over if ``carry_over``). Writes a chronology entry.

        Raises InvalidInput ("started_on", "review_interval", "review_dates", "form").
        """
        from store.core.validation import validate
        from store.plans.input import PlanInput

        with self.database.reading():
            case = get_row(Case, case_id, "case")
            current = ServicePlan.get_or_none(
                (ServicePlan.case == case_id) & (ServicePlan.status == "current")
            )
            floor = _start_floor(case, current)
        new: PlanInput = validate(PlanInput, data, dayfirst=dayfirst, not_before=floor)
        started = new.started_on or dates.today()
        every, unit = new.interval()
        with self.database.writing():
            case = open_case(case_id, CLOSED_CHANGE)
            current = ServicePlan.get_or_none(
                (ServicePlan.case == case_id) & (ServicePlan.status == "current")
            )
            floor = _start_floor(case, current)
            if started < floor[0]:
                raise InvalidInput({"started_on": floor[1]})
            number = (
                ServicePlan.select(ServicePlan.number)
                .where(ServicePlan.case == case_id)
                .order_by(ServicePlan.number.desc())
                .scalar()
                or 0
            ) + 1
            now = utcnow()
            plan = ServicePlan.create(
                case=case_id,
                number=number,
                started_on=started,
                review_every=every,
                review_unit=unit,
                review_dates=new.review_dates,
                created_at=now,
                created_by=actor.id,
                updated_at=now,
            )
            carried = 0
            if current is not None:
                if carry_over:
                    carried = _carry_over(current, plan, actor)
                ServicePlan.update(
                    status="ended", ended_on=started, updated_at=now, version=current.version + 1
                ).where(ServicePlan.id == current.id).execute()
            info = _plan_info(plan)
            _update_case_review(case_id, info)
            schedule = info.schedule_text
            details = (
                f"Reviewed {schedule}; first review due {dates.format_date(info.next_review_on)}."
                if info.next_review_on
                else f"Reviewed {schedule}."
            )
            if current is not None:
                details += f" Replaces plan {current.number}"
                details += f", carrying over {plural(carried, 'open goal')}." if carry_over else "."
            _entry(
                case_id, started, f"Service plan {number} started", details, "plan", plan.id, actor
            )
            return info

    def update_schedule(
        self,
        actor: WorkerInfo,
        plan_id: int,
        data: dict[str, Any],
        *,
        version: int,
        dayfirst: bool = True,
    ) -> PlanInfo:
        """Change the current plan's start date or review schedule (kept in the history)."""
        from store.core.validation import validate
        from store.plans.input import PlanInput

        with self.database.reading():
            plan = get_row(ServicePlan, plan_id, "plan")
            floor = _start_floor(get_row(Case, plan.case_id, "case"), _previous(plan))
            first_review = _first_review_on(plan.id)
        new: PlanInput = validate(PlanInput, data, dayfirst=dayfirst, not_before=floor)
        started = new.started_on or plan.started_on
        if first_review is not None and started > first_review:
            raise InvalidInput(
                {
                    "started_on": "The plan was reviewed on "
                    f"{dates.format_date(first_review)}; it can't start after that."
                }
            )
        every, unit = new.interval()
        with self.database.writing():
            plan = _current_at(plan_id, version)
            open_case(plan.case_id, CLOSED_CHANGE)
            values = {
                "started_on": started,
                "review_every": every,
                "review_unit": unit,
                "review_dates": new.review_dates,
            }
            changes = diff({f: getattr(plan, f) for f in values}, values)
            if changes:
                save_changes(
                    ServicePlan, plan, values, changes, "service_plan", actor, PLAN_CONFLICT
                )
            info = _plan_info(ServicePlan.get_by_id(plan_id))
            _update_case_review(plan.case_id, info)
            return info

    # -- goals ---------------------------------------------------------------------------

    def add_goal(
        self, actor: WorkerInfo, plan_id: int, data: dict[str, Any], *, dayfirst: bool = True
    ) -> GoalInfo:
        """Add a goal to the current plan. Raises InvalidInput by field (the SMART checks)."""
        from store.core.validation import validate
        from store.plans.input import GoalInput

        new: GoalInput = validate(GoalInput, {**data, "reason": ""}, dayfirst=dayfirst)
        with self.database.writing():
            plan = _current(plan_id)
            open_case(plan.case_id, CLOSED_CHANGE)
            position = (
                PlanGoal.select(PlanGoal.position)
                .where(PlanGoal.plan == plan_id)
                .order_by(PlanGoal.position.desc())
                .scalar()
                or 0
            ) + 1
            now = utcnow()
            goal = PlanGoal.create(
                plan=plan_id, position=position, created_at=now, created_by=actor.id, updated_at=now
            )
            PlanGoalVersion.create(
                goal=goal.id,
                number=1,
                **{f: getattr(new, f) for f in GOAL_VERSION_FIELDS},
                created_at=now,
                created_by=actor.id,
            )
            _touch(plan)
            return _goal_info(goal.id)

    def update_goal(
        self,
        actor: WorkerInfo,
        goal_id: int,
        data: dict[str, Any],
        *,
        version: int,
        dayfirst: bool = True,
    ) -> GoalInfo:
        """Re-word an open goal: a new version; the earlier ones (and what reviews said of
        them) are kept. A goal that has been reviewed needs a reason for the change."""
        from store.core.validation import validate
        from store.plans.input import GoalInput

        with self.database.reading():
            goal = get_row(PlanGoal, goal_id, "goal")
            latest = _latest_version(goal_id)
            reviewed = PlanReviewRating.select().where(PlanReviewRating.goal == goal_id).exists()
        new: GoalInput = validate(
            GoalInput, data, dayfirst=dayfirst, keep_target_on=latest.target_on
        )
        if reviewed and not new.reason:
            raise InvalidInput({"reason": "This goal has been reviewed: say why it is changing."})
        with self.database.writing():
            goal = _goal_at(goal_id, version)
            plan = _current(goal.plan_id)
            open_case(plan.case_id, CLOSED_CHANGE)
            if goal.status != "open":
                raise InvalidInput(
                    {"form": f"Goal {goal.position} is {goal.status}; it can't be changed."}
                )
            latest = _latest_version(goal_id)
            current = {f: getattr(latest, f) for f in GOAL_VERSION_FIELDS}
            proposed = {f: getattr(new, f) for f in GOAL_VERSION_FIELDS}
            if current == proposed:
                return _goal_info(goal_id)
            now = utcnow()
            PlanGoalVersion.create(
                goal=goal_id,
                number=latest.number + 1,
                **proposed,
                reason=new.reason,
                created_at=now,
                created_by=actor.id,
            )
            PlanGoal.update(version=goal.version + 1, updated_at=now).where(
                PlanGoal.id == goal_id
            ).execute()
            _touch(plan)
            return _goal_info(goal_id)

    # -- actions -------------------------------------------------------------------------

    def add_action(
        self, actor: WorkerInfo, goal_id: int, data: dict[str, Any], *, dayfirst: bool = True
    ) -> ActionInfo:
        """Add an action to an open goal of the current plan."""
        from store.core.validation import validate
        from store.plans.input import ActionInput

        with self.database.reading():
            goal = get_row(PlanGoal, goal_id, "goal")
            plan = get_row(ServicePlan, goal.plan_id, "plan")
        owners = self._owner_map(actor, plan.case_id)
        new: ActionInput = validate(ActionInput, data, dayfirst=dayfirst, owners=owners)
        kind, name, pro_id = _resolve_owner(owners, new.owner, new.owner_name)
        with self.database.writing():
            goal = get_row(PlanGoal, goal_id, "goal")
            plan = _current(goal.plan_id)
            open_case(plan.case_id, CLOSED_CHANGE)
            if goal.status != "open":
                raise InvalidInput(
                    {"form": f"Goal {goal.position} is {goal.status}; add actions to an open goal."}
                )
            now = utcnow()
            action = PlanAction.create(
                goal=goal_id,
                what=new.what,
                owner_kind=kind,
                owner_name=name,
                professional=pro_id,
                due_on=new.due_on,
                status=new.status,
                status_note=new.status_note,
                created_at=now,
                created_by=actor.id,
                updated_at=now,
            )
            _touch(plan)
            return _action_info(action)

    def update_action(
        self,
        actor: WorkerInfo,
        action_id: int,
        data: dict[str, Any],
        *,
        version: int,
        dayfirst: bool = True,
    ) -> ActionInfo:
        """Change an action (its status most often); every change is kept in the history."""
        from store.core.validation import validate
        from store.plans.input import ActionInput

        with self.database.reading():
            action = get_row(PlanAction, action_id, "action")
            goal = get_row(PlanGoal, action.goal_id, "goal")
            plan = get_row(ServicePlan, goal.plan_id, "plan")
        owners = self._owner_map(actor, plan.case_id)
        owners.setdefault(
            _owner_choice(action), (action.owner_kind, action.owner_name, action.professional_id)
        )
        new: ActionInput = validate(ActionInput, data, dayfirst=dayfirst, owners=owners)
        kind, name, pro_id = _resolve_owner(owners, new.owner, new.owner_name)
        with self.database.writing():
            action = get_row(PlanAction, action_id, "action")
            if action.version != version:
                raise _action_refused(action)
            plan = _current(get_row(PlanGoal, action.goal_id, "goal").plan_id)
            open_case(plan.case_id, CLOSED_CHANGE)
            values = {
                "what": new.what,
                "owner_kind": kind,
                "owner_name": name,
                "professional": pro_id,
                "due_on": new.due_on,
                "status": new.status,
                "status_note": new.status_note,
            }
            current = {f: getattr(action, f) for f in values if f != "professional"}
            current["professional"] = action.professional_id
            changes = diff(current, values)
            if changes:
                save_changes(
                    PlanAction, action, values, changes, "plan_action", actor, ACTION_CONFLICT
                )
                _touch(plan)
            return _action_info(PlanAction.get_by_id(action_id))

    def _owner_map(self, actor: WorkerInfo, case_id: int) -> dict[str, Owner]:
        """{choice: (kind, name, professional id)} for the owners ``action_owners`` offers."""
        with self.database.reading():
            return {choice: owner for choice, _label, owner in _owners(actor, case_id)}

    # -- reviews -------------------------------------------------------------------------

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
        from store.core.validation import validate
        from store.plans.input import RatingInput, ReviewInput

        with self.database.reading():
            plan = get_row(ServicePlan, plan_id, "plan")
            open_goals = list(
                PlanGoal.select()
                .where((PlanGoal.plan == plan_id) & (PlanGoal.status == "open"))
                .order_by(PlanGoal.position)
            )
            last = _last_review_on(plan_id)
        floor_day = last or plan.started_on
        floor = (
            floor_day,
            _before_last(last)
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
            plan = _current(plan_id)
            open_case(plan.case_id, CLOSED_CHANGE)
            if conference_id is not None:
                _check_conference(conference_id, plan.case_id)
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
            last = _last_review_on(plan_id)
            if last is not None and held < last:
                raise InvalidInput({"held_on": _before_last(last)})
            held_dates = [*_review_dates(plan_id), held]
            next_on = next_review_due(
                plan.started_on, plan.review_every, plan.review_unit, _fixed_dates(plan), held_dates
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
                latest = _latest_version(goal_id)
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
            _touch(plan)
            info = _plan_info(ServicePlan.get_by_id(plan_id))
            _update_case_review(plan.case_id, info)
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
            _entry(
                plan.case_id,
                held,
                f"Service plan {plan.number} reviewed",
                details,
                "plan_review",
                review.id,
                actor,
            )
            return next(r for r in info.reviews if r.id == review.id)

    def for_review(self, actor: WorkerInfo, review_id: int) -> PlanInfo:
        """The plan a review belongs to (to open a review from the chronology)."""
        with self.database.reading():
            review = get_row(PlanReview, review_id, "review")
            return _plan_info(ServicePlan.get_by_id(review.plan_id))


# --- helpers (inside a reading() or writing() block) ------------------------------------------


def _check_conference(conference_id: int, case_id: int) -> None:
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


def _current(plan_id: int) -> Any:
    plan = get_row(ServicePlan, plan_id, "plan")
    if plan.status != "current":
        raise InvalidInput({"form": ENDED})
    return plan


def _current_at(plan_id: int, version: int) -> Any:
    plan = _current(plan_id)
    if plan.version != version:
        who, at = last_change("service_plan", plan.id)
        every, unit = plan.review_every, plan.review_unit
        fixed = ", ".join(dates.format_date(d) for d in _fixed_dates(plan))
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


def _goal_at(goal_id: int, version: int) -> Any:
    goal = get_row(PlanGoal, goal_id, "goal")
    if goal.version != version:
        # A goal moves on when it is reworded (a new wording) or a review closes it.
        latest = _latest_version(goal_id)
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


def _action_refused(action: Any) -> Conflict:
    who, at = last_change("plan_action", action.id)
    info = _action_info(action)
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


def _touch(plan: Any) -> None:
    ServicePlan.update(updated_at=utcnow()).where(ServicePlan.id == plan.id).execute()


def _previous(plan: Any) -> Any:
    return (
        ServicePlan.select()
        .where((ServicePlan.case == plan.case_id) & (ServicePlan.number < plan.number))
        .order_by(ServicePlan.number.desc())
        .first()
    )


def _start_floor(case: Any, previous: Any) -> tuple[date, str]:
    if previous is not None:
        last = _last_review_on(previous.id)
        day = max(previous.started_on, last) if last else previous.started_on
        return day, (
            f"A new plan can't start before plan {previous.number}"
            + (
                f" was last reviewed ({dates.format_date(last)})."
                if last
                else f" did ({dates.format_date(previous.started_on)})."
            )
        )
    start = case.allocated_on or case.opened_on
    return start, f"A plan can't start before the case was opened ({dates.format_date(start)})."


Owner = tuple[str, str, int | None]  # an action's owner_kind, owner_name, professional id


def _owners(actor: WorkerInfo, case_id: int) -> list[tuple[str, str, Owner]]:
    """Who can own an action on the case: (form choice, label, what the action records)."""
    case = get_row(Case, case_id, "case")
    worker = Worker.get_or_none(Worker.id == case.worker_id) if case.worker_id else None
    client = Client.get_by_id(case.client_id)
    owners: list[tuple[str, str, Owner]] = [
        (
            "worker",
            f"Worker: {worker.display_name if worker else actor.display_name}",
            ("worker", "", None),
        ),
        ("client", f"Client: {client.name}", ("client", "", None)),
    ]
    for contact in (
        Contact.select()
        .where((Contact.client == case.client_id) & Contact.removed_at.is_null())
        .order_by(Contact.name)
    ):
        named = contact.name + (f" ({contact.relationship})" if contact.relationship else "")
        owners.append((f"contact:{contact.id}", f"Network: {named}", ("family", named, None)))
    for pro in (
        Professional.select()
        .where((Professional.case == case_id) & Professional.removed_at.is_null())
        .order_by(Professional.name)
    ):
        role = ", ".join(p for p in (pro.role, pro.agency) if p)
        agency = f" ({pro.agency})" if pro.agency else ""
        owners.append(
            (
                f"professional:{pro.id}",
                f"Agency: {pro.name}" + (f", {role}" if role else ""),
                ("professional", f"{pro.name}{agency}", pro.id),
            )
        )
    return [
        *owners,
        ("family", "Someone else in the family or network", ("family", "", None)),
        ("other agency", "Another agency", ("professional", "", None)),
    ]


def _before_last(last: date | None) -> str:
    return f"A review can't be dated before the last one ({dates.format_date(last)})."


def _first_review_on(plan_id: int) -> date | None:
    value: date | None = (
        PlanReview.select(PlanReview.held_on)
        .where(PlanReview.plan == plan_id)
        .order_by(PlanReview.held_on)
        .scalar()
    )
    return value


def _last_review_on(plan_id: int) -> date | None:
    value: date | None = (
        PlanReview.select(PlanReview.held_on)
        .where(PlanReview.plan == plan_id)
        .order_by(PlanReview.held_on.desc())
        .scalar()
    )
    return value


def _review_dates(plan_id: int) -> list[date]:
    return [
        r.held_on for r in PlanReview.select(PlanReview.held_on).where(PlanReview.plan == plan_id)
    ]


def _fixed_dates(plan: Any) -> tuple[date, ...]:
    return tuple(date.fromisoformat(d) for d in (plan.review_dates or "").split(",") if d)


def _latest_version(goal_id: int) -> Any:
    return (
        PlanGoalVersion.select()
        .where(PlanGoalVersion.goal == goal_id)
        .order_by(PlanGoalVersion.number.desc())
        .get()
    )


def _count_by(model: Any, column: Any, ids: list[int]) -> dict[int, int]:
    if not ids:
        return {}
    from peewee import fn

    return dict(
        model.select(column, fn.COUNT(model.id)).where(column.in_(ids)).group_by(column).tuples()
    )


def _owner_choice(action: Any) -> str:
    if action.owner_kind == "professional" and action.professional_id:
        return f"professional:{action.professional_id}"
    if action.owner_kind in ("worker", "client"):
        return str(action.owner_kind)
    return "family" if action.owner_kind == "family" else "other agency"


def owner_choice_for(action: ActionInfo, owners: list[tuple[str, str]]) -> tuple[str, str]:
    """The form's (owner, owner_name) values for an existing action."""
    offered = {choice for choice, _label in owners}
    if action.owner_kind in ("worker", "client"):
        return action.owner_kind, ""
    if action.owner_kind == "professional" and action.professional_id:
        choice = f"professional:{action.professional_id}"
        if choice in offered:
            return choice, ""
    if action.owner_kind == "family":
        return "family", action.owner_name
    return "other agency", action.owner_name


def _resolve_owner(owners: dict[str, Owner], choice: str, typed: str) -> Owner:
    kind, name, pro_id = owners[choice]
    if choice in ("family", "other agency"):
        return kind, typed, None
    return kind, name, pro_id


def _update_case_review(case_id: int, plan: PlanInfo) -> None:
    Case.update(next_review_on=plan.next_review_on, has_plan=True).where(
        Case.id == case_id
    ).execute()


def _entry(
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


def _carry_over(old: Any, new: Any, actor: WorkerInfo) -> int:
    """Copy the old plan's open goals (their current wording) and open actions into ``new``."""
    now = utcnow()
    count = 0
    for goal in (
        PlanGoal.select()
        .where((PlanGoal.plan == old.id) & (PlanGoal.status == "open"))
        .order_by(PlanGoal.position)
    ):
        count += 1
        latest = _latest_version(goal.id)
        copy = PlanGoal.create(
            plan=new.id,
            position=count,
            carried_from=goal.id,
            created_at=now,
            created_by=actor.id,
            updated_at=now,
        )
        PlanGoalVersion.create(
            goal=copy.id,
            number=1,
            **{f: getattr(latest, f) for f in GOAL_VERSION_FIELDS},
            reason=f"Carried over from plan {old.number}",
            created_at=now,
            created_by=actor.id,
        )
        for action in PlanAction.select().where(
            (PlanAction.goal == goal.id) & PlanAction.status.in_(("not started", "in progress"))
        ):
            PlanAction.create(
                goal=copy.id,
                what=action.what,
                owner_kind=action.owner_kind,
                owner_name=action.owner_name,
                professional=action.professional_id,
                due_on=action.due_on,
                status=action.status,
                status_note=action.status_note,
                created_at=now,
                created_by=actor.id,
                updated_at=now,
            )
    return count


def _version_info(row: Any, names: dict[int, str]) -> GoalVersionInfo:
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


def _action_info(row: Any) -> ActionInfo:
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


def _goal_info(goal_id: int) -> GoalInfo:
    goal = PlanGoal.get_by_id(goal_id)
    plan = _plan_info(ServicePlan.get_by_id(goal.plan_id))
    return next(g for g in plan.goals if g.id == goal_id)


def _plan_info(plan: Any) -> PlanInfo:
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
        (
            {v.created_by_id for v in versions}
            | {r.created_by_id for r in reviews}
            | {plan.created_by_id}
        )
        - {None}
    )
    version_info = {v.id: _version_info(v, names) for v in versions}
    by_goal: dict[int, list[GoalVersionInfo]] = defaultdict(list)
    for v in versions:
        by_goal[v.goal_id].append(version_info[v.id])
    actions_by_goal: dict[int, list[ActionInfo]] = defaultdict(list)
    for a in actions:
        actions_by_goal[a.goal_id].append(_action_info(a))
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
            goal=version_info[r.goal_version_id],
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
            author_name=names.get(r.created_by_id, ""),
            created_at=r.created_at,
            ratings=tuple(rating_infos[r.id]),
            conference_id=r.conference_id,
        )
        for r in reviews
    )
    fixed = _fixed_dates(plan)
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
