"""A directory service read in full: who may use it first (eligibility, ages, area), then what
it is, where and when, how to reach it, and where the entry came from."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from store.common import dates
from store.resources.records import ServiceDetail
from tui.screens.base import CaselineScreen
from tui.text import assemble, plain
from tui.widgets.footer import CaselineFooter
from tui.widgets.held_input import HoldsInput
from tui.workers import run_store

EDITORS = frozenset({"worker", "supervisor", "manager"})


def may_edit(role: str) -> bool:
    """Whether a worker of ``role`` adds and corrects directory entries (the store decides)."""
    return role in EDITORS


class ServiceScreen(HoldsInput, CaselineScreen[ServiceDetail | None]):
    """One service; dismisses with it (changed or not) when chosen in picking mode."""

    DEFAULT_CSS = """
    ServiceScreen #service-scroll { padding: 0 1; }
    ServiceScreen .heading { margin-top: 1; text-style: bold; color: $text-primary; }
    ServiceScreen #service-eligibility { border-left: thick $primary; padding-left: 1; }
    ServiceScreen #service-withdrawn { color: $text-warning; text-style: bold; }
    ServiceScreen #service-source { margin-top: 1; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape", "back", "Back", tooltip="Back to the directory", id="directory_service.back"
        ),
        Binding("e", "edit", "Edit", tooltip="Correct this entry", id="directory_service.edit"),
        Binding(
            "w",
            "withdraw",
            "Withdraw/restore",
            tooltip="Mark the service withdrawn (closed, or not taking referrals), or restore it",
            id="directory_service.withdraw",
        ),
        Binding(
            "enter",
            "choose",
            "Choose",
            tooltip="Choose this service",
            id="directory_service.choose",
        ),
    ]

    def __init__(self, service_id: int, *, picking: bool = False) -> None:
        super().__init__()
        self.service_id = service_id
        self.picking = picking
        self.service: ServiceDetail | None = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("edit", "withdraw"):
            return self.service is not None and may_edit(self.caseline.me.role)
        if action == "choose":
            return self.picking and self.service is not None and not self.service.withdrawn
        return True

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static("Directory", id="service-title", classes="title")
        with VerticalScroll(id="service-scroll"):
            yield Static("", id="service-withdrawn")
            yield Static("Who it is for", classes="heading")
            yield Static("Loading…", id="service-eligibility")
            yield Static("", id="service-body")
            yield Static("", id="service-source")
        yield CaselineFooter()

    def on_mount(self) -> None:
        self.query_one("#service-withdrawn").display = False
        self.query_one("#service-scroll").focus()
        self._load()

    def _load(self) -> None:
        app, service_id = self.caseline, self.service_id
        self.read_then_let_through(
            lambda: app.store.resources.get(app.me, service_id),
            done=self._show,
            failed=self._refused,
            name="directory-service",
        )

    def _refused(self, error: Exception) -> None:
        self.app.notify(str(error), markup=False, timeout=8)
        self.dismiss(None)

    def _show(self, service: ServiceDetail) -> None:
        self.service = service
        self.query_one("#service-title", Static).update(
            assemble((service.service_name, "bold"), " · ", service.organisation_name)
        )
        withdrawn = self.query_one("#service-withdrawn", Static)
        if service.withdrawn_at is not None:
            when = dates.format_date(dates.to_local(service.withdrawn_at).date())
            withdrawn.update(f"Withdrawn since {when}: check with them before referring.")
        withdrawn.display = service.withdrawn
        self.query_one("#service-eligibility", Static).update(_eligibility(service))
        self.query_one("#service-body", Static).update(_body(service))
        self.query_one("#service-source", Static).update(_source(service))
        self.refresh_bindings()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_choose(self) -> None:
        if self.picking and self.service is not None:
            self.dismiss(self.service)

    def action_edit(self) -> None:
        from tui.screens.directory.forms import edit_service

        if self.service is None:
            return

        def done(saved: ServiceDetail | None) -> None:
            if saved is not None:
                self._show(saved)

        edit_service(self, self.service, done)

    def action_withdraw(self) -> None:
        from tui.screens.confirm import ConfirmScreen

        service = self.service
        if service is None:
            return
        app, withdrawing = self.caseline, not service.withdrawn

        def answer(yes: bool | None) -> None:
            if yes:
                run_store(
                    self,
                    lambda: app.store.resources.withdraw(
                        app.me, service.id, version=service.version, withdrawn=withdrawing
                    ),
                    done=self._show,
                    name="directory-withdraw",
                )

        if withdrawing:
            question = ConfirmScreen(
                "Withdraw this service?",
                "It leaves the directory's search; it is kept, and can be restored.",
                yes="Withdraw",
                no="Keep",
            )
        else:
            question = ConfirmScreen(
                "Restore this service to the directory?", yes="Restore", no="Leave"
            )
        self.app.push_screen(question, answer)


def _eligibility(service: ServiceDetail) -> Content:
    lines: list[Content] = []
    if service.eligibility:
        lines.append(plain(service.eligibility))
    if service.ages:
        lines.append(assemble(("Ages       ", "dim"), service.ages))
    if service.area:
        lines.append(assemble(("Area       ", "dim"), service.area))
    return (
        Content("\n").join(lines) if lines else assemble(("Anyone: no eligibility given.", "dim"))
    )


def _body(service: ServiceDetail) -> Content:
    rows = (
        ("Address", service.address),
        ("Phone", service.phone),
        ("E-mail", service.email),
        ("Website", service.website),
        ("Hours", service.opening_hours),
        ("Fees", service.fees),
        ("Languages", ", ".join(service.languages)),
        ("Categories", ", ".join(service.categories)),
    )
    lines = [assemble((f"{label:<11}", "dim"), value) for label, value in rows if value]
    parts = [plain(service.description), Content("")] if service.description else []
    return Content("\n").join([Content(""), *parts, *lines])


def _source(service: ServiceDetail) -> Content:
    changed = dates.format_date(dates.to_local(service.updated_at).date())
    if service.hsds_service_id:
        package = service.hsds_source or "an Open Referral package"
        return assemble(
            f"Imported from {package} (HSDS id {service.hsds_service_id}) · changed {changed}"
        )
    return assemble(f"Added by hand · changed {changed}")
