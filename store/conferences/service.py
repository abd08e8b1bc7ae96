"""Case conferences and professionals meetings: their minutes, attendees and actions.

Minutes are written as a draft (``start``, then ``save`` as often as
the editor autosaves: one transaction, checked against the ``version`` read so two people
can't overwrite each other unseen) and become a record when finalised: from then on the
database refuses to change them, their attendees or agenda items; corrections are
amendments kept beneath. A finalised meeting writes a chronology entry.

The actions of finalised minutes are followed up on the case (``case_actions``): marked done
with a note, or reopened, each change kept in the record history. The case row keeps the
earliest due date of its open actions, so the caseload flags overdue ones without looking
further. The next meeting date can be set at any time.

A plan review held in the meeting is recorded with ``review_plan(..., conference_id=...)``
while the minutes are a draft; the minutes then show it.

``ConferenceOps`` is a mixin for ``Store``; every method takes the acting worker.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, Any

from peewee import JOIN, fn

from store.core import dates
from store.core.changes import diff, save_changes
from store.core.db import Database
from store.core.errors import Conflict, InvalidInput
from store.core.models import (
    Case,
    ChronologyEntry,
    Client,
    Conference,
    ConferenceAction,
    ConferenceAgendaItem,
    ConferenceAmendment,
    ConferenceAttendee,
    Contact,
    PlanReview,
    Professional,
    ServicePlan,
    Worker,
    utcnow,
)
from store.core.records import CaseStatus, WorkerInfo
from store.core.rows import current_allocation_id, get_row, open_case, worker_names
from store.core.settings import CONFERENCE_TYPES
from store.core.textsafe import fold
from store.core.words import plural

if TYPE_CHECKING:
    from store.cases.service import CaseService
    from store.conferences.input import AttendeeInput, Minutes
    from store.conferences.records import (
        CaseMeetings,
        ConferenceActionInfo,
        ConferenceInfo,
        ConferenceListItem,
        MeetingMinutes,
        MeetingPerson,
        MinutesForEditing,
    )
    from store.plans.service import PlanService

CLOSED_CHANGE = "change its meetings' minutes"  # what a closed case refuses: "reopen it to ..."

CONFERENCE_CONFLICT = (
    "Someone else changed these minutes since you opened them; open them again to see."
)
ACTION_CONFLICT = "Someone else changed this action since you opened it; open it again to see."
FINAL = "These minutes are finalised and kept as they were; add an amendment to correct them."
DRAFT_ACTION = "The minutes are still a draft; change the action in the minutes."
NAMED_WHO = ("new", "other")  # attendees named as typed, not picked from the case's people
DECISION_SHOWN = 120  # characters of a decision in the chronology entry


class ConferenceService:
    """Conference minutes, their attendees, agenda and actions: ``store.conferences``."""

    def __init__(self, database: Database, *, cases: CaseService, plans: PlanService) -> None:
        self.database = database
        self.cases = cases
        self.plans = plans

    # -- what a screen shows at once (one transaction each) ------------------------------

    def meetings(self, actor: WorkerInfo, case_id: int) -> CaseMeetings:
        from store.conferences.records import CaseMeetings

        with self.database.reading():
            return CaseMeetings(
                meetings=self.for_case(actor, case_id),
                actions=self.case_actions(actor, case_id),
                closed=self.cases.get(actor, case_id).status is CaseStatus.CLOSED,
            )

    def minutes(self, actor: WorkerInfo, conference_id: int) -> MeetingMinutes:
        from store.conferences.records import MeetingMinutes

        with self.database.reading():
            conference = self.get(actor, conference_id)
            return MeetingMinutes(
                conference=conference, detail=self.cases.get(actor, conference.case_id)
            )

    def minutes_for_editing(
        self, actor: WorkerInfo, case_id: int, conference_id: int | None
    ) -> MinutesForEditing:
        from store.conferences.records import MinutesForEditing

        with self.database.reading():
            return MinutesForEditing(
                people=self.people(actor, case_id),
                plan=self.plans.current(actor, case_id),
                conference=self.get(actor, conference_id) if conference_id is not None else None,
            )

    # -- reading -------------------------------------------------------------------------

    def for_case(self, actor: WorkerInfo, case_id: int) -> list[ConferenceListItem]:
        """The case's conferences, drafts without a date first, then newest first."""
        from store.conferences.records import ConferenceListItem

        open_actions = (
            ConferenceAction.select(
                ConferenceAction.conference, fn.COUNT(ConferenceAction.id).alias("n")
            )
            .where(ConferenceAction.status == "open")
            .group_by(ConferenceAction.conference)
            .alias("open_actions")
        )
        query = (
            Conference.select(
                Conference.id,
                Conference.held_at,
                Conference.conference_type,
                Conference.chair,
                Conference.status,
                fn.COALESCE(open_actions.c.n, 0),
                Conference.version,
            )
            .join(open_actions, JOIN.LEFT_OUTER, on=(open_actions.c.conference_id == Conference.id))
            .where(Conference.case == case_id)
            .order_by(
                Conference.held_at.is_null(False), Conference.held_at.desc(), Conference.id.desc()
            )
        )
        with self.database.reading():
            get_row(Case, case_id, "case")
            return [
                ConferenceListItem(
                    id=i,
                    held_at=at,
                    conference_type=kind,
                    chair=chair,
                    status=status,
                    open_actions=int(n),
                    version=version,
                )
                for i, at, kind, chair, status, n, version in query.tuples()
            ]

    def get(self, actor: WorkerInfo, conference_id: int) -> ConferenceInfo:
        """One conference's minutes with everything in them."""
        with self.database.reading():
            return _conference_info(get_row(Conference, conference_id, "conference"))

    def case_actions(self, actor: WorkerInfo, case_id: int) -> list[ConferenceActionInfo]:
        """The actions of the case's finalised conferences: open ones first, soonest due
        first; then done ones, most recently done first."""
        with self.database.reading():
            get_row(Case, case_id, "case")
            rows = list(
                ConferenceAction.select(ConferenceAction, Conference)
                .join(Conference)
                .where((Conference.case == case_id) & (Conference.status == "final"))
            )
            names = worker_names({r.done_by_id for r in rows} - {None})
            found = [_action_info(r, r.conference, names) for r in rows]
        open_ = sorted((a for a in found if a.is_open), key=lambda a: (a.due_on, a.id))
        done = sorted(
            (a for a in found if not a.is_open),
            key=lambda a: (a.done_at or a.conference_held_at or utcnow(), a.id),
            reverse=True,
        )
        return open_ + done

    def people(self, actor: WorkerInfo, case_id: int) -> list[MeetingPerson]:
        """Who can be invited to the case's meetings (or own an action agreed there): the
        allocated worker, the client, the client's support network and the case's
        professionals, in that order, each group by name."""
        from store.conferences.records import MeetingPerson

        with self.database.reading():
            case = get_row(Case, case_id, "case")
            people = _People(case, actor)
            found = [
                MeetingPerson(
                    "worker",
                    f"Worker: {people.worker_name}",
                    people.worker_name,
                    "allocated worker",
                    "",
                ),
                MeetingPerson(
                    "client", f"Client: {people.client.name}", people.client.name, "client", ""
                ),
            ]
            for contact in (
                Contact.select()
                .where((Contact.client == case.client_id) & Contact.removed_at.is_null())
                .order_by(Contact.name)
            ):
                shown = _display_name(contact.name, contact.relationship, "")
                found.append(
                    MeetingPerson(
                        f"contact:{contact.id}",
                        f"Network: {shown}",
                        contact.name,
                        contact.relationship,
                        "",
                    )
                )
            for pro in (
                Professional.select()
                .where((Professional.case == case_id) & Professional.removed_at.is_null())
                .order_by(Professional.name)
            ):
                shown = _display_name(pro.name, pro.role, pro.agency)
                found.append(
                    MeetingPerson(
                        f"professional:{pro.id}", f"Agency: {shown}", pro.name, pro.role, pro.agency
                    )
                )
            return found

    # -- the draft -----------------------------------------------------------------------

    def start(
        self,
        actor: WorkerInfo,
        case_id: int,
        data: dict[str, Any] | None = None,
        *,
        dayfirst: bool = True,
        types: tuple[str, ...] = CONFERENCE_TYPES,
    ) -> ConferenceInfo:
        """Start the minutes of a meeting as a draft, with whatever of ``data`` is known.

        ``data`` is as for ``save_conference``. Raises InvalidInput by field.
        """
        from store.conferences.input import parse_minutes

        minutes = parse_minutes(data or {}, dayfirst=dayfirst, types=types)
        with self.database.writing():
            case = open_case(case_id, CLOSED_CHANGE)
            now = utcnow()
            row = Conference.create(
                case=case_id,
                status="draft",
                created_at=now,
                created_by=actor.id,
                updated_at=now,
                updated_by=actor.id,
                **_head_values(minutes),
            )
            _write_lists(row.id, case, minutes, actor)
            return _conference_info(Conference.get_by_id(row.id))

    def save(
        self,
        actor: WorkerInfo,
        conference_id: int,
        data: dict[str, Any],
        *,
        version: int,
        dayfirst: bool = True,
        types: tuple[str, ...] = CONFERENCE_TYPES,
    ) -> ConferenceInfo:
        """Save the draft's fields and lists as sent (each list replaces the draft's).

        ``data``: ``held_at`` (date and time as typed), ``place``, ``conference_type`` (one
        of ``types``), ``chair``, ``minute_taker``, ``client_attended`` (yes/no),
        ``client_views`` (in their words), ``information_shared`` (Markdown), ``decisions``
        (a list, or one a line), ``next_meeting_on``; and the lists ``attendees`` and
        ``apologies`` (rows of ``who``: "professional:<id>", "contact:<id>", "client",
        "worker", "new" (a professional added on the spot, who joins the case's
        professionals) or "other", with ``name`` for the last two, and ``role``,
        ``agency``), ``agenda`` (``title``, ``discussion`` in Markdown) and ``actions``
        (``what``, ``owner``: any ``who`` above but "new", or "attendee:<i>" /
        "apology:<i>" for a row of those lists as sent, or a name typed in ``owner_name``;
        ``due_on``). Blank rows are left out.

        Raises Conflict if someone saved since ``version``; InvalidInput by field, the
        lists' fields as "actions.<i>.due_on".
        """
        from store.conferences.input import parse_minutes

        minutes = parse_minutes(data, dayfirst=dayfirst, types=types)
        with self.database.writing():
            row = _draft_at(conference_id, version)
            case = open_case(row.case_id, CLOSED_CHANGE)
            values = _head_values(minutes)
            if "next_meeting_on" not in data:  # left out: kept (it may be set on its own)
                del values["next_meeting_on"]
            updated = (
                Conference.update(
                    **values, version=row.version + 1, updated_at=utcnow(), updated_by=actor.id
                )
                .where((Conference.id == row.id) & (Conference.version == row.version))
                .execute()
            )
            if updated != 1:
                raise Conflict(CONFERENCE_CONFLICT)
            # A draft is not a record: its lists are replaced whole.
            ConferenceAction.delete().where(ConferenceAction.conference == row.id).execute()
            ConferenceAgendaItem.delete().where(ConferenceAgendaItem.conference == row.id).execute()
            ConferenceAttendee.delete().where(ConferenceAttendee.conference == row.id).execute()
            _write_lists(row.id, case, minutes, actor)
            return _conference_info(Conference.get_by_id(row.id))

    def discard(self, actor: WorkerInfo, conference_id: int, *, version: int) -> None:
        """Throw draft minutes away (finalised minutes are records and can't be)."""
        with self.database.writing():
            row = _draft_at(conference_id, version)
            open_case(row.case_id, CLOSED_CHANGE)
            if PlanReview.select().where(PlanReview.conference == row.id).exists():
                raise InvalidInput(
                    {
                        "form": "A plan review was recorded in this meeting; the minutes "
                        "can't be discarded. Finalise them instead."
                    }
                )
            Conference.delete().where(Conference.id == row.id).execute()

    # -- the record ----------------------------------------------------------------------

    def finalise(self, actor: WorkerInfo, conference_id: int, *, version: int) -> ConferenceInfo:
        """Make the draft minutes a record and write the chronology entry.

        A finalised meeting needs its date and time (not in the future), its type, its chair
        and at least one attendee. Raises InvalidInput ("held_at", "conference_type",
        "chair", "attendees") or Conflict.
        """
        with self.database.writing():
            row = _draft_at(conference_id, version)
            case = open_case(row.case_id, CLOSED_CHANGE)
            attendees = list(
                ConferenceAttendee.select()
                .where(ConferenceAttendee.conference == row.id)
                .order_by(ConferenceAttendee.position)
            )
            present = [a for a in attendees if a.present]
            errors: dict[str, str] = {}
            if row.held_at is None:
                errors["held_at"] = "When was the meeting? Give its date and time."
            elif dates.to_local(row.held_at) > dates.now_local():
                errors["held_at"] = (
                    "The meeting is dated in the future; finalise the minutes once it is held."
                )
            if not row.conference_type:
                errors["conference_type"] = "What kind of meeting was it? Choose its type."
            if not row.chair:
                errors["chair"] = "Who chaired the meeting?"
            if not present:
                errors["attendees"] = "Who attended? Add at least one attendee."
            if errors:
                raise InvalidInput(errors)
            people = _People(case, actor)
            for attendee in attendees:
                if attendee.kind == "professional" and attendee.professional_id is None:
                    pro = people._professional(attendee.name, attendee.role, attendee.agency)
                    ConferenceAttendee.update(professional=pro).where(
                        ConferenceAttendee.id == attendee.id
                    ).execute()
            now = utcnow()
            updated = (
                Conference.update(
                    status="final",
                    finalised_at=now,
                    finalised_by=actor.id,
                    updated_at=now,
                    version=row.version + 1,
                )
                .where((Conference.id == row.id) & (Conference.version == row.version))
                .execute()
            )
            if updated != 1:
                raise Conflict(CONFERENCE_CONFLICT)
            actions = ConferenceAction.select().where(ConferenceAction.conference == row.id).count()
            ChronologyEntry.create(
                case=row.case_id,
                allocation=current_allocation_id(row.case_id),
                occurred_on=dates.to_local(row.held_at).date(),
                category="conference",
                title=f"{_type_title(row.conference_type)} held",
                details=_entry_details(row, present, len(attendees) - len(present), actions),
                source_kind="conference",
                source_id=row.id,
                created_at=now,
                created_by=actor.id,
            )
            _update_case_actions(row.case_id)
            return _conference_info(Conference.get_by_id(row.id))

    def amend(self, actor: WorkerInfo, conference_id: int, data: dict[str, Any]) -> ConferenceInfo:
        """Add a correction beneath finalised minutes (``reason``, ``body``); the minutes
        stay as they were. Raises InvalidInput ("reason", "body", "form")."""
        from store.conferences.input import AmendmentInput
        from store.core.validation import validate

        new: AmendmentInput = validate(AmendmentInput, data)
        with self.database.writing():
            row = get_row(Conference, conference_id, "conference")
            open_case(row.case_id, CLOSED_CHANGE)
            if row.status != "final":
                raise InvalidInput(
                    {"form": "Draft minutes can simply be edited; only finalised ones are amended."}
                )
            ConferenceAmendment.create(
                conference=row.id,
                author=actor.id,
                reason=new.reason,
                body=new.body,
                created_at=utcnow(),
            )
            return _conference_info(row)

    def set_next_meeting(
        self,
        actor: WorkerInfo,
        conference_id: int,
        data: dict[str, Any],
        *,
        version: int,
        dayfirst: bool = True,
    ) -> ConferenceInfo:
        """Set (or with "" clear) ``next_meeting_on``, draft or finalised; kept in the
        record history. Raises InvalidInput ("next_meeting_on") or Conflict."""
        from store.conferences.input import NextMeetingInput
        from store.core.validation import validate

        with self.database.reading():
            row = get_row(Conference, conference_id, "conference")
        floor = dates.to_local(row.held_at).date() if row.held_at else None
        new: NextMeetingInput = validate(
            NextMeetingInput, data, dayfirst=dayfirst, not_before=floor
        )
        with self.database.writing():
            row = get_row(Conference, conference_id, "conference")
            if row.version != version:
                from store.core.conflicts import last_change, refused, worker_name

                who, at = last_change("conference", row.id)
                if row.status == "draft" and (at is None or row.updated_at > at):
                    who, at = worker_name(row.updated_by_id or row.created_by_id), row.updated_at
                raise refused(
                    "these minutes",
                    changed_by=who,
                    changed_at=at,
                    current={"next_meeting_on": row.next_meeting_on},
                    version=row.version,
                )
            open_case(row.case_id, CLOSED_CHANGE)
            values = {"next_meeting_on": new.next_meeting_on}
            changes = diff({"next_meeting_on": row.next_meeting_on}, values)
            if changes:
                save_changes(
                    Conference, row, values, changes, "conference", actor, CONFERENCE_CONFLICT
                )
            return _conference_info(Conference.get_by_id(row.id))

    # -- actions -------------------------------------------------------------------------

    def set_action_status(
        self, actor: WorkerInfo, action_id: int, data: dict[str, Any], *, version: int
    ) -> ConferenceActionInfo:
        """Mark an action of finalised minutes done (``status`` "done" with a ``note``
        saying what was done) or reopen it (``status`` "open"); who and when are recorded,
        and every change is kept in the record history. Raises InvalidInput ("status",
        "note", "form") or Conflict."""
        from store.conferences.input import ActionStatusInput
        from store.core.validation import validate

        new: ActionStatusInput = validate(ActionStatusInput, data)
        with self.database.writing():
            action = get_row(ConferenceAction, action_id, "action")
            if action.version != version:
                from store.core.conflicts import last_change, refused

                who, at = last_change("conference_action", action.id)
                raise refused(
                    "this action",
                    changed_by=who,
                    changed_at=at,
                    current={"status": action.status, "note": action.status_note},
                    version=action.version,
                )
            conference = Conference.get_by_id(action.conference_id)
            open_case(conference.case_id, CLOSED_CHANGE)
            if conference.status != "final":
                raise InvalidInput({"form": DRAFT_ACTION})
            done = new.status == "done"
            if done and action.status == "done" and new.note == action.status_note:
                values: dict[str, Any] = {}
            elif done and action.status == "done":
                values = {"status_note": new.note}
            elif done:
                values = {
                    "status": "done",
                    "status_note": new.note,
                    "done_at": utcnow(),
                    "done_by": actor.id,
                }
            else:
                values = {"status": "open", "status_note": new.note, "done_at": None}
                values["done_by"] = None
            current = {
                "status": action.status,
                "status_note": action.status_note,
                "done_at": action.done_at,
                "done_by": action.done_by_id,
            }
            changes = diff({f: current[f] for f in values}, values)
            if changes:
                save_changes(
                    ConferenceAction,
                    action,
                    values,
                    changes,
                    "conference_action",
                    actor,
                    ACTION_CONFLICT,
                )
                _update_case_actions(conference.case_id)
            row = ConferenceAction.get_by_id(action_id)
            return _action_info(row, conference, worker_names({row.done_by_id} - {None}))


