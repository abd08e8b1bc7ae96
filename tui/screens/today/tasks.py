"""A case's tasks (K in the case file): open ones by due date, then those done with what was
done; the highlighted task's moves beneath. Added, done and moved as on today."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store.common import dates
from store.common.words import plural
from store.reminders.records import TaskInfo
from tui.screens.base import CaselineScreen
from tui.text import assemble
from tui.widgets.footer import CaselineFooter
from tui.widgets.held_input import HoldsInput


class TasksScreen(HoldsInput, CaselineScreen[None]):
    """The tasks of one case."""

    DEFAULT_CSS = """
    TasksScreen #tasks-list {
        height: 1fr; border: none; background: $surface;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    TasksScreen #tasks-detail { height: auto; max-height: 5; padding: 0 1; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the case file", id="tasks.back"),
        Binding("a", "add", "Add", tooltip="Add a task on this case", id="tasks.add"),
        Binding(
            "x",
            "done",
            "Done",
            tooltip="Mark the highlighted task done, with a note",
            id="tasks.done",
        ),
        Binding(
            "m",
            "move",
            "Move",
            tooltip="Move the highlighted task to another day, saying why",
            id="tasks.move",
        ),
    ]

    def __init__(self, case_id: int, case_label: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.case_label = case_label
        self.tasks: list[TaskInfo] | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static(assemble(("Tasks", "bold")), classes="title")
            yield Static(assemble(self.case_label), classes="who")
        yield OptionList(id="tasks-list")
        yield Static("", id="tasks-detail")
        yield CaselineFooter()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.reload()

    def reload(self) -> None:
        store, me, case_id = self.caseline.store, self.caseline.me, self.case_id
        self.read_then_let_through(
            lambda: store.reminders.tasks(me, case_id), done=self._show, name="tasks"
        )

    def _show(self, tasks: list[TaskInfo]) -> None:
        self.tasks = tasks
        listed = self.query_one(OptionList)
        listed.clear_options()
        today = dates.today()
        for task in tasks:
            if task.done:
                line = assemble(
                    (f" done {dates.format_date(task.done_at)}  ", "dim"), (task.title, "dim")
                )
            else:
                late = " overdue" if task.due_on < today else ""
                line = assemble(
                    (f" {dates.format_date(task.due_on)}{late}  ", "bold" if late else ""),
                    task.title,
                )
            listed.add_option(Option(line, id=str(task.id)))
        if tasks:
            listed.highlighted = 0
        else:
            self.query_one("#tasks-detail", Static).update(
                "No tasks on this case. Press a to add one."
            )

    @property
    def highlighted(self) -> TaskInfo | None:
        option = self.query_one(OptionList).highlighted_option
        if option is None or self.tasks is None:
            return None
        return next((t for t in self.tasks if str(t.id) == option.id), None)

    @on(OptionList.OptionHighlighted, "#tasks-list")
    def _highlighted(self) -> None:
        task = self.highlighted
        if task is None:
            return
        lines = [f"Due {dates.format_date(task.due_on)} · {task.worker_name}"]
        if task.done:
            lines[0] += f" · done by {task.done_by}: {task.done_note}"
        for move in task.moves:
            lines.append(
                f"Moved {dates.format_date(move.old_due_on)} → {dates.format_date(move.new_due_on)}"
                f" by {move.moved_by}: {move.reason}"
            )
        if len(task.moves) > 3:
            lines[1:] = [*lines[1:3], f"… {plural(len(task.moves) - 2, 'more move')}"]
        self.query_one("#tasks-detail", Static).update(assemble("\n".join(lines)))

    def _then(self, message: str) -> Any:
        def saved(result: object) -> None:
            if result is not None:
                self.notify(message, markup=False)
                self.reload()

        return saved

    def action_back(self) -> None:
        self.dismiss(None)

    def action_add(self) -> None:
        from tui.screens.today.forms import add_task

        add_task(self.app, self.case_id, self.case_label, then=self._then("Task added."))

    def _open_task(self) -> TaskInfo | None:
        task = self.highlighted
        if task is None:
            return None
        if task.done:
            self.notify("This task is done already.", markup=False)
            return None
        return task

    def action_done(self) -> None:
        from tui.screens.today.forms import done_task

        if (task := self._open_task()) is not None:
            done_task(self.app, task, then=self._then("Task done."))

    def action_move(self) -> None:
        from tui.screens.today.forms import move_task

        if (task := self._open_task()) is not None:
            move_task(self.app, task, then=self._then("Task moved."))
