"""The minutes being written, as the store keeps them: which draft minutes and at which
version, whether the page is kept as typed beside them, and whose save wins when a colleague
saved the same minutes first. Nothing here touches the screen: these run in the screen's
workers (or, at exit, wherever the app is ending)."""

from __future__ import annotations

import json
import threading
from typing import TYPE_CHECKING, Any

from store.common.errors import Conflict, InvalidInput
from tui.screens.meetings.minutes_state import Sent, to_minutes

if TYPE_CHECKING:
    from datetime import datetime

    from store.common.records import WorkerInfo
    from store.common.settings import Config
    from store.conferences.records import ConferenceInfo, MinutesForEditing
    from store.service import Store


class MinutesDraft:
    """One meeting's minutes being written, and how the page is saved into them."""

    def __init__(self, case_id: int, label: str, conference_id: int | None) -> None:
        self.case_id = case_id
        self.label = label
        self.conference_id = conference_id
        self.version = 0
        self.write_lock = threading.Lock()  # one save (or finalising) at a time
        self.kept = False  # a form draft holds what was typed
        self.created_here = False  # the draft minutes were started by this page
        self.finished = False  # finalised, or closed: nothing more is saved
        # Someone else saved the draft first: their version (on show), and the version an
        # explicit ctrl+s after seeing it saves over. Autosave never saves over it, and a
        # conflict found by autosave is first answered by ctrl+s with the notice again.
        self.conflict: Conflict | None = None
        self.conflict_answered = False  # refused in answer to ctrl+s: the next one saves over
        self.save_over: int | None = None
        self.last_saved = ""  # the state last saved or kept, as JSON

    @property
    def draft_key(self) -> str | None:
        return f"conference:{self.conference_id}" if self.conference_id is not None else None

    def persist(
        self, store: Store, me: WorkerInfo, config: Config, state: dict[str, Any]
    ) -> tuple[str, dict[str, str], Sent]:
        """Save ``state`` into the draft minutes, or keep it as typed if the store refuses it.

        Returns ("saved" | "kept" | "conflict" | "finished", the store's errors, what was sent).
        Runs off the UI thread (or at exit).
        """
        sent = to_minutes(state)
        options: dict[str, Any] = {
            "dayfirst": config.dayfirst,
            "types": tuple(config.conference_types),
        }
        with self.write_lock:
            if self.finished:
                return "finished", {}, sent
            errors: dict[str, str] = {}
            outcome = "saved"
            try:
                if self.conference_id is None:
                    info = store.conferences.start(me, self.case_id, sent.data, **options)
                    self.created_here = True
                else:
                    if self.conflict is not None:
                        if self.save_over is None or self.save_over != self.conflict.version:
                            raise self.conflict
                        self.version, self.conflict = self.save_over, None
                    info = store.conferences.save(
                        me, self.conference_id, sent.data, version=self.version, **options
                    )
                self.conference_id, self.version = info.id, info.version
            except InvalidInput as exc:
                errors, outcome = exc.errors, "kept"
                if self.conference_id is None:
                    # Somewhere to keep the page: empty minutes, filled in once well-formed.
                    info = store.conferences.start(me, self.case_id, {}, **options)
                    self.conference_id, self.version = info.id, info.version
                    self.created_here = True
            except Conflict as exc:
                self.conflict = exc
                outcome = "conflict"
            self.last_saved = json.dumps(state, sort_keys=True)
            key = self.draft_key
            assert key is not None
            if outcome == "saved":
                if self.kept:
                    store.forms.discard_draft(me, key)
                    self.kept = False
            else:
                store.forms.save_draft(
                    me,
                    key,
                    # The version it was typed on: restored later, it is refused if a
                    # colleague saved the minutes meanwhile, rather than put back over theirs.
                    {"state": json.dumps(state, ensure_ascii=False), "version": str(self.version)},
                    title=f"Minutes · {self.label}"[:120],
                )
                self.kept = True
            return outcome, errors, sent

    def load(
        self, store: Store, me: WorkerInfo
    ) -> tuple[MinutesForEditing, tuple[dict[str, str], datetime] | None]:
        """The meeting's people, plan and minutes, and the page kept as typed (None if not)."""
        shown = store.conferences.minutes_for_editing(me, self.case_id, self.conference_id)
        key = self.draft_key
        return shown, store.forms.draft(me, key) if key else None

    def finalise(self, store: Store, me: WorkerInfo) -> ConferenceInfo:
        """Make the minutes a record, leaving no page kept beside them; the store's
        ``InvalidInput`` or ``Conflict`` if it refuses."""
        with self.write_lock:
            assert self.conference_id is not None
            info = store.conferences.finalise(me, self.conference_id, version=self.version)
            self.finished = True
            if self.kept and self.draft_key:
                store.forms.discard_draft(me, self.draft_key)
        return info

    def discard_untouched(self, store: Store, me: WorkerInfo, conference_id: int) -> int | None:
        """Minutes started here and emptied again: leave nothing behind. Returns their id if
        they were changed elsewhere meanwhile (kept, and listed as a draft), else None."""
        with self.write_lock:
            try:
                store.conferences.discard(me, conference_id, version=self.version)
                store.forms.discard_draft(me, f"conference:{conference_id}")
            except (InvalidInput, Conflict):
                return conference_id
        return None


def finalised_message(info: ConferenceInfo) -> str:
    """What is said once the minutes are finalised."""
    actions = len(info.actions)
    followed = (
        f"; its {actions} action{'s are' if actions != 1 else ' is'} followed up on the case"
        if actions
        else ""
    )
    return f"{info.title} minutes finalised. The chronology records the meeting{followed}."


def closed_message(outcome: str, errors: dict[str, str]) -> str:
    """What is said as the editor closes, the minutes saved ("saved") or kept as typed."""
    if outcome == "saved":
        return "Draft minutes kept. Open them again (e) to carry on, or finalise them."
    count = len(errors)
    return (
        "Minutes kept as typed"
        + (f"; {count} thing{'s' if count != 1 else ''} to fix" if count else "")
        + ". Open them again (e) to carry on."
    )
