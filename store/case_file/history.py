"""The history of changes to a case's records, as stored and as people read it: who changed
what, from what, to what, and when (worker ids as names, dates as dates)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import peewee as pw

from store.access import guard, guarded
from store.audit.service import opened
from store.case_file.records import (
    ChangeInfo,
)
from store.cases.closure import LABELS as CLOSURE_LABELS
from store.common import dates
from store.common.errors import NotFound
from store.common.records import WorkerInfo
from store.common.textsafe import preview_line
from store.consent.models import Consent
from store.core.db import Database
from store.core.models import (
    Case,
    ChronologyEntry,
    Client,
    ClosureCheck,
    Conference,
    ConferenceAction,
    Contact,
    PlanAction,
    PlanGoal,
    Professional,
    RecordChange,
    ServicePlan,
    Worker,
)
from store.core.permissions import Access
from store.referrals import versions as referral_versions
from store.referrals.models import IncomingReferral

# Tables whose rows keep a change history, by the name RecordChange.table uses.
HISTORY_TABLES: dict[str, type[pw.Model]] = {
    "case": Case,
    "client": Client,
    "contact": Contact,
    "professional": Professional,
    "chronology_entry": ChronologyEntry,
    "service_plan": ServicePlan,
    "plan_action": PlanAction,
    "conference": Conference,
    "conference_action": ConferenceAction,
    "closure_check": ClosureCheck,
    "consent": Consent,
    "incoming_referral": IncomingReferral,
}

# Fields shown under another name (by the table RecordChange uses).
FIELD_NAMES: dict[tuple[str, str], str] = {
    ("case", "allocated_on"): "allocated",
    ("case", "closed_on"): "closed",
    ("chronology_entry", "occurred_on"): "date",
    ("chronology_entry", "source_of_information"): "reported by",
    ("conference", "next_meeting_on"): "next meeting",
    ("plan_action", "owner_kind"): "owner",
    ("plan_action", "owner_name"): "owner's name",
    ("plan_action", "due_on"): "due",
    ("plan_action", "status_note"): "note",
    ("conference_action", "status_note"): "note",
    ("conference_action", "done_at"): "done on",
    ("professional", "started_on"): "involved from",
    ("professional", "ended_on"): "involved until",
    ("service_plan", "started_on"): "started",
    ("service_plan", "review_dates"): "reviewed on",
    ("consent", "share_what"): "share what",
    ("consent", "recipient"): "with whom",
    ("consent", "professional_id"): "professional",
    ("consent", "expires_on"): "review or expiry",
    ("consent", "withdrawn_reason"): "why withdrawn",
    # A referral's details, as its edits change them (``store.referrals.versions``).
    ("referral", "agency"): "to whom",
    ("referral", "agency_contact"): "contact there",
    ("referral", "referred_on"): "date",
    ("referral", "shared"): "what is shared",
}


@dataclass(frozen=True, slots=True)
class HistoryLine:
    """One change in a case's history, worded for a reader: names, not ids; units; dates."""

    id: int  # its place in the history, newest first
    record: str  # "Client", "Contact: Anne Byron", "Service plan 1"
    field: str  # "date of birth", "review interval"
    was: str  # "" when the field was empty
    now: str
    changed_by: str
    changed_at: datetime  # naive UTC
    why: str = ""  # the reason given for the change, where one is asked for


# Fields that hold the id of a worker or a professional.
WORKER_FIELDS = frozenset({"done_by", "finalised_by", "created_by"})


PROFESSIONAL_FIELDS_BY_ID = frozenset({"professional", "professional_id"})


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


_ISO_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?")


