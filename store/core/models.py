"""Peewee models: the current shape of every table.

These describe the schema as the newest migration leaves it. Migrations never import them
(each migration carries its own frozen copy), so changing a model here means adding a migration.

Timestamps (``*_at``) are naive UTC; calendar dates (``*_on``, ``date_of_birth``) are local
dates as the worker meant them. ``version`` columns count edits, for records two people may
edit at once.
"""

from __future__ import annotations

from datetime import UTC, datetime

import peewee as pw

from store.core.db import proxy


def utcnow() -> datetime:
    """Now as naive UTC, the form timestamps are stored in."""
    from store.common import dates

    return dates.now_utc().astimezone(UTC).replace(tzinfo=None)


# Every model but Meta declares the ``id`` primary key peewee would add anyway (same column,
# same schema), so that type checkers know ``Case.id`` and ``case.id``. It is not declared here
# once for all: Meta's key is ``key``, and it would inherit an ``id`` it does not have.
# Likewise a bare annotation such as ``client_id: int`` under a foreign key names the accessor
# peewee adds for the related row's id (read without a query); peewee ignores annotations, so
# it adds no column. They are declared where the store reads them.
class BaseModel(pw.Model):
    class Meta:
        database = proxy
        legacy_table_names = False


class Meta(BaseModel):
    """Key/value facts about the database itself: that it is Caseline's, its schema version."""

    key = pw.CharField(primary_key=True)
    value = pw.TextField(null=True)  # as m0001 made it

    class Meta:
        table_name = "caseline_meta"


class Counter(BaseModel):
    """Named sequences (case references per year)."""

    id = pw.AutoField()
    name = pw.CharField(unique=True)
    value = pw.IntegerField(default=0)


class Worker(BaseModel):
    """A member of staff: their login (``username``), name, role and team, and how they sign
    in. Never deleted (their records keep their name): deactivated instead."""

    id = pw.AutoField()
    username = pw.CharField(unique=True)
    display_name = pw.CharField()
    role = pw.CharField(default="worker")  # a store.common.records.Role
    active = pw.BooleanField(default=True)
    created_at = pw.DateTimeField(default=utcnow)
    updated_at = pw.DateTimeField(default=utcnow)
    team = pw.TextField(default="")
    passphrase_hash = pw.TextField(null=True)  # Argon2id, its parameters encoded in it
    failed_sign_ins = pw.IntegerField(default=0)  # since the last good sign-in
    last_failed_at = pw.DateTimeField(null=True)
    locked_at = pw.DateTimeField(null=True)  # too many failures: until a passphrase reset
    last_sign_in_at = pw.DateTimeField(null=True)


class Client(BaseModel):
    """A person (or family) the agency works with; may have more than one case over time."""

    id = pw.AutoField()
    name = pw.CharField()
    name_key = pw.CharField(index=True)  # textsafe.fold(name): sorting, filtering, duplicates
    date_of_birth = pw.DateField(null=True, index=True)
    address = pw.TextField(default="")
    phone = pw.CharField(default="")
    language = pw.CharField(default="")
    identifiers = pw.TextField(default="")  # other agencies' numbers: NHS, NI, school...
    created_at = pw.DateTimeField(default=utcnow)
    updated_at = pw.DateTimeField(default=utcnow)
    created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    version = pw.IntegerField(default=1)


class Case(BaseModel):
    """A client's case: referral, then open (allocated to a worker), then closed."""

    id = pw.AutoField()
    ref = pw.CharField(unique=True)
    client = pw.ForeignKeyField(Client, backref="cases")
    client_id: int
    status = pw.CharField(default="open")  # referral | open | closed
    worker = pw.ForeignKeyField(Worker, null=True, backref="cases")
    allocated_on = pw.DateField(null=True)
    opened_on = pw.DateField()
    closed_on = pw.DateField(null=True)
    closure_reason = pw.TextField(default="")
    closing_summary = pw.TextField(default="")
    # Kept up to date in the same transaction as the notes and plans they summarise, so the
    # caseload never has to aggregate over every note to draw a row.
    last_contact_at = pw.DateTimeField(null=True)
    next_review_on = pw.DateField(null=True)  # the current plan's, kept here for the caseload
    has_plan = pw.BooleanField(default=False)
    # The earliest due date among the open actions of finalised conference minutes.
    next_action_due_on = pw.DateField(null=True)
    referrals_to_escalate = pw.IntegerField(default=0)  # kept by store.referrals (m0018)
    # The earliest review or expiry date among the consents not withdrawn (store.consent).
    consent_due_on = pw.DateField(null=True)
    created_at = pw.DateTimeField(default=utcnow)
    updated_at = pw.DateTimeField(default=utcnow)
    created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    version = pw.IntegerField(default=1)
    # Restricted: only its worker and the workers named in restricted_to (",3,7,") open it.
    restricted = pw.BooleanField(default=False)
    restricted_to = pw.TextField(default="")
    restriction_reason = pw.TextField(default="")

    class Meta:
        indexes = ((("status", "worker"), False),)


