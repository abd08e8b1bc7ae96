"""Reading an Open Referral Human Services Data Specification (HSDS) package: a folder of CSV
files, one per table, with an optional ``datapackage.json`` naming them.

HSDS 3.0 (organizations.csv, services.csv, locations.csv, service_at_location.csv,
addresses.csv, phones.csv, schedules.csv, languages.csv, service_areas.csv, attributes.csv with
taxonomy_terms.csv) and the 1.x layout many directories still publish (physical_addresses.csv,
services_at_location.csv, regular_schedules.csv, eligibility.csv, service_area.csv,
service_taxonomy.csv with taxonomy.csv) are both read; the tables of each are flattened into
the directory's services: an address, the phones, the opening hours, the languages and the
categories as text. Text is cleaned for display (``store.resources.clean``).

Nothing here touches the database: ``read_package`` returns a ``Package``, and
``store.resources.importing`` applies it in one transaction. A row that can't be used is left
out and reported with its file and line; a bad value in a row that can (an e-mail address that
isn't one) is left out of it and reported.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from store.common.errors import StoreError
from store.resources import input as checks
from store.resources.clean import cut, display_text
from store.resources.records import ImportProblem
from store.resources.rules import (
    ADDRESS_MAX,
    AREA_MAX,
    DESCRIPTION_MAX,
    ELIGIBILITY_MAX,
    FEES_MAX,
    HOURS_MAX,
    NAME_MAX,
    PHONE_MAX,
    TERM_MAX,
    TERMS_MAX,
)

# Each table, and the file names it is published under (HSDS 3.0's first, then 1.x's).
TABLES: dict[str, tuple[str, ...]] = {
    "organization": ("organizations.csv", "organization.csv"),
    "service": ("services.csv", "service.csv"),
    "location": ("locations.csv", "location.csv"),
    "service_at_location": (
        "service_at_location.csv",
        "service_at_locations.csv",
        "services_at_location.csv",
        "services_at_locations.csv",
    ),
    "address": ("addresses.csv", "address.csv"),
    "physical_address": ("physical_addresses.csv", "physical_address.csv"),
    "phone": ("phones.csv", "phone.csv"),
    "schedule": ("schedules.csv", "schedule.csv"),
    "regular_schedule": ("regular_schedules.csv", "regular_schedule.csv"),
    "language": ("languages.csv", "language.csv"),
    "eligibility": ("eligibility.csv", "eligibilities.csv"),
    "service_area": ("service_areas.csv", "service_area.csv"),
    "attribute": ("attributes.csv", "attribute.csv"),
    "taxonomy_term": ("taxonomy_terms.csv", "taxonomy_term.csv"),
    "service_taxonomy": ("service_taxonomy.csv", "service_taxonomies.csv"),
    "taxonomy": ("taxonomy.csv", "taxonomies.csv"),
}
# Tables only the 1.x layout has.
ONE_X = frozenset({"physical_address", "regular_schedule", "eligibility", "service_taxonomy"})
_ALIASES = {Path(name).stem: table for table, names in TABLES.items() for name in names}
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_ICAL_DAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}
_DAY_NAMES = {
    name: i
    for i, day in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
    for name in (day, day[:3], day[:2])
}


class NotHsds(StoreError):
    """The folder is not an HSDS package (or nothing in it could be read)."""


Row = dict[str, str]
# Where each row starts in its file, kept in the row under a name no column can have.
LINE = "\x00line"


@dataclass
class Table:
    """The rows of one file, each with the line it starts on."""

    file: str
    rows: list[tuple[int, Row]] = field(default_factory=list)


@dataclass(frozen=True)
class OrganisationEntry:
    hsds_id: str
    name: str
    description: str
    email: str
    website: str


@dataclass(frozen=True)
class ServiceEntry:
    """A service as the package describes it, flattened: ``values`` are the service's columns
    as the directory keeps them (languages and categories one a line)."""

    hsds_id: str
    organisation_id: str
    values: dict[str, Any]


@dataclass
class Package:
    layout: str
    source: str
    organisations: dict[str, OrganisationEntry]
    services: list[ServiceEntry]
    problems: list[ImportProblem]


def read_package(folder: Path) -> Package:
    """The package in ``folder``; NotHsds (one line) if it is not one."""
    if not folder.is_dir():
        raise NotHsds(f"{folder} is not a folder: give the folder holding the package's CSV files.")
    problems: list[ImportProblem] = []
    source, version, files = _files(folder, problems)
    if "service" not in files or "organization" not in files:
        raise NotHsds(
            f"{folder} is not an Open Referral (HSDS) package: it needs organizations.csv "
            "and services.csv (or a datapackage.json naming them)."
        )
    tables = {name: _read(path, problems) for name, path in files.items()}
    for required in ("service", "organization"):
        if not {"id", "name"} <= set(_columns(tables[required])):
            raise NotHsds(
                f"{folder} is not an Open Referral (HSDS) package: "
                f"{tables[required].file} has no id and name columns."
            )
    one_x = version.startswith("1") or bool(ONE_X & set(files)) or _old_names(files)
    layout = "HSDS 1.x" if one_x else "HSDS 3.0"
    organisations = _organisations(tables["organization"], problems)
    services = _Assembler(tables, organisations, problems).services()
    problems.sort(key=lambda p: (p.file != "datapackage.json", p.file, p.line))
    return Package(layout, source, organisations, services, problems)


# --- finding and reading the files ------------------------------------------------------------


def _files(folder: Path, problems: list[ImportProblem]) -> tuple[str, str, dict[str, Path]]:
    """The package's name and HSDS version (from datapackage.json, else "") and its tables'
    files: those datapackage.json names, else those found by their usual names."""
    files: dict[str, Path] = {}
    source = version = ""
    descriptor = folder / "datapackage.json"
    if descriptor.is_file():
        try:
            package = json.loads(descriptor.read_text(encoding="utf-8-sig"))
            resources = package.get("resources", [])
            if not isinstance(resources, list):
                raise ValueError("resources is not a list")
        except (ValueError, OSError, AttributeError) as exc:
            problems.append(
                ImportProblem("datapackage.json", 0, f"can't be read ({exc}); files found by name")
            )
        else:
            source = display_text(str(package.get("name") or ""), one_line=True)[:NAME_MAX]
            version = str(package.get("version") or "")
            for resource in resources:
                if isinstance(resource, dict):
                    _resource(folder, resource, files, problems)
    for table, names in TABLES.items():
        if table not in files:
            for name in names:
                if (folder / name).is_file():
                    files[table] = folder / name
                    break
    return source, version, files


def _resource(
    folder: Path, resource: dict[str, Any], files: dict[str, Path], problems: list[ImportProblem]
) -> None:
    path = resource.get("path")
    if not isinstance(path, str) or not path:
        return
    table = _ALIASES.get(str(resource.get("name") or "").lower()) or _ALIASES.get(
        Path(path).stem.lower()
    )
    if table is None:
        return  # a table the directory has no use for (contacts, funding, metadata…)
    where = (folder / path).resolve()
    if not where.is_relative_to(folder.resolve()) or "://" in path:
        problems.append(ImportProblem("datapackage.json", 0, f"{path} is outside the package"))
        return
    if not where.is_file():
        problems.append(ImportProblem("datapackage.json", 0, f"names {path}, which isn't there"))
        return
    files[table] = where


def _read(path: Path, problems: list[ImportProblem]) -> Table:
    """Every row of a CSV file (a byte-order mark, quoted line breaks and Windows line ends
    allowed), its column names in lower case; rows with more values than columns reported."""
    table = Table(path.name)
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        problems.append(ImportProblem(path.name, 0, "is not UTF-8; read as Windows-1252"))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [name.strip().lower().lstrip("\ufeff") for name in next(reader, [])]
        start = reader.line_num + 1
        for values in reader:
            line, start = start, reader.line_num + 1
            if not any(v.strip() for v in values):
                continue
            if len(values) > len(header):
                problems.append(
                    ImportProblem(path.name, line, "more values than columns; left out")
                )
                continue
            row = dict(zip(header, values, strict=False))
            row[LINE] = str(line)
            table.rows.append((line, row))
    except csv.Error as exc:
        problems.append(ImportProblem(path.name, reader.line_num, f"can't be read further: {exc}"))
    return table


def _columns(table: Table) -> list[str]:
    return list(table.rows[0][1]) if table.rows else []


def _old_names(files: dict[str, Path]) -> bool:
    return any(p.name.startswith("services_at_location") for p in files.values())


# --- organisations and services ---------------------------------------------------------------


def _organisations(table: Table, problems: list[ImportProblem]) -> dict[str, OrganisationEntry]:
    found: dict[str, OrganisationEntry] = {}
    for line, row in table.rows:
        report = _reporter(problems, table.file, line)
        hsds_id = _one_line(row.get("id"))
        name = _one_line(row.get("name"))[:NAME_MAX]
        if not hsds_id or not name:
            report("no " + ("id" if not hsds_id else "name") + "; left out")
            continue
        if hsds_id in found:
            report(f"id {hsds_id} again; left out")
            continue
        found[hsds_id] = OrganisationEntry(
            hsds_id=hsds_id,
            name=name,
            description=cut(display_text(row.get("description")), DESCRIPTION_MAX)[0],
            email=_checked(row.get("email"), checks.email, "email", report),
            website=_checked(
                row.get("website") or row.get("url"), checks.website, "website", report
            ),
        )
    return found


def _reporter(problems: list[ImportProblem], file: str, line: int) -> Callable[[str], None]:
    return lambda message: problems.append(ImportProblem(file, line, message))


def _one_line(value: str | None) -> str:
    return display_text(value, one_line=True)


def _checked(
    value: str | None, check: Callable[[object], str], what: str, report: Callable[[str], None]
) -> str:
    """A value passed by the check the form uses, or "" with the problem reported."""
    text = _one_line(value)
    if not text:
        return ""
    try:
        return check(text)
    except ValueError as exc:
        report(f"{what}: {exc} Left out.")
        return ""


class _Assembler:
    """Flattens the tables around each service into the directory's columns."""

    def __init__(
        self,
        tables: dict[str, Table],
        organisations: dict[str, OrganisationEntry],
        problems: list[ImportProblem],
    ) -> None:
        self.tables = tables
        self.organisations = organisations
        self.problems = problems
        self.locations_of = self._group("service_at_location", "service_id")
        self.addresses = self._group("address", "location_id")
        self.physical = self._group("physical_address", "location_id")
        self.phones = self._group("phone", "service_id")
        self.schedules = self._group("schedule", "service_id")
        self.regular = self._group("regular_schedule", "service_id")
        self.languages = self._group("language", "service_id")
        self.eligibility = self._group("eligibility", "service_id")
        self.areas = self._group("service_area", "service_id")
        self.attributes = self._group("attribute", "link_id")
        self.service_taxonomy = self._group("service_taxonomy", "service_id")
        self.terms = {r.get("id", ""): r for _, r in self._rows("taxonomy_term")}
        self.taxonomy = {r.get("id", ""): r for _, r in self._rows("taxonomy")}
        self._groups: dict[tuple[str, str], dict[str, list[Row]]] = {}

    def _rows(self, table: str) -> list[tuple[int, Row]]:
        return self.tables[table].rows if table in self.tables else []

    def _group(self, table: str, key: str) -> dict[str, list[Row]]:
        grouped: dict[str, list[Row]] = defaultdict(list)
        for _line, row in self._rows(table):
            value = (row.get(key) or "").strip()
            if value:
                grouped[value].append(row)
        return grouped

    def _by(self, table: str, key: str, values: Iterable[str]) -> list[Row]:
        """The rows of ``table`` whose ``key`` is one of ``values``, in the file's order
        (each table grouped once by each key asked for: a directory has thousands)."""
        grouped = self._groups.get((table, key))
        if grouped is None:
            grouped = self._groups[(table, key)] = self._group(table, key)
        found = [
            row for value in dict.fromkeys(v for v in values if v) for row in grouped.get(value, [])
        ]
        found.sort(key=lambda r: int(r[LINE]))
        return found

    def services(self) -> list[ServiceEntry]:
        table = self.tables["service"]
        found: list[ServiceEntry] = []
        seen: set[str] = set()
        for line, row in table.rows:
            report = _reporter(self.problems, table.file, line)
            hsds_id = _one_line(row.get("id"))
            name = _one_line(row.get("name"))
            organisation_id = _one_line(row.get("organization_id"))
            if not hsds_id or not name:
                report("no " + ("id" if not hsds_id else "name") + "; left out")
                continue
            if hsds_id in seen:
                report(f"id {hsds_id} again; left out")
                continue
            if organisation_id not in self.organisations:
                said = (
                    f"organization_id {organisation_id}"
                    if organisation_id
                    else "no organization_id"
                )
                report(f"{said} is not in organizations.csv; left out")
                continue
            seen.add(hsds_id)
            found.append(ServiceEntry(hsds_id, organisation_id, self._values(row, report)))
        return found

    def _values(self, row: Row, report: Callable[[str], None]) -> dict[str, Any]:
        hsds_id = row["id"].strip()
        organisation = self.organisations[row["organization_id"].strip()]
        links = self.locations_of.get(hsds_id, [])
        location_ids = [r.get("location_id", "").strip() for r in links]
        if row.get("location_id"):  # some 1.x packages name the location on the service
            location_ids.append(row["location_id"].strip())
        link_ids = [r.get("id", "").strip() for r in links]
        min_age = self._age(row.get("minimum_age"), "minimum_age", report)
        max_age = self._age(row.get("maximum_age"), "maximum_age", report)
        if min_age is not None and max_age is not None and min_age > max_age:
            report(f"minimum_age {min_age} is above maximum_age {max_age}; both left out")
            min_age = max_age = None
        eligibility = [display_text(row.get("eligibility_description"))]
        eligibility += [display_text(r.get("eligibility")) for r in self.eligibility[hsds_id]]
        website = row.get("url") or organisation.website
        return {
            "name": cut(_one_line(row.get("name")), NAME_MAX)[0],
            "description": self._long(row.get("description"), DESCRIPTION_MAX, report),
            "eligibility": cut("\n".join(e for e in eligibility if e), ELIGIBILITY_MAX)[0],
            "min_age": min_age,
            "max_age": max_age,
            "area": cut(", ".join(self._areas(hsds_id)), AREA_MAX)[0],
            "address": cut("; ".join(self._addresses(location_ids)), ADDRESS_MAX)[0],
            "phone": self._phones(hsds_id, link_ids, location_ids, organisation.hsds_id, report),
            "email": _checked(row.get("email"), checks.email, "email", report)
            or organisation.email,
            "website": _checked(website, checks.website, "url", report),
            "opening_hours": cut("; ".join(self._hours(hsds_id, link_ids)), HOURS_MAX)[0],
            "fees": cut(display_text(row.get("fees_description") or row.get("fees")), FEES_MAX)[0],
            "languages": "\n".join(self._languages(hsds_id)),
            "categories": "\n".join(self._categories(hsds_id, report)),
        }

    @staticmethod
    def _age(value: str | None, what: str, report: Callable[[str], None]) -> int | None:
        try:
            return checks.age(_one_line(value), what)
        except ValueError as exc:
            report(f"{exc} Left out.")
            return None

    @staticmethod
    def _long(value: str | None, limit: int, report: Callable[[str], None]) -> str:
        text, was_cut = cut(display_text(value), limit)
        if was_cut:
            report(f"description cut to {limit:,} characters")
        return text

    def _addresses(self, location_ids: list[str]) -> list[str]:
        found: list[str] = []
        for location_id in dict.fromkeys(i for i in location_ids if i):
            rows = self.addresses.get(location_id, []) + self.physical.get(location_id, [])
            rows.sort(key=lambda r: (r.get("address_type") or "physical") != "physical")
            for r in rows[:1]:
                parts = (
                    r.get(k)
                    for k in ("address_1", "address_2", "city", "state_province", "postal_code")
                )
                text = ", ".join(p for p in (_one_line(p) for p in parts) if p)
                if text and text not in found:
                    found.append(text)
        return found

    def _phones(
        self,
        hsds_id: str,
        link_ids: list[str],
        location_ids: list[str],
        organisation_id: str,
        report: Callable[[str], None],
    ) -> str:
        # The service's own numbers; else its location's; else its organisation's.
        rows = self.phones.get(hsds_id, []) or self._by("phone", "service_at_location_id", link_ids)
        rows = rows or self._by("phone", "location_id", location_ids)
        rows = rows or self._by("phone", "organization_id", [organisation_id])
        numbers: list[str] = []
        for r in rows:
            number = _one_line(r.get("number"))
            extension = _one_line(r.get("extension"))
            if extension:
                number = f"{number} ext. {extension}"
            try:
                number = checks.phone(number)
            except ValueError:
                report(f"phone {number[:40]} is not a phone number; left out")
                continue
            if number and number not in numbers and len(", ".join([*numbers, number])) <= PHONE_MAX:
                numbers.append(number)
        return ", ".join(numbers)

    def _hours(self, hsds_id: str, link_ids: list[str]) -> list[str]:
        rows = self.schedules.get(hsds_id, []) or self._by(
            "schedule", "service_at_location_id", link_ids
        )
        rows += self.regular.get(hsds_id, []) or self._by(
            "regular_schedule", "service_at_location_id", link_ids
        )
        # Days with the same hours together: "Mon, Wed 09:30-16:00".
        by_times: dict[str, str] = {}
        found: list[str] = []
        for r in rows:
            days = r.get("byday") or r.get("weekday") or ""
            opens = _time(r.get("opens_at"))
            closes = _time(r.get("closes_at"))
            times = f"{opens}-{closes}" if opens and closes else opens or closes
            if days.strip() and times:
                by_times[times] = f"{by_times.get(times, '')},{days}"
                continue
            text = " ".join(p for p in (_days(days), times) if p) or _one_line(r.get("description"))
            if text and text not in found:
                found.append(text)
        timed = [f"{_days(days)} {times}".strip() for times, days in by_times.items()]
        return timed + found

    def _languages(self, hsds_id: str) -> list[str]:
        names = [
            _one_line(r.get("name") or r.get("language") or r.get("code"))
            for r in self.languages.get(hsds_id, [])
        ]
        return _terms(names)

    def _areas(self, hsds_id: str) -> list[str]:
        return _terms(
            _one_line(r.get("name") or r.get("service_area") or r.get("description"))
            for r in self.areas.get(hsds_id, [])
        )

    def _categories(self, hsds_id: str, report: Callable[[str], None]) -> list[str]:
        names: list[str] = []
        for r in self.attributes.get(hsds_id, []):
            entity = (r.get("link_entity") or "service").strip().lower()
            if entity != "service":
                continue
            term = self.terms.get((r.get("taxonomy_term_id") or "").strip())
            if term is None:
                file = self.tables["attribute"].file
                missing = _one_line(r.get("taxonomy_term_id"))
                self.problems.append(
                    ImportProblem(file, int(r[LINE]), f"taxonomy_term_id {missing} is unknown")
                )
                continue
            names.append(_one_line(term.get("name")))
        for r in self.service_taxonomy.get(hsds_id, []):
            term = self.taxonomy.get((r.get("taxonomy_id") or "").strip())
            names.append(
                _one_line(term.get("name")) if term else _one_line(r.get("taxonomy_detail"))
            )
        return _terms(names)


