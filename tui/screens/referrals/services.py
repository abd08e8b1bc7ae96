"""Choosing a directory service to refer to: search the directory as you type, then read the
service's eligibility before going on (an age range, an area, a residence rule, fees)."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.screens.caseload.pickers import PICKER_CSS
from tui.text import assemble
from tui.widgets.safe import SafeInput
from tui.workers import run_store

if TYPE_CHECKING:
    from store.resources.records import ServiceDetail, ServiceSummary
    from tui.host import CaselineHost

SHOWN = 40


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


class ServicePickerScreen(ModalScreen["ServiceDetail | None"]):
    """Type words of a service, its organisation, category or eligibility; enter reads its
    eligibility, and y there refers to it. Dismisses with the service, or None."""

    DEFAULT_CSS = PICKER_CSS.format(name="ServicePickerScreen")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Back, choosing none", id="picker.cancel"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Refer to which service?", classes="heading")
            yield SafeInput(placeholder="words of its name, category or area", id="service-query")
            yield OptionList(id="services")
            yield Static("enter read its eligibility · ↑↓ move · esc cancel", classes="hint")

    @property
    def caseline(self) -> CaselineHost:
        return self.app  # type: ignore[return-value]

    def on_mount(self) -> None:
        self.query_one("#service-query", Input).focus()
        self._search("")

    def _search(self, text: str) -> None:
        app = self.caseline
        run_store(
            self,
            lambda: app.store.resources.search(app.me, text, None, SHOWN),
            done=lambda found: self._found(text, found),
            name="service-search",
        )

    def _found(self, text: str, found: list[ServiceSummary]) -> None:
        if text != self.query_one("#service-query", Input).value.strip():
            return
        options = self.query_one("#services", OptionList)
        options.clear_options()
        for s in found:
            where = f" · {s.area}" if s.area else ""
            options.add_option(
                Option(
                    assemble((s.service_name, "bold"), " · ", s.organisation_name, (where, "dim")),
                    id=str(s.id),
                )
            )
        if not found:
            options.add_option(Option("Nothing in the directory matches.", disabled=True))
        options.highlighted = 0 if found else None

    @on(Input.Changed, "#service-query")
    def _changed(self, event: Input.Changed) -> None:
        self._search(event.value.strip())

    def on_key(self, event: Key) -> None:
        options = self.query_one("#services", OptionList)
        if event.key in ("down", "up") and self.query_one("#service-query", Input).has_focus:
            event.stop()
            if options.option_count:
                current = options.highlighted or 0
                step = 1 if event.key == "down" else -1
                options.highlighted = max(0, min(options.option_count - 1, current + step))

    @on(Input.Submitted, "#service-query")
    def _submitted(self) -> None:
        options = self.query_one("#services", OptionList)
        if options.highlighted is not None:
            option = options.get_option_at_index(options.highlighted)
            if option.id is not None:
                self._read(int(option.id))

    @on(OptionList.OptionSelected, "#services")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self._read(int(event.option.id))

    def _read(self, service_id: int) -> None:
        app = self.caseline
        run_store(
            self,
            lambda: app.store.resources.get(app.me, service_id),
            done=self._eligibility,
            name="service-read",
        )

    def _eligibility(self, service: ServiceDetail) -> None:
        from tui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self.dismiss(service)

        self.app.push_screen(
            ConfirmScreen(
                f"Refer to {service.service_name}, {service.organisation_name}?",
                eligibility_text(service),
                yes="Refer",
                no="Choose another",
            ),
            answer,
        )

    def action_cancel(self) -> None:
        self.dismiss(None)
