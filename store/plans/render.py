"""A service plan as one readable document: each goal with its actions and, directly beneath,
its whole review history, so the plan and its progress read together.

The same Markdown is shown on screen (Textual's Markdown widget), exported (as Markdown, or
rendered to HTML by ``store.export.html``), and later placed in conference minutes. Everything a
person typed is escaped, so it reads literally: a goal called ``**urgent**`` or ``<b>`` shows
those characters. Multi-line text (evidence, the client's views) keeps its lines.
"""

from __future__ import annotations

from datetime import date

from store.common import dates
from store.common.markdown import md_escape, md_inline, md_quote
from store.common.words import plural
from store.plans.records import (
    OWNER_LABELS,
    GoalInfo,
    GoalVersionInfo,
    PlanInfo,
    RatingInfo,
    ReviewInfo,
)

__all__ = [
    "doing_with",
    "goal_markdown",
    "plan_header_markdown",
    "plan_markdown",
    "review_markdown",
    "reviews_markdown",
]

_STATUS_MARKS = {"not started": "☐", "in progress": "◐", "done": "☑", "dropped": "✗"}


def doing_with(plan: PlanInfo) -> str:
    """ "Actions: client 3 · worker 2 · family 1 — the client owns 3 of 6 (50%)"."""
    counts = plan.owner_counts()
    total = sum(counts.values())
    if not total:
        return "No actions yet."
    parts = [f"{OWNER_LABELS[k]} {counts[k]}" for k in OWNER_LABELS if counts.get(k)]
    client = counts.get("client", 0)
    share = round(100 * client / total)
    return f"Actions: {' · '.join(parts)} — the client owns {client} of {total} ({share}%)."


def plan_header_markdown(
    plan: PlanInfo, today: date | None = None, *, case_closed: bool = False
) -> str:
    """The plan's facts: start, schedule, next review, who owns the actions.

    The plan of a closed case is kept as it was, but has no next review.
    """
    today = today or dates.today()
    facts = [f"Started {dates.format_date(plan.started_on)}", f"reviewed {plan.schedule_text}"]
    if plan.is_current and case_closed:
        facts.append("no further reviews (the case is closed)")
    elif plan.is_current:
        if plan.next_review_on is None:
            facts.append("**no review date set**")
        elif plan.next_review_on < today:
            facts.append(f"next review **{dates.format_date(plan.next_review_on)} — overdue**")
        else:
            facts.append(f"next review {dates.format_date(plan.next_review_on)}")
    else:
        facts.append(f"ended {dates.format_date(plan.ended_on)} (an earlier plan, read-only)")
    reviews = len(plan.reviews)
    last = f", last {dates.format_date(plan.reviews[-1].held_on)}" if reviews else ""
    facts.append(f"{plural(reviews, 'review')}{last}")
    return "\n\n".join([" · ".join(facts) + ".", doing_with(plan)])


def _wording(v: GoalVersionInfo) -> list[str]:
    target_on = dates.format_date(v.target_on) if v.target_on else "no date"
    agreed = "agreed with the client" if v.client_agreed else "**not yet agreed with the client**"
    achievable = "judged achievable" if v.achievable else "**not yet judged achievable**"
    note = f" ({md_inline(v.achievable_note)})" if v.achievable_note.strip() else ""
    return [
        f"**What will change:** {md_inline(v.change)}",
        "",
        f"**Measure:** {md_inline(v.measure)} · **target:** {md_inline(v.target)}",
        "",
        f"**Why it matters:** “{md_inline(v.relevance)}”",
        "",
        f"**By** {target_on} · {agreed} · {achievable}{note}",
    ]


def _rating_line(r: RatingInfo) -> str:
    when = dates.format_date(r.held_on)
    if not r.rating:
        return f"- **{when} — not rated:** {md_inline(r.not_rated_reason)}"
    return f"- **{when} — {r.rating}**, decision: {r.decision}."


