"""Searching everywhere (``ctrl+f``): a box that searches as one types, the records found
newest first (or best first), each with its case, kind and date and the words matched in
context, and filters by case, kind and dates. ``enter`` opens the record.

Opened from a case's file, it searches that case (``a`` widens it to every case the worker
may read). Each search runs in a worker after a pause in typing; a newer one makes the answer
of an older one be dropped, so what is shown always belongs to what is typed now.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Static
from textual.widgets.option_list import Option

from store.common import dates
from store.common.errors import StoreError
from store.common.words import plural
from store.search.records import KINDS, SearchHit, SearchPage
from tui.screens.base import CaselineScreen, give_way
from tui.screens.search.lines import hit_line, kind_label
from tui.screens.search.opening import open_hit
from tui.text import assemble
from tui.widgets.footer import CaselineFooter
from tui.widgets.held_input import HoldsInput
from tui.widgets.lists import InOrderOptionList
from tui.widgets.safe import SafeInput
from tui.workers import run_store

SEARCH_AFTER_SECONDS = 0.15  # a pause in typing this long searches
MORE = "more"  # the option at the end of a page that loads the next

# The kind filter's keys, in the order offered.
KIND_KEYS: tuple[tuple[str, str], ...] = (
    ("n", "notes"),
    ("c", "chronology"),
    ("s", "summary"),
    ("p", "plan"),
    ("m", "minutes"),
    ("e", "assessment"),
    ("r", "referrals"),
)


class SearchScreen(HoldsInput, CaselineScreen[None]):
    """Search the records; the result chosen is opened in this screen's place."""

    DEFAULT_CSS = """
    SearchScreen #search-results { height: 1fr; }
    SearchScreen #search-filters { height: 1; color: $text-muted; }
    SearchScreen #search-status { height: 1; background: $panel; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape",
            "back",
            "Back",
            tooltip="Back (from the search box: to the results)",
            id="search.back",
        ),
        Binding("slash", "box", "Search", tooltip="Type in the search box", id="search.box"),
        Binding(
            "a",
            "toggle_case",
            "All cases",
            tooltip="Search every case you may read, or this case only again",
            id="search.all",
        ),
        Binding(
            "k",
            "kind",
            "Kind",
            tooltip="Search one kind of record only, or every kind again",
            id="search.kind",
        ),
        Binding(
            "d",
            "dates",
            "Dates",
            tooltip="Search records dated between two days",
            id="search.dates",
        ),
        Binding(
            "b",
            "best",
            "Best first",
            tooltip="The best matches first, or the newest first again",
            id="search.best",
        ),
        Binding("m", "more", "More", tooltip="The next page of results", id="search.more"),
    ]

    def __init__(self, case_id: int | None = None, case_label: str = "") -> None:
        super().__init__()
        self.from_case = case_id  # the case it was opened from, if any
        self.case_label = case_label
        self.case_id = case_id  # the case searched (None: every case)
        self.kind = ""
        self.since: date | None = None
        self.until: date | None = None
        self.best = False
        self.hits: list[SearchHit] = []
        self.next_page: int | None = None
        self._timer: Any = None
        self._asked = 0  # the newest search asked for; older answers are dropped
        self._answered = 0  # the search whose answer is shown

    @property
    def box(self) -> SafeInput:
        return self.query_one("#search-box", SafeInput)

    @property
    def results(self) -> InOrderOptionList:
        return self.query_one("#search-results", InOrderOptionList)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_case":
            return self.from_case is not None
        if action == "more":
            return self.next_page is not None
        return True

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static(assemble(("Search", "bold")), id="search-title", classes="title")
        yield SafeInput(
            placeholder="notes, chronology, summaries, plans, minutes, assessments, referrals",
            id="search-box",
            compact=True,
            changed_now=self._typed,
            submitted_now=self._submitted,
        )
        yield Static("", id="search-filters")
        yield InOrderOptionList(id="search-results", chosen=self._choose)
        yield Static("", id="search-status", classes="muted")
        yield CaselineFooter()

    def on_mount(self) -> None:
        self.box.focus()
        self._show_filters()
        self._say('Type to search: words, a "quoted phrase", the start of a word.')

    # -- searching ---------------------------------------------------------------------

    def _typed(self, _value: str) -> None:
        """Told in the key's turn (an `enter` typed straight after knows it is unanswered)."""
        if self._timer is not None:
            self._timer.stop()
        self._asked += 1  # what is shown no longer answers what is typed
        self._timer = self.set_timer(SEARCH_AFTER_SECONDS, self.search)

    def _submitted(self) -> None:
        """`enter` in the box: to the results, in the key's turn. Typed before the search
        after a pause has answered (`rent enter enter` in one burst), it searches at once and
        the results wait for the answer: an `enter` there opens its first record."""
        if self._answered != self._asked and self.box.value.strip():
            if self._timer is not None:
                self.search()
            self.results.filled_later()
            self.set_focus(self.results)
        elif self.hits:
            self.set_focus(self.results)

    def search(self, page: int | None = None) -> None:
        """Search for what is typed now, with the filters as they are (``page``: the next
        page of the same search)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if page is None:
            self._asked += 1
        asked = self._asked
        app, text = self.caseline, self.box.value
        case_id, kind, since, until, best = (
            self.case_id,
            self.kind,
            self.since,
            self.until,
            self.best,
        )
        run_store(
            self,
            lambda: app.store.search.search(
                app.me,
                text,
                case_id=case_id,
                kind=kind,
                since=since,
                until=until,
                best=best,
                page=page,
                dayfirst=app.config.dayfirst,
            ),
            done=lambda found: self._show(asked, found, more=page is not None),
            failed=lambda error: self._failed(asked, error),
            name="search",
        )

    def _show(self, asked: int, page: SearchPage, *, more: bool) -> None:
        if asked != self._asked:
            return  # typed on since: a newer search is on its way
        self._answered = asked
        self.hits = [*self.hits, *page.hits] if more else list(page.hits)
        self.next_page = page.next_page
        options = [Option(hit_line(hit), id=f"hit-{i}") for i, hit in enumerate(self.hits)]
        if self.next_page is not None:
            options.append(Option(assemble(("More results… (m)", "italic")), id=MORE))
        results = self.results
        at = results.highlighted if more else None
        results.clear_options()
        results.add_options(options)
        if options:
            results.highlighted = at if at is not None and at < len(options) else 0
        else:
            self._back_to_the_box()
        self.refresh_bindings()
        if not page.searched:
            self._say(
                'Type to search: words, a "quoted phrase", the start of a word.'
                if not self.box.value.strip()
                else "Nothing to search for in that: type a word."
            )
        elif not self.hits:
            self._say("Nothing found: try fewer words, another kind or all cases.")
        else:
            order = "best first" if self.best else "newest first"
            count = plural(len(self.hits), "record")
            if self.next_page is not None:
                count = f"the first {count}"
            self._say(f"{count}, {order} · enter opens")
        results.filled()

    def _failed(self, asked: int, error: StoreError) -> None:
        if asked == self._asked:
            self._answered = asked
            self._say(str(error))
            self._back_to_the_box()
            self.results.filled(choose=False)  # what is listed was found for other words

    def _back_to_the_box(self) -> None:
        """Nothing to choose where `enter` sent the focus to wait for the answer: back to the
        box, with the words as typed, to type on."""
        if self.results.filling and self.results.has_focus:
            self.box.focus_to_type_on()

    def _say(self, text: str) -> None:
        self.query_one("#search-status", Static).update(assemble(" " + text))

    def _show_filters(self) -> None:
        if self.case_id is not None:
            where = f"in {self.case_label}" + (" (a: all cases)" if self.from_case else "")
        elif self.from_case is not None:
            where = "in all your cases (a: this case)"
        else:
            where = "in all the cases you may read"
        self.query_one("#search-title", Static).update(assemble(("Search", "bold"), " ", where))
        if self.since or self.until:
            when = f"{dates.format_date(self.since) or 'any day'} to " + (
                dates.format_date(self.until) or "today"
            )
        else:
            when = "any date"
        order = "best first" if self.best else "newest first"
        self.query_one("#search-filters", Static).update(
            assemble(f" {kind_label(self.kind)} (k) · {when} (d) · {order} (b)")
        )

    def _filtered(self) -> None:
        self._show_filters()
        self.search()

    # -- keys --------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        if event.key == "down" and self.box.has_focus and self.hits:
            self.results.focus()
            event.stop()

    def _choose(self, option: Option) -> None:
        """`enter` or a click: more results, or the record found opened in this screen's
        place, at once, so the keys typed straight after act on it."""
        chosen = str(option.id or "")
        if chosen == MORE:
            self.action_more()
        elif chosen.startswith("hit-") and give_way(self):
            open_hit(self.caseline, self.hits[int(chosen.removeprefix("hit-"))])

    def action_back(self) -> None:
        if self.box.has_focus and self.hits:
            self.results.focus()
        else:
            self.dismiss(None)

    def action_box(self) -> None:
        self.set_focus(self.box)  # at once: the keys typed after `/` are for it

    def action_toggle_case(self) -> None:
        if self.from_case is None:
            return
        self.case_id = None if self.case_id is not None else self.from_case
        self._filtered()

    def action_best(self) -> None:
        self.best = not self.best
        self._filtered()

    def action_more(self) -> None:
        if self.next_page is not None:
            self.search(self.next_page)

    def action_kind(self) -> None:
        from tui.screens.choice import ChoiceScreen

        def chosen(kind: str | None) -> None:
            if kind is not None:
                self.kind = "" if kind == "all" else kind
                self._filtered()

        choices = [(key, kind, KINDS[kind]) for key, kind in KIND_KEYS]
        self.app.push_screen(
            ChoiceScreen("Search which records?", [("a", "all", "Every kind"), *choices]), chosen
        )

    def action_dates(self) -> None:
        from tui.screens.form import Field, FormScreen
        from tui.widgets.date_field import PAST

        app = self.caseline

        def chosen(found: tuple[date | None, date | None] | None) -> None:
            if found is not None:
                self.since, self.until = found
                self._filtered()

        values = {
            "since": dates.format_date(self.since) if self.since else "",
            "until": dates.format_date(self.until) if self.until else "",
        }
        form = FormScreen(
            "Search records dated between two days",
            [
                Field("since", "From", "blank: from the first record", date=PAST),
                Field("until", "To", "blank: up to today", date=PAST),
            ],
            values,
            lambda typed: app.store.search.dates(
                app.me, typed["since"], typed["until"], dayfirst=app.config.dayfirst
            ),
        )
        self.app.push_screen(form, chosen)
