"""Choosing a case for a note (ctrl+n anywhere), and choosing a draft to go back to."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.events import Key
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from store.cases.records import CaseRow
from store.common import dates
from store.common.errors import StoreError
from store.common.textsafe import fold, preview_line
from store.common.words import plural
from store.notes.records import DraftInfo, LeftDraft
from tui.screens.base import give_way
from tui.text import assemble
from tui.widgets.lists import InOrderOptionList
from tui.widgets.safe import SafeInput
from tui.workers import report, run_store, store_result

PICKER_CSS = """
    {name} {{ align: center top; background: $background 60%; }}
    {name} > Vertical {{
        width: 76; max-width: 100%; height: auto; max-height: 80%;
        margin-top: 2; border: round $primary; background: $surface; padding: 0 1;
    }}
    {name} .heading {{ text-style: bold; color: $text-primary; }}
    {name} Input {{ margin: 1 0; background: $boost; }}
    {name} OptionList {{
        height: auto; max-height: 16; border: none; background: $surface;
        text-wrap: nowrap; text-overflow: ellipsis;
    }}
    {name} .hint {{ color: $text-muted; }}
"""


def fuzzy_score(needle: str, haystack: str) -> float | None:
    """A score for ``needle``'s letters appearing in order in ``haystack``; None if they don't.

    Contiguous runs and a match at the start of a word score higher, so "jsm" finds
    "John Smith" and "smi" ranks "Smith" above "Osmiroglu".
    """
    if not needle:
        return 0.0
    if needle in haystack:
        start = haystack.index(needle)
        return 100.0 + (20.0 if start == 0 or haystack[start - 1] == " " else 0.0) - start * 0.01
    score, position, previous = 0.0, 0, -2
    for ch in needle:
        found = haystack.find(ch, position)
        if found < 0:
            return None
        score += 3.0 if found == previous + 1 else 1.0
        if found == 0 or haystack[found - 1] == " ":
            score += 2.0
        previous, position = found, found + 1
    return score


PICKER_HINT = "enter choose · ↑↓ move · esc cancel"


class CasePickerScreen(ModalScreen[None]):
    """Type part of a name or ref; recent cases first. The case chosen is opened by ``opens``."""

    DEFAULT_CSS = PICKER_CSS.format(name="CasePickerScreen")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        # Before the query box's own enter: the choice is made in the key's turn.
        Binding("enter", "choose", "Choose", show=False, priority=True, id="picker.choose"),
    ]

    def __init__(
        self,
        title: str = "New note for which case?",
        *,
        opens: Callable[[int, CasePickerScreen], Awaitable[None]],
    ) -> None:
        """``opens(case_id, picker)``: what choosing a case opens, awaited while the keys typed
        straight after `enter` wait, and replacing the picker itself. (Dismissed with the
        case, Textual would run its callback a message later, after those keys.)"""
        super().__init__()
        self.heading = title
        self._opens = opens
        self._mine: list[CaseRow] | None = None  # None until read
        self._others: list[CaseRow] = []
        self._others_for = ""  # the text the other workers' cases were found for
        self._shown_for: str | None = None  # the text the list shows the cases of

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.heading, classes="heading")
            yield SafeInput(placeholder="part of a name or case ref", id="query", compact=True)
            yield OptionList(id="cases")
            yield Static(PICKER_HINT, classes="hint", id="hint")

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()
        self._load()

    def _load(self) -> None:
        app: Any = self.app  # a CaselineApp
        run_store(self, lambda: app.store.cases.recent(app.me), done=self._loaded, name="picker")

    def _loaded(self, rows: list[CaseRow]) -> None:
        self._mine = rows
        self._refresh()

    def _search_others(self, text: str) -> None:
        app: Any = self.app  # a CaselineApp
        run_store(
            self,
            lambda: app.store.cases.find(app.me, text),
            done=lambda rows: self._found_others(text, rows),
            name="picker-search",
        )

    def _found_others(self, text: str, rows: list[CaseRow]) -> None:
        if text == self.query_one("#query", Input).value.strip():
            self._others, self._others_for = rows, text
            self._refresh()

    @on(Input.Changed, "#query")
    def _changed(self, event: Input.Changed) -> None:
        self._others, self._others_for = [], ""
        self._refresh()
        if len(fold(event.value.strip())) >= 2:
            self._search_others(event.value.strip())

    def _refresh(self) -> None:
        self._shown_for = self.query_one("#query", Input).value.strip()
        needle = fold(self._shown_for)
        scored: list[tuple[float, int, CaseRow]] = []
        for order, row in enumerate(self._mine or []):
            score = fuzzy_score(needle, row.search_key)
            if score is not None:
                scored.append((score, order, row))
        if needle:
            scored.sort(key=lambda s: (-s[0], s[1]))
        seen = {row.id for _, _, row in scored}
        others = [r for r in self._others if r.id not in seen and r.status.value != "closed"]
        options = self.query_one("#cases", OptionList)
        options.clear_options()
        for _, _, row in scored[:50]:
            options.add_option(_case_option(row, mine=True))
        for row in others[:20]:
            options.add_option(_case_option(row, mine=False))
        if options.option_count:
            options.highlighted = 0
        self._say_what_was_found(bool(options.option_count))

    def _say_what_was_found(self, found: bool) -> None:
        """The keys, or, once every look-up for what is typed has come back empty, that no
        case matches it (enter would otherwise do nothing, and say nothing)."""
        text = self._shown_for or ""
        looked = self._mine is not None and (len(fold(text)) < 2 or self._others_for == text)
        hint = self.query_one("#hint", Static)
        if found or not looked:
            hint.update(PICKER_HINT)
        elif text:
            hint.update(
                assemble(
                    "No case matches ",
                    (f"“{preview_line(text, 30)}”", "bold"),
                    ": type part of a client's name or a case ref · esc cancel",
                )
            )
        else:
            hint.update("No open cases to choose from · esc cancel")

    def on_key(self, event: Key) -> None:
        options = self.query_one("#cases", OptionList)
        if event.key in ("down", "up") and self.query_one("#query", Input).has_focus:
            event.stop()
            if options.option_count:
                current = options.highlighted or 0
                step = 1 if event.key == "down" else -1
                options.highlighted = max(0, min(options.option_count - 1, current + step))

    async def action_choose(self) -> None:
        """enter: the case highlighted for what is in the box now. Typed in one burst, the
        letters before enter are in the box but not yet in the list, nor perhaps the cases
        read: the list is brought up to date first, reading what it still lacks."""
        text = self.query_one("#query", Input).value.strip()
        if self._mine is None or text != self._shown_for:
            app: Any = self.app  # a CaselineApp
            try:
                if self._mine is None:
                    self._mine = await store_result(
                        app, lambda: app.store.cases.recent(app.me), name="picker"
                    )
                if len(fold(text)) < 2:
                    self._others, self._others_for = [], ""
                elif text != self._others_for:
                    self._others = await store_result(
                        app, lambda: app.store.cases.find(app.me, text), name="picker-search"
                    )
                    self._others_for = text
            except StoreError as error:
                report(app, error)
                return
            self._refresh()
        options = self.query_one("#cases", OptionList)
        if options.highlighted is not None:
            option = options.get_option_at_index(options.highlighted)
            await self._choose(int(str(option.id)))

    @on(OptionList.OptionSelected, "#cases")
    async def _selected(self, event: OptionList.OptionSelected) -> None:
        await self._choose(int(str(event.option.id)))

    def label_of(self, case_id: int) -> str:
        """The case as a form's subtitle names it ("ref · client"), if the list holds it."""
        rows = (*(self._mine or ()), *self._others)
        row = next((r for r in rows if r.id == case_id), None)
        return f"{row.ref} · {row.client_name}" if row is not None else ""

    async def _choose(self, case_id: int) -> None:
        await self._opens(case_id, self)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _case_option(row: CaseRow, *, mine: bool) -> Option:
    last = dates.relative_age(dates.to_local(row.last_contact_at) if row.last_contact_at else None)
    whose = "" if mine else f" · {row.worker_name or 'unallocated'}"
    return Option(
        assemble(
            (row.ref, "bold"), "  ", row.client_name, (f"  last contact {last}{whose}", "dim")
        ),
        id=str(row.id),
    )


