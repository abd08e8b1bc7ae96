"""Plain records of the case file: the client, their network, professionals, summaries and
the history of changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from store.cases.records import CaseDetail
    from store.chronology.records import ChronologyItem
    from store.notes.records import NoteSummary
    from store.plans.records import PlanInfo


@dataclass(frozen=True, slots=True)
class ClientInfo:
    """A client's own details, with the version to send back when editing them."""

    id: int
    name: str
    date_of_birth: date | None
    address: str
    phone: str
    language: str
    identifiers: str
    version: int


@dataclass(frozen=True, slots=True)
class ContactInfo:
    """A person in the client's support network."""

    id: int
    client_id: int
    name: str
    relationship: str
    phone: str
    address: str
    notes: str
    version: int


@dataclass(frozen=True, slots=True)
class ProfessionalInfo:
    """Another agency's worker involved with the case."""

    id: int
    case_id: int
    name: str
    agency: str
    role: str
    phone: str
    email: str
    started_on: date | None
    ended_on: date | None
    version: int


@dataclass(frozen=True, slots=True)
class SummaryInfo:
    """One version of a case summary (Markdown)."""

    id: int
    case_id: int
    body: str
    author_name: str
    created_at: datetime  # naive UTC


@dataclass(frozen=True, slots=True)
class ChangeInfo:
    """One recorded change of one field."""

    field: str
    old_value: str | None
    new_value: str | None
    changed_by: str
    changed_at: datetime  # naive UTC
    why: str = ""  # the reason given, where one is asked for (a sent referral's edit)


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
    # Why the acting worker may not change the case's records, or transfer, close or reopen
    # it ("" when they may): the screen offers only what the rules allow.
    read_only: str = ""
    no_manage: str = ""