# --- helpers (inside a reading() or writing() block) ------------------------------------------


def _draft_at(conference_id: int, version: int) -> Any:
    row = get_row(Conference, conference_id, "conference")
    if row.status != "draft":
        raise InvalidInput({"form": FINAL})
    if row.version != version:
        from store.conferences.render import minutes_markdown
        from store.core.conflicts import refused, worker_name

        # The other person's draft as a document: something to read and copy from.
        info = _conference_info(row)
        raise refused(
            "these minutes",
            changed_by=worker_name(row.updated_by_id or row.created_by_id),
            changed_at=row.updated_at,
            current={"minutes": minutes_markdown(info)},
            version=row.version,
            verb="saved",
        )
    return row


def _type_title(conference_type: str) -> str:
    from store.conferences.records import type_title

    return type_title(conference_type)


def _head_values(minutes: Minutes) -> dict[str, Any]:
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


def _display_name(name: str, role: str, agency: str) -> str:
    """ "Dr Amir Khan (Hillside GP)", "Rosa Reyes (sister)"."""
    extra = agency or role
    return f"{name} ({extra})" if extra else name


class _People:
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


def _write_lists(conference_id: int, case: Any, minutes: Minutes, actor: WorkerInfo) -> None:
    """Write the draft's attendees, apologies, agenda and actions (its lists are empty)."""
    people = _People(case, actor)
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
            shown = _display_name(values["name"], values.get("role", ""), values.get("agency", ""))
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
            name = _display_name(values["name"], values.get("role", ""), values.get("agency", ""))
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


def _update_case_actions(case_id: int) -> None:
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


def _entry_details(row: Any, present: list[Any], apologies: int, actions: int) -> str:
    """The chronology entry's text: who chaired and came, and the decisions, briefly."""
    from store.core.markdown import md_escape

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


def _action_info(row: Any, conference: Any, names: dict[int, str]) -> ConferenceActionInfo:
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


def _conference_info(row: Any) -> ConferenceInfo:
    """Everything about one conference, in a handful of queries."""
    from store.conferences.records import (
        AgendaItemInfo,
        AttendeeInfo,
        ConferenceAmendmentInfo,
        ConferenceInfo,
    )
    from store.plans.service import _plan_info

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
        (
            {row.created_by_id, row.finalised_by_id}
            | {a.done_by_id for a in actions}
            | {a.author_id for a in amendments}
        )
        - {None}
    )
    plan = review_info = None
    review: Any = PlanReview.get_or_none(PlanReview.conference == row.id)
    if review is not None:
        plan = _plan_info(ServicePlan.get_by_id(review.plan_id))
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
        actions=tuple(_action_info(a, row, names) for a in actions),
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
