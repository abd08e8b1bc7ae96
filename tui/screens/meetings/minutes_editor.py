"""Writing a meeting's minutes, during the meeting or straight after it.

One scrolling page in the order a meeting runs: when, where, what kind and who chaired; who
came and who sent apologies (picked from the case's people or added on the spot); the client's
views in their words; the agenda with its discussion; information shared; decisions; the
actions agreed; a plan review held in the meeting; the next meeting date.

What is typed is saved two seconds after a pause and whenever the app goes away. While the
minutes are well-formed it is saved into the draft minutes themselves; while something is not
yet (an action with no due date, a date mistyped) the page is kept exactly as typed, as a form
draft beside the minutes, and offered again when they are next opened. ``ctrl+s`` checks and
saves, showing any problem at its field; ``f9`` finalises (ctrl+f searches everywhere).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Input, Select, Static, TextArea

from store.common import dates
from store.common.errors import Conflict, InvalidInput, StoreError
from tui.screens.base import CaselineScreen
from tui.screens.meetings.minutes_draft import MinutesDraft, closed_message, finalised_message
from tui.screens.meetings.minutes_page import MinutesPage, page_fields
from tui.screens.meetings.minutes_rows import ActionRow, PersonRow, RowBlock, row_of
from tui.screens.meetings.minutes_state import (
    Sent,
    from_minutes,
    kept_state,
    new_minutes,
    to_minutes,
    untouched,
)
from tui.text import assemble
from tui.widgets.conflict import ConflictNotice
from tui.widgets.footer import CaselineFooter
from tui.widgets.held_input import HoldsInput
from tui.widgets.scroll import FieldsScroll
from tui.workers import report, run_store

if TYPE_CHECKING:
    from store.conferences.records import ConferenceInfo, MeetingPerson
    from store.plans.records import PlanInfo

AUTOSAVE_SECONDS = 2.0


class MinutesEditorScreen(HoldsInput, CaselineScreen[int | None]):
    """The minutes of one meeting being written; dismisses with the conference id (or None
    if nothing was written)."""

    CSS_PATH = "minutes_editor.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            tooltip="Check and save",
            id="minutes_editor.save",
            priority=True,
        ),
        Binding(
            "f9",
            "finalise",
            "Finalise",
            tooltip="Make the minutes a record (then only amended)",
            id="minutes_editor.finalise",
            priority=True,
        ),
        Binding(
            "ctrl+o",
            "add_row",
            "Add row",
            tooltip="Add a person, an agenda item or an action, where the cursor is",
            id="minutes_editor.add_row",
            priority=True,
        ),
        Binding(
            "ctrl+d",
            "remove_row",
            "Remove row",
            tooltip="Remove the row the cursor is in",
            id="minutes_editor.remove_row",
            priority=True,
            show=False,
        ),
        Binding(
            "ctrl+r",
            "review",
            "Review",
            tooltip="Review the service plan in this meeting",
            id="minutes_editor.review",
            priority=True,
        ),
        Binding(
            "escape",
            "close",
            "Close",
            tooltip="Close; the draft is kept",
            id="minutes_editor.close",
        ),
    ]

    def __init__(self, case_id: int, label: str, conference_id: int | None = None) -> None:
        super().__init__()
        self.case_id = case_id
        self.label = label
        self.draft = MinutesDraft(case_id, label, conference_id)
        self.page = MinutesPage(self)
        self.plan: PlanInfo | None = None
        self.review_held = False
        self._initial: dict[str, Any] = {}
        self._page_ready = False
        self._dirty = False
        self._busy = False
        self._timer: Timer | None = None
        self._owners_timer: Timer | None = None

    # What tests and the screen read of the draft minutes (see MinutesDraft).

    @property
    def conference_id(self) -> int | None:
        return self.draft.conference_id

    @property
    def version(self) -> int:
        return self.draft.version

    @property
    def _finished(self) -> bool:
        return self.draft.finished

    @_finished.setter
    def _finished(self, finished: bool) -> None:
        self.draft.finished = finished

    # -- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        types = list(self.caseline.config.conference_types)
        with Horizontal(classes="title-bar"):
            yield Static(assemble(("Minutes", "bold"), " · ", self.label), classes="title")
            yield Static("", id="draft-status", classes="who")
        with FieldsScroll(id="page"):
            yield from page_fields(types)
        yield ConflictNotice()
        yield CaselineFooter()

    def on_mount(self) -> None:
        for error in self.query(".field-error"):
            error.display = False
        self.query_one("#review-body").display = False
        self.query_one("#page").disabled = True
        self._load()

    def _load(self) -> None:
        store, me = self.caseline.store, self.caseline.me
        run_store(
            self,
            lambda: self.draft.load(store, me),
            done=lambda got: self._fill(got[0].people, got[0].plan, got[0].conference, got[1]),
            name="minutes-load",
        )

    def _fill(
        self,
        people: list[MeetingPerson],
        plan: PlanInfo | None,
        info: ConferenceInfo | None,
        kept: tuple[dict[str, str], Any] | None,
    ) -> None:
        self.page.people = people
        self.plan = plan
        if info is not None:
            if info.is_final:
                self.notify("These minutes are finalised; add an amendment instead.", markup=False)
                self._finished = True
                self.dismiss(None)
                return
            self.draft.version = info.version
            state = from_minutes(info, people)
            self._show_review(info)
        else:
            state = new_minutes(self.caseline.me.display_name)
            self._show_review(None)
        self._initial = state
        restored = kept_state(kept)
        self._set_state(restored or state)
        self.draft.kept = kept is not None
        if restored is not None and kept is not None and kept[0].get("version", "").isdigit():
            self.draft.version = int(kept[0]["version"])
        self.query_one("#page").disabled = False
        self.query_one("#held_at").focus()
        if restored is not None and kept is not None:
            when = dates.format_datetime(dates.to_local(kept[1]))
            self.notify(
                f"Restored the minutes as you left them ({when}).",
                title="Draft",
                markup=False,
                timeout=8,
            )
            self._status("restored as typed")

    def _became_ready(self) -> None:
        self._page_ready = True
        self._dirty = False
        if self.conference_id is not None:
            self.draft.last_saved = json.dumps(self.state(), sort_keys=True)

    # -- people ---------------------------------------------------------------------------------

    def _refresh_owners(self) -> None:
        self._owners_timer = None
        self.page.refresh_owners()

    # -- state ---------------------------------------------------------------------------------

    def state(self) -> dict[str, Any]:
        """The page exactly as typed."""
        return self.page.state()

    def _set_state(self, state: dict[str, Any]) -> None:
        self.page.set_state(state, self.caseline.me.display_name)
        self.call_later(self._mount_rows, state)

    async def _mount_rows(self, state: dict[str, Any]) -> None:
        await self.page.mount_rows(state)
        self.call_after_refresh(self._became_ready)

    def is_untouched(self) -> bool:
        """Nothing typed into new minutes (or all of it taken out again)."""
        new = self.conference_id is None or self.draft.created_here
        return new and not self.review_held and self.state() == untouched(self._initial)

    # -- changes and autosave ------------------------------------------------------------------

    def _changed(self) -> None:
        if not self._page_ready or self._finished:
            return
        self._dirty = True
        if self._timer is None:
            self._timer = self.set_timer(AUTOSAVE_SECONDS, self._autosave)

    def _autosave(self) -> None:
        self._timer = None
        self.flush()

    def flush(self) -> None:
        """Save what is typed now (in a thread) if anything changed since the last save."""
        if not self._dirty or self._finished or self.is_untouched():
            return
        self._dirty = False
        state = self.state()
        if json.dumps(state, sort_keys=True) == self.draft.last_saved:
            return
        self._persist_in_thread(state, explicit=False)

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        self.page.clear_error(event.input)
        row = row_of(event.input)
        if isinstance(row, PersonRow) and self._page_ready:
            self._owners_soon()
        self._changed()

    @on(TextArea.Changed)
    def _text_changed(self, event: TextArea.Changed) -> None:
        self.page.clear_error(event.text_area)
        self._changed()

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        self.page.clear_error(event.select)
        row = row_of(event.select)
        if isinstance(row, PersonRow):
            row.show_who()
            if self._page_ready:
                self._owners_soon()
        elif isinstance(row, ActionRow):
            row.show_owner()
        # The cursor stays on the choice, as in every drop-down: a name box shown for someone
        # new comes next, so `tab` reaches it and the name lands there.
        self._changed()

    def on_descendant_blur(self) -> None:
        # Moving to another field is a natural pause: save what there is.
        if self._page_ready:
            self.flush()

    def _owners_soon(self) -> None:
        if self._owners_timer is not None:
            self._owners_timer.stop()
        self._owners_timer = self.set_timer(0.3, self._refresh_owners)

    def _status(self, text: str) -> None:
        if self.is_mounted:
            self.query_one("#draft-status", Static).update(text)

    # -- saving ----------------------------------------------------------------------------------

    def _persist_in_thread(self, state: dict[str, Any], explicit: bool, then: str = "") -> None:
        store, me, config = self.caseline.store, self.caseline.me, self.caseline.config
        run_store(
            self,
            lambda: self.draft.persist(store, me, config, state),
            done=lambda saved: self._persisted(*saved, explicit, then),
            name="minutes-save",
            exclusive=False,
        )

    def _persisted(
        self, outcome: str, errors: dict[str, str], sent: Sent, explicit: bool, then: str
    ) -> None:
        stamp = dates.now_local().strftime("%H:%M:%S")
        if outcome == "saved":
            self._status(f"saved {stamp}")
        elif outcome == "kept":
            count = len(errors)
            self._status(f"kept as typed {stamp} · {count} to fix")
        elif outcome == "conflict":
            self._status(f"kept as typed {stamp}")
            if self.draft.conflict is not None:
                self.draft.conflict_answered = self.draft.conflict_answered or explicit
                self.query_one(ConflictNotice).show(
                    self.draft.conflict, found_by_autosave=not self.draft.conflict_answered
                )
        if outcome == "saved":
            self.query_one(ConflictNotice).withdraw()
            self.draft.conflict_answered = False
        if then == "close":
            self._close_with(outcome, errors)
            return
        if explicit or then:
            self._busy = False
            self.page.show_errors(errors, sent)
            if outcome == "saved" and then == "finalise":
                self._confirm_finalise()
            elif outcome == "saved" and then == "review":
                self._open_review()
            elif outcome == "saved" and explicit:
                self.notify("Draft minutes saved. Finalise them with f9 when ready.", markup=False)
            elif outcome == "kept":
                what = "finalising" if then == "finalise" else "saving"
                self.notify(
                    f"Kept as typed; fix the {'problem' if len(errors) == 1 else 'problems'} "
                    f"marked before {what}.",
                    severity="warning",
                    markup=False,
                )

    def action_save(self) -> None:
        if self._busy or not self._page_ready or self._finished:
            return
        self._busy = True
        self._dirty = False
        notice = self.query_one(ConflictNotice)
        if notice.can_save_over and self.draft.conflict_answered:
            assert notice.conflict is not None
            self.draft.save_over = notice.conflict.version  # seen: this save goes on top of it
        self._persist_in_thread(self.state(), True)

    def save_draft_now(self) -> bool:
        """Keep what is typed, at once (the terminal is going away); True if there was anything."""
        if (saver := self.draft_saver()) is None:
            return False
        saver()
        return True

    def draft_saver(self) -> Callable[[], None] | None:
        """What keeps the page as typed now, to run in any thread (None: nothing to keep)."""
        if not self._page_ready or self._finished or self.is_untouched():
            return None
        store, me, config = self.caseline.store, self.caseline.me, self.caseline.config
        state, draft = self.state(), self.draft

        def save() -> None:
            draft.persist(store, me, config, state)

        return save

    # -- finalising ------------------------------------------------------------------------------

    def action_finalise(self) -> None:
        if self._busy or not self._page_ready or self._finished:
            return
        self._busy = True
        self._dirty = False
        self._persist_in_thread(self.state(), False, "finalise")

    def _confirm_finalise(self) -> None:
        from tui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self._busy = True
                self._finalise()

        self.app.push_screen(
            ConfirmScreen(
                "Finalise these minutes?",
                "They become part of the case record: afterwards they can only be amended. "
                "The chronology records the meeting and its actions are followed up on the case.",
                yes="Finalise",
                no="Keep editing",
            ),
            answer,
        )

    def _finalise(self) -> None:
        store, me = self.caseline.store, self.caseline.me
        self.hold_input()  # what is typed meanwhile: for the screen beneath once closed
        run_store(
            self,
            lambda: self.draft.finalise(store, me),
            done=self._finalised,
            failed=self._finalise_failed,
            name="minutes-finalise",
        )

    def _finalise_failed(self, exc: StoreError) -> None:
        self.let_input_through()
        if not isinstance(exc, (InvalidInput, Conflict)):
            report(self.app, exc)
            return
        errors = exc.errors if isinstance(exc, InvalidInput) else {"form": str(exc)}
        self._busy = False
        self.page.show_errors(errors, to_minutes(self.state()))

    def _finalised(self, info: ConferenceInfo) -> None:
        self.notify(finalised_message(info), title="Finalised", markup=False)
        self.close_then_let_through(info.id)

    # -- rows ----------------------------------------------------------------------------------

    async def action_add_row(self) -> None:
        if not self._page_ready or self._finished:
            return
        await self.page.add_row()
        self._changed()

    def action_remove_row(self) -> None:
        if not self._page_ready or self._finished or self.focused is None:
            return
        row = row_of(self.focused)
        if row is None:
            self.notify("Move to a person, an agenda item or an action to remove it.", markup=False)
            return
        if row.is_blank():
            self._remove(row)
            return
        from tui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self._remove(row)

        what = {"person": "this person", "agenda": "this agenda item", "action": "this action"}
        kind = (row.id or "").split("-")[0]
        self.app.push_screen(
            ConfirmScreen(f"Remove {what.get(kind, 'this row')}?", yes="Remove", no="Keep"), answer
        )

    def _remove(self, row: RowBlock) -> None:
        siblings = list(row.parent.children) if row.parent else []
        index = siblings.index(row) if row in siblings else 0
        neighbour = (siblings[index - 1] if index else None) or (
            siblings[index + 1] if len(siblings) > 1 else None
        )
        is_person = isinstance(row, PersonRow)

        async def gone() -> None:
            await row.remove()
            if isinstance(neighbour, RowBlock):
                neighbour.first().focus()
            if is_person:
                self._refresh_owners()
            self._changed()

        self.call_later(gone)

    # -- the plan review -----------------------------------------------------------------------

    def _show_review(self, info: ConferenceInfo | None) -> None:
        if self.page.show_review(info, self.plan):
            self.review_held = True

    def action_review(self) -> None:
        if self._busy or not self._page_ready or self._finished:
            return
        if self.review_held:
            self.notify("The plan was reviewed in this meeting already.", markup=False)
            return
        if self.plan is None or not self.plan.open_goals:
            self.notify("The case has no service plan with open goals to review.", markup=False)
            return
        self._busy = True
        self._dirty = False
        self._persist_in_thread(self.state(), False, "review")

    def _open_review(self) -> None:
        from tui.screens.form import FormScreen
        from tui.screens.plan.forms import review_fields

        plan = self.plan
        conference_id = self.conference_id
        if plan is None or conference_id is None:
            return
        store, me, dayfirst = self.caseline.store, self.caseline.me, self.caseline.config.dayfirst
        values = self.page.review_values(dayfirst)

        def done(result: object) -> None:
            if result is not None:
                self.notify(
                    "Plan review recorded with the plan and in these minutes.", markup=False
                )
                self._reload_review()

        self.app.push_screen(
            FormScreen(
                f"Review of plan {plan.number} in this meeting",
                review_fields(plan),
                values,
                lambda form: store.plans.review(
                    me, plan.id, form, dayfirst=dayfirst, conference_id=conference_id
                ),
                subtitle=self.label,
                draft_key=f"plan_review:{plan.id}",
            ),
            done,
        )

    def _reload_review(self) -> None:
        store, me, conference_id = self.caseline.store, self.caseline.me, self.conference_id
        assert conference_id is not None
        run_store(
            self,
            lambda: store.conferences.get(me, conference_id),
            done=self._show_review,
            name="minutes-review",
            exclusive=False,
        )

    # -- closing ---------------------------------------------------------------------------------

    def action_close(self) -> None:
        if self._finished:
            return
        if self._busy:
            return
        if not self._page_ready or self.is_untouched():
            self._finished = True
            if self.conference_id is None:
                self.dismiss(None)
            else:
                self._busy = True
                self.hold_input()
                self._discard_untouched(self.conference_id)
            return
        self._busy = True
        self.hold_input()  # what is typed while it saves: for the screen beneath
        self._persist_in_thread(self.state(), False, "close")

    def _discard_untouched(self, conference_id: int) -> None:
        store, me = self.caseline.store, self.caseline.me
        run_store(
            self,
            lambda: self.draft.discard_untouched(store, me, conference_id),
            done=self.close_then_let_through,
            name="minutes-discard",
            exclusive=False,
        )

    def _close_with(self, outcome: str, errors: dict[str, str]) -> None:
        self._finished = True
        self.notify(closed_message(outcome, errors), markup=False)
        self.close_then_let_through(self.conference_id)
