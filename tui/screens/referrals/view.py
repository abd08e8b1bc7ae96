"""One referral read in full: to whom, why, what was shared and under what, where it stands
(how long it has waited, since the last answer, marked for escalation), then its status history,
every chase, and what it said before each correction. ``e`` corrects its details, ``s``
changes its status and ``c`` records a chase, for those who may."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from store.common import dates
from store.referrals.records import ReferralDetail, ReferralVersionInfo
from tui.screens.base import CaselineScreen
from tui.screens.referrals import forms
from tui.text import assemble
from tui.widgets.footer import CaselineFooter
from tui.widgets.held_input import HoldsInput


def _days(n: int | None, what: str) -> str:
    if n is None:
        return ""
    return f"{n} day{'s' if n != 1 else ''} {what}"


def facts(r: ReferralDetail) -> list[Content]:
    """The referral's particulars, a line each: a label, then what it says."""
    s = r.summary

    def row(label: str, value: str, style: str = "") -> Content:
        return assemble((f"{label:<12}", "dim"), (value, style))

    lines = [
        row("To", s.agency, "bold"),
        row("Contact", r.agency_contact or "not recorded"),
        row("Referred", f"{dates.format_date(s.referred_on)} by {r.created_by} · {s.urgency}"),
        row("Reason", r.reason),
        row("Shared", r.shared),
    ]
    if s.sent_on is not None:
        under = r.consent_text if r.consent_id else f"without consent: {r.lawful_reason}"
        lines.append(row("Under", under))
    status = f"{s.status} since {dates.format_date(s.status_on)}"
    lines.append(row("Status", status, "bold"))
    waiting = [
        _days(s.days_waited, "since sent") if s.days_waited is not None else "",
        _days(s.days_since_response, "since their last answer"),
    ]
    if any(waiting):
        lines.append(row("Waited", " · ".join(w for w in waiting if w)))
    if s.appointment_at is not None:
        when = dates.format_datetime(dates.to_local(s.appointment_at))
        going = f" · with {r.accompanied_by}" if r.accompanied_by else ""
        lines.append(row("Appointment", when + going))
    if s.next_chase_on is not None:
        lines.append(row("Chase next", dates.format_date(s.next_chase_on)))
    if r.outcome:
        lines.append(row("Outcome", r.outcome))
    if s.escalate:
        lines.append(
            assemble(
                (" ESCALATE ", "bold reverse"),
                f" chased {s.unanswered_chases} times with no answer"
                f" (the limit is {r.chase_limit})",
            )
        )
    return lines


def history_lines(r: ReferralDetail) -> list[Content]:
    return [
        assemble(
            (f"{dates.format_date(h.changed_on)}  ", "dim"),
            (f"{h.status:<19}", "bold"),
            h.note,
            (f"  {h.by}" if h.by else "", "dim"),
        )
        for h in r.history
    ]


def chase_lines(r: ReferralDetail) -> list[Content]:
    if not r.chases:
        return [assemble(("Not chased yet.", "dim"))]
    lines = []
    for c in r.chases:
        answered = ("answered", "bold") if c.responded else ("no answer", "dim")
        lines.append(
            assemble(
                (f"{dates.format_date(c.chased_on)}  ", "dim"),
                (f"{c.method:<10}", ""),
                f"{c.contacted} · ",
                answered,
            )
        )
        if c.said:
            lines.append(assemble("             ", ("“", "dim"), c.said, ("”", "dim")))
    return lines


def said(version: ReferralVersionInfo | ReferralDetail) -> dict[str, str]:
    """What a version of a referral said, by the facts' labels."""
    if isinstance(version, ReferralDetail):
        r, s = version, version.summary
        parts = (s.agency, r.agency_contact, s.referred_on, r.reason, s.urgency, r.shared)
    else:
        v = version
        parts = (v.agency, v.agency_contact, v.referred_on, v.reason, v.urgency, v.shared)
    labels = ("To", "Contact", "Referred", "Reason", "Urgency", "Shared")
    return {
        label: dates.format_date(value) if isinstance(value, date) else str(value)
        for label, value in zip(labels, parts, strict=True)
    }


