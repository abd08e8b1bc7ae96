"""Version 15: assessments. A biopsychosocial assessment of a case, repeated over time: each
version dated "as at" a day, drafted and then finalised; per domain (housing, mental health…)
the strengths, the needs or concerns, the client's own view and a rating.

``assessment`` holds each version (a draft until finalised), ``assessment_domain`` its domains,
one row each, with the domain's name and the rating's words as they were when written (so a
later change of the configured domains or scale never rewrites one), and
``assessment_amendment`` the corrections to a finalised one. The database refuses to change or
delete a finalised assessment, its domains or an amendment, and all are sealed when final
(``store.core.seal``; a new table holds none yet).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import peewee as pw

from store.core.dialect import execute_sql, guard_trigger

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

FINAL = "a finalised assessment is a record and cannot be changed or deleted; add an amendment"
AMENDMENTS = "assessment amendments are kept as written and cannot be changed or deleted"

TRIGGERS = (
    *(
        guard_trigger(
            f"assessment_final_no_{action.lower()}",
            action,
            "assessment",
            FINAL,
            "OLD.status = 'final'",
        )
        for action in ("UPDATE", "DELETE")
    ),
    *(
        guard_trigger(
            f"assessment_domain_final_no_{action.lower()}",
            action,
            "assessment_domain",
            FINAL,
            "(SELECT status FROM assessment WHERE id = OLD.assessment_id) = 'final'",
        )
        for action in ("UPDATE", "DELETE")
    ),
    *(
        guard_trigger(
            f"assessment_amendment_no_{action.lower()}",
            action,
            "assessment_amendment",
            AMENDMENTS,
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
        class Meta:
            table_name = "case"

    class Assessment(Base):
        case = pw.ForeignKeyField(Case, backref="+")
        author = pw.ForeignKeyField(Worker, backref="+")
        as_at = pw.DateField()
        status = pw.CharField(default="draft")
        summary = pw.TextField(default="")
        goals = pw.TextField(default="")
        copied_from = pw.IntegerField(null=True)
        finalised_at = pw.DateTimeField(null=True)
        created_at = pw.DateTimeField(default=now)
        updated_at = pw.DateTimeField(default=now)
        updated_by = pw.ForeignKeyField(Worker, backref="+")
        version = pw.IntegerField(default=1)

        class Meta:
            table_name = "assessment"
            indexes = ((("case", "status", "as_at"), False),)

    class AssessmentDomain(Base):
        assessment = pw.ForeignKeyField(Assessment, backref="+")
        position = pw.IntegerField()
        domain = pw.CharField()
        strengths = pw.TextField(default="")
        needs = pw.TextField(default="")
        client_view = pw.TextField(default="")
        rating = pw.CharField(default="")

        class Meta:
            table_name = "assessment_domain"
            indexes = ((("assessment", "position"), True),)

    class AssessmentAmendment(Base):
        assessment = pw.ForeignKeyField(Assessment, backref="+")
        author = pw.ForeignKeyField(Worker, backref="+")
        reason = pw.TextField()
        body = pw.TextField()
        created_at = pw.DateTimeField(default=now)

        class Meta:
            table_name = "assessment_amendment"

    db.create_tables([Assessment, AssessmentDomain, AssessmentAmendment])
    for sql in TRIGGERS:
        execute_sql(db, sql)