class Allocation(BaseModel):
    """One period during which a worker held a case; a transfer ends one and starts the next."""

    id = pw.AutoField()
    case = pw.ForeignKeyField(Case, backref="allocations", on_delete="CASCADE")
    worker = pw.ForeignKeyField(Worker, backref="+")
    allocated_on = pw.DateField()
    ended_on = pw.DateField(null=True)
    reason = pw.TextField(default="")
    created_at = pw.DateTimeField(default=utcnow)
    created_by = pw.ForeignKeyField(Worker, null=True, backref="+")


class Note(BaseModel):
    """A case note (recording). Finalised notes are never updated in place."""

    id = pw.AutoField()
    # Indexed by (case, contact_at) and (author, status) below, not alone (m0023).
    case = pw.ForeignKeyField(Case, backref="notes", on_delete="CASCADE", index=False)
    author = pw.ForeignKeyField(Worker, backref="+", index=False)
    author_id: int
    contact_at = pw.DateTimeField()
    note_type = pw.CharField(default="case note")
    present = pw.TextField(default="")
    body = pw.TextField(default="")
    significant = pw.BooleanField(default=False)
    chronology_title = pw.CharField(default="")  # for a significant note
    follow_up_on = pw.DateField(null=True)
    status = pw.CharField(default="final")  # draft | final
    # A draft keeps the form exactly as typed (JSON), unparseable dates included, so that
    # reopening it after a crash gives back every keystroke up to the last autosave.
    draft_state = pw.TextField(default="")
    finalised_at = pw.DateTimeField(null=True)
    created_at = pw.DateTimeField(default=utcnow)
    updated_at = pw.DateTimeField(default=utcnow)
    version = pw.IntegerField(default=1)

    class Meta:
        indexes = (
            (("case", "contact_at"), False),
            (("author", "status"), False),
        )


class NoteAmendment(BaseModel):
    """A correction to a finalised note, kept beside the original, which never changes."""

    id = pw.AutoField()
    note = pw.ForeignKeyField(Note, backref="amendments", on_delete="CASCADE")
    author = pw.ForeignKeyField(Worker, backref="+")
    reason = pw.TextField()
    body = pw.TextField()
    created_at = pw.DateTimeField(default=utcnow)


class Contact(BaseModel):
    """Someone in the client's support network: family, friends, carers."""

    id = pw.AutoField()
    client = pw.ForeignKeyField(Client, backref="contacts", on_delete="CASCADE")
    name = pw.CharField()
    relationship = pw.CharField(default="")
    phone = pw.CharField(default="")
    address = pw.TextField(default="")
    notes = pw.TextField(default="")
    created_at = pw.DateTimeField(default=utcnow)
    updated_at = pw.DateTimeField(default=utcnow)
    created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    removed_at = pw.DateTimeField(null=True)  # removed from view, never deleted
    version = pw.IntegerField(default=1)


class Professional(BaseModel):
    """Another agency's worker involved with the case."""

    id = pw.AutoField()
    case = pw.ForeignKeyField(Case, backref="professionals", on_delete="CASCADE")
    name = pw.CharField()
    agency = pw.CharField(default="")
    role = pw.CharField(default="")
    phone = pw.CharField(default="")
    email = pw.CharField(default="")
    started_on = pw.DateField(null=True)
    ended_on = pw.DateField(null=True)
    created_at = pw.DateTimeField(default=utcnow)
    updated_at = pw.DateTimeField(default=utcnow)
    created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    removed_at = pw.DateTimeField(null=True)
    version = pw.IntegerField(default=1)


class SummaryVersion(BaseModel):
    """One saved version of a case summary; the newest is the current summary."""

    id = pw.AutoField()
    case = pw.ForeignKeyField(Case, backref="summaries", on_delete="CASCADE")
    body = pw.TextField()
    author = pw.ForeignKeyField(Worker, backref="+")
    created_at = pw.DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("case", "created_at"), False),)


class RecordChange(BaseModel):
    """One field of one record changed: who, when, and the value it had before."""

    id = pw.AutoField()
    table = pw.CharField()
    record_id = pw.IntegerField()
    field = pw.CharField()
    old_value = pw.TextField(null=True)
    new_value = pw.TextField(null=True)
    changed_by = pw.ForeignKeyField(Worker, backref="+")
    changed_at = pw.DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("table", "record_id"), False),)


