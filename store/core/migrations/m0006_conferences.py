"""Version 6: case conferences and professionals meetings, their minutes and actions.

Minutes are drafts until finalised. Once final, the database refuses to change or delete them,
their attendees and agenda items, or their amendments; only the next meeting date (with the
version and time of the change) can still be set, and the actions' status and note. A plan
review held in a conference points at it (``plan_review.conference_id``, set when the review
is recorded, since reviews are never changed). The case row keeps the earliest due date of its
open conference actions for the caseload's flag.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import peewee as pw

from store.core.dialect import guard_trigger

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

FINAL_MINUTES = "finalised minutes are a record and cannot be changed or deleted; add an amendment"
APPEND_ONLY = "{what} are kept as written and cannot be changed or deleted"

# Columns of finalised minutes that never change (next_meeting_on, version and updated_at may).
CONFERENCE_FIXED = (
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
)
# Columns of an action of finalised minutes that never change (its status and note may).
ACTION_FIXED = (
    "conference_id",
    "position",
    "what",
    "owner_name",
    "owner_attendee_id",
    "due_on",
    "created_at",
    "created_by_id",
)


def _changed(columns: tuple[str, ...]) -> str:
    return " OR ".join(f'NEW."{c}" IS NOT OLD."{c}"' for c in columns)


def _final(ref: str) -> str:
    return f"(SELECT status FROM conference WHERE id = {ref}) = 'final'"


FINAL = "OLD.status = 'final'"

TRIGGERS = (
    guard_trigger(
        "conference_final_no_update",
        "UPDATE",
        "conference",
        FINAL_MINUTES,
        f"{FINAL} AND ({_changed(CONFERENCE_FIXED)})",
    ),
    guard_trigger("conference_final_no_delete", "DELETE", "conference", FINAL_MINUTES, FINAL),
    *(
        trigger
        for table in ("conference_attendee", "conference_agenda_item")
        for trigger in (
            guard_trigger(
                f"{table}_final_no_insert",
                "INSERT",
                table,
                FINAL_MINUTES,
                _final("NEW.conference_id"),
            ),
            guard_trigger(
                f"{table}_final_no_update",
                "UPDATE",
                table,
                FINAL_MINUTES,
                f"{_final('OLD.conference_id')} OR {_final('NEW.conference_id')}",
            ),
            guard_trigger(
                f"{table}_final_no_delete",
                "DELETE",
                table,
                FINAL_MINUTES,
                _final("OLD.conference_id"),
            ),
        )
    ),
    guard_trigger(
        "conference_action_final_no_insert",
        "INSERT",
        "conference_action",
        FINAL_MINUTES,
        _final("NEW.conference_id"),
    ),
    guard_trigger(
        "conference_action_final_no_update",
        "UPDATE",
        "conference_action",
        FINAL_MINUTES,
        f"{_final('OLD.conference_id')} AND ({_changed(ACTION_FIXED)})",
    ),
    guard_trigger(
        "conference_action_final_no_delete",
        "DELETE",
        "conference_action",
        FINAL_MINUTES,
        _final("OLD.conference_id"),
    ),
    *(
        guard_trigger(
            f"conference_amendment_no_{action.lower()}",
            action,
            "conference_amendment",
            APPEND_ONLY.format(what="amendments"),
        )
        for action in ("UPDATE", "DELETE")
    ),
)


def up(db: pw.Database, migrator: SchemaMigrator) -> None:
    now = datetime.utcnow  # frozen: a default, not the app clock

    class Base(pw.Model):
        class Meta:
            database = db
            legacy_table_names = False

    class Worker(Base):
        pass

    class Case(Base):
        pass

    class Contact(Base):
        pass

    class Professional(Base):
        pass

    class Conference(Base):
        case = pw.ForeignKeyField(Case, backref="+", on_delete="CASCADE")
        status = pw.CharField(default="draft")
        held_at = pw.DateTimeField(null=True)
        place = pw.TextField(default="")
        conference_type = pw.CharField(default="")
        chair = pw.CharField(default="")
        minute_taker = pw.CharField(default="")
        client_attended = pw.BooleanField(default=False)
        client_views = pw.TextField(default="")
        information_shared = pw.TextField(default="")
        decisions = pw.TextField(default="")
        next_meeting_on = pw.DateField(null=True)
        finalised_at = pw.DateTimeField(null=True)
        finalised_by = pw.ForeignKeyField(Worker, null=True, backref="+")
        created_at = pw.DateTimeField(default=now)
        created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
        updated_at = pw.DateTimeField(default=now)
        version = pw.IntegerField(default=1)

        class Meta:
            indexes = ((("case", "held_at"), False),)

    class ConferenceAttendee(Base):
        conference = pw.ForeignKeyField(Conference, backref="+", on_delete="CASCADE")
        position = pw.IntegerField()
        present = pw.BooleanField(default=True)
        kind = pw.CharField()
        professional = pw.ForeignKeyField(Professional, null=True, backref="+")
        contact = pw.ForeignKeyField(Contact, null=True, backref="+")
        name = pw.CharField()
        role = pw.CharField(default="")
        agency = pw.CharField(default="")

    class ConferenceAgendaItem(Base):
        conference = pw.ForeignKeyField(Conference, backref="+", on_delete="CASCADE")
        position = pw.IntegerField()
        title = pw.CharField()
        discussion = pw.TextField(default="")

    class ConferenceAction(Base):
        conference = pw.ForeignKeyField(Conference, backref="+", on_delete="CASCADE")
        position = pw.IntegerField()
        what = pw.TextField()
        owner_name = pw.CharField()
        owner_attendee = pw.ForeignKeyField(ConferenceAttendee, null=True, backref="+")
        due_on = pw.DateField()
        status = pw.CharField(default="open")
        status_note = pw.TextField(default="")
        done_at = pw.DateTimeField(null=True)
        done_by = pw.ForeignKeyField(Worker, null=True, backref="+")
        created_at = pw.DateTimeField(default=now)
        created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
        updated_at = pw.DateTimeField(default=now)
        version = pw.IntegerField(default=1)

        class Meta:
            indexes = ((("status", "due_on"), False),)

    class ConferenceAmendment(Base):
        conference = pw.ForeignKeyField(Conference, backref="+", on_delete="CASCADE")
        author = pw.ForeignKeyField(Worker, backref="+")
        reason = pw.TextField()
        body = pw.TextField()
        created_at = pw.DateTimeField(default=now)

    db.create_tables(
        [
            Conference,
            ConferenceAttendee,
            ConferenceAgendaItem,
            ConferenceAction,
            ConferenceAmendment,
        ]
    )
    db.execute_sql('ALTER TABLE "case" ADD COLUMN "next_action_due_on" DATE')
    # Adding a column fires no trigger, so the append-only plan_review table can take it.
    db.execute_sql(
        'ALTER TABLE "plan_review" ADD COLUMN "conference_id" INTEGER '
        'REFERENCES "conference" ("id")'
    )
    db.execute_sql('CREATE INDEX "plan_review_conference_id" ON "plan_review" ("conference_id")')
    for sql in TRIGGERS:
        db.execute_sql(sql)
