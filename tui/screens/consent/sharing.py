"""Before information goes to another agency (an export made for one, a referral): a consent
in force that covers the recipient, or else the warning and the lawful reason to share without
consent. What is decided goes into the case's sharing log with what was sent."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui.screens.consent.forms import ask_lawful_reason
from tui.workers import run_store

if TYPE_CHECKING:
    from textual.screen import Screen

    from store.consent.records import ConsentInfo
    from tui.host import CaselineHost


@dataclass(frozen=True)
class Sharing:
    """To whom, and under which consent or lawful reason (exactly one)."""

    recipient: str
    consent_id: int | None
    lawful_reason: str
    under: str  # in words: "consent 3 (Northside Housing)", "without consent: safeguarding"


def decide_sharing(
    screen: Screen[Any],
    case_id: int,
    recipient: str,
    proceed: Callable[[Sharing | None], object],
) -> None:
    """Look for a consent of the case in force that covers ``recipient``; with none, warn and
    ask the lawful reason to share without it. ``proceed`` gets what was decided, or None if
    the worker chose not to share."""
    host: CaselineHost = screen.app  # type: ignore[assignment]
    store, me = host.store, host.me

    def found(covering: list[ConsentInfo]) -> None:
        if covering:
            c = covering[0]
            proceed(Sharing(recipient, c.id, "", f"consent {c.id} ({c.recipient})"))
            return

        def answered(reason: str | None) -> None:
            if reason is None:
                proceed(None)
            else:
                proceed(Sharing(recipient, None, reason, f"without consent: {reason}"))

        ask_lawful_reason(screen.app, recipient, answered)

    run_store(
        screen,
        lambda: store.consent.covering(me, case_id, recipient),
        done=found,
        name="consent-covering",
    )
