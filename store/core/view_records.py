"""What a screen shows at once, read in one transaction (one consistent snapshot) by one store
call: the case file, a case's meetings, a meeting's minutes, and minutes opened for writing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.conferences.records import (
        ConferenceActionInfo,
        ConferenceInfo,
        ConferenceListItem,
        MeetingPerson,
    )
    from store.core.records import (
        CaseDetail,
        ChronologyItem,
        ClientInfo,
        ContactInfo,
        NoteSummary,
        ProfessionalInfo,
        SummaryInfo,
    )
    from store.plans.records import PlanInfo


@dataclass(frozen=True)
class CaseFile:
    """Everything the case file shows."""

    detail: CaseDetail
    client: ClientInfo
    contacts: list[ContactInfo]
    professionals: list[ProfessionalInfo]
    summary: SummaryInfo | None
    summary_versions: int
    chronology: list[ChronologyItem]
    notes: list[NoteSummary] | None = None  # None: the notes were not asked for
    plan: PlanInfo | None = None  # the current plan, if asked for
    plan_loaded: bool = False


@dataclass(frozen=True)
class CaseMeetings:
    """A case's meetings, the actions agreed at them, and whether the case is closed."""

    meetings: list[ConferenceListItem]
    actions: list[ConferenceActionInfo]
    closed: bool


@dataclass(frozen=True)
class Minutes:
    """A meeting's minutes and the case they belong to."""

    conference: ConferenceInfo
    detail: CaseDetail


@dataclass(frozen=True)
class MinutesForEditing:
    """What the minutes editor needs: the case's people, its plan, and the minutes if saved."""

    people: list[MeetingPerson]
    plan: PlanInfo | None
    conference: ConferenceInfo | None