class Task(BaseModel):
    """Something a worker has to do by a date (a note's follow-up, later reviews and actions)."""

    id = pw.AutoField()
    case = pw.ForeignKeyField(Case, backref="tasks", on_delete="CASCADE")
    worker = pw.ForeignKeyField(Worker, backref="tasks")
    title = pw.CharField()
    due_on = pw.DateField()
    source_kind = pw.CharField(default="manual")  # note | manual | ...
    source_id = pw.IntegerField(null=True)
    done_at = pw.DateTimeField(null=True)
    done_note = pw.TextField(default="")  # what was done (m0019)
    done_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    created_at = pw.DateTimeField(default=utcnow)
    created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    updated_at = pw.DateTimeField(null=True)
    version = pw.IntegerField(default=1)

    class Meta:
        indexes = ((("worker", "done_at", "due_on"), False), (("case", "done_at"), False))


class ChronologyEntry(BaseModel):
    """A significant event in a case, automatic (with its source) or added by hand."""

    id = pw.AutoField()
    case = pw.ForeignKeyField(Case, backref="chronology", on_delete="CASCADE")
    allocation = pw.ForeignKeyField(Allocation, null=True, backref="+")
    occurred_on = pw.DateField()
    category = pw.CharField(default="other")
    title = pw.CharField()
    details = pw.TextField(default="")
    source_kind = pw.CharField(default="manual")  # allocation | transfer | status | note | manual
    source_id = pw.IntegerField(null=True)
    created_at = pw.DateTimeField(default=utcnow)
    created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    source_of_information = pw.TextField(default="")  # who reported it (manual entries)
    analysis = pw.TextField(default="")  # what the event means for the client; any entry
    version = pw.IntegerField(default=1)
    updated_at = pw.DateTimeField(null=True)  # last edit or annotation; None if never

    class Meta:
        indexes = ((("case", "occurred_on"), False),)


class ServicePlan(BaseModel):
    """A service (care) plan: the current one, or an earlier one kept as it was ("ended")."""

    id = pw.AutoField()
    case = pw.ForeignKeyField(Case, backref="plans", on_delete="CASCADE")
    number = pw.IntegerField()  # 1, 2, ... within the case
    started_on = pw.DateField()
    review_every = pw.IntegerField(null=True)  # with review_unit: every 6 weeks
    review_unit = pw.CharField(default="")  # days | weeks | months, or "" for fixed dates
    review_dates = pw.TextField(default="")  # ISO dates, comma-separated, when fixed
    status = pw.CharField(default="current")  # current | ended
    ended_on = pw.DateField(null=True)
    created_at = pw.DateTimeField(default=utcnow)
    created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    updated_at = pw.DateTimeField(default=utcnow)
    version = pw.IntegerField(default=1)

    class Meta:
        indexes = ((("case", "number"), True),)


class PlanGoal(BaseModel):
    """A goal's identity and state; its wording is in PlanGoalVersion."""

    id = pw.AutoField()
    plan = pw.ForeignKeyField(ServicePlan, backref="goals", on_delete="CASCADE")
    plan_id: int
    position = pw.IntegerField()
    status = pw.CharField(default="open")  # open | achieved | closed
    closed_on = pw.DateField(null=True)
    carried_from = pw.ForeignKeyField("self", null=True, backref="+")
    carried_from_id: int | None
    created_at = pw.DateTimeField(default=utcnow)
    created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    updated_at = pw.DateTimeField(default=utcnow)
    version = pw.IntegerField(default=1)


class PlanGoalVersion(BaseModel):
    """One wording of a goal; never changed (a review points at the one it judged)."""

    id = pw.AutoField()
    goal = pw.ForeignKeyField(PlanGoal, backref="versions", on_delete="CASCADE")
    goal_id: int
    number = pw.IntegerField()
    domain = pw.CharField()
    change = pw.TextField()  # specific: what will change
    measure = pw.TextField(default="")  # measurable: how it will be measured
    target = pw.TextField(default="")  # ... and the level that means done
    relevance = pw.TextField(default="")  # relevant: why it matters, in the client's words
    target_on = pw.DateField(null=True)  # time-bound
    client_agreed = pw.BooleanField(default=False)
    achievable = pw.BooleanField(default=False)  # the worker's judgement
    achievable_note = pw.TextField(default="")
    reason = pw.TextField(default="")  # why it was changed (versions after the first)
    created_at = pw.DateTimeField(default=utcnow)
    created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    created_by_id: int | None

    class Meta:
        indexes = ((("goal", "number"), True),)


