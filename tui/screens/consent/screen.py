"""Consent and sharing (``I`` in the case file): the case's consents, each with how it stands
today (expiring and expired marked), and beneath them the information-sharing log.

``a`` records a consent, ``e`` changes the highlighted one, ``w`` records its withdrawal,
``enter`` opens it with its history. A worker who may only read the case has none of the
writing keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store.common import dates
from store.consent.records import ConsentStatus
from tui.screens.base import CaselineScreen
from tui.text import assemble
from tui.widgets.footer import CaselineFooter
from tui.widgets.held_input import HoldsInput
from tui.widgets.lists import InOrderOptionList, refill

if TYPE_CHECKING:
    from store.consent.records import ConsentInfo, ConsentView, SharingInfo

# How each status is marked in the list.
MARKS: dict[ConsentStatus, tuple[str, str]] = {
    ConsentStatus.CURRENT: ("current", ""),
    ConsentStatus.EXPIRING: ("expiring", "bold"),
    ConsentStatus.EXPIRED: ("EXPIRED", "bold reverse"),
    ConsentStatus.WITHDRAWN: ("withdrawn", "dim"),
    ConsentStatus.NOT_YET: ("from later", "dim"),
}
WRITING = ("add", "edit", "withdraw")


def consent_line(c: ConsentInfo) -> Any:
    """One consent in the list: its status, the day that status runs to (withdrawn on, the
    review or expiry date), with whom and what."""
    mark, style = MARKS[c.status]
    day = c.withdrawn_on if c.withdrawn_on is not None else c.expires_on
    return assemble(
        (f"{mark:<10}", style),
        (f"{dates.format_date(day) or 'no end':<12}", "dim" if day is None else ""),
        (c.recipient, "bold"),
        (f" ({c.professional_name})" if c.professional_name else "", "dim"),
        f": {c.share_what}",
    )


def sharing_line(e: SharingInfo) -> Any:
    """One line of the sharing log: when, with whom, what, under what, by whom."""
    when = dates.format_date(dates.to_local(e.shared_at).date())
    under = f"consent {e.consent_id}" if e.consent_id is not None else "without consent"
    return assemble(
        (when, "bold"),
        " ",
        e.recipient,
        f": {e.what}",
        (f" · {under}", "" if e.consent_id is not None else "bold"),
        (f" ({e.lawful_reason})" if e.lawful_reason else "", ""),
        (f" · {e.worker_name} · {e.source}", "dim"),
    )


class ConsentScreen(HoldsInput, CaselineScreen[None]):
    """A case's consents and its information-sharing log."""

    DEFAULT_CSS = """
    ConsentScreen .heading { text-style: bold; color: $text-primary; padding: 1 1 0 1; }
    ConsentScreen OptionList { height: auto; max-height: 50%; border: none; padding: 0 1; }
    ConsentScreen #sharing { max-height: 1fr; }
    ConsentScreen #consent-note { color: $text-muted; padding: 0 1; height: auto; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the case file", id="consent.back"),
        Binding("a", "add", "Add", tooltip="Record a consent to share", id="consent.add"),
        Binding("e", "edit", "Edit", tooltip="Change the highlighted consent", id="consent.edit"),
        Binding(
            "w",
            "withdraw",
            "Withdraw",
            tooltip="Record that the highlighted consent was withdrawn: the day and why",
            id="consent.withdraw",
        ),
        Binding("ctrl+r,f5", "reload", "Refresh", show=False, id="consent.reload"),
    ]

    def __init__(self, case_id: int, label: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.label = label
        self.view: ConsentView | None = None
        self._consents: dict[int, ConsentInfo] = {}
        self._select: int | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static("Consent and sharing", classes="title")
            yield Static(assemble(self.label), classes="who")
        yield Static(
            "Consents  (the date: review or expiry; enter opens one with its history)",
            classes="heading",
        )
        # `I enter` in one burst: the enter waits for the consents (``FilledLater``).
        yield InOrderOptionList(id="consents", chosen=self._open, filled_later=True)
        yield Static("", id="consent-note")
        yield Static("Information shared", classes="heading")
        yield OptionList(id="sharing")
        yield CaselineFooter()

    def on_mount(self) -> None:
        self.query_one("#consents").focus()
        self.action_reload()

    def on_screen_resume(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        store, me, case_id = self.caseline.store, self.caseline.me, self.case_id
        self.read_then_let_through(
            lambda: store.consent.view(me, case_id), done=self._show, name="consent"
        )

    def _show(self, view: ConsentView) -> None:
        self.view = view
        self._consents = {c.id: c for c in view.consents}
        rows = [Option(consent_line(c), id=f"consent-{c.id}") for c in view.consents]
        chosen, self._select = self._select, None
        refill(
            self.query_one("#consents", OptionList),
            rows or [Option("No consent recorded for this case.", disabled=True)],
            select=f"consent-{chosen}" if chosen is not None else None,
        )
        refill(
            self.query_one("#sharing", OptionList),
            [Option(sharing_line(e), id=f"shared-{e.id}") for e in view.sharing]
            or [Option("Nothing shared with another agency.", disabled=True)],
        )
        note = ""
        if view.read_only:
            note = f"Read only: {view.read_only}"
        elif view.closed:
            note = "The case is closed: reopen it to record consent."
        self.query_one("#consent-note", Static).update(assemble(note))
        self.query_one("#consent-note", Static).display = bool(note)
        self.refresh_bindings()
        self.query_one("#consents", InOrderOptionList).filled()

    # -- which keys apply -----------------------------------------------------------------

    def _writable(self) -> bool:
        return self.view is not None and not self.view.read_only and not self.view.closed

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in WRITING:
            if not self._writable():
                return False
            if action == "add":
                return True
            consent = self._highlighted()
            return consent is not None and consent.withdrawn_on is None
        return True

    def _highlighted(self) -> ConsentInfo | None:
        if not self.query("#consents"):
            return None
        option = self.query_one("#consents", OptionList).highlighted_option
        raw = (option.id or "").removeprefix("consent-") if option is not None else ""
        return self._consents.get(int(raw)) if raw.isdigit() else None

    @on(OptionList.OptionHighlighted)
    def _highlight_changed(self) -> None:
        self.refresh_bindings()

    # -- actions ---------------------------------------------------------------------------

    def _saved(self, result: object) -> None:
        consent_id = getattr(result, "id", None)
        if isinstance(consent_id, int):
            self._select = consent_id
            self.action_reload()

    def action_add(self) -> None:
        if self.view is not None and self._writable():
            from tui.screens.consent.forms import add_consent

            add_consent(
                self.caseline, self.case_id, self.label, self.view.professionals, self._saved
            )

    def action_edit(self) -> None:
        consent = self._highlighted()
        if self.view is not None and consent is not None and self._writable():
            from tui.screens.consent.forms import edit_consent

            edit_consent(self.caseline, consent, self.label, self.view.professionals, self._saved)

    def action_withdraw(self) -> None:
        consent = self._highlighted()
        if consent is not None and consent.withdrawn_on is None and self._writable():
            from tui.screens.consent.forms import withdraw_consent

            def done(result: object) -> None:
                if result is not None:
                    self.notify(
                        f"Consent {consent.id} recorded as withdrawn; it stays in the list.",
                        markup=False,
                    )
                self._saved(result)

            withdraw_consent(self.caseline, consent, self.label, done)

    def _open(self, option: Option) -> None:
        """enter or a click on a consent (in its own turn): the consent, read."""
        raw = (option.id or "").removeprefix("consent-")
        if raw.isdigit():
            from tui.screens.consent.detail import ConsentDetailScreen

            self.app.push_screen(ConsentDetailScreen(int(raw), self.label))

    def action_back(self) -> None:
        self.dismiss(None)
