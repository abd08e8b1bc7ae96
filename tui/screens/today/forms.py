"""A task's forms: added by hand (on a case chosen first when there is none), done with a note,
moved to another day with a reason. Each save is the store's, in a thread (``FormScreen``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App

from store.common import dates
from store.reminders.records import AgendaItem, TaskInfo
from tui.host import CaselineHost
from tui.screens.base import give_way
from tui.screens.form import Field, FormScreen
from tui.widgets.date_field import FUTURE

TASK_FIELDS = [
    Field("title", "Task", "what is to be done, e.g. ring the school about the meeting"),
    Field("due_on", "Due", "e.g. fri, +2w, 7/12", date=FUTURE),
]
DONE_FIELDS = [Field("note", "What was done", "a short note for the record", multiline=True)]
MOVE_FIELDS = [
    Field("due_on", "Move to", "e.g. mon, +1w, 14/12", date=FUTURE),
    Field("reason", "Why", "why it is moving, e.g. the school is closed this week"),
]


def _host(app: App[Any]) -> CaselineHost:
    return app  # type: ignore[return-value]


def add_task(
    app: App[Any], case_id: int | None, label: str = "", *, then: Callable[[Any], None]
) -> None:
    """The new-task form for ``case_id``; without one, the case is chosen first."""
    if case_id is None:
        from tui.screens.caseload.pickers import CasePickerScreen

        async def opens(picked: int, picker: CasePickerScreen) -> None:
            # In enter's own turn: the words typed straight after it go into the task, not
            # to the screen beneath (Today's a, m and r are keys of its own).
            if give_way(picker):
                add_task(app, picked, picker.label_of(picked), then=then)

        app.push_screen(CasePickerScreen("A task on which case?", opens=opens))
        return
    host = _host(app)
    store, me, dayfirst = host.store, host.me, host.config.dayfirst
    app.push_screen(
        FormScreen(
            "New task",
            TASK_FIELDS,
            {},
            lambda form: store.reminders.add_task(me, case_id, form, dayfirst=dayfirst),
            subtitle=label,
            draft_key=f"task_new:{case_id}",
        ),
        then,
    )


def _task_id(task: AgendaItem | TaskInfo) -> int:
    if isinstance(task, TaskInfo):
        return task.id
    assert task.record_id is not None
    return task.record_id


def done_task(app: App[Any], item: AgendaItem | TaskInfo, *, then: Callable[[Any], None]) -> None:
    store, me = _host(app).store, _host(app).me
    task_id = _task_id(item)
    app.push_screen(
        FormScreen(
            f"Done: {item.title}",
            DONE_FIELDS,
            {},
            lambda form, version: store.reminders.done(me, task_id, form, version=version),
            subtitle=f"{item.case_ref} · due {dates.format_date(item.due_on)}",
            draft_key=f"task_done:{task_id}",
            version=item.version,
        ),
        then,
    )


def move_task(app: App[Any], item: AgendaItem | TaskInfo, *, then: Callable[[Any], None]) -> None:
    host = _host(app)
    store, me, dayfirst = host.store, host.me, host.config.dayfirst
    task_id = _task_id(item)
    app.push_screen(
        FormScreen(
            f"Move: {item.title}",
            MOVE_FIELDS,
            {},
            lambda form, version: store.reminders.move(
                me, task_id, form, version=version, dayfirst=dayfirst
            ),
            subtitle=f"{item.case_ref} · due {dates.format_date(item.due_on)}",
            draft_key=f"task_move:{task_id}",
            version=item.version,
        ),
        then,
    )