class PlanAction(BaseModel):
    """A step towards a goal, with its owner."""

    id = pw.AutoField()
    goal = pw.ForeignKeyField(PlanGoal, backref="actions", on_delete="CASCADE")
    goal_id: int
    what = pw.TextField()
    owner_kind = pw.CharField()  # worker | client | family | professional
    owner_name = pw.CharField(default="")  # the family member or professional, as shown
    professional = pw.ForeignKeyField(Professional, null=True, backref="+")
    professional_id: int | None
    due_on = pw.DateField(null=True)
    status = pw.CharField(default="not started")  # not started | in progress | done | dropped
    status_note = pw.TextField(default="")
    created_at = pw.DateTimeField(default=utcnow)
    created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    updated_at = pw.DateTimeField(default=utcnow)
    version = pw.IntegerField(default=1)


class PlanReview(BaseModel):
    """A review of a plan; a record, never changed."""

    id = pw.AutoField()
    plan = pw.ForeignKeyField(ServicePlan, backref="reviews", on_delete="CASCADE")
    held_on = pw.DateField()
    client_present = pw.BooleanField(default=False)
    client_views = pw.TextField(default="")  # in the client's words
    participants = pw.TextField(default="")  # who else took part
    summary = pw.TextField(default="")
    next_review_on = pw.DateField(null=True)  # as computed when the review was recorded
    created_at = pw.DateTimeField(default=utcnow)
    created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    created_by_id: int | None
    # The conference the review was held in, if any (set when the review is recorded).
    conference = pw.DeferredForeignKey("Conference", null=True, backref="+", index=True)
    conference_id: int | None


class PlanReviewRating(BaseModel):
    """What a review found for one goal (as worded then)."""

    id = pw.AutoField()
    review = pw.ForeignKeyField(PlanReview, backref="ratings", on_delete="CASCADE")
    review_id: int
    goal = pw.ForeignKeyField(PlanGoal, backref="ratings")
    goal_id: int
    goal_version = pw.ForeignKeyField(PlanGoalVersion, backref="+")
    goal_version_id: int
    rating = pw.CharField(default="")  # "" when not rated (then not_rated_reason says why)
    evidence = pw.TextField(default="")
    decision = pw.CharField(default="")
    not_rated_reason = pw.TextField(default="")


class Conference(BaseModel):
    """The minutes of a case conference or professionals meeting: a draft until finalised,
    then a record (the database refuses to change it; amendments are kept beneath)."""

    id = pw.AutoField()
    case = pw.ForeignKeyField(Case, backref="conferences", on_delete="CASCADE")
    case_id: int
    status = pw.CharField(default="draft")  # draft | final
    held_at = pw.DateTimeField(null=True)  # naive UTC
    place = pw.TextField(default="")
    conference_type = pw.CharField(default="")
    chair = pw.CharField(default="")
    minute_taker = pw.CharField(default="")
    client_attended = pw.BooleanField(default=False)
    client_views = pw.TextField(default="")  # in the client's words
    information_shared = pw.TextField(default="")  # Markdown
    decisions = pw.TextField(default="")  # one decision a line
    # Still set after finalising: the only field (with version and updated_at) that can change.
    next_meeting_on = pw.DateField(null=True)
    finalised_at = pw.DateTimeField(null=True)
    finalised_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    created_at = pw.DateTimeField(default=utcnow)
    created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    updated_at = pw.DateTimeField(default=utcnow)
    # A draft's last save; not indexed (nothing looks minutes up by it).
    updated_by = pw.ForeignKeyField(Worker, null=True, backref="+", index=False)
    version = pw.IntegerField(default=1)

    class Meta:
        indexes = ((("case", "held_at"), False),)


class ConferenceAttendee(BaseModel):
    """Someone invited to a conference: present, or sending apologies."""

    id = pw.AutoField()
    conference = pw.ForeignKeyField(Conference, backref="attendees", on_delete="CASCADE")
    position = pw.IntegerField()
    present = pw.BooleanField(default=True)  # False: apologies
    kind = pw.CharField()  # professional | contact | client | worker | other
    professional = pw.ForeignKeyField(Professional, null=True, backref="+")
    professional_id: int | None
    contact = pw.ForeignKeyField(Contact, null=True, backref="+")
    contact_id: int | None
    name = pw.CharField()
    role = pw.CharField(default="")
    agency = pw.CharField(default="")


