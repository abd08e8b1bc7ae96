"""Applying a read HSDS package to the directory, inside the caller's write transaction.

Organisations and services are matched by the package's name and their HSDS ids: a match is
updated where it differs (its version moves on, each changed field kept in its history), a new
one added, and a service of the same package no longer in it withdrawn, never deleted (a
referral may name it). A withdrawn service that comes back is restored. Services added by
hand, and those of other packages, are left alone.
"""

from __future__ import annotations

from typing import Any

from store.common.records import WorkerInfo
from store.common.textsafe import fold
from store.core.changes import diff, save_changes
from store.core.models import utcnow
from store.resources.hsds import NotHsds, Package
from store.resources.models import ResourceOrganisation, ResourceService
from store.resources.records import ImportReport
from store.resources.rules import CONFLICT, keys

ORGANISATION_FIELDS = ("name", "description", "email", "website")
SERVICE_FIELDS = (
    "organisation",
    "name",
    "description",
    "eligibility",
    "min_age",
    "max_age",
    "area",
    "address",
    "phone",
    "email",
    "website",
    "opening_hours",
    "fees",
    "languages",
    "categories",
    "withdrawn_at",
)


def apply_package(actor: WorkerInfo, package: Package) -> ImportReport:
    """Import ``package``; call inside a write transaction (all of it, or nothing)."""
    source = package.source
    existing = {
        row.hsds_id: row
        for row in ResourceService.select().where(
            ResourceService.hsds_source == source, ResourceService.hsds_id.is_null(False)
        )
    }
    if not package.services and existing:
        # A package whose services could not be read would otherwise withdraw them all.
        first = f" ({package.problems[0]})" if package.problems else ""
        raise NotHsds(
            f"No service in the package could be read{first}; nothing was imported, "
            "and none of its services already in the directory were withdrawn."
        )
    organisations = _organisations(actor, package)
    added = changed = unchanged = 0
    now = utcnow()
    for entry in package.services:
        organisation = organisations[entry.organisation_id]
        values: dict[str, Any] = {**entry.values, "organisation": organisation.id}
        values.update(keys(entry.values, organisation.name))
        row = existing.get(entry.hsds_id)
        if row is None:
            ResourceService.create(
                **values,
                hsds_source=source,
                hsds_id=entry.hsds_id,
                created_at=now,
                updated_at=now,
                created_by=actor.id,
            )
            added += 1
            continue
        current = {
            f: getattr(row, f if f != "organisation" else "organisation_id") for f in SERVICE_FIELDS
        }
        changes = diff(current, {**values, "withdrawn_at": None})
        if not changes and row.search_key == values["search_key"]:
            unchanged += 1
            continue
        update = {f: new for f, (_, new) in changes.items()}
        update.update({k: values[k] for k in ("name_key", "search_key", "category_key")})
        save_changes(ResourceService, row, update, changes, "resource_service", actor, CONFLICT)
        if changes:
            changed += 1
        else:
            unchanged += 1  # only its organisation's name changed, which that counts
    seen = {entry.hsds_id for entry in package.services}
    gone = 0
    for hsds_id, row in existing.items():
        if hsds_id not in seen and row.withdrawn_at is None:
            withdrawn = {"withdrawn_at": now}
            save_changes(
                ResourceService,
                row,
                withdrawn,
                {"withdrawn_at": (None, now)},
                "resource_service",
                actor,
                CONFLICT,
            )
            gone += 1
    return ImportReport(
        layout=package.layout,
        source=source,
        added=added,
        changed=changed,
        unchanged=unchanged,
        gone=gone,
        organisations=len(organisations),
        problems=tuple(package.problems),
    )


def _organisations(actor: WorkerInfo, package: Package) -> dict[str, Any]:
    """The package's organisations as rows, added or brought up to date."""
    rows: dict[str, Any] = {}
    used = {entry.organisation_id for entry in package.services}
    now = utcnow()
    for hsds_id, entry in package.organisations.items():
        if hsds_id not in used:
            continue
        values = {f: getattr(entry, f) for f in ORGANISATION_FIELDS}
        row = ResourceOrganisation.get_or_none(
            ResourceOrganisation.hsds_source == package.source,
            ResourceOrganisation.hsds_id == hsds_id,
        )
        if row is None:
            row = ResourceOrganisation.create(
                **values,
                name_key=fold(entry.name),
                hsds_source=package.source,
                hsds_id=hsds_id,
                created_at=now,
                updated_at=now,
            )
        else:
            changes = diff({f: getattr(row, f) for f in ORGANISATION_FIELDS}, values)
            if changes:
                update = {f: new for f, (_, new) in changes.items()}
                if "name" in update:
                    update["name_key"] = fold(entry.name)
                save_changes(
                    ResourceOrganisation,
                    row,
                    update,
                    changes,
                    "resource_organisation",
                    actor,
                    CONFLICT,
                )
                row = ResourceOrganisation.get_by_id(row.id)
        rows[hsds_id] = row
    return rows
