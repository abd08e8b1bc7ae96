"""Writing a meeting's minutes into their rows: who attended or sent apologies (found among
the case's people or added as typed), the agenda, decisions and actions."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from peewee import fn

from store.common import dates
from store.common.errors import InvalidInput
from store.common.records import WorkerInfo
from store.common.textsafe import fold
from store.conferences.rules import NAMED_WHO
from store.core.models import (
    Case,
    Client,
    Conference,
    ConferenceAction,
    ConferenceAgendaItem,
    ConferenceAttendee,
    Contact,
    Professional,
    Worker,
    utcnow,
)

if TYPE_CHECKING:
    from store.conferences.input import AttendeeInput, Minutes

CLOSED_CHANGE = "change its meetings' minutes"  # what a closed case refuses: "reopen it to ..."

CONFERENCE_CONFLICT = (
    "Someone else changed these minutes since you opened them; open them again to see."
)


def display_name(name: str, role: str, agency: str) -> str:
    """ "Dr Amir Khan (Hillside GP)", "Rosa Reyes (sister)"."""
    extra = agency or role
    return f"{name} ({extra})" if extra else name


class People:
    """Resolves who an attendee or an action's owner is, for one case, within a write."""

    def __init__(self, case: Any, actor: WorkerInfo) -> None:
        self.case = case
        self.actor = actor
        self.client = Client.get_by_id(case.client_id)
        worker = Worker.get_or_none(Worker.id == case.worker_id) if case.worker_id else None
        self.worker_name = worker.display_name if worker else actor.display_name

    def resolve(self, who: str, name: str, role: str, agency: str) -> dict[str, Any] | str:
        """The attendee row's values for ``who``, or a message saying what is wrong."""
        kind, _, raw = who.partition(":")
        if kind == "professional":
            pro = Professional.get_or_none(
                (Professional.id == int(raw))
                & (Professional.case == self.case.id)
                & Professional.removed_at.is_null()
            )
            if pro is None:
                return "That professional is not on this case's list; choose again."
            return {
                "kind": "professional",
                "professional": pro.id,
                "name": pro.name,
                "role": role or pro.role,
                "agency": agency or pro.agency,
            }
        if kind == "contact":
            contact = Contact.get_or_none(
                (Contact.id == int(raw))
                & (Contact.client == self.case.client_id)
                & Contact.removed_at.is_null()
            )
            if contact is None:
                return "That person is not in the client's support network; choose again."
            return {
                "kind": "contact",
                "contact": contact.id,
                "name": contact.name,
                "role": role or contact.relationship,
                "agency": agency,
            }
        if kind == "client":
            return {"kind": "client", "name": self.client.name, "role": role or "client"}
        if kind == "worker":
            return {
                "kind": "worker",
                "name": self.worker_name,
                "role": role or "allocated worker",
                "agency": agency,
            }
        if kind == "new":
            # Joins the case's professionals when the minutes are finalised, not while they
            # are typed (a name half-written when a draft is saved would join too).
            return {
                "kind": "professional",
                "professional": None,
                "name": name,
                "role": role,
                "agency": agency,
            }
        return {"kind": "other", "name": name, "role": role, "agency": agency}

    def _professional(self, name: str, role: str, agency: str) -> int:
        """A professional added on the spot joins the case's list (once: one already on it
        by that name and agency is used)."""
        for pro in Professional.select().where(
            (Professional.case == self.case.id) & Professional.removed_at.is_null()
        ):
            if fold(pro.name) == fold(name) and fold(pro.agency) == fold(agency):
                return int(pro.id)
        now = utcnow()
        row = Professional.create(
            case=self.case.id,
            name=name,
            agency=agency,
            role=role,
            created_at=now,
            updated_at=now,
            created_by=self.actor.id,
        )
        return int(row.id)


