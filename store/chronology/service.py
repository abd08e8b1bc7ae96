"""The chronology: significant events of a case in date order, automatic and added by hand.

Automatic entries (allocation, transfer, status changes, significant notes, later conferences,
plan reviews and referrals) are written by the operation that causes them and point at their
source (``source_kind``, ``source_id``); they are never edited, only annotated with an
analysis. Manual entries are edited like the case file: optimistically against a ``version``,
with a RecordChange row for every field that changes.

"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import peewee as pw

from store.access import guarded
from store.audit.service import act, opened
from store.chronology.records import ChronologyItem
from store.chronology.rules import (
    ALLOCATION_KINDS,
    AUTOMATIC_NOT_EDITABLE,
    DEFAULT_CATEGORIES,
    ENTRY_CONFLICT,
    ENTRY_FIELDS,
    check_analysis,
)
from store.common.errors import Conflict, InvalidInput, NotFound
from store.common.records import WorkerInfo
from store.core.changes import diff, save_changes
from store.core.db import Database
from store.core.dialect import contains
from store.core.models import ChronologyEntry, Worker, utcnow
from store.core.permissions import Access
from store.core.rows import current_allocation_id, current_allocation_start, open_case, tuples

# --- the operations ------------------------------------------------------------------------


class ChronologyService:
    """Reading and writing a case's chronology: ``store.chronology``."""

    def __init__(self, database: Database) -> None:
        self.database = database

    @guarded(Access.READ, "case_id")
    def entries(
        self,
        actor: WorkerInfo,
        case_id: int,
        *,
        categories: Sequence[str] | None = None,
        since: date | None = None,
        until: date | None = None,
        text: str | None = None,
        newest_first: bool = False,
    ) -> list[ChronologyItem]:
        """The case's chronology, oldest first unless ``newest_first``, optionally filtered.

        On one day an allocation or transfer comes first (last when newest first), then the
        rest in the order they were recorded.

        ``categories``: any of these (None or empty: all); ``since``/``until``: inclusive
        dates; ``text``: found, ignoring case, in the title, details, who reported it or the
        analysis (% and _ are literal).
        """
        query = _item_query().where(ChronologyEntry.case == case_id)
        if isinstance(categories, str):  # one name, not its letters
            categories = [categories]
        if categories:
            query = query.where(ChronologyEntry.category.in_(list(categories)))
        if since is not None:
            query = query.where(ChronologyEntry.occurred_on >= since)
        if until is not None:
            query = query.where(ChronologyEntry.occurred_on <= until)
        needle = (text or "").strip()
        if needle:
            query = query.where(
                contains(ChronologyEntry.title, needle)
                | contains(ChronologyEntry.details, needle)
                | contains(ChronologyEntry.source_of_information, needle)
                | contains(ChronologyEntry.analysis, needle)
            )
        # An allocation (or transfer) comes first on its day, whenever it was recorded: it
        # opens the worker's part of the chronology.
        later = ChronologyEntry.source_kind.not_in(ALLOCATION_KINDS)
        if newest_first:
            query = query.order_by(
                ChronologyEntry.occurred_on.desc(), later.desc(), ChronologyEntry.id.desc()
            )
        else:
            query = query.order_by(ChronologyEntry.occurred_on, later, ChronologyEntry.id)
        with self.database.reading():
            current = current_allocation_start(case_id)
            return [_item(row, current) for row in query.tuples()]

    @guarded(Access.READ, "entry_id", of="chronology_entry")
    def entry(self, actor: WorkerInfo, entry_id: int, *, opening: bool = False) -> ChronologyItem:
        """One entry, with the version to send back when editing or annotating it; its
        opening audited if ``opening`` (the screen showing it, not a reload)."""
        with self.database.reading():
            item = _entry(entry_id)
            case_id = _get_entry(entry_id).case_id if opening else None
        if opening:
            opened(self.database, actor, "chronology-entry", case_id=case_id, record_id=entry_id)
        return item

    @guarded(Access.READ, "case_id")
    def categories_in_use(self, actor: WorkerInfo, case_id: int) -> list[str]:
        """The categories the case's entries have, alphabetically (for the filter)."""
        with self.database.reading():
            query = (
                ChronologyEntry.select(ChronologyEntry.category)
                .where(ChronologyEntry.case == case_id)
                .distinct()
                .order_by(ChronologyEntry.category)
            )
            return [category for (category,) in tuples(query)]

    @guarded(Access.WRITE, "case_id")
    def add(
        self,
        actor: WorkerInfo,
        case_id: int,
        data: dict[str, Any],
        *,
        dayfirst: bool = True,
        categories: Sequence[str] = DEFAULT_CATEGORIES,
    ) -> ChronologyItem:
        """Add a manual entry, recorded under the case's current allocation.

        Raises InvalidInput (by field, or "form" for a closed case) and NotFound.
        """
        from store.chronology.input import EntryInput
        from store.common.validation import validate

        new: EntryInput = validate(
            EntryInput, data, dayfirst=dayfirst, categories=tuple(categories)
        )
        with self.database.writing():
            open_case(case_id, "change its chronology")
            row = ChronologyEntry.create(
                case=case_id,
                allocation=current_allocation_id(case_id),
                **new.model_dump(),
                source_kind="manual",
                source_id=None,
                created_at=utcnow(),
                created_by=actor.id,
                version=1,
                updated_at=None,
            )
            act(actor, "chronology-entry-added", case_id, "chronology_entry", row.id)
            return _entry(row.id)

    @guarded(Access.WRITE, "entry_id", of="chronology_entry")
    def update(
        self,
        actor: WorkerInfo,
        entry_id: int,
        data: dict[str, Any],
        *,
        version: int,
        dayfirst: bool = True,
        categories: Sequence[str] = DEFAULT_CATEGORIES,
    ) -> ChronologyItem:
        """Save a manual entry's form; fields left out of ``data`` keep their value.

        Every changed field leaves a RecordChange row ("chronology_entry"). Automatic entries
        are refused (InvalidInput on "form"); a stale ``version`` raises Conflict.
        """
        from store.chronology.input import EntryInput
        from store.common.validation import validate

        with self.database.writing():
            row = _get_entry(entry_id)
            if row.source_kind != "manual":
                raise InvalidInput({"form": AUTOMATIC_NOT_EDITABLE})
            if row.version != version:
                raise _refused(row)
            open_case(row.case_id, "change its chronology")
            current = {f: getattr(row, f) for f in ENTRY_FIELDS}
            new: EntryInput = validate(
                EntryInput,
                {**current, **data},
                dayfirst=dayfirst,
                categories=tuple(categories),
                keep_category=row.category,
            )
            changes = diff(current, new.model_dump())
            if changes:
                values = {f: new_value for f, (_, new_value) in changes.items()}
                save_changes(
                    ChronologyEntry, row, values, changes, "chronology_entry", actor, ENTRY_CONFLICT
                )
                act(actor, "chronology-entry-updated", row.case_id, "chronology_entry", entry_id)
            return _entry(entry_id)

    @guarded(Access.WRITE, "entry_id", of="chronology_entry")
    def annotate(
        self,
        actor: WorkerInfo,
        entry_id: int,
        analysis: str,
        *,
        version: int,
        category: str | None = None,
        categories: Sequence[str] | None = None,
    ) -> ChronologyItem:
        """Set the analysis of any entry (the one change automatic entries allow) and, for an
        entry made from a significant note, its ``category`` (one of ``categories``): the
        worker chose it when writing the note, and may see better later.

        The same values as now write nothing; a change is kept in the entry's history. A stale
        ``version`` raises Conflict.
        """
        from store.chronology.rules import chronology_categories

        errors: dict[str, str] = {}
        try:
            text = check_analysis(analysis)
        except ValueError as exc:
            errors["analysis"] = str(exc)
        with self.database.writing():
            row = _get_entry(entry_id)
            if row.version != version:
                raise _refused(row)
            open_case(row.case_id, "change its chronology")
            new_category = row.category
            if category is not None and category != row.category:
                allowed = chronology_categories(categories)
                found = next((c for c in allowed if c.casefold() == category.casefold()), None)
                if row.source_kind != "note":
                    errors["category"] = "Only an entry made from a note can change category."
                elif found is None:
                    errors["category"] = (
                        f'No category "{category}". Choose one of: {", ".join(allowed)}.'
                    )
                else:
                    new_category = found
            if errors:
                raise InvalidInput(errors)
            changes = {
                field: (old, new)
                for field, old, new in (
                    ("category", row.category, new_category),
                    ("analysis", row.analysis, text),
                )
                if old != new
            }
            if changes:
                save_changes(
                    ChronologyEntry,
                    row,
                    {field: new for field, (_, new) in changes.items()},
                    changes,
                    "chronology_entry",
                    actor,
                    ENTRY_CONFLICT,
                )
                act(actor, "chronology-entry-annotated", row.case_id, "chronology_entry", entry_id)
            return _entry(entry_id)


