"""Closing a case: the closure checklist above the close form.

The checklist comes first: each item of practice with what the records say beside it. `space`
(or `t`) ticks an item, `n` marks it not applicable (a small form asks why, and keeps what is
typed as a draft like every form), `o` opens it again; each change is saved at once, so the
work can be spread over days. Someone else's marking that came first is said and shown, never
overwritten. Beneath are the close form's fields: the date, the reason, the closing summary,
and, only while items are open, why the case closes with them open.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store.cases.records import CaseDetail, ClosureChecklist, ClosureItem
from store.cases.rules import DONE, FINAL_SUMMARY, NOT_APPLICABLE, OPEN
from store.common.errors import Conflict, StoreError
from tui.screens.form import Field, FormScreen
from tui.text import assemble
from tui.widgets.date_field import TODAY_IF_BLANK
from tui.workers import report, run_store

if TYPE_CHECKING:
    from tui.host import CaselineHost

MARKS = {DONE: "✓", NOT_APPLICABLE: "-", OPEN: " "}
TICK = "tick"  # done, or open again if it was done
OPEN_ITEMS_FIELD = "open_items_reason"


class ClosureChecklistList(OptionList):
    """The checklist's items, two lines each: the item, then what the records say (or why it
    doesn't apply)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "space,t", "tick", "Tick", tooltip="Tick the item, or untick it", id="closure.tick"
        ),
        Binding(
            "n",
            "not_applicable",
            "Not applicable",
            tooltip="Mark the item not applicable, saying why",
            id="closure.not_applicable",
        ),
        Binding("o", "reopen", "Reopen", tooltip="Make the item open again", id="closure.reopen"),
    ]

    class Mark(Message):
        """A key asked for the item ``key`` to be ticked (or unticked), marked not applicable
        or reopened (``action``); the screen saves it, one change after another."""

        def __init__(self, key: str, action: str) -> None:
            super().__init__()
            self.key = key
            self.action = action

    def __init__(self) -> None:
        super().__init__(id="closure-checklist")
        self.checklist: ClosureChecklist | None = None

    def show(self, checklist: ClosureChecklist) -> None:
        """Show ``checklist``, keeping the highlighted item."""
        self.checklist = checklist
        highlighted = self.highlighted
        self.set_options(Option(_prompt(item), id=item.key) for item in checklist.items)
        self.highlighted = highlighted if highlighted is not None else 0

    def _ask(self, action: str) -> None:
        if self.checklist is not None and self.highlighted is not None:
            self.post_message(self.Mark(self.checklist.items[self.highlighted].key, action))

    def action_tick(self) -> None:
        self._ask(TICK)

    def action_not_applicable(self) -> None:
        self._ask(NOT_APPLICABLE)

    def action_reopen(self) -> None:
        self._ask(OPEN)


def _prompt(item: ClosureItem) -> Content:
    mark = MARKS.get(item.state, " ")
    first = assemble((f"[{mark}] ", "bold"), item.label)
    if item.state == NOT_APPLICABLE:
        second = assemble(("    not applicable: ", "italic"), item.reason)
    elif item.hint:
        second = assemble(("    " + item.hint, "dim"))
    elif item.key == FINAL_SUMMARY and item.is_open:
        second = assemble(("    in the closing summary, below", "dim"))
    else:
        return first
    return Content("\n").join([first, second])


def _heading(checklist: ClosureChecklist | None) -> Content:
    if checklist is None:
        return assemble(("Closure checklist", "bold"), "  reading…")
    still = len(checklist.open_items)
    state = "all items marked" if not still else f"{still} of {len(checklist.items)} open"
    return assemble(
        ("Closure checklist", "bold"), f"  {state} · space tick · n not applicable · o reopen"
    )


