"""The directory of community resources (``D`` on the caseload): a search box and the services
it finds, service · organisation · categories. ``enter`` reads a service in full; in picking
mode (``pick_service``) it chooses the service instead, and ``v`` reads it."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Input, Static

from store.common.words import plural
from store.resources.records import ServiceDetail, ServiceSummary, age_range
from tui.screens.base import CaselineScreen
from tui.screens.directory.service import ServiceScreen, may_edit
from tui.text import assemble
from tui.widgets.footer import CaselineFooter
from tui.widgets.held_input import HoldsInput
from tui.widgets.record_table import Column, RecordTable
from tui.widgets.safe import SafeInput
from tui.workers import run_store

SHOWN = 200  # services listed at most: typing narrows them
SEARCH_AFTER_SECONDS = 0.15  # a pause in typing this long searches

COLUMNS: tuple[Column[ServiceSummary], ...] = (
    Column(
        "service",
        "Service",
        20,
        100,
        lambda s, t: f"{s.service_name} (withdrawn)" if s.withdrawn else s.service_name,
        lambda s: s.service_name,
        True,
    ),
    Column(
        "organisation",
        "Organisation",
        18,
        90,
        lambda s, t: s.organisation_name,
        lambda s: s.organisation_name,
    ),
    Column(
        "categories",
        "Categories",
        18,
        70,
        lambda s, t: ", ".join(s.categories) or "—",
        lambda s: ", ".join(s.categories),
    ),
    Column(
        "ages",
        "Ages",
        11,
        30,
        lambda s, t: age_range(s.min_age, s.max_age) or "—",
        lambda s: (s.min_age or 0, s.max_age or 999),
    ),
)


class ServiceTable(RecordTable[ServiceSummary]):
    """One line per service, by name, as the search found them."""

    COLUMNS: ClassVar[tuple[Column[Any], ...]] = COLUMNS
    DEFAULT_SORT = "service"

    def __init__(
        self, *, id: str | None = None, chosen: Callable[[ServiceSummary], object] | None = None
    ) -> None:
        super().__init__(id=id, chosen=chosen)
        self.empty_message = "Loading…"

    def search_key(self, row: ServiceSummary) -> str:
        return ""  # the store searches; the table only shows what it found

    def cell_class(
        self, row: ServiceSummary, column: Column[ServiceSummary], value: str
    ) -> str | None:
        return "record-table--muted" if value == "—" or row.withdrawn else None


class DirectoryScreen(HoldsInput, CaselineScreen[ServiceSummary | None]):
    """Search the directory; read, add and correct its services, or choose one."""

    DEFAULT_CSS = """
    DirectoryScreen ServiceTable { height: 1fr; }
    DirectoryScreen #directory-status { height: 1; background: $panel; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "back",
            "Back",
            tooltip="Back (from the search box: to the list)",
            id="directory.back",
        ),
        Binding(
            "slash",
            "search",
            "Search",
            tooltip="Search by name, organisation, category or eligibility",
            id="directory.search",
        ),
        Binding("a", "add", "Add", tooltip="Add a service to the directory", id="directory.add"),
        Binding(
            "e", "edit", "Edit", tooltip="Correct the highlighted service", id="directory.edit"
        ),
        Binding(
            "c",
            "category",
            "Category",
            tooltip="List the services of one category, or of all again",
            id="directory.category",
        ),
        Binding(
            "x",
            "toggle_withdrawn",
            "Withdrawn",
            tooltip="Show withdrawn services too, or hide them again",
            id="directory.withdrawn",
        ),
        Binding(
            "v",
            "view",
            "Read",
            tooltip="Read the highlighted service in full",
            id="directory.view",
        ),
    ]

    def __init__(
        self,
        *,
        picking: bool = False,
        opens: Callable[[ServiceSummary, Screen[Any]], Awaitable[None]] | None = None,
    ) -> None:
        """``picking``: choose a service (dismissed with it). ``opens(row, directory)``, if
        given, opens what the choice leads to in place of this screen, in the turn of the
        `enter` that chose it (the keys typed after it go there)."""
        super().__init__()
        self.picking = picking
        self._opens = opens
        self._timer: Any = None
        self._searched: str | None = None
        # The service to highlight when the next search comes back (one just saved).
        self._keep: int | None = None
        self.withdrawn_too = False
        self.category = ""  # the one category listed, or "" for all

    @property
    def table(self) -> ServiceTable:
        return self.query_one(ServiceTable)

    @property
    def search_box(self) -> Input:
        return self.query_one("#directory-search", Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("add", "edit"):
            return not self.picking and may_edit(self.caseline.me.role)
        if action == "view":
            return self.picking
        if action == "toggle_withdrawn":
            return not self.picking
        return True

    def compose(self) -> ComposeResult:
        title = "Choose a service" if self.picking else "Community resources"
        with Horizontal(classes="title-bar"):
            yield Static(assemble((title, "bold")), id="directory-title", classes="title")
        yield SafeInput(
            placeholder="/ search: name, organisation, category, who it is for",
            id="directory-search",
            compact=True,
            changed_now=self._typed,
            submitted_now=self._submitted,
        )
        yield ServiceTable(id="directory-table", chosen=self._selected)
        yield Static("", id="directory-status", classes="muted")
        yield CaselineFooter()

    def on_mount(self) -> None:
        self.search_box.focus()
        self._search()

    def on_screen_resume(self) -> None:
        if self._searched is not None:
            self._search()  # a service may have been added or corrected meanwhile

    # -- searching ---------------------------------------------------------------------

    def _typed(self, _: str) -> None:
        """A change to the search box, in the key's turn: searched after a pause."""
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(SEARCH_AFTER_SECONDS, self._search)

    def _submitted(self) -> None:
        """`enter` in the box: to the services, now, so the keys after it go there. Typed
        before the search after a pause (`food enter enter` in one burst), it searches at
        once and the services wait for the answer: the next `enter` chooses from the
        services found, not from those listed before."""
        if self._timer is not None:
            self._search()
            self.table.filled_later()
        self.set_focus(self.table)

    def _search(self, keep_id: int | None = None) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        app, text, withdrawn = self.caseline, self.search_box.value, self.withdrawn_too
        category = self.category or None
        highlighted = self.table.highlighted
        keep = keep_id or self._keep or (highlighted.id if highlighted else None)
        run_store(
            self,
            lambda: app.store.resources.search(
                app.me, text, category, limit=SHOWN, include_withdrawn=withdrawn
            ),
            done=lambda found: self._show(text, found, keep),
            name="directory-search",
        )

    def _show(self, text: str, found: list[ServiceSummary], keep_id: int | None) -> None:
        self._searched = text
        self._keep = None
        title = "Choose a service" if self.picking else "Community resources"
        self.query_one("#directory-title", Static).update(
            assemble((title, "bold"), *((" · ", self.category) if self.category else ()))
        )
        table = self.table
        table.empty_message = (
            "No services match: try fewer words, or escape to clear the search."
            if text.strip() or self.category
            else "The directory is empty."
            + (" Press a to add a service." if may_edit(self.caseline.me.role) else "")
        )
        table.set_rows(found, keep_id=keep_id)
        table.filled()  # an `enter` that waited for these chooses now
        count = plural(len(found), "service")
        if len(found) >= SHOWN:
            count = f"the first {SHOWN} services (type to narrow them)"
        how = "enter chooses · v reads" if self.picking else "enter reads"
        if self.withdrawn_too:
            how += " · withdrawn ones shown (x hides them)"
        self.query_one("#directory-status", Static).update(
            assemble(f" {count} · {how}" if found else f" {count}")
        )

    def on_key(self, event: events.Key) -> None:
        if event.key == "down" and self.search_box.has_focus:
            self.table.focus()
            event.stop()

    # -- acting ------------------------------------------------------------------------

    async def _selected(self, row: ServiceSummary) -> None:
        """enter or a double click on a service (in its own turn)."""
        if self.picking:
            await self._picked(row)
        else:
            self._read(row)

    async def _picked(self, row: ServiceSummary) -> None:
        if self._opens is not None:
            await self._opens(row, self)
        else:
            self.dismiss(row)

    def _read(self, row: ServiceSummary) -> None:
        async def done(chosen: ServiceDetail | None) -> None:
            if chosen is not None and self.picking:
                await self._picked(row)

        self.app.push_screen(ServiceScreen(row.id, picking=self.picking), done)

    def action_view(self) -> None:
        row = self.table.highlighted
        if row is not None:
            self._read(row)

    def action_category(self) -> None:
        from tui.screens.directory.categories import CategoryScreen

        app = self.caseline

        def chosen(category: str | None) -> None:
            if category is not None:
                self.category = category
                self._search()

        # `c down enter` in one burst: the keys wait for the categories, and choose one.
        self.read_then_let_through(
            lambda: app.store.resources.categories(app.me),
            done=lambda found: self.app.push_screen(CategoryScreen(found, self.category), chosen),
            name="directory-categories",
        )

    def action_toggle_withdrawn(self) -> None:
        self.withdrawn_too = not self.withdrawn_too
        self._search()

    def action_search(self) -> None:
        self.set_focus(self.search_box)  # at once: the keys typed after `/` are for it

    def action_back(self) -> None:
        # As on the caseload: escape leaves the search box, again clears it, again goes back.
        if self.search_box.has_focus:
            self.table.focus()
        elif self.search_box.value:
            self.search_box.value = ""
        else:
            self.dismiss(None)

    def action_add(self) -> None:
        from tui.screens.directory.forms import add_service

        def done(saved: ServiceDetail | None) -> None:
            if saved is not None:
                self._keep = saved.id
                self.search_box.value = ""
                self._search()

        add_service(self, done)

    def action_edit(self) -> None:
        row = self.table.highlighted
        if row is None:
            return
        app = self.caseline

        def done(saved: ServiceDetail | None) -> None:
            if saved is not None:
                self._keep = saved.id
                self._search()

        def opened(service: ServiceDetail) -> None:
            from tui.screens.directory.forms import edit_service

            edit_service(self, service, done)

        run_store(
            self,
            lambda: app.store.resources.get(app.me, row.id),
            done=opened,
            name="directory-edit",
        )