def readable_history(
    changes: list[tuple[str, str, int, ChangeInfo]],
    workers: dict[int, str],
    professionals: dict[int, str],
    schedules: dict[int, tuple[int | None, str]],
) -> list[HistoryLine]:
    """``changes`` (label, table, record id, change), newest first, as a reader sees them.

    A plan's review interval is kept as two fields (``review_every`` 3, ``review_unit``
    months); changed together or alone, it is shown as one, "reviewed": "every 3 months".
    ``schedules`` holds each plan's interval now, from which the earlier ones are worked out.
    """
    lines: list[HistoryLine] = []
    # A plan's interval after each change, walking back from what it is now.
    after = dict(schedules)
    interval = ("review_every", "review_unit")
    skip = False
    for n, (label, table, record_id, change) in enumerate(changes):
        if skip:
            skip = False
            continue
        if table == "service_plan" and change.field in interval:
            # One save writes both fields next to each other: taken together.
            parts = {change.field: change}
            if n + 1 < len(changes):
                _, next_table, next_id, following = changes[n + 1]
                if (
                    (next_table, next_id) == (table, record_id)
                    and following.field in interval
                    and following.field != change.field
                    and following.changed_at == change.changed_at
                ):
                    parts[following.field] = following
                    skip = True
            every, unit = after.get(record_id, (None, ""))
            old_every, old_unit = every, unit
            if "review_every" in parts:
                raw = parts["review_every"].old_value
                old_every = int(raw) if raw and raw.isdigit() else None
            if "review_unit" in parts:
                old_unit = parts["review_unit"].old_value or ""
            after[record_id] = (old_every, old_unit)
            lines.append(
                HistoryLine(
                    id=len(lines),
                    record=label,
                    field="reviewed",
                    was=_interval(old_every, old_unit),
                    now=_interval(every, unit),
                    changed_by=change.changed_by,
                    changed_at=change.changed_at,
                )
            )
            continue
        lines.append(
            HistoryLine(
                id=len(lines),
                record=label,
                field=FIELD_NAMES.get((table, change.field), change.field.replace("_", " ")),
                was=_readable(change.field, change.old_value, workers, professionals),
                now=_readable(change.field, change.new_value, workers, professionals),
                changed_by=change.changed_by,
                changed_at=change.changed_at,
                why=change.why,
            )
        )
    return lines


def _interval(every: int | None, unit: str) -> str:
    if not every or not unit:
        return "on fixed dates"  # the dates themselves are the "reviewed on" change
    return f"every {dates.format_interval(every, unit)}"


def _readable(
    field: str, value: str | None, workers: dict[int, str], professionals: dict[int, str]
) -> str:
    """A value as RecordChange keeps it (text; ids, ISO dates) as a reader wants it."""
    if value is None or value == "":
        return ""
    if field in WORKER_FIELDS and value.isdigit():
        return workers.get(int(value), f"worker {value}")
    if field in PROFESSIONAL_FIELDS_BY_ID and value.isdigit():
        return professionals.get(int(value), f"professional {value}")
    if value in ("True", "False"):
        return "yes" if value == "True" else "no"
    if _ISO_DATETIME.fullmatch(value):
        at = datetime.fromisoformat(value)
        return dates.format_datetime(dates.to_local(at))
    if _ISO_DATE.fullmatch(value):
        return dates.format_date(date.fromisoformat(value))
    if "," in value and all(_ISO_DATE.fullmatch(v.strip()) for v in value.split(",")):
        return ", ".join(dates.format_date(date.fromisoformat(v.strip())) for v in value.split(","))
    return value


def change_info(change: RecordChange) -> ChangeInfo:
    """A RecordChange row (joined with its Worker) as a plain record."""
    return ChangeInfo(
        field=change.field,
        old_value=change.old_value,
        new_value=change.new_value,
        changed_by=change.changed_by.display_name,
        changed_at=change.changed_at,
    )


