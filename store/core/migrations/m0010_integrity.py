"""Version 10: final records that prove they were not altered.

``record_seal`` is a chain of links, one per final record, each holding a hash of the record's
content chained to the link before it (``store.core.seal``); the database refuses to change or
delete a link. Summary versions and automatic chronology entries join the records the database
itself keeps as they were (an automatic entry's analysis and category may still change, each
change kept in the record history). Every final record already in the database is sealed, kind
by kind in id order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import peewee as pw

from store.core import seal
from store.core.dialect import execute_sql, guard_trigger

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

APPEND_ONLY = "{what} are kept as written and cannot be changed or deleted"
AUTOMATIC_ENTRY = (
    "an automatic chronology entry is a record and cannot be changed or deleted; "
    "add an analysis instead"
)
# What an automatic entry keeps (its analysis, category, version and updated_at may change).
ENTRY_FIXED = (
    "case_id",
    "allocation_id",
    "occurred_on",
    "title",
    "details",
    "source_kind",
    "source_id",
    "created_at",
    "created_by_id",
    "source_of_information",
)
AUTOMATIC = "OLD.source_kind != 'manual'"

TRIGGERS = (
    *(
        guard_trigger(f"{table}_no_{action.lower()}", action, table, APPEND_ONLY.format(what=what))
        for table, what in (
            (seal.SEAL_TABLE, "the seals of final records"),
            ("summary_version", "summary versions"),
        )
        for action in ("UPDATE", "DELETE")
    ),
    guard_trigger(
        "chronology_entry_automatic_no_update",
        "UPDATE",
        "chronology_entry",
        AUTOMATIC_ENTRY,
        f"{AUTOMATIC} AND ("
        + " OR ".join(f'NEW."{c}" IS NOT OLD."{c}"' for c in ENTRY_FIXED)
        + ")",
    ),
    guard_trigger(
        "chronology_entry_automatic_no_delete",
        "DELETE",
        "chronology_entry",
        AUTOMATIC_ENTRY,
        AUTOMATIC,
    ),
)


# The final records as this version sealed them: a frozen copy, so that an old database is
# upgraded the same way whatever kinds later versions add to ``store.core.seal.SEALED``.
CONFERENCE_PARTS = (
    ("conference_attendee", "conference_id"),
    ("conference_agenda_item", "conference_id"),
    ("conference_action", "conference_id"),
)

SEALED: tuple[seal.Sealed, ...] = (
    seal.Sealed(
        "note",
        (
            "id",
            "case_id",
            "author_id",
            "contact_at",
            "note_type",
            "present",
            "body",
            "significant",
            "status",
            "finalised_at",
            "created_at",
            "updated_at",
            "version",
            "chronology_title",
            "follow_up_on",
            "draft_state",
        ),
        final="status = 'final'",
        status_set=True,
    ),
    seal.Sealed("note_amendment", ("id", "note_id", "author_id", "reason", "body", "created_at")),
    seal.Sealed(
        "conference",
        (
            "id",
            "case_id",
            "status",
            "held_at",
            "place",
            "conference_type",
            "chair",
            "minute_taker",
            "client_attended",
            "client_views",
            "information_shared",
            "decisions",
            "finalised_at",
            "finalised_by_id",
            "created_at",
            "created_by_id",
        ),
        final="status = 'final'",
        status_set=True,
        parts=CONFERENCE_PARTS,
    ),
    seal.Sealed(
        "conference_attendee",
        (
            "id",
            "conference_id",
            "position",
            "present",
            "kind",
            "professional_id",
            "contact_id",
            "name",
            "role",
            "agency",
        ),
        final="(SELECT status FROM conference WHERE id = conference_id) = 'final'",
    ),
    seal.Sealed(
        "conference_agenda_item",
        ("id", "conference_id", "position", "title", "discussion"),
        final="(SELECT status FROM conference WHERE id = conference_id) = 'final'",
    ),
    seal.Sealed(
        "conference_action",
        (
            "id",
            "conference_id",
            "position",
            "what",
            "owner_name",
            "owner_attendee_id",
            "due_on",
            "created_at",
            "created_by_id",
        ),
        final="(SELECT status FROM conference WHERE id = conference_id) = 'final'",
    ),
    seal.Sealed(
        "conference_amendment", ("id", "conference_id", "author_id", "reason", "body", "created_at")
    ),
    seal.Sealed(
        "chronology_entry",
        (
            "id",
            "case_id",
            "allocation_id",
            "occurred_on",
            "title",
            "details",
            "source_kind",
            "source_id",
            "created_at",
            "created_by_id",
            "source_of_information",
        ),
        final="source_kind != 'manual'",
    ),
    seal.Sealed("summary_version", ("id", "case_id", "body", "author_id", "created_at")),
    seal.Sealed(
        "plan_goal_version",
        (
            "id",
            "goal_id",
            "number",
            "domain",
            "change",
            "measure",
            "target",
            "relevance",
            "target_on",
            "client_agreed",
            "achievable",
            "achievable_note",
            "reason",
            "created_at",
            "created_by_id",
        ),
    ),
    seal.Sealed(
        "plan_review",
        (
            "id",
            "plan_id",
            "held_on",
            "client_present",
            "client_views",
            "participants",
            "summary",
            "next_review_on",
            "created_at",
            "created_by_id",
            "conference_id",
        ),
    ),
    seal.Sealed(
        "plan_review_rating",
        (
            "id",
            "review_id",
            "goal_id",
            "goal_version_id",
            "rating",
            "evidence",
            "decision",
            "not_rated_reason",
        ),
    ),
    seal.Sealed(
        "record_change",
        (
            "id",
            "table",
            "record_id",
            "field",
            "old_value",
            "new_value",
            "changed_by_id",
            "changed_at",
        ),
    ),
    seal.Sealed(
        "audit_event",
        (
            "id",
            "at",
            "worker_id",
            "login",
            "action",
            "record_kind",
            "record_id",
            "case_id",
            "detail",
            "origin",
        ),
    ),
)


def up(db: pw.Database, migrator: SchemaMigrator) -> None:
    execute_sql(
        db,
        f"""CREATE TABLE "{seal.SEAL_TABLE}" (
            "id" INTEGER NOT NULL PRIMARY KEY,
            "table_name" TEXT NOT NULL,
            "row_id" INTEGER NOT NULL,
            "content_hash" TEXT NOT NULL,
            "chain_hash" TEXT NOT NULL,
            "sealed_at" DATETIME NOT NULL
        )""",
    )
    # One link per record; also how a record's link is found.
    execute_sql(
        db,
        f'CREATE UNIQUE INDEX "{seal.SEAL_TABLE}_table_name_row_id" '
        f'ON "{seal.SEAL_TABLE}" ("table_name", "row_id")',
    )
    for sql in TRIGGERS:
        execute_sql(db, sql)
    seal.seal_all(db, SEALED)
