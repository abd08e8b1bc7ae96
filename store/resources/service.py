"""The community-resource directory: ``store.resources``. Organisations and the services they
offer, shared by every case: searched by name, category and eligibility (case and accents
ignored), added and corrected by hand, and imported from Open Referral (HSDS) packages
(``store.resources.importing``).

The directory is not case data: anyone signed in reads it, practitioners and managers change
it, managers and administrators import it (``store.core.permissions``). Every change and every
import is in the audit trail; a hand edit is saved against the version it was read at, like
every record two people can edit, and each changed field is kept in the record's history.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from store.audit.service import act
from store.common.errors import NotFound
from store.common.records import Role, WorkerInfo
from store.common.textsafe import clean_field, fold
from store.core.changes import diff, save_changes
from store.core.conflicts import last_change, refused
from store.core.db import Database
from store.core.dialect import contains
from store.core.models import utcnow
from store.core.permissions import (
    DIRECTORY_EDITORS,
    DIRECTORY_IMPORTERS,
    NOT_A_DIRECTORY_EDITOR,
    NOT_A_DIRECTORY_IMPORTER,
    NOT_A_DIRECTORY_READER,
    require_role,
)
from store.core.rows import tuples
from store.resources.models import ResourceOrganisation, ResourceService
from store.resources.records import ImportReport, ServiceDetail, ServiceSummary
from store.resources.rules import CONFLICT, FIELDS, SEARCH_LIMIT, joined, keys, split

if TYPE_CHECKING:
    from store.resources.input import ServiceInput

READERS = frozenset(Role)
LIMIT_MAX = 500


def organisation_for(name: str) -> ResourceOrganisation:
    """The organisation of this name (ignoring case and accents), made if there is none: a
    hand-added one first, else any. Call inside a write transaction."""
    key = fold(name)
    found = (
        ResourceOrganisation.select()
        .where(ResourceOrganisation.name_key == key)
        .order_by(ResourceOrganisation.hsds_id.is_null(False), ResourceOrganisation.id)
        .first()
    )
    if found is not None:
        return found  # type: ignore[no-any-return]
    now = utcnow()
    created: ResourceOrganisation = ResourceOrganisation.create(
        name=name, name_key=key, created_at=now, updated_at=now
    )
    return created


def _values(new: ServiceInput) -> dict[str, Any]:
    """A service's columns from its form (the organisation apart)."""
    return {
        "name": new.name,
        "description": new.description,
        "eligibility": new.eligibility,
        "min_age": new.min_age,
        "max_age": new.max_age,
        "area": new.area,
        "address": new.address,
        "phone": new.phone,
        "email": new.email,
        "website": new.website,
        "opening_hours": new.opening_hours,
        "fees": new.fees,
        "languages": joined(new.languages),
        "categories": joined(new.categories),
    }


def _detail(row: Any) -> ServiceDetail:
    organisation = row.organisation
    return ServiceDetail(
        id=row.id,
        organisation_id=organisation.id,
        organisation_name=organisation.name,
        service_name=row.name,
        description=row.description,
        eligibility=row.eligibility,
        min_age=row.min_age,
        max_age=row.max_age,
        area=row.area,
        address=row.address,
        phone=row.phone,
        email=row.email,
        website=row.website,
        opening_hours=row.opening_hours,
        fees=row.fees,
        languages=split(row.languages),
        categories=split(row.categories),
        hsds_source=row.hsds_source,
        hsds_service_id=row.hsds_id or "",
        hsds_organisation_id=organisation.hsds_id or "",
        withdrawn_at=row.withdrawn_at,
        updated_at=row.updated_at,
        version=row.version,
    )


def _row(service_id: int) -> Any:
    row = (
        ResourceService.select(ResourceService, ResourceOrganisation)
        .join(ResourceOrganisation)
        .where(ResourceService.id == service_id)
        .first()
    )
    if row is None:
        raise NotFound(f"No directory service with id {service_id}.")
    return row


def _form_of(row: Any) -> dict[str, Any]:
    """A stored service as the form's fields, to compare with what was typed."""
    return {
        "organisation": row.organisation.name,
        "name": row.name,
        "description": row.description,
        "eligibility": row.eligibility,
        "min_age": row.min_age,
        "max_age": row.max_age,
        "area": row.area,
        "address": row.address,
        "phone": row.phone,
        "email": row.email,
        "website": row.website,
        "opening_hours": row.opening_hours,
        "fees": row.fees,
        "languages": row.languages,
        "categories": row.categories,
    }


