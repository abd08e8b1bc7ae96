"""A conference's minutes as one readable Markdown document: when and where, who chaired,
took the minutes, attended and sent apologies, the client's part and views, each agenda item
with its discussion, the information shared, the decisions, the actions as a table, a plan
review held in the meeting (as ``store.plans.render`` shows reviews), and the amendments
beneath.

Everything a person typed is escaped so it reads literally (a name like ``**x**`` or
``<b>`` shows those characters). The discussion and the information shared are Markdown by
design: they are kept as written, with raw HTML and images neutralised, inside a block quote
(so an unclosed code fence in one item can't swallow the rest), as the chronology export does.
"""

from __future__ import annotations

from datetime import date, datetime

from store.common import dates
from store.common.markdown import md_block, md_escape, md_inline, md_quote
from store.conferences.records import AttendeeInfo, ConferenceActionInfo, ConferenceInfo
from store.plans.render import review_markdown

__all__ = ["action_status_text", "minutes_markdown"]


def _when(at: datetime | None) -> str:
    """A stored (naive UTC) time as local date and time."""
    return dates.format_datetime(dates.to_local(at)) if at is not None else "not set"


def action_status_text(action: ConferenceActionInfo, today: date) -> str:
    """ "open", "open — overdue", "done 24 Nov 2026 by Sam Okafor: Rang the GP" (plain)."""
    if action.is_open:
        text = "open — overdue" if action.is_overdue(today) else "open"
    else:
        text = "done"
        if action.done_at is not None:
            text += f" {dates.format_date(dates.to_local(action.done_at).date())}"
        if action.done_by_name:
            text += f" by {action.done_by_name}"
    note = " ".join(action.status_note.split())
    return f"{text}: {note}" if note else text


def _person_row(person: AttendeeInfo) -> str:
    cells = (person.name, person.role, person.agency)
    return "| " + " | ".join(md_escape(c) if c.strip() else "—" for c in cells) + " |"


def minutes_markdown(
    conference: ConferenceInfo,
    *,
    title: str = "",
    today: date | None = None,
    level: int = 1,
) -> str:
    """The minutes as one document. ``title`` (plain text) heads it, or the meeting's type;
    ``today`` decides which open actions read as overdue."""
    today = today or dates.today()
    head = "#" * level
    sub = head + "#"
    c = conference
    out = [f"{head} {md_escape(title or f'{c.title}: minutes')}", ""]
    if c.is_final:
        by = f" by {md_escape(c.finalised_by_name)}" if c.finalised_by_name else ""
        out += [f"*Finalised {_when(c.finalised_at)}{by}.*", ""]
    else:
        out += ["*Draft minutes, not yet finalised.*", ""]
    facts = [
        ("Date and time", _when(c.held_at)),
        ("Place", c.place or "not recorded"),
        ("Type", c.conference_type or "not set"),
        ("Chair", c.chair or "not recorded"),
        ("Minute-taker", c.minute_taker or "not recorded"),
        (
            "Next meeting",
            dates.format_date(c.next_meeting_on) if c.next_meeting_on else "not set",
        ),
    ]
    out += [f"- **{label}:** {md_escape(value)}" for label, value in facts]

    out += ["", f"{sub} Attendees", ""]
    if c.attendees:
        out += ["| Name | Role | Agency |", "| --- | --- | --- |"]
        out += [_person_row(p) for p in c.attendees]
    else:
        out.append("No attendees recorded.")
    out += ["", f"{sub} Apologies", ""]
    if c.apologies:
        out += ["| Name | Role | Agency |", "| --- | --- | --- |"]
        out += [_person_row(p) for p in c.apologies]
    else:
        out.append("None.")

    out += ["", f"{sub} The client", ""]
    out.append("The client attended." if c.client_attended else "The client did not attend.")
    out += ["", "**The client's views, in their words:**", ""]
    out += md_quote(c.client_views) if c.client_views.strip() else ["Not recorded."]

    out += ["", f"{sub} Agenda"]
    if not c.agenda:
        out += ["", "No agenda items recorded."]
    for item in c.agenda:
        out += ["", f"{sub}# {item.position}. {md_escape(item.title)}", ""]
        out.append(
            md_block(item.discussion) if item.discussion.strip() else "No discussion recorded."
        )

    out += ["", f"{sub} Information shared", ""]
    out.append(md_block(c.information_shared) if c.information_shared.strip() else "None recorded.")

    out += ["", f"{sub} Decisions", ""]
    if c.decisions:
        out += [f"{n}. {md_inline(d)}" for n, d in enumerate(c.decisions, 1)]
    else:
        out.append("No decisions recorded.")

    out += ["", f"{sub} Actions", ""]
    if c.actions:
        out += ["| # | Action | Owner | Due | Status |", "| --- | --- | --- | --- | --- |"]
        for a in c.actions:
            cells = (
                str(a.position),
                a.what,
                a.owner_name,
                dates.format_date(a.due_on),
                action_status_text(a, today),
            )
            out.append("| " + " | ".join(md_escape(x) for x in cells) + " |")
    else:
        out.append("No actions agreed.")

    if c.review is not None and c.review_plan is not None:
        out += [
            "",
            f"{sub} Plan review held in the meeting",
            "",
            f"*Service plan {c.review_plan.number}.*",
            "",
            review_markdown(c.review, c.review_plan, level=level + 2).rstrip("\n"),
        ]

    if c.amendments:
        out += ["", f"{sub} Amendments"]
        for n, amendment in enumerate(c.amendments, 1):
            who = f", by {md_escape(amendment.author_name)}" if amendment.author_name else ""
            out += [
                "",
                f"{sub}# Amendment {n}: {_when(amendment.created_at)}{who}",
                "",
                f"**Reason:** {md_escape(amendment.reason)}",
                "",
                md_block(amendment.body),
            ]
    return "\n".join(out).rstrip() + "\n"