class DraftsScreen(ModalScreen[None]):
    """The worker's unfinished notes, then those others left on the worker's cases (marked
    "left by" their author); enter reopens one of the worker's own, or reads one left."""

    DEFAULT_CSS = PICKER_CSS.format(name="DraftsScreen")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Close", id="drafts.cancel"),
    ]

    def __init__(
        self,
        drafts: list[DraftInfo],
        left: Sequence[LeftDraft] = (),
        *,
        opens: Callable[[DraftInfo | LeftDraft], None],
    ) -> None:
        """``opens(draft)``: what choosing a draft opens, in place of this screen and in the
        same turn as the `enter`, so the keys typed straight after it go there."""
        super().__init__()
        self.drafts = drafts
        self.left = list(left)
        self._opens = opens

    def compose(self) -> ComposeResult:
        count = len(self.drafts)
        heading = plural(count, "unsaved draft") if count else "No unsaved drafts of yours"
        if self.left:
            heading += f" · {plural(len(self.left), 'draft')} left on your cases"
        with Vertical():
            yield Static(heading, classes="heading")
            options = InOrderOptionList(id="drafts", chosen=self._chosen)
            for draft in self.drafts:
                saved = dates.format_datetime(dates.to_local(draft.updated_at))
                first = preview_line(draft.state.get("body", ""), 60, markdown=True)
                options.add_option(
                    Option(
                        assemble(
                            (draft.case_ref, "bold"),
                            "  ",
                            draft.client_name,
                            (f"  saved {saved}  ", "dim"),
                            (first, "italic"),
                        ),
                        id=str(draft.id),
                    )
                )
            for left in self.left:
                saved = dates.format_datetime(dates.to_local(left.updated_at))
                options.add_option(
                    Option(
                        assemble(
                            (left.case_ref, "bold"),
                            "  ",
                            left.client_name,
                            (f"  left by {left.author_name}", "bold"),
                            (f"  saved {saved}  ", "dim"),
                            (left.first_line[:60], "italic"),
                        ),
                        id=f"left-{left.id}",
                    )
                )
            yield options
            hint = "enter reopen · esc close"
            if self.left:
                hint = "enter reopen yours, or read one left by someone else · esc close"
            yield Static(hint, classes="hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        if options.option_count:
            options.highlighted = 0

    def _chosen(self, option: Option) -> None:
        chosen: DraftInfo | LeftDraft = next(
            (d for d in self.drafts if str(d.id) == option.id),
            None,
        ) or next(d for d in self.left if f"left-{d.id}" == option.id)
        if give_way(self):
            self._opens(chosen)

    def action_cancel(self) -> None:
        self.dismiss(None)