def _terms(names: Iterable[str]) -> list[str]:
    found: list[str] = []
    for name in names:
        term = name[:TERM_MAX].strip()
        if term and term.casefold() not in {f.casefold() for f in found}:
            found.append(term)
    return found[:TERMS_MAX]


def _days(text: str) -> str:
    """ "MO,TU,WE" (iCal), "1" (1.x's weekday, Monday first) or "Monday" as "Mon, Tue, Wed";
    a run of three or more days as "Mon-Fri"."""
    found: list[int] = []
    for part in text.replace(";", ",").split(","):
        word = part.strip().lstrip("+-0123456789") if not part.strip().isdigit() else part.strip()
        day = (
            int(word) - 1
            if word.isdigit() and 1 <= int(word) <= 7
            else _ICAL_DAYS.get(word.upper(), _DAY_NAMES.get(word.lower()))
        )
        if day is not None and day not in found:
            found.append(day)
    found.sort()
    if len(found) >= 3 and found == list(range(found[0], found[-1] + 1)):
        return f"{DAYS[found[0]]}-{DAYS[found[-1]]}"
    return ", ".join(DAYS[d] for d in found)


def _time(value: str | None) -> str:
    """ "09:00:00", "09:00Z" or "9:00" as "09:00"; anything else as it is, cleaned."""
    text = _one_line(value)
    head = text[:5] if len(text) >= 5 and text[2] == ":" else text[:4]
    if head[:-3].isdigit() and head[-3:-2] == ":" and head[-2:].isdigit():
        hours, minutes = head.split(":")
        return f"{int(hours):02d}:{minutes}"
    return text[:20]
