"""Before referring to a directory service: its eligibility read first (who it is for, an age
range, an area, fees, when it is open), and the worker says whether to go on."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.app import App

from tui.workers import run_store

if TYPE_CHECKING:
    from store.resources.records import ServiceDetail, ServiceSummary
    from tui.host import CaselineHost


def eligibility_text(service: ServiceDetail) -> str:
    """What a worker reads before referring: who the service is for, where, and what it costs."""
    lines = [f"Eligibility: {service.eligibility or 'none stated'}"]
    facts = [
        f"ages {service.ages}" if service.ages else "",
        f"area: {service.area}" if service.area else "",
        f"fees: {service.fees}" if service.fees else "",
    ]
    if any(facts):
        lines.append(" · ".join(f for f in facts if f))
    if service.opening_hours:
        lines.append(f"Open: {service.opening_hours}")
    return "\n".join(lines)


def choose_service(app: App[Any], done: Callable[[ServiceDetail], None]) -> None:
    """Choose a service with the directory's picker, read its eligibility, and (``y``) go on
    with it; ``escape`` at either step refers to none."""
    from tui.screens.directory import pick_service

    host: CaselineHost = app  # type: ignore[assignment]

    def picked(summary: ServiceSummary | None) -> None:
        if summary is not None:
            run_store(
                app,
                lambda: host.store.resources.get(host.me, summary.id),
                done=confirm,
                name="referral-service",
                exclusive=False,
            )

    def confirm(service: ServiceDetail) -> None:
        from tui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                done(service)

        app.push_screen(
            ConfirmScreen(
                f"Refer to {service.service_name}, {service.organisation_name}?",
                eligibility_text(service),
                yes="Refer",
                no="Not this one",
            ),
            answer,
        )

    pick_service(app, picked)