def goal_markdown(goal: GoalInfo, *, level: int = 2, today: date | None = None) -> str:
    """One goal: its wording, actions and review history (oldest review first)."""
    today = today or dates.today()
    v = goal.current
    status = {"open": "open", "achieved": "achieved", "closed": "closed"}.get(
        goal.status, goal.status
    )
    if goal.closed_on:
        status += f" {dates.format_date(goal.closed_on)}"
    head = "#" * level
    out = [f"{head} {goal.title} · {md_escape(v.domain)} · {status}", ""]
    if goal.carried_from_plan:
        out += [f"*Carried over from plan {goal.carried_from_plan}.*", ""]
    out += _wording(v)
    if len(goal.versions) > 1:
        out += [
            "",
            f"*Reworded {plural(len(goal.versions) - 1, 'time')}; "
            f"this wording since {dates.format_date(dates.to_local(v.created_at).date())}"
            + (f": {md_inline(v.reason)}" if v.reason.strip() else "")
            + ".*",
        ]
    out += ["", f"{head}# Actions", ""]
    if goal.actions:
        for a in goal.actions:
            due = dates.format_date(a.due_on) if a.due_on else "no date"
            late = " — **overdue**" if a.is_overdue(today) else ""
            note = f" ({md_inline(a.status_note)})" if a.status_note.strip() else ""
            out.append(
                f"- {_STATUS_MARKS.get(a.status, '·')} {md_inline(a.what)} — "
                f"*{md_escape(a.owner_text)}*, due {due}, {a.status}{late}{note}"
            )
    else:
        out.append("No actions yet.")
    out += ["", f"{head}# Reviews", ""]
    if not goal.ratings:
        out.append("Not reviewed yet.")
    for r in goal.ratings:
        out.append(_rating_line(r))
        if r.evidence.strip():
            out += ["", "  Evidence:", "", *md_quote(r.evidence, "  ")]
        if r.goal.id != v.id:
            out += [
                "",
                f"  *The goal as it stood then:* {md_inline(r.goal.change)} "
                f"(measure: {md_inline(r.goal.measure)}; target: {md_inline(r.goal.target)}; by "
                f"{dates.format_date(r.goal.target_on) if r.goal.target_on else 'no date'}).",
            ]
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def review_markdown(review: ReviewInfo, plan: PlanInfo, *, level: int = 2) -> str:
    """One review as a whole: who took part, the client's views, and every goal's rating."""
    head = "#" * level
    present = "The client took part." if review.client_present else "The client was not present."
    by = f" Recorded by {md_escape(review.author_name)}." if review.author_name else ""
    out = [f"{head} Review of {dates.format_date(review.held_on)}", "", present + by, ""]
    if review.participants.strip():
        out += [f"**Also taking part:** {md_inline(review.participants)}", ""]
    out += ["**The client's views:**", "", *md_quote(review.client_views), ""]
    if review.summary.strip():
        out += ["**Summary:**", "", *md_quote(review.summary), ""]
    positions = {g.id: g.position for g in plan.goals}
    for r in review.ratings:
        title = f"Goal {positions.get(r.goal_id, '?')}: {md_inline(r.goal.change)}"
        out.append(
            f"- **{title}** — "
            + (
                f"{r.rating}; {r.decision}."
                if r.rating
                else f"not rated: {md_inline(r.not_rated_reason)}"
            )
        )
        if r.evidence.strip():
            out += ["", *md_quote(r.evidence, "  "), ""]
    nxt = dates.format_date(review.next_review_on) if review.next_review_on else "none set"
    out += ["", f"Next review: {nxt}."]
    return "\n".join(out).rstrip() + "\n"


def reviews_markdown(plan: PlanInfo, *, level: int = 2) -> str:
    """Every review of the plan as a whole, oldest first, under a "Reviews" heading."""
    head = "#" * level
    out = [f"{head} Reviews", ""]
    if not plan.reviews:
        out.append("No reviews yet.")
    for review in plan.reviews:
        out += [review_markdown(review, plan, level=level + 1), ""]
    return "\n".join(out).rstrip() + "\n"


def plan_markdown(
    plan: PlanInfo,
    *,
    title: str = "",
    today: date | None = None,
    level: int = 1,
    case_closed: bool = False,
) -> str:
    """The whole plan as one document. ``title`` (plain text) heads it if given; the plan of a
    closed case has no next review."""
    today = today or dates.today()
    head = "#" * level
    out = []
    if title:
        out += [f"{head} {md_escape(title)}", ""]
    out += [plan_header_markdown(plan, today, case_closed=case_closed), ""]
    if not plan.goals:
        out.append("No goals yet.")
    for goal in plan.goals:
        out += [goal_markdown(goal, level=level + 1, today=today), ""]
    return "\n".join(out).rstrip() + "\n"