class CloseCaseScreen(FormScreen):
    """The close form with the case's closure checklist above its fields."""

    # The form's look, and the checklist's.
    CSS_PATH: ClassVar[str | list[str | PurePath]] = ["../form.tcss", "closing.tcss"]

    def __init__(self, app: CaselineHost, detail: CaseDetail) -> None:
        store, me, config = app.store, app.me, app.config
        fields = [
            Field("closed_on", "Closed on", "today, or e.g. 3/4/2026", date=TODAY_IF_BLANK),
            Field("reason", "Reason", "Choose a reason", choices=config.closure_reasons),
            Field("closing_summary", "Summary", multiline=True),
            Field(OPEN_ITEMS_FIELD, "Items open", "why the case closes with items still open"),
        ]
        super().__init__(
            "Close case",
            fields,
            {"closed_on": "today"},
            lambda form: store.cases.close(
                me,
                detail.id,
                form,
                version=detail.version,
                dayfirst=config.dayfirst,
                reasons=config.closure_reasons,
            ),
            subtitle=f"{detail.ref} · {detail.client_name}",
            draft_key=f"close:{detail.id}",
        )
        self.detail = detail
        self.summary_age = config.summary_max_age_months
        self._asked: list[tuple[str, str]] = []  # (item, action) keys asked for, in order
        self._marking = False  # a change is being saved (or its reason asked)

    @property
    def checklist_list(self) -> ClosureChecklistList:
        return self.query_one(ClosureChecklistList)

    def on_mount(self) -> None:
        form = self.query_one("#form", VerticalScroll)
        form.mount(Static(_heading(None), id="closure-heading"), ClosureChecklistList(), before=0)
        self._show_open_items_field(False)
        self.call_after_refresh(lambda: self.checklist_list.focus())
        app, case_id, age = self.caseline, self.detail.id, self.summary_age
        run_store(
            self,
            lambda: app.store.cases.closure_checklist(
                app.me, case_id, opening=True, summary_max_age_months=age
            ),
            done=self._show,
            name="closure-checklist",
        )

    def _show(self, checklist: ClosureChecklist) -> None:
        self.checklist_list.show(checklist)
        self.query_one("#closure-heading", Static).update(_heading(checklist))
        self._show_open_items_field(bool(checklist.open_items))
        self._next_mark()

    def _show_open_items_field(self, shown: bool) -> None:
        field = self.query_one(f"#{OPEN_ITEMS_FIELD}")
        if field.parent is not None:
            field.parent.display = shown
        if not shown:
            self._set_error(OPEN_ITEMS_FIELD, "")

    @on(ClosureChecklistList.Mark)
    def _mark(self, event: ClosureChecklistList.Mark) -> None:
        # One change at a time, each from the checklist the last one returned: two quick
        # presses on an item tick it and untick it, never refuse the second as out of date.
        self._asked.append((event.key, event.action))
        self._next_mark()

    def _next_mark(self) -> None:
        checklist = self.checklist_list.checklist
        if self._marking or not self._asked or checklist is None:
            return
        key, action = self._asked.pop(0)
        item = checklist.item(key)
        if action == NOT_APPLICABLE:
            self._marking = True
            self.app.push_screen(self._not_applicable_form(item), self._marked)
            return
        state = (OPEN if item.state == DONE else DONE) if action == TICK else action
        if state == item.state:
            self._next_mark()
            return
        self._marking = True
        app, case_id, age = self.caseline, self.detail.id, self.summary_age
        run_store(
            self,
            lambda: app.store.cases.mark_closure_item(
                app.me,
                case_id,
                key,
                {"state": state},
                version=item.version,
                summary_max_age_months=age,
            ),
            done=self._show,
            failed=self._mark_failed,
            settled=self._mark_settled,
            name="closure-mark",
            exclusive=False,
        )

    def _mark_settled(self) -> None:
        self._marking = False

    def _not_applicable_form(self, item: ClosureItem) -> FormScreen:
        app, case_id, age = self.caseline, self.detail.id, self.summary_age

        def save(form: dict[str, str], version: int) -> ClosureChecklist:
            return app.store.cases.mark_closure_item(
                app.me,
                case_id,
                item.key,
                {"state": NOT_APPLICABLE, "reason": form["reason"]},
                version=version,
                summary_max_age_months=age,
            )

        return FormScreen(
            "Not applicable",
            [Field("reason", "Why", "why this doesn't apply to the case", note=item.label)],
            {"reason": item.reason},
            save,
            subtitle=f"{self.detail.ref} · closure checklist",
            draft_key=f"closure-item:{case_id}:{item.key}",
            version=item.version,
        )

    def _marked(self, result: Any) -> None:
        self._marking = False
        self.checklist_list.focus()
        if isinstance(result, ClosureChecklist):
            self._show(result)
        else:
            self._next_mark()

    def _mark_failed(self, error: StoreError) -> None:
        self._asked.clear()  # what was asked next was asked of what is no longer so
        report(self.app, error)
        if isinstance(error, Conflict):
            # Theirs came first: show the checklist as it now is.
            app, case_id, age = self.caseline, self.detail.id, self.summary_age
            run_store(
                self,
                lambda: app.store.cases.closure_checklist(
                    app.me, case_id, summary_max_age_months=age
                ),
                done=self._show,
                name="closure-checklist",
            )
