"""The service plan's forms (the plan, a goal, an action, a review); the read-only view of a
whole plan is in ``view``.

The forms are ``FormScreen``s: the store checks every field (the SMART checks among them) and
its messages appear next to the fields. Saving returns to the case file, which reloads.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.screen import Screen

from store.common import dates
from store.plans.records import ACTION_STATUSES, DECISIONS, DOMAINS, RATINGS
from tui.screens.base import give_way
from tui.screens.form import Field, FormScreen
from tui.widgets.date_field import FUTURE, FUTURE_DATES, TODAY_IF_BLANK
from tui.workers import read_in_turn

if TYPE_CHECKING:
    from store.plans.records import ActionInfo, GoalInfo, PlanInfo
    from tui.host import CaselineHost

YES_NO = (("yes", "yes"), ("no", "no"))
SCHEDULE_FIELDS = [
    Field("started_on", "Starts", "e.g. today, 1/9/2026", date=TODAY_IF_BLANK),
    Field("review_interval", "Review every", "e.g. 6 weeks, 3 months, monthly"),
    Field(
        "review_dates",
        "or on dates",
        "e.g. 1/3/2027, 1/6/2027 (instead of an interval)",
        date=FUTURE_DATES,
    ),
]
CARRY_FIELD = Field(
    "carry_over",
    "Carry over",
    "open goals",
    choices=(("carry over the open goals", "yes"), ("start with no goals", "no")),
)
GOAL_FIELDS = [
    Field("domain", "Need", "which need it addresses", choices=DOMAINS),
    Field("change", "What changes", multiline=True),
    Field("measure", "Measured by", "e.g. rent account statements"),
    Field("target", "Target", "e.g. no arrears for 2 months"),
    Field("relevance", "Why it matters", multiline=True),
    Field("target_on", "Target date", "e.g. +3m, 1/3/2027", date=FUTURE),
    Field("client_agreed", "Client agreed", choices=YES_NO),
    Field("achievable", "Achievable", choices=YES_NO),
    Field("achievable_note", "Note", "optional: why it is (or isn't) realistic"),
]
REASON_FIELD = Field("reason", "Why changed", "needed once the goal has been reviewed")
ACTION_STATUS_FIELDS = [
    Field("due_on", "Due", "e.g. fri, +2w, 1/12/2026", date=FUTURE),
    Field("status", "Status", choices=ACTION_STATUSES),
    Field("status_note", "Note", "optional, e.g. what was done"),
]
REVIEW_FIELDS = [
    Field("held_on", "Held on", "e.g. today, yesterday", date=TODAY_IF_BLANK),
    Field("client_present", "Client present", choices=YES_NO),
    Field("client_views", "Client's views", multiline=True),
    Field("participants", "Also present", "e.g. mother; Dr Khan (GP)"),
    Field("summary", "Summary", multiline=True),
]


def _app(app: App[Any]) -> CaselineHost:
    return app  # type: ignore[return-value]


def _saved(
    app: App[Any], message: str, then: Callable[[Any], None] | None = None
) -> Callable[[object], None]:
    def done(result: object) -> None:
        if result is not None:
            app.notify(message, markup=False)
            if then is not None:
                then(result)

    return done


# --- the plan ----------------------------------------------------------------------------------


def new_plan(app: App[Any], case_id: int, current: PlanInfo | None, label: str) -> None:
    caseline = _app(app)
    store, me, dayfirst = caseline.store, caseline.me, caseline.config.dayfirst
    fields = [*SCHEDULE_FIELDS]
    values = {"started_on": dates.format_date(dates.today())}
    if current is not None:
        fields.append(CARRY_FIELD)
        values["carry_over"] = "yes"
        values["review_interval"] = _interval_text(current)

    def save(form: dict[str, str]) -> PlanInfo:
        carry = form.pop("carry_over", "yes") != "no"
        return store.plans.start(me, case_id, form, carry_over=carry, dayfirst=dayfirst)

    title = (
        "New service plan"
        if current is None
        else f"Plan {current.number + 1} (replaces plan {current.number})"
    )
    app.push_screen(
        FormScreen(title, fields, values, save, subtitle=label, draft_key=f"plan_new:{case_id}"),
        _saved(app, "Plan started; the chronology records it."),
    )


def schedule(app: App[Any], plan: PlanInfo, label: str) -> None:
    caseline = _app(app)
    store, me, dayfirst = caseline.store, caseline.me, caseline.config.dayfirst
    values = {
        "started_on": dates.format_date(plan.started_on),
        "review_interval": _interval_text(plan),
        "review_dates": ", ".join(dates.format_date(d) for d in plan.review_dates),
    }
    app.push_screen(
        FormScreen(
            f"Plan {plan.number}: start and reviews",
            SCHEDULE_FIELDS,
            values,
            lambda form, version: store.plans.update_schedule(
                me, plan.id, form, version=version, dayfirst=dayfirst
            ),
            subtitle=label,
            draft_key=f"plan_schedule:{plan.id}",
            version=plan.version,
        ),
        _saved(app, "Review schedule saved."),
    )


def _interval_text(plan: PlanInfo) -> str:
    if plan.review_every and plan.review_unit:
        return dates.format_interval(plan.review_every, plan.review_unit)
    return ""


# --- goals -------------------------------------------------------------------------------------


def add_goal(
    app: App[Any],
    plan: PlanInfo,
    *,
    then: Callable[[Any], None] | None = None,
    prefill: dict[str, str] | None = None,
) -> None:
    """The form for a new goal; ``then`` is given the goal once saved. ``prefill``: fields
    filled in to start from (a need from the assessment)."""
    caseline = _app(app)
    store, me, dayfirst = caseline.store, caseline.me, caseline.config.dayfirst
    values = {"client_agreed": "yes", "achievable": "yes", **(prefill or {})}
    app.push_screen(
        FormScreen(
            f"Goal {len(plan.goals) + 1}",
            GOAL_FIELDS,
            values,
            lambda form: store.plans.add_goal(me, plan.id, form, dayfirst=dayfirst),
            subtitle=f"Service plan {plan.number} · Specific, Measurable, Relevant, Time-bound",
            draft_key=f"goal_new:{plan.id}",
        ),
        _saved(app, "Goal added.", then),
    )


def edit_goal(app: App[Any], goal: GoalInfo) -> None:
    caseline = _app(app)
    store, me, dayfirst = caseline.store, caseline.me, caseline.config.dayfirst
    v = goal.current
    values = {
        "domain": v.domain,
        "change": v.change,
        "measure": v.measure,
        "target": v.target,
        "relevance": v.relevance,
        "target_on": dates.format_date(v.target_on) if v.target_on else "",
        "client_agreed": "yes" if v.client_agreed else "no",
        "achievable": "yes" if v.achievable else "no",
        "achievable_note": v.achievable_note,
        "reason": "",
    }
    reviewed = " · its earlier wording stays in the history" if goal.ratings else ""

    def reworded(result: GoalInfo | None) -> None:
        if result is None:
            return
        changed = len(result.versions) > len(goal.versions)
        app.notify("Goal saved as a new version." if changed else "Nothing changed.", markup=False)

    app.push_screen(
        FormScreen(
            f"{goal.title}: reword",
            [*GOAL_FIELDS, REASON_FIELD],
            values,
            lambda form, version: store.plans.update_goal(
                me, goal.id, form, version=version, dayfirst=dayfirst
            ),
            subtitle=f"version {len(goal.versions) + 1}{reviewed}",
            draft_key=f"goal:{goal.id}",
            version=goal.version,
        ),
        reworded,
    )


# --- actions -----------------------------------------------------------------------------------


def _action_fields(owners: list[tuple[str, str]]) -> list[Field]:
    return [
        Field("what", "Action", "what will be done"),
        Field(
            "owner",
            "Who",
            "who will do it",
            choices=tuple((label, choice) for choice, label in owners),
        ),
        Field("owner_name", "Name", "for someone else or another agency"),
        *ACTION_STATUS_FIELDS,
    ]


async def add_action(
    app: App[Any], plan: PlanInfo, goal: GoalInfo, *, then: Callable[[Any], None] | None = None
) -> None:
    """The form for a new action of ``goal``; ``then`` is given the action once saved. Who may
    own it is read first, while the keys typed after the key that asked wait (they are typed
    into the form, not taken as the plan's keys)."""
    caseline = _app(app)
    store, me, dayfirst = caseline.store, caseline.me, caseline.config.dayfirst
    owners = await _owners(app, plan)
    if owners is None:
        return
    app.push_screen(
        FormScreen(
            f"{goal.title}: new action",
            _action_fields(owners),
            {"status": "not started"},
            lambda form: store.plans.add_action(me, goal.id, form, dayfirst=dayfirst),
            subtitle=_one_line(goal.current.change),
            draft_key=f"action_new:{goal.id}",
        ),
        _saved(app, "Action added.", then),
    )


async def _owners(app: App[Any], plan: PlanInfo) -> list[tuple[str, str]] | None:
    """Who may own an action on the plan's case, read in a thread and awaited; None (and the
    worker told why) if it can't be read."""
    caseline = _app(app)
    store, me = caseline.store, caseline.me
    return await read_in_turn(
        app, lambda: store.plans.action_owners(me, plan.case_id), name="plan-read"
    )


async def update_action(
    app: App[Any], plan: PlanInfo, goal: GoalInfo, *, action_id: int | None = None
) -> None:
    """Change the action ``action_id`` (one already chosen), or choose one of the goal's
    actions (if it has several) and change it."""
    picked = next((a for a in goal.actions if a.id == action_id), None)
    if picked is not None or len(goal.actions) == 1:
        await _edit_action(app, plan, goal, picked or goal.actions[0])
        return
    keys = "123456789abcdfhijklmnopqrtuvwxyz"
    by_key = {keys[i]: a for i, a in enumerate(goal.actions[: len(keys)])}
    choices = [
        (key, str(a.id), f"{_one_line(a.what, 40)} · {a.owner_text} · {a.status}")
        for key, a in by_key.items()
    ]

    async def opens(value: str, choice: Screen[Any]) -> None:
        action = next((a for a in goal.actions if str(a.id) == value), None)
        if action is not None:
            await _edit_action(app, plan, goal, action, leaving=choice)

    from tui.screens.choice import ChoiceScreen

    app.push_screen(ChoiceScreen(f"Which action of {goal.title}?", choices, opens=opens))


async def _edit_action(
    app: App[Any],
    plan: PlanInfo,
    goal: GoalInfo,
    action: ActionInfo,
    *,
    leaving: Screen[Any] | None = None,
) -> None:
    """The action's form, once who may own it is read, in place of ``leaving`` if given (the
    choice of action: what is typed after the choice goes into the form)."""
    caseline = _app(app)
    store, me, dayfirst = caseline.store, caseline.me, caseline.config.dayfirst
    from store.plans.service import owner_choice_for

    owners = await _owners(app, plan)
    if owners is None or (leaving is not None and not give_way(leaving)):
        return
    owner, name = owner_choice_for(action, owners)
    if owner not in {choice for choice, _ in owners}:
        owners = [*owners, (owner, action.owner_text)]
    values = {
        "what": action.what,
        "owner": owner,
        "owner_name": name,
        "due_on": dates.format_date(action.due_on) if action.due_on else "",
        "status": action.status,
        "status_note": action.status_note,
    }
    app.push_screen(
        FormScreen(
            f"{goal.title}: action",
            _action_fields(owners),
            values,
            lambda form, version: store.plans.update_action(
                me, action.id, form, version=version, dayfirst=dayfirst
            ),
            subtitle=_one_line(action.what),
            draft_key=f"action:{action.id}",
            version=action.version,
        ),
        _saved(app, "Action saved; the change is kept in the history."),
    )


# --- reviews -----------------------------------------------------------------------------------


def review_fields(plan: PlanInfo) -> list[Field]:
    """The review form: the meeting, then each open goal's rating, evidence and decision."""
    fields = list(REVIEW_FIELDS)
    for goal in plan.open_goals:
        g = goal.id
        v = goal.current
        target = _one_line(v.target, 30)
        note = f"{goal.title} ({v.domain}): {_one_line(v.change, 60)} · target {target}"
        fields += [
            Field(
                f"rating_{g}",
                "Progress",
                "rate it, or give a reason below",
                choices=RATINGS,
                note=note,
            ),
            Field(f"evidence_{g}", "Evidence", multiline=True),
            Field(f"decision_{g}", "Decision", choices=DECISIONS),
            Field(f"not_rated_{g}", "Not rated", "why, if not rated today"),
        ]
    return fields


def review(app: App[Any], plan: PlanInfo, label: str) -> None:
    caseline = _app(app)
    store, me, dayfirst = caseline.store, caseline.me, caseline.config.dayfirst
    if not plan.open_goals:
        app.notify("The plan has no open goals to review; add a goal first (g).", markup=False)
        return
    values = {"held_on": dates.format_date(dates.today()), "client_present": "yes"}

    def done(result: object) -> None:
        if result is None:
            return
        from store.plans.records import ReviewInfo

        assert isinstance(result, ReviewInfo)
        follow = [r for r in result.ratings if r.decision in ("change", "new goal")]
        message = "Review recorded; the chronology records it."
        if result.next_review_on:
            message += f" Next review {dates.format_date(result.next_review_on)}."
        if any(r.decision == "change" for r in follow):
            message += " Reword the goals to change: e on each."
        if any(r.decision == "new goal" for r in follow):
            message += " Add the new goals: g."
        app.notify(message, markup=False, timeout=8)

    due = f"due {dates.format_date(plan.next_review_on)}" if plan.next_review_on else "no date set"
    app.push_screen(
        FormScreen(
            f"Review of plan {plan.number}",
            review_fields(plan),
            values,
            lambda form: store.plans.review(me, plan.id, form, dayfirst=dayfirst),
            subtitle=f"{label} · {due}",
            draft_key=f"plan_review:{plan.id}",
        ),
        done,
    )


def _one_line(text: str, limit: int = 70) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