class ConferenceAgendaItem(BaseModel):
    """An agenda item and its discussion (Markdown)."""

    id = pw.AutoField()
    conference = pw.ForeignKeyField(Conference, backref="agenda", on_delete="CASCADE")
    position = pw.IntegerField()
    title = pw.CharField()
    discussion = pw.TextField(default="")


class ConferenceAction(BaseModel):
    """An action agreed at a conference; its status stays changeable after finalising."""

    id = pw.AutoField()
    conference = pw.ForeignKeyField(Conference, backref="actions", on_delete="CASCADE")
    position = pw.IntegerField()
    what = pw.TextField()
    owner_name = pw.CharField()  # as shown: "Dr Amir Khan (Hillside GP)"
    owner_attendee = pw.ForeignKeyField(ConferenceAttendee, null=True, backref="+")
    due_on = pw.DateField()
    status = pw.CharField(default="open")  # open | done
    status_note = pw.TextField(default="")
    done_at = pw.DateTimeField(null=True)
    done_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    done_by_id: int | None
    created_at = pw.DateTimeField(default=utcnow)
    created_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    updated_at = pw.DateTimeField(default=utcnow)
    version = pw.IntegerField(default=1)

    class Meta:
        indexes = ((("status", "due_on"), False),)


class ConferenceAmendment(BaseModel):
    """A correction to finalised minutes, kept beneath them; the minutes never change."""

    id = pw.AutoField()
    conference = pw.ForeignKeyField(Conference, backref="amendments", on_delete="CASCADE")
    author = pw.ForeignKeyField(Worker, backref="+")
    author_id: int
    reason = pw.TextField()
    body = pw.TextField()
    created_at = pw.DateTimeField(default=utcnow)


class FormDraft(BaseModel):
    """A form as a worker was typing it (JSON of its fields), until saved or abandoned."""

    id = pw.AutoField()
    worker = pw.ForeignKeyField(Worker, backref="+", on_delete="CASCADE")
    key = pw.CharField()  # which form, of which record: "plan_review:12"
    title = pw.CharField(default="")
    state = pw.TextField()
    updated_at = pw.DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("worker", "key"), True),)


class ClosureCheck(BaseModel):
    """An item of a case's closure checklist as someone marked it (no row: still open)."""

    id = pw.AutoField()
    case = pw.ForeignKeyField(Case, backref="+", on_delete="CASCADE", index=False)
    case_id: int
    item = pw.TextField()  # a key of store.cases.closure.ITEMS
    state = pw.TextField(default="open")  # open | done | not applicable
    reason = pw.TextField(default="")  # why it does not apply
    created_at = pw.DateTimeField(default=utcnow)
    updated_at = pw.DateTimeField(default=utcnow)
    updated_by = pw.ForeignKeyField(Worker, null=True, backref="+")
    updated_by_id: int | None
    version = pw.IntegerField(default=1)

    class Meta:
        indexes = ((("case", "item"), True),)


class AuditEvent(BaseModel):
    """One line of the append-only audit trail: who did what, when, to which record, from
    where. The database refuses to change or delete it."""

    id = pw.AutoField()
    at = pw.DateTimeField(default=utcnow)
    worker = pw.ForeignKeyField(Worker, null=True, backref="+", index=False)
    worker_id: int | None  # None: a failed sign-in of a login no worker has
    login = pw.TextField(default="")  # as typed, or the worker's
    action = pw.TextField()
    record_kind = pw.TextField(default="")
    record_id = pw.IntegerField(null=True)
    case = pw.ForeignKeyField(Case, null=True, backref="+", index=False)
    case_id: int | None
    detail = pw.TextField(default="")
    origin = pw.TextField(default="")  # "ssh 10.0.0.5", a terminal, or "local"

    class Meta:
        indexes = ((("case", "at"), False), (("worker", "at"), False))


class WorkerToken(BaseModel):
    """A token a script signs in with instead of a passphrase: only its hash is kept. Never
    deleted (the audit trail names it): revoked instead."""

    id = pw.AutoField()
    worker = pw.ForeignKeyField(Worker, backref="+")  # indexed, as m0011 made it
    worker_id: int
    token_hash = pw.TextField(unique=True)  # SHA-256 of the whole token, in hex
    label = pw.TextField(default="")
    created_at = pw.DateTimeField(default=utcnow)
    created_by = pw.ForeignKeyField(Worker, backref="+", index=False)
    created_by_id: int
    expires_on = pw.DateField(null=True)  # the last day it works; None: it doesn't expire
    last_used_at = pw.DateTimeField(null=True)
    revoked_at = pw.DateTimeField(null=True)
    revoked_by = pw.ForeignKeyField(Worker, null=True, backref="+", index=False)
    revoked_by_id: int | None