class ResourcesService:
    """The community-resource directory: ``store.resources``."""

    def __init__(self, database: Database) -> None:
        self.database = database

    # -- reading -------------------------------------------------------------------------

    def search(
        self,
        actor: WorkerInfo,
        text: str = "",
        category: str | None = None,
        limit: int = SEARCH_LIMIT,
        *,
        offset: int = 0,
        include_withdrawn: bool = False,
    ) -> list[ServiceSummary]:
        """Services whose name, organisation, categories, eligibility, area or description
        hold every word of ``text`` (case and accents ignored; all services if blank), in
        ``category`` if given, by name: ``limit`` of them from ``offset``. Withdrawn services
        are left out unless ``include_withdrawn``."""
        limit = max(1, min(int(limit), LIMIT_MAX))
        with self.database.reading():
            require_role(actor, READERS, NOT_A_DIRECTORY_READER)
            query = (
                ResourceService.select(
                    ResourceService.id,
                    ResourceService.name,
                    ResourceOrganisation.name,
                    ResourceService.categories,
                    ResourceService.area,
                    ResourceService.min_age,
                    ResourceService.max_age,
                    ResourceService.withdrawn_at,
                )
                .join(ResourceOrganisation)
                .order_by(
                    ResourceService.name_key, ResourceOrganisation.name_key, ResourceService.id
                )
            )
            for word in fold(clean_field(text)).split():
                query = query.where(contains(ResourceService.search_key, word))
            if category and clean_field(category):
                wanted = f"|{fold(clean_field(category))}|"
                query = query.where(contains(ResourceService.category_key, wanted))
            if not include_withdrawn:
                query = query.where(ResourceService.withdrawn_at.is_null())
            rows = tuples(query.limit(limit).offset(max(0, offset)))
            return [
                ServiceSummary(
                    id=i,
                    service_name=name,
                    organisation_name=organisation,
                    categories=split(categories),
                    area=area,
                    min_age=low,
                    max_age=high,
                    withdrawn=withdrawn is not None,
                )
                for i, name, organisation, categories, area, low, high, withdrawn in rows
            ]

    def categories(self, actor: WorkerInfo) -> list[str]:
        """Every category a service in the directory is in (withdrawn ones apart), by name."""
        with self.database.reading():
            require_role(actor, READERS, NOT_A_DIRECTORY_READER)
            found: dict[str, str] = {}
            rows = tuples(
                ResourceService.select(ResourceService.categories).where(
                    ResourceService.withdrawn_at.is_null()
                )
            )
            for (text,) in rows:
                for category in split(text):
                    found.setdefault(fold(category), category)
            return sorted(found.values(), key=fold)

    def get(self, actor: WorkerInfo, service_id: int) -> ServiceDetail:
        """A service in full; NotFound if there is none with that id."""
        with self.database.reading():
            require_role(actor, READERS, NOT_A_DIRECTORY_READER)
            return _detail(_row(service_id))

    # -- changing by hand ----------------------------------------------------------------

    def add(self, actor: WorkerInfo, data: dict[str, Any]) -> ServiceDetail:
        """Add a service typed in by hand (its organisation found by name, or added);
        InvalidInput (by field) if the form doesn't validate."""
        from store.resources.input import parse_service

        with self.database.reading():
            require_role(actor, DIRECTORY_EDITORS, NOT_A_DIRECTORY_EDITOR)
        new = parse_service(data)
        with self.database.writing():
            require_role(actor, DIRECTORY_EDITORS, NOT_A_DIRECTORY_EDITOR)
            organisation = organisation_for(new.organisation)
            values = _values(new)
            now = utcnow()
            row = ResourceService.create(
                organisation=organisation.id,
                **values,
                **keys(values, organisation.name),
                created_at=now,
                updated_at=now,
                created_by=actor.id,
            )
            act(actor, "directory-service-added", None, "resource_service", row.id)
            return _detail(_row(row.id))

    def update(
        self, actor: WorkerInfo, service_id: int, data: dict[str, Any], *, version: int
    ) -> ServiceDetail:
        """Save a service's form; fields left out of ``data`` keep their value. Conflict if
        someone changed it since ``version`` was read (nothing saved; theirs shown),
        InvalidInput (by field) if the form doesn't validate."""
        from store.resources.input import parse_service

        with self.database.writing():
            require_role(actor, DIRECTORY_EDITORS, NOT_A_DIRECTORY_EDITOR)
            row = _row(service_id)
            current = _form_of(row)
            if row.version != version:
                who, at = last_change("resource_service", row.id)
                raise refused(
                    "this directory entry",
                    changed_by=who,
                    changed_at=at or row.updated_at,
                    current={f: _shown(current[f]) for f in FIELDS},
                    version=row.version,
                )
            new = parse_service({**_detail(row).form(), **data})
            values = _values(new)
            wanted = {"organisation": new.organisation, **values}
            before = {**current, "languages": row.languages, "categories": row.categories}
            changes = diff(before, wanted)
            organisation = row.organisation
            if "organisation" in changes:
                organisation = organisation_for(new.organisation)
                if organisation.id == row.organisation_id:  # the same one, typed otherwise
                    del changes["organisation"]
            if changes:
                changed = {f: values[f] for f in changes if f != "organisation"}
                if "organisation" in changes:
                    changed["organisation"] = organisation.id
                changed.update(keys(values, organisation.name))
                save_changes(
                    ResourceService,
                    row,
                    changed,
                    changes,
                    "resource_service",
                    actor,
                    CONFLICT,
                )
                act(
                    actor,
                    "directory-service-updated",
                    None,
                    "resource_service",
                    row.id,
                    detail=", ".join(changes),
                )
            return _detail(_row(service_id))

    def withdraw(
        self, actor: WorkerInfo, service_id: int, *, version: int, withdrawn: bool = True
    ) -> ServiceDetail:
        """Mark a service withdrawn (it closed, or stopped taking referrals): it leaves the
        search but is kept, since a referral may name it; ``withdrawn=False`` restores it.
        Conflict if someone changed it since ``version`` was read."""
        with self.database.writing():
            require_role(actor, DIRECTORY_EDITORS, NOT_A_DIRECTORY_EDITOR)
            row = _row(service_id)
            if row.version != version:
                who, at = last_change("resource_service", row.id)
                current = _form_of(row)
                raise refused(
                    "this directory entry",
                    changed_by=who,
                    changed_at=at or row.updated_at,
                    current={f: _shown(current[f]) for f in FIELDS},
                    version=row.version,
                )
            if (row.withdrawn_at is not None) != withdrawn:
                when = utcnow() if withdrawn else None
                change = {"withdrawn_at": (row.withdrawn_at, when)}
                save_changes(
                    ResourceService,
                    row,
                    {"withdrawn_at": when},
                    change,
                    "resource_service",
                    actor,
                    CONFLICT,
                )
                action = (
                    "directory-service-withdrawn" if withdrawn else "directory-service-restored"
                )
                act(actor, action, None, "resource_service", row.id)
            return _detail(_row(service_id))

    # -- importing -----------------------------------------------------------------------

    def import_hsds(self, actor: WorkerInfo, path: Path | str, *, source: str = "") -> ImportReport:
        """Import the Open Referral (HSDS 3.0 or 1.x) package in the folder ``path``, all in
        one transaction: services matched by their HSDS ids are updated, new ones added,
        those no longer in the package withdrawn (never deleted). NotHsds if the folder is
        not a package; rows that can't be read are reported in ``problems``, the rest
        imported.

        A package is one directory among others by its name: ``source`` if given, else the
        name in its datapackage.json, else its folder's name. Only that directory's services
        are matched and withdrawn, so two directories never withdraw each other's."""
        from dataclasses import replace

        from store.resources.clean import display_text
        from store.resources.hsds import read_package
        from store.resources.importing import apply_package
        from store.resources.rules import NAME_MAX

        with self.database.reading():
            require_role(actor, DIRECTORY_IMPORTERS, NOT_A_DIRECTORY_IMPORTER)
        package = read_package(Path(path))
        name = display_text(source, one_line=True)[:NAME_MAX] or package.source
        package = replace(package, source=name or display_text(Path(path).name, one_line=True))
        with self.database.writing():
            require_role(actor, DIRECTORY_IMPORTERS, NOT_A_DIRECTORY_IMPORTER)
            report = apply_package(actor, package)
            act(
                actor,
                "directory-imported",
                None,
                "resource_service",
                None,
                detail=f"{report.summary()} from {report.source}",
            )
            return report


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str) and "\n" in value and "\n\n" not in value:
        return value.replace("\n", ", ")
    return str(value)
