"""The referrals tab of the case file: the referrals made out of the case (to whom, where each
stands, how long it has waited, how often it was chased, those to escalate marked), and the
referrals that brought the case in. Enter opens the highlighted one; the tab holds its keys."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store.common import dates
from store.common.words import plural
from tui.screens.case_file.tabs import CasePane
from tui.screens.referrals import forms
from tui.text import assemble
from tui.widgets.lists import InOrderOptionList, refill
from tui.workers import read_in_turn, run_store

if TYPE_CHECKING:
    from textual.content import Content

    from store.referrals.records import (
        CaseReferrals,
        IncomingInfo,
        ReferralDetail,
        ReferralSummary,
    )

NONE_OUT = "No referrals out of this case. Press a to make one."
NONE_IN = "No referral in recorded. Press i to record how the case came in."


def waited_text(r: ReferralSummary) -> str:
    """ "sent 02 Nov · waited 21d · chased 3", as far as it applies."""
    parts = []
    if r.status == "appointment booked" and r.appointment_at is not None:
        parts.append(f"on {dates.format_datetime(dates.to_local(r.appointment_at))}")
    elif r.is_open and r.days_waited is not None:
        parts.append(f"waited {r.days_waited}d")
    elif r.status == "drafted":
        parts.append(f"drafted {dates.format_date(r.referred_on)}")
    else:
        parts.append(dates.format_date(r.status_on))
    if r.chases:
        parts.append(f"chased {r.chases}")
    if r.chase_due and not r.escalate:
        parts.append("chase due")
    return " · ".join(parts)


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def referral_line(r: ReferralSummary) -> Content:
    # Urgent ones say so (but the escalation, when there is one, takes the room).
    urgent = " urgent" if r.urgency == "urgent" and not r.escalate else ""
    flag: tuple[str, str] = (" ESCALATE", "bold reverse") if r.escalate else ("", "")
    return assemble(
        (f"{_cut(r.agency, 22):<22}", "bold" if r.is_open else "dim"),
        " ",
        (f"{r.status:<18}", "" if r.is_open else "dim"),
        " ",
        (waited_text(r), "dim"),
        (urgent, "bold"),
        " " if r.escalate else "",
        flag,
    )


def incoming_line(i: IncomingInfo) -> Content:
    who = " · ".join(p for p in (i.source, i.referrer) if p)
    decided = f"{i.decision} {dates.format_date(i.decided_on)}" if i.decision else "not decided yet"
    return assemble(
        (dates.format_date(i.received_on), "dim"),
        "  ",
        (f"{_cut(who, 36):<36}", ""),
        " ",
        (decided, "dim" if i.decision else "bold"),
    )


class ReferralsPane(CasePane):
    """The case's referrals out and in (tab 7)."""

    DEFAULT_CSS = """
    ReferralsPane #referrals-summary { height: auto; padding: 0 1; color: $text-muted; }
    ReferralsPane #referrals-summary.-escalate { color: $text-error; text-style: bold; }
    ReferralsPane #referrals-list { height: 1fr; border: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "a",
            "new_referral",
            "Refer",
            tooltip="Refer the client to a directory service or an agency",
            id="referrals.new",
        ),
        Binding(
            "s",
            "status",
            "Status",
            tooltip="Change the highlighted referral's status (dated, with a note)",
            id="referrals.status",
        ),
        Binding(
            "c",
            "chase",
            "Chase",
            tooltip="Record chasing the highlighted referral for an answer",
            id="referrals.chase",
        ),
        Binding(
            "i",
            "incoming",
            "Referral in",
            tooltip="Record a referral that brought the case in",
            id="referrals.incoming",
        ),
    ]

    def __init__(self, case_id: int, case_label: str, *, id: str | None = None) -> None:
        super().__init__(case_id, case_label, id=id)
        self.referrals: CaseReferrals | None = None
        self._select: str | None = None  # a record just added, highlighted when next shown
        self._found: str | None = None  # one a search found, said if no longer there

    def compose(self) -> ComposeResult:
        yield Static("Loading…", id="referrals-summary")
        # `7 enter` in one burst: the enter waits for the referrals (``FilledLater``).
        yield InOrderOptionList(id="referrals-list", chosen=self._choose, filled_later=True)

    # -- reading ---------------------------------------------------------------------------

    def reload(self) -> None:
        app, case_id = self.caseline, self.case_id
        run_store(
            self,
            lambda: app.store.referrals.for_case(app.me, case_id),
            done=self.show,
            name="referrals",
        )

    def show(self, referrals: CaseReferrals) -> None:
        self.referrals = referrals
        escalate = referrals.to_escalate
        summary = [plural(len(referrals.outgoing), "referral") + " out"]
        if escalate:
            summary.append(
                f"{escalate} to escalate: chased {referrals.chase_limit} times with no answer"
            )
        summary.append(f"{len(referrals.incoming)} in")
        line = self.query_one("#referrals-summary", Static)
        line.update(assemble(" · ".join(summary)))
        line.set_class(bool(escalate), "-escalate")
        options: list[Option] = [
            Option(assemble(("Referrals out", "bold underline")), disabled=True)
        ]
        if referrals.outgoing:
            options += [Option(referral_line(r), id=f"out-{r.id}") for r in referrals.outgoing]
        else:
            options.append(Option(assemble((NONE_OUT, "dim")), disabled=True))
        options.append(Option(assemble(("Referrals in", "bold underline")), disabled=True))
        if referrals.incoming:
            options += [Option(incoming_line(i), id=f"in-{i.id}") for i in referrals.incoming]
        else:
            options.append(Option(assemble((NONE_IN, "dim")), disabled=True))
        select, self._select = self._select, None
        refill(self.query_one("#referrals-list", OptionList), options, select=select)
        found, self._found = self._found, None
        if found is not None:
            self._highlight_found(found)
        self.screen.refresh_bindings()
        self.query_one("#referrals-list", InOrderOptionList).filled()

    def select_record(self, kind: str, record_id: int) -> None:
        """Highlight the referral a search found (out or, "referral in", in) once listed."""
        wanted = f"{'in' if kind == 'referral in' else 'out'}-{record_id}"
        if self.referrals is None:
            self._found = wanted  # highlighted when the load under way shows them
            return
        self._highlight_found(wanted)

    def _highlight_found(self, wanted: str) -> None:
        options = self.query_one("#referrals-list", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        if wanted in ids:
            options.highlighted = ids.index(wanted)
        else:
            self.notify("The referral found is no longer on this case.", markup=False)

    # -- what is highlighted ---------------------------------------------------------------

    def _highlighted(self) -> str:
        options = self.query_one("#referrals-list", OptionList)
        option = options.highlighted_option
        return str(option.id) if option is not None and option.id else ""

    @property
    def referral(self) -> ReferralSummary | None:
        chosen = self._highlighted()
        if self.referrals is None or not chosen.startswith("out-"):
            return None
        wanted = int(chosen.removeprefix("out-"))
        return next((r for r in self.referrals.outgoing if r.id == wanted), None)

    @property
    def incoming_referral(self) -> IncomingInfo | None:
        chosen = self._highlighted()
        if self.referrals is None or not chosen.startswith("in-"):
            return None
        wanted = int(chosen.removeprefix("in-"))
        return next((i for i in self.referrals.incoming if i.id == wanted), None)

    # -- keys --------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Read only: the keys go on to the case file's own, which the rules have disabled too.
        if action in ("new_referral", "status", "chase", "incoming"):
            return self.referrals is not None and not self.read_only_reason
        return True

    def _changeable(self) -> bool:
        if self.closed:
            self.notify("The case is closed; reopen it to change its referrals.", markup=False)
            return False
        return True

    def _then(self, prefix: str) -> Callable[[object], None]:
        def keep(result: object) -> None:
            record_id = getattr(result, "id", None)
            if record_id is not None:
                self._select = f"{prefix}-{record_id}"

        return keep

    def action_new_referral(self) -> None:
        if self._changeable():
            forms.new_referral(self.app, self.case_id, self.case_label, then=self._then("out"))

    async def action_status(self) -> None:
        chosen = self.referral
        if chosen is None:
            self.notify("Highlight a referral out to change its status.", markup=False)
        elif self._changeable() and (detail := await self._detail(chosen.id)) is not None:
            await forms.change_status(self.app, detail, then=None)

    async def action_chase(self) -> None:
        chosen = self.referral
        if chosen is None or not chosen.is_open or chosen.status == "drafted":
            self.notify("Highlight a referral waiting for an answer to chase it.", markup=False)
        elif self._changeable() and (detail := await self._detail(chosen.id)) is not None:
            forms.chase(self.app, detail)

    def action_incoming(self) -> None:
        if self._changeable():
            forms.incoming(self.app, self.case_id, self.case_label, then=self._then("in"))

    async def _detail(self, referral_id: int) -> ReferralDetail | None:
        """The referral, read while the keys typed after the key that asked for it wait."""
        app = self.caseline
        return await read_in_turn(
            app, lambda: app.store.referrals.get(app.me, referral_id), name="referral-read"
        )

    def _choose(self, option: Option) -> None:
        """`enter` or a click (in its own turn): the referral opened."""
        chosen = str(option.id or "")
        if chosen.startswith("out-"):
            from tui.screens.referrals.view import ReferralScreen

            self.app.push_screen(ReferralScreen(int(chosen.removeprefix("out-")), self.case_label))
        elif chosen.startswith("in-"):
            came = self.incoming_referral
            if came is not None and not self.read_only_reason and self._changeable():
                forms.incoming(self.app, self.case_id, self.case_label, came)
