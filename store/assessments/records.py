"""Plain records of assessments: a version with its domains, the case's versions, two compared,
and the ratings over time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

DRAFT = "draft"
FINAL = "final"

# The labels of a domain's fields, as forms, comparisons and documents show them.
DOMAIN_FIELDS: tuple[tuple[str, str], ...] = (
    ("strengths", "Strengths"),
    ("needs", "Needs or concerns"),
    ("client_view", "The client's view"),
    ("rating", "Rating"),
)


@dataclass(frozen=True, slots=True)
class DomainInfo:
    """One domain of an assessment, its name and rating as written."""

    position: int
    name: str
    strengths: str
    needs: str
    client_view: str
    rating: str  # "" = not rated

    def field(self, name: str) -> str:
        value: str = getattr(self, name)
        return value


@dataclass(frozen=True, slots=True)
class AssessmentAmendmentInfo:
    """A correction appended to a finalised assessment."""

    id: int
    author_name: str
    created_at: datetime  # naive UTC
    reason: str
    body: str


@dataclass(frozen=True, slots=True)
class AssessmentSummary:
    """A line in the list of a case's assessments."""

    id: int
    as_at: date
    status: str
    author_name: str
    finalised_at: datetime | None  # naive UTC
    amendments: int

    @property
    def is_final(self) -> bool:
        return self.status == FINAL


@dataclass(frozen=True, slots=True)
class AssessmentDetail:
    """One version of a case's assessment, whole."""

    id: int
    case_id: int
    author_name: str
    as_at: date
    status: str
    summary: str
    goals: str
    domains: tuple[DomainInfo, ...]
    copied_from: int | None
    finalised_at: datetime | None  # naive UTC
    updated_by_name: str
    updated_at: datetime  # naive UTC
    version: int
    amendments: tuple[AssessmentAmendmentInfo, ...]

    @property
    def is_final(self) -> bool:
        return self.status == FINAL

    def domain(self, name: str) -> DomainInfo | None:
        key = name.casefold()
        return next((d for d in self.domains if d.name.casefold() == key), None)


@dataclass(frozen=True, slots=True)
class AssessmentOverview:
    """What the assessment tab shows: the current (latest final) assessment, the draft under
    way if any, and every version newest first."""

    case_id: int
    closed: bool
    current: AssessmentDetail | None
    draft: AssessmentDetail | None
    versions: tuple[AssessmentSummary, ...]

    @property
    def finals(self) -> tuple[AssessmentSummary, ...]:
        return tuple(v for v in self.versions if v.is_final)


@dataclass(frozen=True, slots=True)
class WordChange:
    """A run of words of a changed field: kept ("equal"), taken out ("delete") or put in
    ("insert")."""

    op: str
    text: str


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field compared between two versions."""

    domain: str  # "" for the assessment's own fields
    field: str  # the field's label
    kind: str  # unchanged | changed | added | removed
    old: str
    new: str
    words: tuple[WordChange, ...]  # for a changed field


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two versions of a case's assessment, field by field, the older first."""

    older: AssessmentSummary
    newer: AssessmentSummary
    changes: tuple[FieldChange, ...]

    @property
    def changed(self) -> tuple[FieldChange, ...]:
        return tuple(c for c in self.changes if c.kind != "unchanged")


@dataclass(frozen=True, slots=True)
class RatingCell:
    """A domain's rating in one assessment, and how it moved since the one before."""

    rating: str  # "" = not rated, or the domain not assessed then
    level: int | None  # its place on the scale now configured (0 = least need), if on it
    trend: str  # "worse" | "better" | "same" | "" (nothing to compare with)


@dataclass(frozen=True, slots=True)
class RatingRow:
    domain: str
    cells: tuple[RatingCell, ...]


@dataclass(frozen=True, slots=True)
class RatingsTable:
    """Domains by the case's final assessments, oldest first."""

    columns: tuple[AssessmentSummary, ...]
    rows: tuple[RatingRow, ...]
    scale: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AssessmentHistory:
    """What an export of a case's assessments holds: the tab's overview and the ratings."""

    overview: AssessmentOverview
    ratings: RatingsTable