class CaseHistory:
    """The history of a case's records: part of ``store.case_file``."""

    database: Database

    def history(self, actor: WorkerInfo, table: str, record_id: int) -> list[ChangeInfo]:
        """The recorded changes to one record, newest first.

        ``table`` is one of HISTORY_TABLES ("client", "contact", "professional", ...).
        """
        model = HISTORY_TABLES.get(table)
        if model is None:
            raise ValueError(f"No change history is kept for {table!r}.")
        guard(self.database, actor, table, record_id, Access.READ, "read: history")
        with self.database.reading():
            if not model.select().where(model._meta.primary_key == record_id).exists():
                raise NotFound(f"No {table} with id {record_id}.")
            query = (
                RecordChange.select(RecordChange, Worker)
                .join(Worker)
                .where(RecordChange.table == table, RecordChange.record_id == record_id)
                .order_by(RecordChange.changed_at.desc(), RecordChange.id.desc())
            )
            return [change_info(c) for c in query]

    @guarded(Access.READ, "case_id")
    def case_history(self, actor: WorkerInfo, case_id: int) -> list[tuple[str, ChangeInfo]]:
        """Every recorded change to the client, their network and the case's professionals,
        newest first, each with a label saying which record it was ("Client", "Contact: ...")."""
        with self.database.reading():
            return [(label, change) for label, _, _, change in self._located_history(case_id)]

    def _located_history(self, case_id: int) -> list[tuple[str, str, int, ChangeInfo]]:
        """(label, table, record id, change) for every change to the case, newest first."""
        case = Case.get_or_none(Case.id == case_id)
        if case is None:
            raise NotFound(f"No case with id {case_id}.")
        labels: dict[tuple[str, int], str] = {
            ("case", case_id): "Case",
            ("client", case.client_id): "Client",
        }
        for contact in Contact.select(Contact.id, Contact.name).where(
            Contact.client == case.client_id
        ):
            labels[("contact", contact.id)] = f"Contact: {contact.name}"
        for pro in Professional.select(Professional.id, Professional.name).where(
            Professional.case == case_id
        ):
            labels[("professional", pro.id)] = f"Professional: {pro.name}"
        for entry in ChronologyEntry.select(ChronologyEntry.id, ChronologyEntry.title).where(
            ChronologyEntry.case == case_id, ChronologyEntry.updated_at.is_null(False)
        ):
            labels[("chronology_entry", entry.id)] = f"Chronology: {entry.title}"
        for plan in ServicePlan.select(ServicePlan.id, ServicePlan.number).where(
            ServicePlan.case == case_id
        ):
            labels[("service_plan", plan.id)] = f"Service plan {plan.number}"
        for action in (
            PlanAction.select(PlanAction.id, PlanAction.what)
            .join(PlanGoal)
            .join(ServicePlan)
            .where(ServicePlan.case == case_id)
        ):
            labels[("plan_action", action.id)] = f"Plan action: {preview_line(action.what, 41)}"
        for conf in Conference.select(
            Conference.id, Conference.conference_type, Conference.held_at
        ).where(Conference.case == case_id):
            kind = conf.conference_type or "meeting"
            when = f" of {dates.format_date(dates.to_local(conf.held_at))}" if conf.held_at else ""
            labels[("conference", conf.id)] = f"{kind[:1].upper()}{kind[1:]}{when}"
        for conf_action in (
            ConferenceAction.select(ConferenceAction.id, ConferenceAction.what)
            .join(Conference)
            .where(Conference.case == case_id)
        ):
            labels[("conference_action", conf_action.id)] = (
                f"Conference action: {preview_line(conf_action.what, 41)}"
            )
        for check in ClosureCheck.select(ClosureCheck.id, ClosureCheck.item).where(
            ClosureCheck.case == case_id
        ):
            what = CLOSURE_LABELS.get(check.item, check.item)
            labels[("closure_check", check.id)] = f"Closure checklist: {what}"
        for consent in Consent.select(Consent.id, Consent.recipient).where(Consent.case == case_id):
            labels[("consent", consent.id)] = f"Consent: {preview_line(consent.recipient, 41)}"
        for came in IncomingReferral.select(
            IncomingReferral.id, IncomingReferral.received_on
        ).where(IncomingReferral.case == case_id):
            received = dates.format_date(came.received_on)
            labels[("incoming_referral", came.id)] = f"Referral received {received}"
        changes: list[tuple[str, str, int, ChangeInfo]] = []
        for (table, record_id), label in labels.items():
            query = (
                RecordChange.select(RecordChange, Worker)
                .join(Worker)
                .where(RecordChange.table == table, RecordChange.record_id == record_id)
                .order_by(RecordChange.id.desc())
            )
            changes.extend((label, table, record_id, change_info(c)) for c in query)
        # A referral's edits keep what it said before each in full, with why (not as
        # RecordChange rows): the details each changed.
        for edit in referral_versions.edits(case_id):
            change = ChangeInfo(
                edit.field, edit.was, edit.now, edit.changed_by, edit.changed_at, edit.why
            )
            label = f"Referral to {preview_line(edit.agency, 41)}"
            changes.append((label, "referral", edit.referral_id, change))
        changes.sort(key=lambda item: item[3].changed_at, reverse=True)
        return changes

    @guarded(Access.READ, "case_id")
    def case_history_lines(
        self, actor: WorkerInfo, case_id: int, *, opening: bool = False
    ) -> list[HistoryLine]:
        """The case's history as the history screen shows it (see ``readable_history``);
        ``opening``: audit the opening."""
        with self.database.reading():
            located = self._located_history(case_id)
            workers = {w.id: w.display_name for w in Worker.select(Worker.id, Worker.display_name)}
            professionals = {
                p.id: p.name
                for p in Professional.select(Professional.id, Professional.name).where(
                    Professional.case == case_id
                )
            }
            schedules = {
                p.id: (p.review_every, p.review_unit)
                for p in ServicePlan.select(
                    ServicePlan.id, ServicePlan.review_every, ServicePlan.review_unit
                ).where(ServicePlan.case == case_id)
            }
        if opening:
            opened(self.database, actor, "case-history", case_id=case_id)
        return readable_history(located, workers, professionals, schedules)
