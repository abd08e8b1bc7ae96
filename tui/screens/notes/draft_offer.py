"""Starting a note on a case that already has a draft: carry on with it, or start another.

Without this, `n` on a case with an unfinished note began a second one, and drafts piled up on
the case. Every way of starting a note (`n` on the caseload or in the case file, ctrl+n) goes
through ``start_note``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store.common import dates
from store.common.errors import StoreError
from store.common.textsafe import preview_line
from store.notes.records import DraftInfo
from tui.screens.base import give_way
from tui.screens.caseload.pickers import PICKER_CSS
from tui.text import assemble
from tui.widgets.lists import InOrderOptionList
from tui.workers import read_in_turn

if TYPE_CHECKING:
    from tui.host import CaselineHost

NEW = "new"


async def start_note(
    app: CaselineHost, case_id: int, case_label: str | None, *, leaving: Screen[Any] | None = None
) -> None:
    """Open the note editor on a case, first offering the worker's drafts on it, if any
    (``case_label`` None: the case's reference and client are read with the drafts).

    For a key (`n`, or enter on the case picker): the drafts are read while the keys typed after
    it wait, then the editor (or the offer of drafts) opens in one step, in place of
    ``leaving`` if given, so those keys are typed there, not taken as the keys of the screen
    beneath (`t` transferring the case). A read that fails is said, and nothing opens."""
    found = await read_in_turn(app, _looker(app, case_id, case_label), name="case-drafts")
    if found is not None and (leaving is None or give_way(leaving)):
        _found(app, case_id, *found)


def _looker(
    app: CaselineHost, case_id: int, case_label: str | None
) -> Callable[[], tuple[str, list[DraftInfo]]]:
    def look() -> tuple[str, list[DraftInfo]]:
        label = _label_for(app, case_id) if case_label is None else case_label
        return label, [d for d in app.store.notes.drafts(app.me) if d.case_id == case_id]

    return look


def _label_for(app: CaselineHost, case_id: int) -> str:
    """The case as the note editor's title names it; blank if it can't be read."""
    try:
        detail = app.store.cases.get(app.me, case_id)
    except StoreError:
        return ""
    return f"{detail.ref} · {detail.client_name}"


def _found(app: CaselineHost, case_id: int, case_label: str, drafts: list[DraftInfo]) -> None:
    from tui.screens.notes.note_editor import NoteEditorScreen

    if not drafts:
        app.push_screen(NoteEditorScreen(case_id, case_label))
        return

    def opens(answer: DraftInfo | None) -> None:
        app.push_screen(NoteEditorScreen(case_id, case_label, answer))

    app.push_screen(DraftOfferScreen(drafts, case_label, opens=opens))


class DraftOfferScreen(ModalScreen[None]):
    """The case's unsaved notes, newest first, and "start a new note"; escape does neither."""

    DEFAULT_CSS = PICKER_CSS.format(name="DraftOfferScreen")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Start nothing", id="draft_offer.cancel"),
        Binding(
            "n",
            "new",
            "New note",
            tooltip="Start a new note, keeping the drafts",
            id="draft_offer.new",
        ),
    ]

    def __init__(
        self,
        drafts: list[DraftInfo],
        case_label: str,
        *,
        opens: Callable[[DraftInfo | None], None],
    ) -> None:
        """``opens(draft)``: the editor for the draft chosen, or for a new note (None), opened
        in place of this screen in the same turn as the key, so the words typed straight
        after it go into the note."""
        super().__init__()
        self.drafts = drafts
        self.case_label = case_label
        self._opens = opens

    def compose(self) -> ComposeResult:
        count = len(self.drafts)
        with Vertical():
            yield Static(
                assemble(
                    (
                        f"{'An unsaved note' if count == 1 else f'{count} unsaved notes'}",
                        "bold",
                    ),
                    " on ",
                    self.case_label or "this case",
                ),
                classes="heading",
            )
            options = InOrderOptionList(id="draft-offer", chosen=self._chosen)
            for draft in self.drafts:
                saved = dates.format_datetime(dates.to_local(draft.updated_at))
                options.add_option(
                    Option(
                        assemble(
                            "Continue the note saved ",
                            (saved, "bold"),
                            "  ",
                            (preview_line(draft.state.get("body", ""), 50), "italic"),
                        ),
                        id=str(draft.id),
                    )
                )
            options.add_option(Option("Start a new note", id=NEW))
            yield options
            yield Static("enter choose · n new note · esc cancel", classes="hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        options.highlighted = 0  # carrying on is the usual wish

    def _chosen(self, option: Option) -> None:
        if option.id == NEW:
            self.action_new()
            return
        self._answer(next(d for d in self.drafts if str(d.id) == option.id))

    def action_new(self) -> None:
        self._answer(None)

    def _answer(self, draft: DraftInfo | None) -> None:
        if give_way(self):
            self._opens(draft)

    def action_cancel(self) -> None:
        self.dismiss(None)
