"""A meeting read into its plain records: the minutes with attendees, agenda, decisions and
actions, and what its chronology entry says. Called inside a ``reading()`` or ``writing()``
block."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from store.common import dates
from store.common.words import plural
from store.core.models import (
    ConferenceAction,
    ConferenceAgendaItem,
    ConferenceAmendment,
    ConferenceAttendee,
    PlanReview,
    ServicePlan,
)
from store.core.rows import worker_names

if TYPE_CHECKING:
    from store.conferences.records import (
        ConferenceActionInfo,
        ConferenceInfo,
    )

CLOSED_CHANGE = "change its meetings' minutes"  # what a closed case refuses: "reopen it to ..."

CONFERENCE_CONFLICT = (
    "Someone else changed these minutes since you opened them; open them again to see."
)


DECISION_SHOWN = 120  # characters of a decision in the chronology entry


def action_info(row: Any, conference: Any, names: dict[int, str]) -> ConferenceActionInfo:
    from store.conferences.records import ConferenceActionInfo

    return ConferenceActionInfo(
        id=row.id,
        conference_id=row.conference_id,
        position=row.position,
        what=row.what,
        owner_name=row.owner_name,
        owner_attendee_id=row.owner_attendee_id,
        due_on=row.due_on,
        status=row.status,
        status_note=row.status_note,
        done_at=row.done_at,
        done_by_name=names.get(row.done_by_id, "") if row.done_by_id else "",
        version=row.version,
        conference_held_at=conference.held_at,
        conference_type=conference.conference_type,
        conference_status=conference.status,
    )


def conference_info(row: Any) -> ConferenceInfo:
    """Everything about one conference, in a handful of queries."""
    from store.conferences.records import (
        AgendaItemInfo,
        AttendeeInfo,
        ConferenceAmendmentInfo,
        ConferenceInfo,
    )
    from store.plans.info import plan_info

    people = [
        AttendeeInfo(
            id=a.id,
            position=a.position,
            present=bool(a.present),
            kind=a.kind,
            name=a.name,
            role=a.role,
            agency=a.agency,
            professional_id=a.professional_id,
            contact_id=a.contact_id,
        )
        for a in ConferenceAttendee.select()
        .where(ConferenceAttendee.conference == row.id)
        .order_by(ConferenceAttendee.position)
    ]
    agenda = tuple(
        AgendaItemInfo(id=i.id, position=i.position, title=i.title, discussion=i.discussion)
        for i in ConferenceAgendaItem.select()
        .where(ConferenceAgendaItem.conference == row.id)
        .order_by(ConferenceAgendaItem.position)
    )
    actions = list(
        ConferenceAction.select()
        .where(ConferenceAction.conference == row.id)
        .order_by(ConferenceAction.position)
    )
    amendments = list(
        ConferenceAmendment.select()
        .where(ConferenceAmendment.conference == row.id)
        .order_by(ConferenceAmendment.created_at, ConferenceAmendment.id)
    )
    names = worker_names(
        {row.created_by_id, row.finalised_by_id}
        | {a.done_by_id for a in actions}
        | {a.author_id for a in amendments}
    )
    plan = review_info = None
    review: Any = PlanReview.get_or_none(PlanReview.conference == row.id)
    if review is not None:
        plan = plan_info(ServicePlan.get_by_id(review.plan_id))
        review_info = next((r for r in plan.reviews if r.id == review.id), None)
    by_present: dict[bool, list[AttendeeInfo]] = defaultdict(list)
    for person in people:
        by_present[person.present].append(person)
    return ConferenceInfo(
        id=row.id,
        case_id=row.case_id,
        status=row.status,
        held_at=row.held_at,
        place=row.place,
        conference_type=row.conference_type,
        chair=row.chair,
        minute_taker=row.minute_taker,
        client_attended=bool(row.client_attended),
        client_views=row.client_views,
        information_shared=row.information_shared,
        decisions=tuple(d for d in row.decisions.split("\n") if d),
        attendees=tuple(by_present[True]),
        apologies=tuple(by_present[False]),
        agenda=agenda,
        actions=tuple(action_info(a, row, names) for a in actions),
        next_meeting_on=row.next_meeting_on,
        author_name=names.get(row.created_by_id, ""),
        created_at=row.created_at,
        updated_at=row.updated_at,
        finalised_at=row.finalised_at,
        finalised_by_name=names.get(row.finalised_by_id, "") if row.finalised_by_id else "",
        version=row.version,
        amendments=tuple(
            ConferenceAmendmentInfo(
                id=a.id,
                author_name=names.get(a.author_id, ""),
                created_at=a.created_at,
                reason=a.reason,
                body=a.body,
            )
            for a in amendments
        ),
        review=review_info,
        review_plan=plan,
    )


def entry_details(row: Any, present: list[Any], apologies: int, actions: int) -> str:
    """The chronology entry's text: who chaired and came, and the decisions, briefly."""
    from store.common.markdown import md_escape

    client = "the client attended" if row.client_attended else "the client did not attend"
    lines = [
        f"Chaired by {md_escape(row.chair)}; {len(present)} attended, {client}"
        + (f"; apologies from {apologies}." if apologies else "."),
    ]
    decisions = [d for d in row.decisions.split("\n") if d.strip()]
    if decisions:
        lines += ["", "Decisions:", ""]
        for decision in decisions:
            short = (
                decision
                if len(decision) <= DECISION_SHOWN
                else decision[: DECISION_SHOWN - 1] + "…"
            )
            lines.append(f"- {md_escape(short)}")
    lines += ["", f"{plural(actions, 'action')} agreed."]
    if row.next_meeting_on:
        lines.append(f"Next meeting: {dates.format_date(row.next_meeting_on)}.")
    return "\n".join(lines)


def title_of_type(conference_type: str) -> str:
    from store.conferences.records import type_title

    return type_title(conference_type)
