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

``PlanService`` is ``store.plans``; every method takes the acting worker.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from store.access import guarded
from store.audit.service import act, opened
from store.common import dates
from store.common.errors import InvalidInput
from store.common.records import WorkerInfo
from store.common.words import plural
from store.core.changes import diff, save_changes
from store.core.db import Database
from store.core.models import (
    Case,
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
from store.core.permissions import Access
from store.core.rows import get_row, open_case
from store.plans.info import action_info, goal_info, plan_info
from store.plans.reviews import PlanReviews
from store.plans.rows import (
    action_refused,
    chronology_entry,
    count_by,
    current_at,
    current_plan_row,
    first_review_on,
    goal_at,
    last_review_on,
    latest_version,
    previous_plan,
    touch,
    update_case_review,
)

if TYPE_CHECKING:
    from store.plans.records import (
        ActionInfo,
        GoalInfo,
        PlanInfo,
        PlanListItem,
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


class PlanService(PlanReviews):
    """Service plans, goals, actions and reviews: ``store.plans``."""

    def __init__(self, database: Database) -> None:
        self.database = database

    # -- reading -------------------------------------------------------------------------

    @guarded(Access.READ, "case_id")
    def for_case(self, actor: WorkerInfo, case_id: int) -> list[PlanListItem]:
        """Every plan of the case, newest first."""
        from store.plans.records import PlanListItem

        with self.database.reading():
            rows = list(
                ServicePlan.select()
                .where(ServicePlan.case == case_id)
                .order_by(ServicePlan.number.desc())
            )
            goals = count_by(PlanGoal, PlanGoal.plan, [r.id for r in rows])
            reviews = count_by(PlanReview, PlanReview.plan, [r.id for r in rows])
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

    @guarded(Access.READ, "case_id")
    def current(self, actor: WorkerInfo, case_id: int) -> PlanInfo | None:
        """The case's current plan, or None if it has none."""
        with self.database.reading():
            row = ServicePlan.get_or_none(
                (ServicePlan.case == case_id) & (ServicePlan.status == "current")
            )
            return plan_info(row) if row is not None else None

    @guarded(Access.READ, "plan_id", of="service_plan")
    def get(self, actor: WorkerInfo, plan_id: int, *, opening: bool = False) -> PlanInfo:
        """One plan, current or earlier, with its goals, actions and reviews; ``opening``:
        audit the opening."""
        with self.database.reading():
            plan = plan_info(get_row(ServicePlan, plan_id, "plan"))
        if opening:
            opened(self.database, actor, "plan", case_id=plan.case_id, record_id=plan_id)
        return plan

    @guarded(Access.READ, "case_id")
    def action_owners(self, actor: WorkerInfo, case_id: int) -> list[tuple[str, str]]:
        """Who can own an action on this case, as (choice, label) for a form."""
        with self.database.reading():
            return [(choice, label) for choice, label, _owner in _owners(actor, case_id)]

    # -- the plan ------------------------------------------------------------------------

    @guarded(Access.WRITE, "case_id")
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
        from store.common.validation import validate
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
            info = plan_info(plan)
            update_case_review(case_id, info)
            schedule = info.schedule_text
            details = (
                f"Reviewed {schedule}; first review due {dates.format_date(info.next_review_on)}."
                if info.next_review_on
                else f"Reviewed {schedule}."
            )
            if current is not None:
                details += f" Replaces plan {current.number}"
                details += f", carrying over {plural(carried, 'open goal')}." if carry_over else "."
            chronology_entry(
                case_id, started, f"Service plan {number} started", details, "plan", plan.id, actor
            )
            act(actor, "plan-started", case_id, "service_plan", plan.id)
            return info

    @guarded(Access.WRITE, "plan_id", of="service_plan")
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
        from store.common.validation import validate
        from store.plans.input import PlanInput

        with self.database.reading():
            plan = get_row(ServicePlan, plan_id, "plan")
            floor = _start_floor(get_row(Case, plan.case_id, "case"), previous_plan(plan))
            first_review = first_review_on(plan.id)
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
            plan = current_at(plan_id, version)
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
                act(actor, "plan-updated", plan.case_id, "service_plan", plan_id)
            info = plan_info(ServicePlan.get_by_id(plan_id))
            update_case_review(plan.case_id, info)
            return info

    # -- goals ---------------------------------------------------------------------------

    @guarded(Access.WRITE, "plan_id", of="service_plan")
    def add_goal(
        self, actor: WorkerInfo, plan_id: int, data: dict[str, Any], *, dayfirst: bool = True
    ) -> GoalInfo:
        """Add a goal to the current plan. Raises InvalidInput by field (the SMART checks)."""
        from store.common.validation import validate
        from store.plans.input import GoalInput

        new: GoalInput = validate(GoalInput, {**data, "reason": ""}, dayfirst=dayfirst)
        with self.database.writing():
            plan = current_plan_row(plan_id)
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
            touch(plan)
            act(actor, "goal-added", plan.case_id, "plan_goal", goal.id)
            return goal_info(goal.id)

    @guarded(Access.WRITE, "goal_id", of="plan_goal")
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
        from store.common.validation import validate
        from store.plans.input import GoalInput

        with self.database.reading():
            goal = get_row(PlanGoal, goal_id, "goal")
            latest = latest_version(goal_id)
            reviewed = PlanReviewRating.select().where(PlanReviewRating.goal == goal_id).exists()
        new: GoalInput = validate(
            GoalInput, data, dayfirst=dayfirst, keep_target_on=latest.target_on
        )
        if reviewed and not new.reason:
            raise InvalidInput({"reason": "This goal has been reviewed: say why it is changing."})
        with self.database.writing():
            goal = goal_at(goal_id, version)
            plan = current_plan_row(goal.plan_id)
            open_case(plan.case_id, CLOSED_CHANGE)
            if goal.status != "open":
                raise InvalidInput(
                    {"form": f"Goal {goal.position} is {goal.status}; it can't be changed."}
                )
            latest = latest_version(goal_id)
            current = {f: getattr(latest, f) for f in GOAL_VERSION_FIELDS}
            proposed = {f: getattr(new, f) for f in GOAL_VERSION_FIELDS}
            if current == proposed:
                return goal_info(goal_id)
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
            touch(plan)
            act(actor, "goal-updated", plan.case_id, "plan_goal", goal_id)
            return goal_info(goal_id)

    # -- actions -------------------------------------------------------------------------

    @guarded(Access.WRITE, "goal_id", of="plan_goal")
    def add_action(
        self, actor: WorkerInfo, goal_id: int, data: dict[str, Any], *, dayfirst: bool = True
    ) -> ActionInfo:
        """Add an action to an open goal of the current plan."""
        from store.common.validation import validate
        from store.plans.input import ActionInput

        with self.database.reading():
            goal = get_row(PlanGoal, goal_id, "goal")
            plan = get_row(ServicePlan, goal.plan_id, "plan")
        owners = self._owner_map(actor, plan.case_id)
        new: ActionInput = validate(ActionInput, data, dayfirst=dayfirst, owners=owners)
        kind, name, pro_id = _resolve_owner(owners, new.owner, new.owner_name)
        with self.database.writing():
            goal = get_row(PlanGoal, goal_id, "goal")
            plan = current_plan_row(goal.plan_id)
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
            touch(plan)
            act(actor, "action-added", plan.case_id, "plan_action", action.id)
            return action_info(action)

    @guarded(Access.WRITE, "action_id", of="plan_action")
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
        from store.common.validation import validate
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
                raise action_refused(action)
            plan = current_plan_row(get_row(PlanGoal, action.goal_id, "goal").plan_id)
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
                touch(plan)
                act(actor, "action-updated", plan.case_id, "plan_action", action_id)
            return action_info(PlanAction.get_by_id(action_id))

    def _owner_map(self, actor: WorkerInfo, case_id: int) -> dict[str, Owner]:
        """{choice: (kind, name, professional id)} for the owners ``action_owners`` offers."""
        with self.database.reading():
            return {choice: owner for choice, _label, owner in _owners(actor, case_id)}

    # -- reviews -------------------------------------------------------------------------


# --- helpers (inside a reading() or writing() block) ------------------------------------------


def _start_floor(case: Any, previous: Any) -> tuple[date, str]:
    if previous is not None:
        last = last_review_on(previous.id)
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
        latest = latest_version(goal.id)
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
