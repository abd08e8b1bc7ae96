"""The sections of a case's whole record about what went to others, as Markdown: the referrals
out (each with its status history, chases and the wording each edit replaced, beside what it
says now) and in, the consents to share, and the information-sharing log. Then the two parts
only an answer to a subject access request has: the audit of who read, changed or exported the
records, and the other people the records name, for redaction review."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from store.audit.records import AuditEntry
from store.common import dates
from store.common.markdown import md_block, md_escape, md_inline
from store.consent.records import ConsentInfo
from store.export.handover import sharing_line
from store.export.record import Named, WholeRecord
from store.referrals.records import IncomingInfo, ReferralDetail

__all__ = [
    "access_section",
    "consents_section",
    "redaction_section",
    "referrals_in_section",
    "referrals_out_section",
    "sharing_section",
]


def _day(d: date | None, none: str = "not recorded") -> str:
    return dates.format_date(d) if d else none


def _cells(values: Sequence[str]) -> str:
    return "| " + " | ".join(md_escape(v) if v.strip() else "—" for v in values) + " |"


def _table(columns: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    return [
        "| " + " | ".join(columns) + " |",
        "|" + "|".join(" --- " for _ in columns) + "|",
        *(_cells(row) for row in rows),
    ]


def referrals_out_section(record: WholeRecord, level: int) -> str:
    """Each referral out, oldest first, in full."""
    if not record.referral_details:
        return "No referrals out.\n"
    ordered = sorted(record.referral_details, key=lambda r: (r.summary.referred_on, r.id))
    out: list[str] = []
    for referral in ordered:
        out += [*_referral(referral, level), ""]
    return "\n".join(out).rstrip() + "\n"


def _referral(r: ReferralDetail, level: int) -> list[str]:
    s, head = r.summary, "#" * level
    under = r.consent_text or (f"without consent: {r.lawful_reason}" if r.lawful_reason else "")
    facts = [
        ("Agency contact", r.agency_contact or "not recorded"),
        ("Referred on", _day(s.referred_on)),
        ("Sent on", _day(s.sent_on, "not sent")),
        ("Urgency", s.urgency),
        ("Status", f"{s.status} since {_day(s.status_on)}"),
        ("Information shared", r.shared or "not recorded"),
        ("Shared under", under or "not recorded"),
        ("Accompanied by", r.accompanied_by or "no one"),
        ("Outcome", r.outcome or "not recorded"),
        ("Made by", r.created_by),
    ]
    if s.appointment_at is not None:
        facts.append(("Appointment", dates.format_datetime(dates.to_local(s.appointment_at))))
    out = [
        f"{head} Referral {r.id} to {md_escape(s.agency)}",
        "",
        *(f"- **{label}:** {md_escape(value)}" for label, value in facts),
        "",
        "**Reason:**",
        "",
        md_block(r.reason) if r.reason.strip() else "Not recorded.",
    ]
    if r.history:
        out += ["", "**Its status, oldest first:**", ""]
        out += _table(
            ("Date", "Status", "From", "By", "Note"),
            [
                (_day(h.changed_on), h.status, h.previous, h.by, " ".join(h.note.split()))
                for h in r.history
            ],
        )
    if r.chases:
        out += ["", "**Chased:**", ""]
        out += _table(
            ("Date", "How", "Who was contacted", "What they said", "Answered", "By"),
            [
                (
                    _day(c.chased_on),
                    c.method,
                    c.contacted,
                    " ".join(c.said.split()),
                    "yes" if c.responded else "no",
                    c.by,
                )
                for c in r.chases
            ],
        )
    for v in r.earlier:
        when = dates.format_datetime(dates.to_local(v.replaced_at))
        why = f" ({md_inline(v.why)})" if v.why.strip() else ""
        out += [
            "",
            f"**Changed by {md_escape(v.replaced_by)} on {when}**{why}. Before, it said: "
            f"to {md_escape(v.agency)} ({md_escape(v.agency_contact) or 'no contact named'}), "
            f"referred on {_day(v.referred_on)}, {md_escape(v.urgency)}, "
            f"sharing {md_escape(v.shared) or 'nothing recorded'}; the reason:",
            "",
            md_block(v.reason) if v.reason.strip() else "Not recorded.",
        ]
    return out


def referrals_in_section(record: WholeRecord) -> str:
    """The referrals that brought the case in, oldest first."""
    incoming = sorted(record.referrals.incoming, key=lambda r: (r.received_on, r.id))
    if not incoming:
        return "No referrals in recorded.\n"
    out: list[str] = []
    for r in incoming:
        out += [*_incoming(r), ""]
    return "\n".join(out).rstrip() + "\n"


def _incoming(r: IncomingInfo) -> list[str]:
    who = md_escape(r.referrer) or "no referrer named"
    contact = f" ({md_escape(r.referrer_contact)})" if r.referrer_contact.strip() else ""
    decision = (
        f"{md_escape(r.decision)} on {_day(r.decided_on)}" if r.decision else "not yet decided"
    )
    note = f": {md_inline(r.decision_note)}" if r.decision_note.strip() else ""
    out = [
        f"- **Referral in {r.id}, {_day(r.received_on)}**, from {md_escape(r.source)}: "
        f"{who}{contact}; "
        f"decision {decision}{note}"
    ]
    if r.reason.strip():
        out += ["", *(f"  {line}" for line in md_block(r.reason).split("\n"))]
    return out


def consents_section(consents: Sequence[ConsentInfo]) -> str:
    """Every consent to share, as it stood when exported, withdrawn ones too."""
    if not consents:
        return "No consents recorded.\n"
    out: list[str] = []
    for c in sorted(consents, key=lambda c: (c.given_on, c.id)):
        whom = c.professional_name or c.recipient
        facts = [
            f"given by {md_escape(c.given_by)} ({md_escape(c.how)}) on {_day(c.given_on)}",
            f"review or expiry {_day(c.expires_on, 'not set')}",
            f"status {c.status.value}",
        ]
        if c.withdrawn_on is not None:
            why = f" ({md_escape(c.withdrawn_reason)})" if c.withdrawn_reason.strip() else ""
            facts.append(f"withdrawn on {_day(c.withdrawn_on)}{why}")
        what = md_escape(c.share_what) or "what is not recorded"
        purpose = md_escape(c.purpose) or "no purpose recorded"
        out.append(
            f"- **Consent {c.id}:** {what} to **{md_escape(whom) or 'no one named'}**, "
            f"for {purpose}; " + "; ".join(facts) + f"; recorded by {md_escape(c.recorded_by)}."
        )
    return "\n".join(out) + "\n"


def sharing_section(record: WholeRecord) -> str:
    """The information-sharing log, oldest first."""
    log = sorted(record.sharing, key=lambda e: (e.shared_at, e.id))
    return "\n".join([sharing_line(e) for e in log] or ["Nothing shared with another agency."]) + (
        "\n"
    )


def access_section(access: Sequence[AuditEntry]) -> str:
    """Every event of the cases' audit trail, oldest first: who opened, changed or exported
    what, when, and from where."""
    if not access:
        return "No events recorded.\n"
    rows = [
        (
            dates.format_datetime(dates.to_local(e.at)),
            f"{e.worker_name} ({e.login})" if e.worker_name else e.login,
            e.action,
            f"{e.record_kind} {e.record_id}" if e.record_id is not None else e.record_kind,
            e.case_ref,
            e.detail,
            e.origin,
        )
        for e in access
    ]
    columns = ("When", "Who", "What", "Record", "Case", "Detail", "From")
    return "\n".join(_table(columns, rows)) + "\n"


def redaction_section(others: Sequence[Named]) -> str:
    """The other people the records name, and where: for a person to review, and redact,
    before the answer goes to the client."""
    intro = (
        "The records name these people other than the client. Review each place they are "
        "named, and redact what the client should not be given, before this goes out."
    )
    if not others:
        return f"{intro}\n\nNo one else is named.\n"
    places: dict[tuple[str, str], list[str]] = {}
    for n in others:  # one row a person in a part, the places together
        places.setdefault((n.name, n.as_who), []).append(n.where)
    rows = [(name, as_who, ", ".join(where)) for (name, as_who), where in places.items()]
    return "\n".join([intro, "", *_table(("Name", "Named as", "Where"), rows)]) + "\n"
