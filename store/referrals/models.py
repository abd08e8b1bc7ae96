"""The tables of referrals, as the newest migrations (m0018, m0022) leave them.

Apart from ``store.core.models`` because they belong to one area: only the referrals'
operations (and the demo) read them.
"""

from __future__ import annotations

import peewee as pw

from store.consent.models import Consent
from store.core.models import BaseModel, Case, Worker, utcnow
from store.resources.models import ResourceService


class Referral(BaseModel):
    """A referral from a case to a directory service or an ad-hoc agency. Its status and
    dates are changed only through a status change, each kept in ``ReferralStatusChange``."""

    id = pw.AutoField()
    # Indexed by (case, date) below, not alone, as the migration made it.
    case = pw.ForeignKeyField(Case, backref="+", on_delete="CASCADE", index=False)
    case_id: int
    service = pw.ForeignKeyField(ResourceService, null=True, backref="+")  # when one was chosen
    service_id: int | None
    agency = pw.TextField()  # whom it is to: the service's name, or as typed
    agency_contact = pw.TextField(default="")
    referred_on = pw.DateField()
    reason = pw.TextField(default="")
    urgency = pw.CharField(default="routine")  # routine | soon | urgent
    shared = pw.TextField(default="")  # what information is shared with it
    consent = pw.ForeignKeyField(Consent, null=True, backref="+")  # what it was sent under
    consent_id: int | None
    lawful_reason = pw.TextField(default="")  # or why it was sent without one
    status = pw.CharField(default="drafted")
    status_on = pw.DateField()  # when it reached its status
    sent_on = pw.DateField(null=True)
    last_response_on = pw.DateField(null=True)  # the agency's last answer (a status or a chase)
    next_chase_on = pw.DateField(null=True)
    appointment_at = pw.DateTimeField(null=True)  # naive UTC
    accompanied_by = pw.TextField(default="")  # who goes with the client
    outcome = pw.TextField(default="")
    created_at = pw.DateTimeField(default=utcnow)
    created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    created_by_id: int | None
    updated_at = pw.DateTimeField(default=utcnow)
    version = pw.IntegerField(default=1)

    class Meta:
        indexes = ((("case", "referred_on"), False),)


class ReferralStatusChange(BaseModel):
    """One move of a referral's status, dated, with its note: kept as written."""

    id = pw.AutoField()
    referral = pw.ForeignKeyField(Referral, backref="+", on_delete="CASCADE")
    referral_id: int
    status = pw.CharField()
    previous = pw.CharField(default="")  # "" for the first
    changed_on = pw.DateField()
    note = pw.TextField(default="")
    created_at = pw.DateTimeField(default=utcnow)
    created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    created_by_id: int | None


class ReferralChase(BaseModel):
    """One attempt to get an answer about a referral: kept as written."""

    id = pw.AutoField()
    referral = pw.ForeignKeyField(Referral, backref="+", on_delete="CASCADE")
    referral_id: int
    chased_on = pw.DateField()
    method = pw.CharField()  # phone | email | letter | in person | other
    contacted = pw.TextField(default="")  # who was contacted
    said = pw.TextField(default="")  # what they said
    responded = pw.BooleanField(default=False)  # whether it was a response
    next_chase_on = pw.DateField(null=True)
    created_at = pw.DateTimeField(default=utcnow)
    created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    created_by_id: int | None


class ReferralVersion(BaseModel):
    """What a referral said before an edit replaced it, with who replaced it, when and why:
    kept as written."""

    id = pw.AutoField()
    referral = pw.ForeignKeyField(Referral, backref="+", on_delete="CASCADE")
    referral_id: int
    service = pw.ForeignKeyField(ResourceService, null=True, backref="+", index=False)
    service_id: int | None
    agency = pw.TextField()
    agency_contact = pw.TextField(default="")
    referred_on = pw.DateField()
    reason = pw.TextField(default="")
    urgency = pw.CharField(default="routine")
    shared = pw.TextField(default="")
    status = pw.CharField()  # the referral's status when it was replaced
    why = pw.TextField(default="")  # why it was changed ("" for a draft's edit)
    replaced_at = pw.DateTimeField(default=utcnow)
    replaced_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    replaced_by_id: int | None

    class Meta:
        table_name = "referral_version"


class IncomingReferral(BaseModel):
    """A referral that brought the case in: who referred, why, when, and what was decided."""

    id = pw.AutoField()
    # Indexed by (case, date) below, not alone, as the migration made it.
    case = pw.ForeignKeyField(Case, backref="+", on_delete="CASCADE", index=False)
    case_id: int
    source = pw.CharField()  # self, GP or health, school, ...
    referrer = pw.TextField(default="")
    referrer_contact = pw.TextField(default="")
    reason = pw.TextField(default="")
    received_on = pw.DateField()
    decision = pw.CharField(default="")  # "" until decided: allocated | signposted | ...
    decided_on = pw.DateField(null=True)
    decision_note = pw.TextField(default="")
    created_at = pw.DateTimeField(default=utcnow)
    created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    created_by_id: int | None
    updated_at = pw.DateTimeField(default=utcnow)
    version = pw.IntegerField(default=1)

    class Meta:
        table_name = "incoming_referral"
        indexes = ((("case", "received_on"), False),)
