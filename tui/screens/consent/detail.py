"""One consent in full, with every change made to it (enter on the consent screen)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from store.common import dates
from tui.screens.base import CaselineScreen
from tui.text import assemble
from tui.widgets.footer import CaselineFooter
from tui.widgets.held_input import HoldsInput

if TYPE_CHECKING:
    from store.consent.records import ConsentChange, ConsentInfo

FIELD_NAMES = {
    "share_what": "share what",
    "recipient": "with whom",
    "professional_id": "professional",
    "given_by": "given by",
    "given_on": "given on",
    "expires_on": "review or expiry",
    "withdrawn_on": "withdrawn on",
    "withdrawn_reason": "why withdrawn",
}


class ConsentDetailScreen(HoldsInput, CaselineScreen[None]):
    """A consent as it stands today, and its history, newest change first."""

    DEFAULT_CSS = """
    ConsentDetailScreen #consent-body { padding: 1 1; }
    ConsentDetailScreen .heading { text-style: bold; color: $text-primary; margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the consents", id="consent_view.back"),
    ]

    def __init__(self, consent_id: int, label: str) -> None:
        super().__init__()
        self.consent_id = consent_id
        self.label = label

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static(f"Consent {self.consent_id}", classes="title")
            yield Static(assemble(self.label), classes="who")
        with VerticalScroll(id="consent-body"):
            yield Static("Loading…", id="consent-facts")
            yield Static("History", classes="heading", id="history-heading")
        yield CaselineFooter()

    def on_mount(self) -> None:
        store, me, consent_id = self.caseline.store, self.caseline.me, self.consent_id

        def read() -> tuple[ConsentInfo, list[ConsentChange]]:
            return store.consent.get(me, consent_id), store.consent.history(me, consent_id)

        self.read_then_let_through(read, done=self._show, name="consent-view")
        self.query_one("#consent-body").focus()

    def _show(self, found: tuple[ConsentInfo, list[ConsentChange]]) -> None:
        c, history = found
        facts: list[tuple[str, str]] = [
            ("Status", c.status.value),
            ("Share what", c.share_what),
            ("With whom", c.recipient),
            ("Professional", c.professional_name or "none linked"),
            ("Purpose", c.purpose or "not given"),
            ("Given by", f"{c.given_by}, {c.how}"),
            ("Given on", dates.format_date(c.given_on)),
            ("Review/expiry", dates.format_date(c.expires_on) or "none"),
        ]
        if c.withdrawn_on is not None:
            facts += [
                ("Withdrawn on", dates.format_date(c.withdrawn_on)),
                ("Why", c.withdrawn_reason),
            ]
        facts.append(("Recorded by", c.recorded_by or "unknown"))
        self.query_one("#consent-facts", Static).remove()
        body = self.query_one("#consent-body", VerticalScroll)
        heading = self.query_one("#history-heading", Static)
        body.mount_all(
            [Static(assemble((f"{label:<14}", "bold"), value)) for label, value in facts],
            before=heading,
        )
        lines = [
            Static(
                assemble(
                    (dates.format_datetime(dates.to_local(h.changed_at)), "bold"),
                    f" {h.changed_by}: {FIELD_NAMES.get(h.field, h.field)} ",
                    (h.old or "(blank)", "dim"),
                    " → ",
                    h.new or "(blank)",
                )
            )
            for h in history
        ]
        body.mount_all(lines or [Static("No changes since it was recorded.")])

    def action_back(self) -> None:
        self.dismiss(None)
