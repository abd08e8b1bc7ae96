"""Restricted cases in the case file: the question asked before opening one you were named
for (the answer goes to the audit trail), and the form that restricts a case to named workers
(``L``), for whoever may transfer or close it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from store.cases.restriction import Restriction
from tui.screens.base import CaselineScreen
from tui.screens.form import Field, FormScreen
from tui.workers import read_in_turn

if TYPE_CHECKING:
    from tui.host import CaselineHost

REASON_TITLE = "Why are you opening this case?"


def reason_screen(why_asked: str, load: Callable[[str], object]) -> FormScreen:
    """Ask the reason for opening a restricted case; saving opens it (``load`` with the reason,
    in the form's thread), and the form closes with the case file read."""
    return FormScreen(
        REASON_TITLE,
        [Field("reason", "Reason", "e.g. duty call from the school about attendance")],
        {},
        lambda form: load(form.get("reason", "")),
        subtitle=why_asked,
    )


def restriction_screen(app: CaselineHost, shown: Restriction) -> FormScreen:
    """Restrict the case to its worker and the workers named, saying why; or lift it."""
    store, me = app.store, app.me
    holder = f"{shown.holder} holds it and always opens it" if shown.holder else "nobody holds it"
    return FormScreen(
        "Restricted case",
        [
            Field("restricted", "Restricted", choices=(("Yes", "yes"), ("No", "no"))),
            Field("named", "Also open to", "logins, e.g. priya.nair sam.okafor"),
            Field("reason", "Why", "e.g. a colleague's relative (required when restricted)"),
        ],
        {
            "restricted": "yes" if shown.restricted else "no",
            "named": " ".join(login for login, _ in shown.named),
            "reason": shown.reason,
        },
        lambda form: store.cases.restrict(me, shown.case_id, form, version=shown.version),
        subtitle=f"{shown.ref} · {holder}",
    )


async def offer_restriction(
    screen: CaselineScreen[Any], case_id: int, done: Callable[[object], None]
) -> None:
    """Read the case's restriction, then offer the form to change it (``done`` when closed),
    in the key's turn: what is typed after `L` goes into the form."""
    app = screen.caseline
    store, me = app.store, app.me
    shown = await read_in_turn(
        screen.app, lambda: store.cases.restriction(me, case_id), name="restrict"
    )
    if shown is not None:
        screen.app.push_screen(restriction_screen(app, shown), done)
