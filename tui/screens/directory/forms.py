"""The form of a directory service: added by hand (``a``) or corrected (``e``), each saved
against the version it was opened on, drafts kept as typed."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from store.resources.records import ServiceDetail
from tui.screens.base import CaselineScreen
from tui.screens.form import Field, FormScreen

FIELDS = [
    Field("organisation", "Organisation", "who offers it (required)"),
    Field("name", "Service", "its name (required)"),
    Field("eligibility", "Eligibility", multiline=True),
    Field("min_age", "Lowest age", "years, or blank"),
    Field("max_age", "Highest age", "years, or blank"),
    Field("area", "Area", "where it is offered"),
    Field("description", "Description", multiline=True),
    Field("address", "Address"),
    Field("phone", "Phone", "0161 496 0000"),
    Field("email", "E-mail", "name@example.org"),
    Field("website", "Website", "https://example.org"),
    Field("opening_hours", "Opening hours", "Mon-Fri 09:00-17:00"),
    Field("fees", "Fees", "Free"),
    Field("languages", "Languages", "English, Polish"),
    Field("categories", "Categories", "Food, Housing"),
]


def add_service(screen: CaselineScreen[Any], done: Callable[[ServiceDetail | None], None]) -> None:
    """The form for a new service; ``done`` gets it once saved (None if abandoned)."""
    store, me = screen.caseline.store, screen.caseline.me

    def save(values: dict[str, str]) -> ServiceDetail:
        return store.resources.add(me, values)

    form = FormScreen("Add to the directory", FIELDS, {}, save, draft_key="directory_service_new")
    screen.app.push_screen(form, done)


def edit_service(
    screen: CaselineScreen[Any],
    service: ServiceDetail,
    done: Callable[[ServiceDetail | None], None],
) -> None:
    """The form correcting ``service``, saved against its version."""
    store, me = screen.caseline.store, screen.caseline.me

    def save(values: dict[str, str], version: int) -> ServiceDetail:
        return store.resources.update(me, service.id, values, version=version)

    form = FormScreen(
        "Directory entry",
        FIELDS,
        service.form(),
        save,
        subtitle=service.service_name,
        draft_key=f"directory_service:{service.id}",
        version=service.version,
    )
    screen.app.push_screen(form, done)
