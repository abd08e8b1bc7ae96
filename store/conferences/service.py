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

``ConferenceService`` is ``store.conferences``; every method takes the acting worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from peewee import JOIN, fn

from store.access import guarded
from store.audit.service import act, opened
from store.common import dates
from store.common.errors import Conflict, InvalidInput
from store.common.records import CaseStatus, WorkerInfo
from store.common.settings import CONFERENCE_TYPES
from store.conferences.info import action_info, conference_info, entry_details, title_of_type
from store.conferences.people import (
    People,
    display_name,
    head_values,
    update_case_actions,
    write_lists,
)
from store.core.changes import diff, save_changes
from store.core.db import Database
from store.core.models import (
    Case,
    ChronologyEntry,
    Conference,
    ConferenceAction,
    ConferenceAgendaItem,
    ConferenceAmendment,
    ConferenceAttendee,
    Contact,
    PlanReview,
    Professional,
    utcnow,
)
from store.core.permissions import Access
from store.core.rows import current_allocation_id, get_row, open_case, tuples, worker_names

if TYPE_CHECKING:
    from store.cases.service import CaseService
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


class ConferenceService:
    """Conference minutes, their attendees, agenda and actions: ``store.conferences``."""

    def __init__(self, database: Database, *, cases: CaseService, plans: PlanService) -> None:
        self.database = database
        self.cases = cases
        self.plans = plans

    # -- what a screen shows at once (one transaction each) ------------------------------

    @guarded(Access.READ, "case_id")
    def meetings(self, actor: WorkerInfo, case_id: int) -> CaseMeetings:
        from store.conferences.records import CaseMeetings

        with self.database.reading():
            return CaseMeetings(
                meetings=self.for_case(actor, case_id),
                actions=self.case_actions(actor, case_id),
                closed=self.cases.get(actor, case_id).status is CaseStatus.CLOSED,
            )

    @guarded(Access.READ, "conference_id", of="conference")
    def minutes(
        self, actor: WorkerInfo, conference_id: int, *, opening: bool = False
    ) -> MeetingMinutes:
        """A meeting's minutes and its case; their opening audited if ``opening``."""
        from store.conferences.records import MeetingMinutes

        with self.database.reading():
            conference = self.get(actor, conference_id)
            found = MeetingMinutes(
                conference=conference, detail=self.cases.get(actor, conference.case_id)
            )
        if opening:
            opened(
                self.database, actor, "minutes", case_id=found.detail.id, record_id=conference_id
            )
        return found

    @guarded(Access.READ, "case_id")
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

    @guarded(Access.READ, "case_id")
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
                for i, at, kind, chair, status, n, version in tuples(query)
            ]

    @guarded(Access.READ, "conference_id", of="conference")
    def get(self, actor: WorkerInfo, conference_id: int) -> ConferenceInfo:
        """One conference's minutes with everything in them."""
        with self.database.reading():
            return conference_info(get_row(Conference, conference_id, "conference"))

    @guarded(Access.READ, "case_id")
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
            names = worker_names({r.done_by_id for r in rows})
            found = [action_info(r, r.conference, names) for r in rows]
        open_ = sorted((a for a in found if a.is_open), key=lambda a: (a.due_on, a.id))
        done = sorted(
            (a for a in found if not a.is_open),
            key=lambda a: (a.done_at or a.conference_held_at or utcnow(), a.id),
            reverse=True,
        )
        return open_ + done

    @guarded(Access.READ, "case_id")
    def people(self, actor: WorkerInfo, case_id: int) -> list[MeetingPerson]:
        """Who can be invited to the case's meetings (or own an action agreed there): the
        allocated worker, the client, the client's support network and the case's
        professionals, in that order, each group by name."""
        from store.conferences.records import MeetingPerson

        with self.database.reading():
            case = get_row(Case, case_id, "case")
            people = People(case, actor)
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
                shown = display_name(contact.name, contact.relationship, "")
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
                shown = display_name(pro.name, pro.role, pro.agency)
                found.append(
                    MeetingPerson(
                        f"professional:{pro.id}", f"Agency: {shown}", pro.name, pro.role, pro.agency
                    )
                )
            return found

    # -- the draft -----------------------------------------------------------------------

    @guarded(Access.WRITE, "case_id")
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
                **head_values(minutes),
            )
            write_lists(row.id, case, minutes, actor)
            act(actor, "minutes-started", case_id, "conference", row.id)
            return conference_info(Conference.get_by_id(row.id))

    @guarded(Access.WRITE, "conference_id", of="conference")
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
            values = head_values(minutes)
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
            write_lists(row.id, case, minutes, actor)
            return conference_info(Conference.get_by_id(row.id))

    @guarded(Access.WRITE, "conference_id", of="conference")
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
            act(actor, "minutes-discarded", row.case_id, "conference", row.id)

    # -- the record ----------------------------------------------------------------------

    @guarded(Access.WRITE, "conference_id", of="conference")
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
            people = People(case, actor)
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
                title=f"{title_of_type(row.conference_type)} held",
                details=entry_details(row, present, len(attendees) - len(present), actions),
                source_kind="conference",
                source_id=row.id,
                created_at=now,
                created_by=actor.id,
            )
            update_case_actions(row.case_id)
            act(actor, "minutes-finalised", row.case_id, "conference", row.id)
            return conference_info(Conference.get_by_id(row.id))

    @guarded(Access.WRITE, "conference_id", of="conference")
    def amend(self, actor: WorkerInfo, conference_id: int, data: dict[str, Any]) -> ConferenceInfo:
        """Add a correction beneath finalised minutes (``reason``, ``body``); the minutes
        stay as they were. Raises InvalidInput ("reason", "body", "form")."""
        from store.common.validation import validate
        from store.conferences.input import AmendmentInput

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
            act(actor, "minutes-amended", row.case_id, "conference", row.id)
            return conference_info(row)

    @guarded(Access.WRITE, "conference_id", of="conference")
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
        from store.common.validation import validate
        from store.conferences.input import NextMeetingInput

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
                act(actor, "next-meeting-set", row.case_id, "conference", row.id)
            return conference_info(Conference.get_by_id(row.id))

    # -- actions -------------------------------------------------------------------------

    @guarded(Access.WRITE, "action_id", of="conference_action")
    def set_action_status(
        self, actor: WorkerInfo, action_id: int, data: dict[str, Any], *, version: int
    ) -> ConferenceActionInfo:
        """Mark an action of finalised minutes done (``status`` "done" with a ``note``
        saying what was done) or reopen it (``status`` "open"); who and when are recorded,
        and every change is kept in the record history. Raises InvalidInput ("status",
        "note", "form") or Conflict."""
        from store.common.validation import validate
        from store.conferences.input import ActionStatusInput

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
                update_case_actions(conference.case_id)
                verb = "meeting-action-done" if done else "meeting-action-reopened"
                act(actor, verb, conference.case_id, "conference_action", action_id)
            row = ConferenceAction.get_by_id(action_id)
            return action_info(row, conference, worker_names({row.done_by_id}))


# --- helpers (inside a reading() or writing() block) ------------------------------------------


def _draft_at(conference_id: int, version: int) -> Any:
    row = get_row(Conference, conference_id, "conference")
    if row.status != "draft":
        raise InvalidInput({"form": FINAL})
    if row.version != version:
        from store.conferences.render import minutes_markdown
        from store.core.conflicts import refused, worker_name

        # The other person's draft as a document: something to read and copy from.
        info = conference_info(row)
        raise refused(
            "these minutes",
            changed_by=worker_name(row.updated_by_id or row.created_by_id),
            changed_at=row.updated_at,
            current={"minutes": minutes_markdown(info)},
            version=row.version,
            verb="saved",
        )
    return row