def earlier_lines(r: ReferralDetail) -> list[Content]:
    """Each earlier version, oldest first: who replaced it, when and why, then what it said
    where the next version says otherwise."""
    lines: list[Content] = []
    after: list[ReferralVersionInfo | ReferralDetail] = [*r.earlier[1:], r]
    for version, then in zip(r.earlier, after, strict=False):  # (none: no lines)
        when = dates.format_datetime(dates.to_local(version.replaced_at))
        lines.append(
            assemble(
                (f"{when}  ", "dim"),
                (f"changed by {version.replaced_by or 'someone'}", "bold"),
                f": {version.why}" if version.why else " (a draft)",
            )
        )
        before, next_one = said(version), said(then)
        lines += [
            assemble((f"  {label:<10}", "dim"), ("was ", "dim"), value)
            for label, value in before.items()
            if value != next_one[label]
        ]
    return lines


class ReferralScreen(HoldsInput, CaselineScreen[None]):
    """A referral read in full, with its history and chases."""

    DEFAULT_CSS = """
    ReferralScreen #referral-scroll { padding: 0 1; }
    ReferralScreen .heading { margin-top: 1; text-style: bold; color: $text-primary; }
    ReferralScreen #referral-facts { margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the case file", id="referral.back"),
        Binding(
            "e",
            "edit",
            "Edit",
            tooltip="Correct its details (the earlier version is kept)",
            id="referral.edit",
        ),
        Binding(
            "s",
            "status",
            "Status",
            tooltip="Change the referral's status (dated, with a note)",
            id="referral.status",
        ),
        Binding(
            "c", "chase", "Chase", tooltip="Record chasing it for an answer", id="referral.chase"
        ),
    ]

    def __init__(self, referral_id: int, case_label: str) -> None:
        super().__init__()
        self.referral_id = referral_id
        self.case_label = case_label
        self.referral: ReferralDetail | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static("Referral", id="referral-title", classes="title")
        with VerticalScroll(id="referral-scroll"):
            yield Static("Loading…", id="referral-facts")
            yield Static("Status history", classes="heading")
            yield Static(id="referral-history")
            yield Static("Chases", classes="heading")
            yield Static(id="referral-chases")
            yield Static("Earlier versions", classes="heading", id="referral-earlier-heading")
            yield Static(id="referral-earlier")
        yield CaselineFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        r = self.referral
        if action == "edit":
            return r is not None and not r.read_only
        if action == "status":
            return r is not None and not r.read_only and bool(r.next_statuses)
        if action == "chase":
            return (
                r is not None
                and not r.read_only
                and r.summary.is_open
                and r.summary.status != "drafted"
            )
        return True

    def on_mount(self) -> None:
        self._load(opening=True)

    def on_screen_resume(self) -> None:
        if self.referral is not None:
            self._load()

    def _load(self, *, opening: bool = False) -> None:
        app, referral_id = self.caseline, self.referral_id
        self.read_then_let_through(
            lambda: app.store.referrals.get(app.me, referral_id, opening=opening),
            done=self._show,
            failed=self._refused,
            name="referral",
        )

    def _refused(self, error: Exception) -> None:
        self.app.notify(str(error), markup=False, timeout=8)
        self.dismiss(None)

    def _show(self, referral: ReferralDetail) -> None:
        self.referral = referral
        self.query_one("#referral-title", Static).update(
            assemble(("Referral", "bold"), " · ", self.case_label)
        )
        self.query_one("#referral-facts", Static).update(Content("\n").join(facts(referral)))
        history = self.query_one("#referral-history", Static)
        history.update(Content("\n").join(history_lines(referral)))
        chases = self.query_one("#referral-chases", Static)
        chases.update(Content("\n").join(chase_lines(referral)))
        earlier = self.query_one("#referral-earlier", Static)
        earlier.update(Content("\n").join(earlier_lines(referral)))
        earlier.display = bool(referral.earlier)
        self.query_one("#referral-earlier-heading").display = bool(referral.earlier)
        self.refresh_bindings()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        if self.referral is not None:
            forms.edit(self.app, self.referral, then=self._show)

    async def action_status(self) -> None:
        if self.referral is not None:
            await forms.change_status(self.app, self.referral, then=self._show)

    def action_chase(self) -> None:
        if self.referral is not None:
            forms.chase(self.app, self.referral, then=self._show)
