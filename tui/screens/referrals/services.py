"""Before referring to a directory service: its eligibility read first (who it is for, an age
range, an area, fees, when it is open), and the worker says whether to go on."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.screen import Screen

from tui.screens.base import give_way
from tui.workers import read_in_turn

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


def choose_service(
    app: App[Any], done: Callable[[ServiceDetail, Screen[Any]], Awaitable[None]]
) -> None:
    """Choose a service with the directory's picker, read its eligibility, and (``y``) go on
    with it: ``done(service, confirmation)`` opens what comes next in place of the question,
    in the turn of its `y`. Each step reads in the turn of the key that asked for it, so the
    keys typed straight after `enter` or `y` wait for what they open. ``escape`` at either
    step refers to none."""
    from tui.screens.confirm import ConfirmScreen
    from tui.screens.directory import pick_service

    host: CaselineHost = app  # type: ignore[assignment]

    async def picked(summary: ServiceSummary, directory: Screen[Any]) -> None:
        service = await read_in_turn(
            app, lambda: host.store.resources.get(host.me, summary.id), name="referral-service"
        )
        if service is None or not give_way(directory):
            return

        async def refer(confirmation: Screen[Any]) -> None:
            await done(service, confirmation)

        app.push_screen(
            ConfirmScreen(
                f"Refer to {service.service_name}, {service.organisation_name}?",
                eligibility_text(service),
                yes="Refer",
                no="Not this one",
                opens=refer,
            )
        )

    pick_service(app, picked)
