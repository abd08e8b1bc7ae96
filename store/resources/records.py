"""Plain records of the community-resource directory: a service in a list, a service in full,
and what an import did."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class ServiceSummary:
    """A service as a line of the directory: service · organisation · categories."""

    id: int
    service_name: str
    organisation_name: str
    categories: tuple[str, ...]
    area: str
    min_age: int | None
    max_age: int | None
    withdrawn: bool


@dataclass(frozen=True, slots=True)
class ServiceDetail:
    """A service in full, as a worker reads it before referring someone (eligibility first)."""

    id: int
    organisation_id: int
    organisation_name: str
    service_name: str
    description: str
    eligibility: str
    min_age: int | None
    max_age: int | None
    area: str
    address: str
    phone: str
    email: str
    website: str
    opening_hours: str
    fees: str
    languages: tuple[str, ...]
    categories: tuple[str, ...]
    # Where an imported service came from: the package's name, the service's and its
    # organisation's ids there ("" for one added by hand).
    hsds_source: str
    hsds_service_id: str
    hsds_organisation_id: str
    withdrawn_at: datetime | None  # naive UTC: gone from its directory's last import
    updated_at: datetime  # naive UTC
    version: int

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    @property
    def ages(self) -> str:
        """The age range in words: "16 to 25", "18 and over", "under 19", or ""."""
        return age_range(self.min_age, self.max_age)

    def form(self) -> dict[str, str]:
        """The service as its edit form shows it, field by field."""
        return {
            "organisation": self.organisation_name,
            "name": self.service_name,
            "description": self.description,
            "eligibility": self.eligibility,
            "min_age": "" if self.min_age is None else str(self.min_age),
            "max_age": "" if self.max_age is None else str(self.max_age),
            "area": self.area,
            "address": self.address,
            "phone": self.phone,
            "email": self.email,
            "website": self.website,
            "opening_hours": self.opening_hours,
            "fees": self.fees,
            "languages": ", ".join(self.languages),
            "categories": ", ".join(self.categories),
        }


def age_range(min_age: int | None, max_age: int | None) -> str:
    """An age range in words: "16 to 25", "18 and over", "up to 18", or "" for any age."""
    if min_age is not None and max_age is not None:
        return f"{min_age} to {max_age}"
    if min_age is not None:
        return f"{min_age} and over"
    if max_age is not None:
        return f"up to {max_age}"
    return ""


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """A row of a package left out or cut short, and why: "services.csv line 4: no name"."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.file} line {self.line}" if self.line else self.file
        return f"{where}: {self.message}"


@dataclass(frozen=True, slots=True)
class ImportReport:
    """What an import of an HSDS package did: services added, changed, unchanged, and gone
    from the package (withdrawn, never deleted), and the rows it left out or cut short."""

    layout: str  # "HSDS 3.0" or "HSDS 1.x"
    source: str
    added: int
    changed: int
    unchanged: int
    gone: int
    organisations: int
    problems: tuple[ImportProblem, ...]

    def summary(self) -> str:
        """One line: "HSDS 3.0: 3 added, 1 changed, 0 unchanged, 1 gone (withdrawn)"."""
        return (
            f"{self.layout}: {self.added} added, {self.changed} changed, "
            f"{self.unchanged} unchanged, {self.gone} gone (withdrawn)"
        )
