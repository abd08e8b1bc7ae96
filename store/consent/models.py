"""The tables of consent and information sharing, as the newest migration (m0017) leaves them.

Apart from ``store.core.models``: only this area, and the areas that share information (an
export for another agency, a referral), read or write them.
"""

from __future__ import annotations

import peewee as pw

from store.core.models import BaseModel, Case, Professional, Worker, utcnow


class Consent(BaseModel):
    """A client's (or their representative's) consent to share information: what, with whom,
    for what, from when, until when. Edited with a version check, every change kept in the
    record history; withdrawn with a date and a reason, never deleted."""

    id = pw.AutoField()
    case = pw.ForeignKeyField(Case, backref="+")
    case_id: int
    share_what = pw.TextField()
    recipient = pw.TextField()  # a professional, an agency, a person, as typed
    professional = pw.ForeignKeyField(Professional, null=True, backref="+")
    professional_id: int | None
    purpose = pw.TextField(default="")
    given_by = pw.CharField(default="client")  # client | parent | guardian | attorney
    how = pw.CharField(default="written")  # written | verbal | recorded
    given_on = pw.DateField()
    expires_on = pw.DateField(null=True)  # the review or expiry date
    withdrawn_on = pw.DateField(null=True)
    withdrawn_reason = pw.TextField(default="")
    created_at = pw.DateTimeField(default=utcnow)
    updated_at = pw.DateTimeField(default=utcnow)
    created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    version = pw.IntegerField(default=1)

    class Meta:
        table_name = "consent"
        indexes = ((("case", "given_on"), False),)


class SharingEvent(BaseModel):
    """Information shared about a case with someone outside the agency: what, with whom,
    when, by whom, and under which consent or lawful reason. Append-only: the database refuses
    to change or delete one."""

    id = pw.AutoField()
    case = pw.ForeignKeyField(Case, backref="+")
    case_id: int
    shared_at = pw.DateTimeField(default=utcnow)  # naive UTC
    worker = pw.ForeignKeyField(Worker, backref="+")
    worker_id: int
    recipient = pw.TextField()
    what = pw.TextField()
    consent = pw.ForeignKeyField(Consent, null=True, backref="+")
    consent_id: int | None
    lawful_reason = pw.TextField(default="")
    source = pw.CharField()  # referral | export
    source_id = pw.IntegerField(null=True)

    class Meta:
        table_name = "sharing_event"
        indexes = ((("case", "shared_at"), False),)
