"""The consent forms (record, edit, withdraw) and the question asked before sharing without
consent, ``ask_lawful_reason``, which an export and a referral both put."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import App

from store.common import dates
from store.common.errors import InvalidInput
from store.consent.rules import GIVEN_BY, HOW
from tui.screens.form import Field, FormScreen
from tui.widgets.date_field import FUTURE, PAST

if TYPE_CHECKING:
    from store.consent.records import ConsentInfo
    from tui.host import CaselineHost

NO_PROFESSIONAL = "none"
REASON_MAX = 500


def consent_fields(professionals: tuple[tuple[int, str], ...]) -> list[Field]:
    """The fields of a consent; the case's professionals offered to link it to one."""
    people: tuple[str | tuple[str, str], ...] = (
        ("no one linked", NO_PROFESSIONAL),
        *((name, str(pid)) for pid, name in professionals),
    )
    return [
        Field("share_what", "Share what", "e.g. housing history and current needs"),
        Field("recipient", "With whom", "an agency, a professional or a person"),
        Field("professional_id", "Professional", "one of the case's", choices=people),
        Field("purpose", "Purpose", "e.g. housing application"),
        Field("given_by", "Given by", choices=GIVEN_BY),
        Field("how", "How", choices=HOW),
        Field("given_on", "Given on", "e.g. today, 3/11/2026", date=PAST),
        Field("expires_on", "Review/expiry", "e.g. +1y, 1/11/2027; blank: none", date=FUTURE),
    ]


WITHDRAW_FIELDS = [
    Field("withdrawn_on", "Withdrawn on", "e.g. today", date=PAST),
    Field("reason", "Why", "e.g. the client asked us to stop sharing", multiline=True),
]


def consent_values(consent: ConsentInfo) -> dict[str, str]:
    """A consent as its form shows it."""
    return {
        "share_what": consent.share_what,
        "recipient": consent.recipient,
        "professional_id": str(consent.professional_id or NO_PROFESSIONAL),
        "purpose": consent.purpose,
        "given_by": consent.given_by,
        "how": consent.how,
        "given_on": dates.format_date(consent.given_on),
        "expires_on": dates.format_date(consent.expires_on),
    }


def add_consent(
    host: CaselineHost,
    case_id: int,
    label: str,
    professionals: tuple[tuple[int, str], ...],
    done: Callable[[Any], None],
) -> None:
    store, me, dayfirst = host.store, host.me, host.config.dayfirst
    host.push_screen(
        FormScreen(
            "Record consent",
            consent_fields(professionals),
            {"given_by": "client", "how": "written", "given_on": "today"},
            lambda form: store.consent.add(me, case_id, form, dayfirst=dayfirst),
            subtitle=label,
            draft_key=f"consent:{case_id}",
        ),
        done,
    )


def edit_consent(
    host: CaselineHost,
    consent: ConsentInfo,
    label: str,
    professionals: tuple[tuple[int, str], ...],
    done: Callable[[Any], None],
) -> None:
    store, me, dayfirst = host.store, host.me, host.config.dayfirst
    host.push_screen(
        FormScreen(
            "Change consent",
            consent_fields(professionals),
            consent_values(consent),
            lambda form, version: store.consent.update(
                me, consent.id, form, version=version, dayfirst=dayfirst
            ),
            subtitle=f"consent {consent.id} · {label}",
            draft_key=f"consent_edit:{consent.id}",
            version=consent.version,
        ),
        done,
    )


def withdraw_consent(
    host: CaselineHost, consent: ConsentInfo, label: str, done: Callable[[Any], None]
) -> None:
    store, me, dayfirst = host.store, host.me, host.config.dayfirst
    host.push_screen(
        FormScreen(
            "Consent withdrawn",
            WITHDRAW_FIELDS,
            {"withdrawn_on": "today"},
            lambda form, version: store.consent.withdraw(
                me, consent.id, form, version=version, dayfirst=dayfirst
            ),
            subtitle=f"consent {consent.id} to share with {consent.recipient} · {label}",
            draft_key=f"consent_withdraw:{consent.id}",
            version=consent.version,
        ),
        done,
    )


def _lawful_reason(form: dict[str, str]) -> str:
    from store.common.textsafe import clean_field

    reason = clean_field(form.get("reason", ""))
    if not reason:
        raise InvalidInput({"reason": "Give the lawful reason, or press escape not to share."})
    if len(reason) > REASON_MAX:
        raise InvalidInput({"reason": f"The reason is too long (at most {REASON_MAX} characters)."})
    return reason


def ask_lawful_reason(app: App[Any], recipient: str, done: Callable[[str | None], object]) -> None:
    """No consent in force covers sharing with ``recipient``: say so and ask for the lawful
    reason to share without it (e.g. safeguarding, a court order). ``done`` gets the reason,
    or None if the worker chose not to share."""
    note = (
        f"No consent in force covers sharing with {recipient}. To share without consent, "
        "give the lawful reason; escape does not share."
    )
    field = Field("reason", "Lawful reason", "e.g. safeguarding, a court order", note=note)

    def answered(result: object) -> None:
        done(result if isinstance(result, str) else None)

    app.push_screen(
        FormScreen("Share without consent?", [field], {}, _lawful_reason, subtitle=recipient),
        answered,
    )
