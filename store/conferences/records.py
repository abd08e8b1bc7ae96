"""Plain, immutable records of case conferences: their minutes, attendees, agenda and actions.

Apart from the operations because start-up (the caseload) needs none of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.cases.records import CaseDetail
    from store.plans.records import PlanInfo, ReviewInfo

ACTION_STATUSES: tuple[str, ...] = ("open", "done")
ATTENDEE_KINDS: tuple[str, ...] = ("professional", "contact", "client", "worker", "other")


def type_title(conference_type: str) -> str:
    """ "case conference" -> "Case conference"; "" -> "Meeting"."""
    return conference_type[:1].upper() + conference_type[1:] if conference_type else "Meeting"


@dataclass(frozen=True, slots=True)
class AttendeeInfo:
    """Someone invited: present, or sending apologies."""

    id: int
    position: int
    present: bool  # False: sent apologies
    kind: str  # professional | contact | client | worker | other
    name: str
    role: str
    agency: str
    professional_id: int | None
    contact_id: int | None

    @property
    def choice(self) -> str:
        """How to send this person back in a save: "professional:3", "client", "other";
        "new" for a professional added in draft minutes (on the case's list once final)."""
        if self.kind == "professional":
            return f"professional:{self.professional_id}" if self.professional_id else "new"
        if self.kind == "contact" and self.contact_id:
            return f"contact:{self.contact_id}"
        return self.kind


@dataclass(frozen=True, slots=True)
class MeetingPerson:
    """Someone who can be invited to a case's meetings or own an action agreed there."""

    who: str  # as sent in a save: "worker", "client", "contact:4", "professional:3"
    label: str  # for a list: "Agency: Dr Amir Khan (Hillside GP)"
    name: str
    role: str
    agency: str

    @property
    def shown(self) -> str:
        """How an action owned by them names them: "Dr Amir Khan (Hillside GP)"."""
        extra = self.agency or self.role
        return f"{self.name} ({extra})" if extra else self.name


@dataclass(frozen=True, slots=True)
class AgendaItemInfo:
    """An agenda item and its discussion (Markdown)."""

    id: int
    position: int
    title: str
    discussion: str


@dataclass(frozen=True, slots=True)
class ConferenceActionInfo:
    """An action agreed at a conference, with the meeting it came from."""

    id: int
    conference_id: int
    position: int
    what: str
    owner_name: str
    owner_attendee_id: int | None
    due_on: date
    status: str  # open | done
    status_note: str
    done_at: datetime | None  # naive UTC
    done_by_name: str
    version: int  # send back when changing the status
    conference_held_at: datetime | None  # naive UTC
    conference_type: str
    conference_status: str  # draft | final

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due_on < today


@dataclass(frozen=True, slots=True)
class ConferenceAmendmentInfo:
    """A correction added beneath finalised minutes."""

    id: int
    author_name: str
    created_at: datetime  # naive UTC
    reason: str
    body: str


@dataclass(frozen=True, slots=True)
class ConferenceInfo:
    """A conference's minutes with everything in them."""

    id: int
    case_id: int
    status: str  # draft | final
    held_at: datetime | None  # naive UTC
    place: str
    conference_type: str
    chair: str
    minute_taker: str
    client_attended: bool
    client_views: str
    information_shared: str  # Markdown
    decisions: tuple[str, ...]
    attendees: tuple[AttendeeInfo, ...]  # present
    apologies: tuple[AttendeeInfo, ...]  # invited but absent
    agenda: tuple[AgendaItemInfo, ...]
    actions: tuple[ConferenceActionInfo, ...]
    next_meeting_on: date | None
    author_name: str
    created_at: datetime  # naive UTC
    updated_at: datetime  # naive UTC
    finalised_at: datetime | None  # naive UTC
    finalised_by_name: str
    version: int  # send back when saving, finalising, discarding or setting the next meeting
    amendments: tuple[ConferenceAmendmentInfo, ...]
    review: ReviewInfo | None = None  # a plan review held in the meeting
    review_plan: PlanInfo | None = None  # the plan that review belongs to

    @property
    def is_final(self) -> bool:
        return self.status == "final"

    @property
    def title(self) -> str:
        """ "Case conference", "Core group"."""
        return type_title(self.conference_type)

    @property
    def open_actions(self) -> tuple[ConferenceActionInfo, ...]:
        return tuple(a for a in self.actions if a.is_open)


@dataclass(frozen=True, slots=True)
class ConferenceListItem:
    """A line in the list of a case's conferences."""

    id: int
    held_at: datetime | None  # naive UTC
    conference_type: str
    chair: str
    status: str
    open_actions: int
    version: int

    @property
    def title(self) -> str:
        return type_title(self.conference_type)


@dataclass(frozen=True)
class CaseMeetings:
    """A case's meetings, the actions agreed at them, and whether the case is closed."""

    meetings: list[ConferenceListItem]
    actions: list[ConferenceActionInfo]
    closed: bool


@dataclass(frozen=True)
class MeetingMinutes:
    """A meeting's minutes and the case they belong to."""

    conference: ConferenceInfo
    detail: CaseDetail


@dataclass(frozen=True)
class MinutesForEditing:
    """What the minutes editor needs: the case's people, its plan, and the minutes if saved."""

    people: list[MeetingPerson]
    plan: PlanInfo | None
    conference: ConferenceInfo | None