# --- helpers (called inside a reading() or writing() block) ----------------------------------


def _item_query() -> Any:
    """The columns an item is made of, in the order ``_item`` reads them."""
    return ChronologyEntry.select(
        ChronologyEntry.id,
        ChronologyEntry.occurred_on,
        ChronologyEntry.category,
        ChronologyEntry.title,
        ChronologyEntry.details,
        ChronologyEntry.source_kind,
        ChronologyEntry.source_id,
        ChronologyEntry.source_of_information,
        ChronologyEntry.analysis,
        ChronologyEntry.version,
        Worker.display_name,
        ChronologyEntry.updated_at,
    ).join(Worker, pw.JOIN.LEFT_OUTER, on=(ChronologyEntry.created_by == Worker.id))


def _item(row: tuple[Any, ...], current: date | None) -> ChronologyItem:
    eid, on, category, title, details, kind, sid, reported, analysis, version, who, updated = row
    return ChronologyItem(
        id=eid,
        occurred_on=on,
        category=category,
        title=title,
        details=details,
        source_kind=kind,
        source_id=sid,
        before_current_allocation=current is not None and on < current,
        source_of_information=reported,
        analysis=analysis,
        version=version,
        author_name=who or "",
        updated_at=updated,
    )


def _refused(row: Any) -> Conflict:
    """A save from an old version of an entry: who changed it since, and what it says now."""
    from store.core.conflicts import last_change, refused

    who, at = last_change("chronology_entry", row.id)
    return refused(
        "this chronology entry",
        changed_by=who,
        changed_at=at,
        current={f: getattr(row, f) for f in ENTRY_FIELDS},
        version=row.version,
    )


def _get_entry(entry_id: int) -> Any:
    row = ChronologyEntry.get_or_none(ChronologyEntry.id == entry_id)
    if row is None:
        raise NotFound(f"No chronology entry with id {entry_id}.")
    return row


def _entry(entry_id: int) -> ChronologyItem:
    case_id = (
        ChronologyEntry.select(ChronologyEntry.case).where(ChronologyEntry.id == entry_id).scalar()
    )
    if case_id is None:
        raise NotFound(f"No chronology entry with id {entry_id}.")
    row = _item_query().where(ChronologyEntry.id == entry_id).tuples().get()
    return _item(row, current_allocation_start(case_id))
