"""Today: what needs doing, overdue first, then today, this week and later (``g`` on the
caseload, and at start when something is overdue). ``enter`` opens what a line is about; tasks
are added, done with a note and moved with a reason here; what the rules find (an overdue
review, an old summary) stays until the record is brought up to date."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store.cases.records import TeamLoad
from store.common import dates
from store.common.reminders import BUCKETS, Bucket
from store.reminders.records import Agenda, AgendaItem
from tui.screens.base import CaselineScreen
from tui.text import assemble
from tui.widgets.footer import CaselineFooter
from tui.widgets.held_input import HoldsInput
from tui.widgets.lists import InOrderOptionList

READERS = (
    "supervisor",
    "manager",
    "auditor",
)  # who may look at others' agendas (the store decides)
NOT_MOVABLE = (
    "Only tasks move to another day. This is what the record needs: it goes when the record "
    "is brought up to date (enter opens it)."
)
CLIENT_WIDTH = 16
REF_WIDTH = 12
DUE_WIDTH = 6
# A team's list at an agency's size runs to thousands of lines: each group shows its first
# (most overdue, soonest) this many, and says how many more.
GROUP_MAX = 200


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _due(item: AgendaItem, today: Any) -> str:
    """When due: "today", "26 Nov" this year, "Apr'23" another year."""
    if item.due_on == today:
        return "today"
    month = dates.format_date(item.due_on)[3:6]
    if item.due_on.year != today.year:
        return f"{month}'{item.due_on.year % 100:02d}"
    return f"{item.due_on.day:02d} {month}"


class TodayScreen(HoldsInput, CaselineScreen[None]):
    """The agenda of the signed-in worker, of a worker of their team, or of the team."""

    DEFAULT_CSS = """
    TodayScreen #today-list {
        height: 1fr; border: none; background: $surface;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    TodayScreen #today-status { height: 1; background: $panel; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the caseload", id="today.back"),
        Binding(
            "a",
            "add",
            "Add task",
            tooltip="Add a task (on the highlighted line's case)",
            id="today.add",
        ),
        Binding(
            "x",
            "done",
            "Done",
            tooltip="Mark the highlighted task done, with a note",
            id="today.done",
        ),
        Binding(
            "m",
            "move",
            "Move",
            tooltip="Move the highlighted task to another day, saying why",
            id="today.move",
        ),
        Binding(
            "w",
            "whose",
            "Whose",
            tooltip="Another worker of your team, or the whole team (supervisors)",
            id="today.whose",
        ),
        Binding(
            "r", "refresh", "Refresh", tooltip="Read what needs doing again", id="today.refresh"
        ),
    ]

    def __init__(self, agenda: Agenda | None = None) -> None:
        super().__init__()
        self.agenda = agenda
        self.worker_id: int | None = None
        self.team = False
        self._items: dict[str, AgendaItem] = {}
        # Kept, not queried: the title bar's own children may not be mounted yet when the
        # screen's are (and its on_mount shows the agenda it was given).
        self._title = Static(assemble(("Today", "bold")), id="today-title", classes="title")

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield self._title
            yield Static(dates.format_date(dates.today()), id="today-date", classes="who")
        # `g enter` in one burst: the enter waits for the agenda (``FilledLater``).
        yield InOrderOptionList(
            id="today-list", chosen=self._choose, filled_later=self.agenda is None
        )
        yield Static("", id="today-status", classes="muted")
        yield CaselineFooter()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        if self.agenda is not None:
            self._show(self.agenda)
        else:
            self.query_one("#today-status", Static).update(" Loading…")
            self.reload()

    def on_screen_resume(self) -> None:
        if self.agenda is not None:
            self.reload()

    def records_changed(self) -> None:
        """A colleague changed something: read the agenda again."""
        self.reload()

    # -- reading -----------------------------------------------------------------------

    def reload(self) -> None:
        app, worker_id, team = self.caseline, self.worker_id, self.team
        self.read_then_let_through(
            lambda: app.store.reminders.agenda(app.me, worker_id=worker_id, team=team),
            done=self._show,
            name="today",
        )

    def _show(self, agenda: Agenda) -> None:
        self.agenda = agenda
        listed = self.query_one(OptionList)
        highlighted = listed.highlighted_option
        keep = highlighted.id if highlighted is not None else None
        listed.clear_options()
        self._items = {}
        mine = agenda.worker_id == self.caseline.me.id and not agenda.team
        options: list[Option] = []
        for bucket in BUCKETS:
            items = agenda.group(bucket)
            style = "bold underline" if bucket is Bucket.OVERDUE and items else "bold"
            options.append(
                Option(
                    assemble((f"{bucket.value.capitalize()} ({len(items)})", style)), disabled=True
                )
            )
            for n, item in enumerate(items[:GROUP_MAX]):
                key = f"{item.kind.value}:{item.record_id or 0}:{item.case_id}:{n}"
                self._items[key] = item
                options.append(Option(self._line(item, agenda, mine), id=key))
            if len(items) > GROUP_MAX:
                more = f"   … and {len(items) - GROUP_MAX:,} more: w shows one worker's"
                options.append(Option(assemble((more, "dim")), disabled=True))
        listed.add_options(options)
        if keep in self._items:
            listed.highlighted = listed.get_option_index(keep)
        elif self._items:
            listed.highlighted = listed.get_option_index(next(iter(self._items)))
        whose = "Today" if mine else f"Today · {agenda.who}"
        self._title.update(assemble((whose, "bold")))
        counts = agenda.counts
        said = " · ".join(f"{counts[b]} {b.value}" for b in BUCKETS)
        if not agenda.items:
            said = "Nothing needs doing: nothing overdue, due or coming up."
        self.query_one("#today-status", Static).update(f" {said}")
        self.query_one("#today-list", InOrderOptionList).filled()

    def _line(self, item: AgendaItem, agenda: Agenda, mine: bool) -> Any:
        client = _cut(item.client_name, CLIENT_WIDTH).ljust(CLIENT_WIDTH)
        title = item.title if mine else f"{item.title} · {item.worker_name}"
        due_style = "bold" if item.bucket is Bucket.OVERDUE else ""
        return assemble(
            (f" {_due(item, agenda.today):<{DUE_WIDTH}} ", due_style),
            (f"{item.case_ref:<{REF_WIDTH}} ", "bold"),
            f"{client}  ",
            title,
        )

    @property
    def highlighted(self) -> AgendaItem | None:
        option = self.query_one(OptionList).highlighted_option
        return None if option is None or option.id is None else self._items.get(option.id)

    # -- keys --------------------------------------------------------------------------

    def _choose(self, option: Option) -> None:
        """`enter` or a click (in its own turn, so the keys typed straight after act on what
        it opened): open what the line is about."""
        item = self._items.get(option.id or "")
        if item is not None:
            from tui.screens.today.opening import open_item

            open_item(self, item)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_refresh(self) -> None:
        self.reload()

    def _then(self, message: str) -> Any:
        def saved(result: object) -> None:
            if result is not None:
                self.notify(message, markup=False)
                self.reload()

        return saved

    def action_add(self) -> None:
        from tui.screens.today.forms import add_task

        item = self.highlighted
        label = f"{item.case_ref} · {item.client_name}" if item else ""
        add_task(self.app, item.case_id if item else None, label, then=self._then("Task added."))

    def _chosen_task(self) -> AgendaItem | None:
        item = self.highlighted
        if item is None:
            self.notify("No task highlighted.", markup=False)
            return None
        if not item.movable:
            self.notify(NOT_MOVABLE, markup=False, timeout=8)
            return None
        return item

    def action_done(self) -> None:
        from tui.screens.today.forms import done_task

        if (item := self._chosen_task()) is not None:
            done_task(self.app, item, then=self._then("Task done."))

    def action_move(self) -> None:
        from tui.screens.today.forms import move_task

        if (item := self._chosen_task()) is not None:
            move_task(self.app, item, then=self._then("Task moved."))

    def action_whose(self) -> None:
        app = self.caseline
        if app.me.role not in READERS:
            self.notify("Your agenda is your own cases'; a supervisor sees the team's.")
            return
        # `w enter` in one burst: the enter waits for the picker the team's read opens.
        self.read_then_let_through(
            lambda: app.store.cases.team_load(app.me), done=self._pick, name="whose"
        )

    def _pick(self, load: TeamLoad) -> None:
        from tui.screens.today.whose import WhosePicker

        def chosen(choice: tuple[int | None, bool] | None) -> None:
            if choice is not None:
                self.worker_id, self.team = choice
                self.reload()

        self.app.push_screen(WhosePicker(load, self.caseline.me.id), chosen)
