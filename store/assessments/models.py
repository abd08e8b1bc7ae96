"""The tables of assessments, as the newest migration (m0015) leaves them.

Apart from ``store.core.models`` (which holds what every area shares): only this area and the
demo read them.
"""

from __future__ import annotations

import peewee as pw

from store.core.models import BaseModel, Case, Worker, utcnow


class Assessment(BaseModel):
    """One version of a case's assessment, dated as at a day: a draft anyone who may change
    the case edits (saved against ``version``) until finalised; a final one never changes."""

    id = pw.AutoField()
    case = pw.ForeignKeyField(Case, backref="+")
    case_id: int
    author = pw.ForeignKeyField(Worker, backref="+")
    author_id: int
    as_at = pw.DateField()  # a local calendar date
    status = pw.CharField(default="draft")  # draft | final
    summary = pw.TextField(default="")  # Markdown
    goals = pw.TextField(default="")  # the client's own goals, Markdown
    copied_from = pw.IntegerField(null=True)  # the final assessment a draft started from
    finalised_at = pw.DateTimeField(null=True)  # naive UTC
    created_at = pw.DateTimeField(default=utcnow)
    updated_at = pw.DateTimeField(default=utcnow)
    updated_by = pw.ForeignKeyField(Worker, backref="+")
    updated_by_id: int
    version = pw.IntegerField(default=1)

    class Meta:
        table_name = "assessment"
        indexes = ((("case", "status", "as_at"), False),)  # as m0015 made them


class AssessmentDomain(BaseModel):
    """One domain of an assessment; its name and rating as written, whatever the
    configuration says now."""

    id = pw.AutoField()
    assessment = pw.ForeignKeyField(Assessment, backref="+")
    assessment_id: int
    position = pw.IntegerField()
    domain = pw.CharField()
    strengths = pw.TextField(default="")
    needs = pw.TextField(default="")
    client_view = pw.TextField(default="")
    rating = pw.CharField(default="")  # "" = not rated

    class Meta:
        table_name = "assessment_domain"
        indexes = ((("assessment", "position"), True),)  # as m0015 made them


class AssessmentAmendment(BaseModel):
    """A correction to a finalised assessment, kept beside it."""

    id = pw.AutoField()
    assessment = pw.ForeignKeyField(Assessment, backref="+")
    assessment_id: int
    author = pw.ForeignKeyField(Worker, backref="+")
    author_id: int
    reason = pw.TextField()
    body = pw.TextField()
    created_at = pw.DateTimeField(default=utcnow)

    class Meta:
        table_name = "assessment_amendment"
