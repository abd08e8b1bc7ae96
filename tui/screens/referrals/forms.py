"""The referrals' forms: a new referral (to a directory service, its eligibility shown first,
or to an agency typed in), its details corrected, a change of status, a chase, and an incoming
referral with its decision. Each is a ``FormScreen``: the store checks every field and its
messages appear next to them; what is typed is kept as a draft, so escape loses nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.screen import Screen

from store.common import dates
from store.referrals.rules import (
    BOOKED,
    CHASE_METHODS,
    DRAFTED,
    INCOMING_DECISIONS,
    INCOMING_SOURCES,
    OUTCOMES,
    SENT,
    URGENCIES,
)
from tui.screens.base import give_way
from tui.screens.form import Field, FormScreen
from tui.widgets.date_field import FUTURE, TODAY_IF_BLANK, DateReading
from tui.workers import read_in_turn

if TYPE_CHECKING:
    from store.referrals.records import IncomingInfo, ReferralDetail
    from store.resources.records import ServiceDetail
    from tui.host import CaselineHost

APPOINTMENT = DateReading(kind="datetime", prefer="future")
NO_CONSENT_WARNING = (
    "No consent in force to share information about this client: "
    "sending needs the lawful reason to share without it."
)
NO_CONSENT_CHOICE = ("none: give the lawful reason below", "none")
LAWFUL_FIELD = Field(
    "lawful_reason", "Lawful reason", "only without consent: e.g. safeguarding, a court order"
)


def _app(app: App[Any]) -> CaselineHost:
    return app  # type: ignore[return-value]


def _saved(
    app: App[Any], message: str, then: Callable[[Any], None] | None = None
) -> Callable[[object], None]:
    def done(result: object) -> None:
        if result is not None:
            app.notify(message, markup=False)
            if then is not None:
                then(result)

    return done


Consents = list[tuple[str, str, bool]]  # (label, id, whether it names the recipient)


def consent_fields(consents: Consents) -> list[Field]:
    """The consent to send under (warned when there is none) and the lawful reason."""
    note = "" if consents else NO_CONSENT_WARNING
    return [
        Field(
            "consent_id",
            "Under consent",
            choices=(*((label, cid) for label, cid, _ in consents), NO_CONSENT_CHOICE),
            note=note,
        ),
        LAWFUL_FIELD,
    ]


def consent_default(consents: Consents) -> str:
    """The consent chosen to begin with: one naming the recipient, else none chosen (the
    worker picks: a consent to share with the GP is no consent to tell the food bank)."""
    if not consents:
        return "none"
    return next((cid for _, cid, covers in consents if covers), "")


# --- a new referral ----------------------------------------------------------------------------


def new_referral(
    app: App[Any], case_id: int, label: str, *, then: Callable[[Any], None] | None = None
) -> None:
    """Ask where to: a service from the directory or an agency typed in; then the form."""
    from tui.screens.choice import ChoiceScreen

    async def referred_to(service: ServiceDetail, confirmation: Screen[Any]) -> None:
        await _form(app, case_id, label, service, then, leaving=confirmation)

    async def opens(answer: str, choice: Screen[Any]) -> None:
        if answer == "typed":  # the agency's name typed straight after `t` goes into the form
            await _form(app, case_id, label, None, then, leaving=choice)
        elif give_way(choice):
            from tui.screens.referrals.services import choose_service

            choose_service(app, referred_to)

    app.push_screen(
        ChoiceScreen(
            "Refer the client to…",
            [
                ("d", "directory", "a service from the directory (its eligibility shown first)"),
                ("t", "typed", "an agency not in the directory: type its name"),
            ],
            opens=opens,
        ),
    )


async def _form(
    app: App[Any],
    case_id: int,
    label: str,
    service: ServiceDetail | None,
    then: Callable[[Any], None] | None,
    *,
    leaving: Screen[Any] | None = None,
) -> None:
    """The new referral's form, once the client's consents are read (in the turn of the key
    that asked for it; in place of ``leaving``, if given)."""
    caseline = _app(app)
    store, me, dayfirst = caseline.store, caseline.me, caseline.config.dayfirst

    def show(consents: Consents) -> None:
        values = {
            "referred_on": dates.format_date(dates.today()),
            "urgency": "routine",
            "status": SENT,
            "consent_id": consent_default(consents),
        }
        fields = [
            Field("agency", "To", "the agency's name"),
            Field("agency_contact", "Contact", "phone, email or address"),
            Field("referred_on", "Date", "e.g. today", date=TODAY_IF_BLANK),
            Field("reason", "Reason", multiline=True),
            Field("urgency", "Urgency", choices=URGENCIES),
            Field("shared", "Shared", "what information about the client goes with it"),
            Field(
                "status",
                "Status",
                choices=(("sent today (or on the date)", SENT), ("a draft, not sent yet", DRAFTED)),
            ),
            *consent_fields(consents),
        ]
        key = f"referral_new:{case_id}"
        if service is not None:
            values["agency"] = f"{service.service_name}, {service.organisation_name}"
            values["agency_contact"] = ", ".join(p for p in (service.phone, service.email) if p)
            key = f"referral_new:{case_id}:{service.id}"

        def save(form: dict[str, str]) -> ReferralDetail:
            data = {**form, "service_id": str(service.id) if service is not None else ""}
            return store.referrals.create(me, case_id, data, dayfirst=dayfirst)

        app.push_screen(
            FormScreen("New referral", fields, values, save, subtitle=label, draft_key=key),
            _saved(app, "Referral saved; sending is in the chronology.", then),
        )

    recipient = "" if service is None else f"{service.service_name} {service.organisation_name}"
    consents = await read_in_turn(
        app,
        lambda: store.referrals.consents(me, case_id, recipient=recipient),
        name="referral-consents",
    )
    if consents is not None and (leaving is None or give_way(leaving)):
        show(consents)


# --- its details corrected ---------------------------------------------------------------------


def edit(app: App[Any], referral: ReferralDetail, *, then: Callable[[Any], None] | None) -> None:
    """The referral's details in the form it was made with. A draft's are all open; a sent
    one went to its agency on its date as it was, so those two are not asked again, and the
    form asks why it is changed (the earlier version is kept)."""
    caseline = _app(app)
    store, me, dayfirst = caseline.store, caseline.me, caseline.config.dayfirst
    s = referral.summary
    values = {
        "agency": s.agency,
        "agency_contact": referral.agency_contact,
        "referred_on": dates.format_date(s.referred_on),
        "reason": referral.reason,
        "urgency": s.urgency,
        "shared": referral.shared,
    }
    fields = [
        Field("agency", "To", "the agency's name"),
        Field("agency_contact", "Contact", "phone, email or address"),
        Field("referred_on", "Date", "e.g. today", date=TODAY_IF_BLANK),
        Field("reason", "Reason", multiline=True),
        Field("urgency", "Urgency", choices=URGENCIES),
        Field("shared", "Shared", "what information about the client goes with it"),
    ]
    fixed: dict[str, str] = {}
    subtitle = "a draft, not sent yet"
    if not referral.drafted:
        fixed = {"agency": values["agency"], "referred_on": values["referred_on"]}
        fields = [f for f in fields if f.name not in fixed]
        if s.sent_on is not None:  # anything added to it is shared with them now: logged
            fields = [
                Field("shared", "Shared", "what goes with it; anything added is logged as shared")
                if f.name == "shared"
                else f
                for f in fields
            ]
        fields.append(Field("why", "Why changed", "it was sent: what is corrected, and why"))
        sent = f"sent {dates.format_date(s.sent_on)}" if s.sent_on else s.status
        subtitle = f"{sent}: an amendment, the earlier version kept"

    def save(form: dict[str, str], version: int) -> ReferralDetail:
        return store.referrals.edit(
            me, referral.id, {**form, **fixed}, version=version, dayfirst=dayfirst
        )

    app.push_screen(
        FormScreen(
            f"Referral to {s.agency}: details",
            fields,
            values,
            save,
            subtitle=subtitle,
            draft_key=f"referral_edit:{referral.id}",
            version=s.version,
        ),
        _saved(app, "Referral corrected; what it said before is kept with it.", then),
    )


# --- a change of status ------------------------------------------------------------------------


async def change_status(
    app: App[Any], referral: ReferralDetail, *, then: Callable[[Any], None] | None
) -> None:
    """The referral's next status, dated, with a note; the appointment when booking, what came
    of it at an outcome, the consent or the lawful reason when a draft is sent."""
    caseline = _app(app)
    store, me, dayfirst = caseline.store, caseline.me, caseline.config.dayfirst
    onward = referral.next_statuses
    if not onward:
        app.notify(f"This referral is {referral.summary.status}: it is finished.", markup=False)
        return
    s = referral.summary

    def show(consents: Consents) -> None:
        fields = [
            Field("status", "New status", choices=onward),
            Field("changed_on", "On", "e.g. today, yesterday", date=TODAY_IF_BLANK),
            Field("note", "Note", "optional: what happened"),
        ]
        values = {"status": onward[0], "changed_on": dates.format_date(dates.today())}
        if BOOKED in onward:
            fields += [
                Field("appointment_at", "Appointment", "e.g. fri 10am", date=APPOINTMENT),
                Field("accompanied_by", "Going with", "who goes with the client, if anyone"),
            ]
            if s.appointment_at is not None:
                values["appointment_at"] = dates.format_datetime(dates.to_local(s.appointment_at))
            values["accompanied_by"] = referral.accompanied_by
        if any(o in onward for o in OUTCOMES):
            fields.append(Field("outcome", "Outcome", "at the end: what came of it, or why"))
        if SENT in onward:
            fields += consent_fields(consents)
            values["consent_id"] = consent_default(consents)

        def save(form: dict[str, str], version: int) -> ReferralDetail:
            return store.referrals.change_status(
                me, referral.id, form, version=version, dayfirst=dayfirst
            )

        app.push_screen(
            FormScreen(
                f"Referral to {s.agency}: status",
                fields,
                values,
                save,
                subtitle=f"now {s.status} since {dates.format_date(s.status_on)}",
                draft_key=f"referral_status:{referral.id}",
                version=s.version,
            ),
            _saved(app, "Status changed; it is kept in the referral's history.", then),
        )

    if SENT not in onward:
        show([])
        return
    consents = await read_in_turn(
        app,
        lambda: store.referrals.consents(
            me, referral.summary.case_id, recipient=referral.summary.agency
        ),
        name="referral-consents",
    )
    if consents is not None:
        show(consents)


# --- a chase -------------------------------------------------------------------------------


CHASE_FIELDS = [
    Field("chased_on", "Chased on", "e.g. today", date=TODAY_IF_BLANK),
    Field("method", "How", choices=CHASE_METHODS),
    Field("contacted", "Who", "who was contacted: e.g. duty desk"),
    Field("said", "They said", "what they said"),
    Field("responded", "A response?", choices=(("no answer", "no"), ("yes, they answered", "yes"))),
    Field("next_chase_on", "Chase next", "e.g. +1w, fri (optional)", date=FUTURE),
]


def chase(
    app: App[Any], referral: ReferralDetail, *, then: Callable[[Any], None] | None = None
) -> None:
    caseline = _app(app)
    store, me, dayfirst = caseline.store, caseline.me, caseline.config.dayfirst
    s = referral.summary
    values = {
        "chased_on": dates.format_date(dates.today()),
        "method": "phone",
        "responded": "no",
        "next_chase_on": "+1w",
    }
    waited = f"waited {s.days_waited} days · " if s.days_waited is not None else ""
    app.push_screen(
        FormScreen(
            f"Chase the referral to {s.agency}",
            CHASE_FIELDS,
            values,
            lambda form: store.referrals.chase(me, referral.id, form, dayfirst=dayfirst),
            subtitle=f"{waited}chased {s.chases} times",
            draft_key=f"referral_chase:{referral.id}",
        ),
        _saved(app, "Chase recorded.", then),
    )


# --- incoming referrals ----------------------------------------------------------------------


INCOMING_FIELDS = [
    Field("source", "Source", choices=INCOMING_SOURCES),
    Field("referrer", "Referrer", "who referred the client (not needed for self)"),
    Field("referrer_contact", "Their contact", "phone, email or address"),
    Field("reason", "Reason", multiline=True),
    Field("received_on", "Received", "e.g. today, 3/11", date=TODAY_IF_BLANK),
    Field(
        "decision",
        "Decision",
        choices=(("not decided yet", "undecided"), *((d, d) for d in INCOMING_DECISIONS)),
    ),
    Field("decided_on", "Decided on", "when decided (today if left blank)", date=TODAY_IF_BLANK),
    Field("decision_note", "Note", "optional: e.g. where they were signposted"),
]


def incoming(
    app: App[Any],
    case_id: int,
    label: str,
    existing: IncomingInfo | None = None,
    *,
    then: Callable[[Any], None] | None = None,
) -> None:
    """Record a referral that brought the case in, or (``existing``) its decision."""
    caseline = _app(app)
    store, me, dayfirst = caseline.store, caseline.me, caseline.config.dayfirst
    if existing is None:
        app.push_screen(
            FormScreen(
                "Referral received",
                INCOMING_FIELDS,
                {"received_on": dates.format_date(dates.today()), "decision": "undecided"},
                lambda form: store.referrals.add_incoming(me, case_id, form, dayfirst=dayfirst),
                subtitle=label,
                draft_key=f"incoming_new:{case_id}",
            ),
            _saved(app, "Incoming referral recorded.", then),
        )
        return
    values = {
        "source": existing.source,
        "referrer": existing.referrer,
        "referrer_contact": existing.referrer_contact,
        "reason": existing.reason,
        "received_on": dates.format_date(existing.received_on),
        "decision": existing.decision or "undecided",
        "decided_on": dates.format_date(existing.decided_on) if existing.decided_on else "",
        "decision_note": existing.decision_note,
    }
    app.push_screen(
        FormScreen(
            "Referral received: decision",
            INCOMING_FIELDS,
            values,
            lambda form, version: store.referrals.update_incoming(
                me, existing.id, form, version=version, dayfirst=dayfirst
            ),
            subtitle=label,
            draft_key=f"incoming:{existing.id}",
            version=existing.version,
        ),
        _saved(app, "Incoming referral saved.", then),
    )