def write_lists(conference_id: int, case: Any, minutes: Minutes, actor: WorkerInfo) -> None:
    """Write the draft's attendees, apologies, agenda and actions (its lists are empty)."""
    people = People(case, actor)
    errors: dict[str, str] = {}
    seen: dict[str, str] = {}  # who -> the field that first listed them
    by_row: dict[str, tuple[int, str]] = {}  # "attendee:0" -> (attendee id, owner name)
    by_who: dict[str, tuple[int, str]] = {}  # "professional:3" -> (attendee id, owner name)
    position = 0
    lists: tuple[tuple[str, str, bool, tuple[tuple[int, AttendeeInput], ...]], ...] = (
        ("attendees", "attendee", True, minutes.attendees),
        ("apologies", "apology", False, minutes.apologies),
    )
    for key, row_kind, present, rows in lists:
        for index, person in rows:
            field = f"{key}.{index}.who"
            values = people.resolve(person.who, person.name, person.role, person.agency)
            if isinstance(values, str):
                errors[field] = values
                continue
            who = (
                person.who
                if values["kind"] not in ("professional", "contact") or person.who == "new"
                else f"{values['kind']}:{values[values['kind']]}"
            )
            if who not in NAMED_WHO:
                if who in seen:
                    errors[field] = f"{values['name']} is listed twice."
                    continue
                seen[who] = field
            position += 1
            row = ConferenceAttendee.create(
                conference=conference_id, position=position, present=present, **values
            )
            shown = display_name(values["name"], values.get("role", ""), values.get("agency", ""))
            by_row[f"{row_kind}:{index}"] = (row.id, shown)
            if who not in NAMED_WHO:
                by_who[who] = (row.id, shown)
    for position, (_index, item) in enumerate(minutes.agenda, 1):
        ConferenceAgendaItem.create(
            conference=conference_id,
            position=position,
            title=item.title,
            discussion=item.discussion,
        )
    now = utcnow()
    for position, (index, action) in enumerate(minutes.actions, 1):
        owner = action.owner
        attendee_id: int | None = None
        if owner in ("", "other"):
            name = action.owner_name
        elif owner.startswith(("attendee:", "apology:")):
            if owner not in by_row:
                errors[f"actions.{index}.owner"] = "That row of the list is empty; choose again."
                continue
            attendee_id, name = by_row[owner]
        elif owner in by_who:
            attendee_id, name = by_who[owner]
        else:  # not at the meeting: an absent professional, the client, someone in the network
            values = people.resolve(owner, "", "", "")
            if isinstance(values, str):
                errors[f"actions.{index}.owner"] = values
                continue
            name = display_name(values["name"], values.get("role", ""), values.get("agency", ""))
        ConferenceAction.create(
            conference=conference_id,
            position=position,
            what=action.what,
            owner_name=name,
            owner_attendee=attendee_id,
            due_on=action.due_on,
            created_at=now,
            created_by=actor.id,
            updated_at=now,
        )
    if errors:
        raise InvalidInput(errors)  # the transaction is rolled back


def head_values(minutes: Minutes) -> dict[str, Any]:
    head = minutes.head
    held = head.held_at
    return {
        "held_at": dates.to_utc(held).replace(tzinfo=None) if held is not None else None,
        "place": head.place,
        "conference_type": head.conference_type,
        "chair": head.chair,
        "minute_taker": head.minute_taker,
        "client_attended": head.client_attended,
        "client_views": head.client_views,
        "information_shared": head.information_shared,
        "decisions": "\n".join(head.decisions),
        "next_meeting_on": head.next_meeting_on,
    }


def update_case_actions(case_id: int) -> None:
    """Keep the case row's earliest due date of open conference actions (for the caseload)."""
    due: Any = (
        ConferenceAction.select(fn.MIN(ConferenceAction.due_on))
        .join(Conference)
        .where(
            (Conference.case == case_id)
            & (Conference.status == "final")
            & (ConferenceAction.status == "open")
        )
        .scalar()
    )
    if isinstance(due, str):
        due = date.fromisoformat(due)
    Case.update(next_action_due_on=due).where(Case.id == case_id).execute()
