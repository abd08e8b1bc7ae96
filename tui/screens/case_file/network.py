"""The people around a case, edited from its overview: the client's details, the support
network (family, friends, carers) and the professionals involved from other agencies.

Each form is a ``FormScreen`` whose save calls the store; ``done`` says what was saved, and the
case file reloads when it is shown again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from store.common import dates
from tui.screens.form import Field, FormScreen
from tui.widgets.date_field import BIRTH, PAST

if TYPE_CHECKING:
    from store.case_file.records import ClientInfo, ContactInfo, ProfessionalInfo
    from tui.host import CaselineHost

Done = Callable[[object], None]

CLIENT_FIELDS = [
    Field("name", "Name", "full name (required)"),
    Field("date_of_birth", "Date of birth", "e.g. 3/4/1990", date=BIRTH),
    Field("address", "Address"),
    Field("phone", "Phone", "e.g. 07700 900123"),
    Field("language", "Language", "e.g. Polish (interpreter needed)"),
    Field("identifiers", "Identifiers", "e.g. NHS 943 476 5919"),
]
CONTACT_FIELDS = [
    Field("name", "Name", "required"),
    Field("relationship", "Relationship", "e.g. mother, neighbour, carer"),
    Field("phone", "Phone"),
    Field("address", "Address"),
    Field("notes", "Notes", multiline=True),
]
PROFESSIONAL_FIELDS = [
    Field("name", "Name", "required"),
    Field("agency", "Agency", "e.g. Hillside Medical Practice"),
    Field("role", "Role", "e.g. GP, health visitor, class teacher"),
    Field("phone", "Phone"),
    Field("email", "Email"),
    Field("started_on", "Involved from", "e.g. 3/4/2026", date=PAST),
    Field("ended_on", "Involved until", "blank if still involved", date=PAST),
]


def edit_client(app: CaselineHost, client: ClientInfo, done: Done) -> None:
    store, me, dayfirst = app.store, app.me, app.config.dayfirst
    values = {
        "name": client.name,
        "address": client.address,
        "phone": client.phone,
        "language": client.language,
        "identifiers": client.identifiers,
        "date_of_birth": dates.format_date(client.date_of_birth),
    }

    def save(form: dict[str, str], version: int) -> ClientInfo:
        return store.case_file.update_client(
            me, client.id, form, version=version, dayfirst=dayfirst
        )

    app.push_screen(
        FormScreen(
            "Client details",
            CLIENT_FIELDS,
            values,
            save,
            subtitle=client.name,
            draft_key=f"client:{client.id}",
            version=client.version,
        ),
        done,
    )


def add_contact(app: CaselineHost, client_id: int, label: str, done: Done) -> None:
    store, me = app.store, app.me
    app.push_screen(
        FormScreen(
            "Support network",
            CONTACT_FIELDS,
            {},
            lambda form: store.case_file.add_contact(me, client_id, form),
            subtitle=label,
            draft_key=f"contact_new:{client_id}",
        ),
        done,
    )


def edit_contact(app: CaselineHost, contact: ContactInfo, label: str, done: Done) -> None:
    store, me = app.store, app.me
    values = {f.name: str(getattr(contact, f.name)) for f in CONTACT_FIELDS}
    app.push_screen(
        FormScreen(
            "Support network",
            CONTACT_FIELDS,
            values,
            lambda form, version: store.case_file.update_contact(
                me, contact.id, form, version=version
            ),
            remove=lambda version: store.case_file.remove_contact(me, contact.id, version=version),
            subtitle=label,
            version=contact.version,
        ),
        done,
    )


def add_professional(app: CaselineHost, case_id: int, label: str, done: Done) -> None:
    store, me, dayfirst = app.store, app.me, app.config.dayfirst
    app.push_screen(
        FormScreen(
            "Professionals involved",
            PROFESSIONAL_FIELDS,
            {},
            lambda form: store.case_file.add_professional(me, case_id, form, dayfirst=dayfirst),
            subtitle=label,
            draft_key=f"professional_new:{case_id}",
        ),
        done,
    )


def edit_professional(app: CaselineHost, pro: ProfessionalInfo, label: str, done: Done) -> None:
    store, me, dayfirst = app.store, app.me, app.config.dayfirst
    values = {f.name: str(getattr(pro, f.name) or "") for f in PROFESSIONAL_FIELDS}
    for key in ("started_on", "ended_on"):
        value = getattr(pro, key)
        values[key] = dates.format_date(value) if value else ""
    app.push_screen(
        FormScreen(
            "Professionals involved",
            PROFESSIONAL_FIELDS,
            values,
            lambda form, version: store.case_file.update_professional(
                me, pro.id, form, version=version, dayfirst=dayfirst
            ),
            remove=lambda version: store.case_file.remove_professional(me, pro.id, version=version),
            subtitle=label,
            version=pro.version,
        ),
        done,
    )
