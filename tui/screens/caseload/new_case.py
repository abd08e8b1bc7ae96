"""Creating a case: the client's details, the allocation, and a duplicate check first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.timer import Timer
from textual.widgets import Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from store.cases.input import NewCase
from store.cases.records import CaseDetail, DuplicateCandidate
from store.common import dates
from store.common.errors import InvalidInput, StoreError
from store.common.records import WorkerInfo
from store.common.validation import validate
from tui.screens.base import CaselineScreen, give_way
from tui.text import assemble, choices
from tui.widgets.date_field import BIRTH, TODAY_IF_BLANK, DateField
from tui.widgets.footer import CaselineFooter
from tui.widgets.lists import InOrderOptionList
from tui.widgets.safe import SafeInput
from tui.widgets.scroll import FieldsScroll
from tui.widgets.select import InOrderSelect
from tui.workers import report, run_store

FIELDS: tuple[tuple[str, str, str], ...] = (
    ("client_name", "Client name", "Full name (required)"),
    ("date_of_birth", "Date of birth", "e.g. 3/4/1990 or 1990-04-03"),
    ("address", "Address", ""),
    ("phone", "Phone", "e.g. 07700 900123"),
    ("ref", "Case ref", "automatic"),
    ("worker", "Worker", ""),
    ("allocated_on", "Allocated on", "today"),
)
DATE_FIELDS = {"date_of_birth": BIRTH, "allocated_on": TODAY_IF_BLANK}


@dataclass(frozen=True)
class NewCaseResult:
    """The case the form made, and whose caseload it is on. (An existing case chosen instead
    is opened by the form itself.)"""

    case_id: int
    worker_id: int | None = None


class NewCaseScreen(CaselineScreen[NewCaseResult | None]):
    """The new-case form."""

    CSS_PATH = "new_case.tcss"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+s",
            "save",
            "Save",
            tooltip="Check and create the case",
            id="new_case.save",
            priority=True,
        ),
        Binding(
            "escape",
            "cancel",
            "Cancel",
            tooltip="Leave without creating a case",
            id="new_case.cancel",
        ),
        Binding(
            "ctrl+d",
            "focus_duplicates",
            "Duplicates",
            tooltip="Go to the possible duplicates",
            id="new_case.duplicates",
            # From a text field too, where ctrl+d would otherwise delete a character.
            priority=True,
        ),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._candidates: list[DuplicateCandidate] = []
        self._checked_key: tuple[str, date | None] | None = None
        self._acknowledged: tuple[str, date | None] | None = None
        # ctrl+s pressed before the duplicate check caught up with the typing: save (or show
        # what it found) once it has checked the name and date as they were then.
        self._save_when_checked = False
        self._save_for: tuple[str, date | None] | None = None
        self._dup_timer: Timer | None = None
        self._saving = False

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "focus_duplicates":
            # None, not False: the key stays in the footer, and a text field keeps its own
            # ctrl+d while there is nothing to go to.
            return True if self._candidates else None
        return True

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static("New case", classes="title")
            yield Static(id="who", classes="who")
        with FieldsScroll(id="form"):
            for name, label, placeholder in FIELDS:
                with Horizontal(classes="field", id=f"row-{name}"):
                    yield Label(label, classes="label")
                    if name == "worker":
                        # Everyone else is added when the list of workers has been read.
                        me = self.caseline.me
                        yield InOrderSelect(
                            choices([(me.display_name, me.username)]),
                            value=self.caseline.me.username,
                            allow_blank=False,
                            id="worker",
                            compact=True,
                        )
                    elif name in DATE_FIELDS:
                        yield DateField(placeholder=placeholder, id=name, reading=DATE_FIELDS[name])
                    else:
                        yield SafeInput(placeholder=placeholder, id=name, compact=True)
                    if name not in DATE_FIELDS:
                        yield Static("", classes="hint", id=f"hint-{name}")
                yield Static("", classes="error-text field-error", id=f"error-{name}")
            yield Static("", id="dup-title", classes="section")
            yield Static("", id="dup-note")
            yield InOrderOptionList(id="duplicates", chosen=self._open_existing)
        yield CaselineFooter()

    def on_mount(self) -> None:
        self.query_one("#who", Static).update(assemble(self.caseline.me.display_name))
        self._preview_ref()
        run_store(self, self.caseline.store.workers.active, done=self._show_workers, name="workers")
        self.query_one("#duplicates", OptionList).display = False
        self._say("")
        self.query_one("#client_name", Input).focus()

    def _preview_ref(self) -> None:
        app = self.caseline
        run_store(
            self, lambda: app.store.cases.next_ref(app.me), done=self._show_ref_preview, name="ref"
        )

    def _show_ref_preview(self, ref: str) -> None:
        self.query_one("#ref", Input).placeholder = f"automatic ({ref})"

    def _show_workers(self, workers: list[WorkerInfo]) -> None:
        select: Select[str] = self.query_one("#worker", Select)
        chosen = select.value
        select.set_options(choices((w.display_name, w.username) for w in workers))
        if any(w.username == chosen for w in workers):
            select.value = chosen

    # -- reading the form ----------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name, _, _ in FIELDS:
            if name == "worker":
                data[name] = self.query_one("#worker", Select).value
            else:
                data[name] = self.query_one(f"#{name}", Input).value
        return data

    def is_dirty(self) -> bool:
        return any(str(v).strip() for k, v in self.values().items() if k != "worker")

    def _validation_context(self) -> dict[str, Any]:
        return {"dayfirst": self.caseline.config.dayfirst, "today": dates.today()}

    # -- live hints and errors -------------------------------------------------------------

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        name = event.input.id or ""
        self._set_error(name, "")
        if name in ("client_name", "date_of_birth"):
            self._say("")  # what it said was about the name and date typed before
            if self._dup_timer is not None:
                self._dup_timer.stop()
            self._dup_timer = self.set_timer(0.3, self._check_duplicates)

    def _set_error(self, name: str, message: str) -> None:
        matches = self.query(f"#error-{name}")
        if not matches:
            return
        error = matches.first(Static)
        error.update(assemble(message))
        error.display = bool(message)
        self.query_one(f"#row-{name}").set_class(bool(message), "-invalid")

    def _show_errors(self, errors: dict[str, str]) -> None:
        for name, _, _ in FIELDS:
            self._set_error(name, errors.get(name, ""))
        first = next((name for name, _, _ in FIELDS if name in errors), None)
        if first is not None:
            self.query_one(f"#{first}").focus()
        if "form" in errors:
            self.notify(errors["form"], severity="error", markup=False)

    # -- duplicates ----------------------------------------------------------------------

    def _duplicate_key(self) -> tuple[str, date | None] | None:
        name = self.query_one("#client_name", Input).value.strip()
        dob: date | None = None
        text = self.query_one("#date_of_birth", Input).value.strip()
        if text:
            try:
                dob = dates.parse_date(text, dayfirst=self.caseline.config.dayfirst)
            except dates.DateParseError:
                dob = None
        if len(name) < 2 and dob is None:
            return None
        return (name, dob)

    def _check_duplicates(self) -> None:
        key = self._duplicate_key()
        if key is None:
            self._show_duplicates([], None)
            return
        self._find_duplicates(key)

    def _find_duplicates(self, key: tuple[str, date | None]) -> None:
        app = self.caseline
        run_store(
            self,
            lambda: app.store.cases.possible_duplicates(app.me, key[0], key[1]),
            done=lambda found: self._show_duplicates(found, key),
            name="duplicates",
        )

    def _show_duplicates(
        self, candidates: list[DuplicateCandidate], key: tuple[str, date | None] | None
    ) -> None:
        self._candidates = candidates
        self._checked_key = key
        title = self.query_one("#dup-title", Static)
        options = self.query_one("#duplicates", OptionList)
        options.clear_options()
        options.display = bool(candidates)
        self.refresh_bindings()
        if self._save_when_checked and key == self._save_for:
            self._save_when_checked = False
            if key == self._duplicate_key():  # not typed on since: save, or show what it found
                self.call_later(self.action_save)
        if not candidates:
            title.update("")
            return
        title.update(
            f"Possible existing clients ({len(candidates)}): ctrl+d to go to them, "
            "enter opens the case instead"
        )
        for candidate in candidates:
            for option in _candidate_options(candidate):
                options.add_option(option)
        self._highlight_first(options)

    @staticmethod
    def _highlight_first(options: OptionList) -> None:
        """Highlight the first case that can be opened, so enter opens it straight away."""
        if options.highlighted is None or options.get_option_at_index(options.highlighted).disabled:
            options.highlighted = next(
                (
                    i
                    for i in range(options.option_count)
                    if not options.get_option_at_index(i).disabled
                ),
                None,
            )

    def _say(self, message: str) -> None:
        """A line in the form, above the duplicates (a toast would cover them)."""
        note = self.query_one("#dup-note", Static)
        note.update(assemble(message))
        note.display = bool(message)

    def action_focus_duplicates(self) -> None:
        options = self.query_one("#duplicates", OptionList)
        if options.display:
            self._highlight_first(options)
            options.focus()

    def _open_existing(self, option: Option) -> None:
        """enter or a click on an existing client's case: that case opens in place of the
        form, in the key's own turn, so the keys typed straight after it act on the case."""
        if option.id and option.id.startswith("case-") and give_way(self):
            self.caseline.open_case(int(option.id.removeprefix("case-")))

    # -- saving --------------------------------------------------------------------------

    def action_save(self) -> None:
        if self._saving:
            return
        data = self.values()
        try:
            new_case = validate(NewCase, data, **self._validation_context())
        except InvalidInput as exc:
            self._show_errors(exc.errors)
            return
        self._show_errors({})
        key = self._duplicate_key()
        if key != self._checked_key:
            # The check hasn't caught up with the latest typing: run it now, then save.
            self._save_when_checked, self._save_for = True, key
            self._check_duplicates()
            self._say("Checking for existing clients…")
            return
        if self._candidates and self._acknowledged != key:
            self._acknowledged = key
            self.action_focus_duplicates()
            self._say(
                "This may be an existing client (listed below). Open their case with enter, "
                "or press ctrl+s again to create a new case anyway."
            )
            return
        self._saving = True
        self._create(new_case)

    def _create(self, new_case: NewCase) -> None:
        app = self.caseline
        run_store(
            self,
            lambda: app.store.cases.create(app.me, new_case),
            done=self._saved,
            failed=self._save_failed,
            settled=self._save_ended,
            name="save",
        )

    def _save_ended(self) -> None:
        self._saving = False

    def _save_failed(self, error: StoreError) -> None:
        if isinstance(error, InvalidInput):
            self._show_errors(error.errors)
        else:
            report(self.app, error)

    def _saved(self, detail: CaseDetail) -> None:
        self.notify(
            f"Case {detail.ref} created for {detail.client_name}.", title="Saved", markup=False
        )
        self.dismiss(NewCaseResult(case_id=detail.id, worker_id=detail.worker_id))

    def action_cancel(self) -> None:
        if not self.is_dirty():
            self.dismiss(None)
            return
        from tui.screens.confirm import ConfirmScreen

        def answer(discard: bool | None) -> None:
            if discard:
                self.dismiss(None)

        self.app.push_screen(
            ConfirmScreen(
                "Discard this new case?",
                "Nothing has been saved yet.",
                yes="Discard",
                no="Keep editing",
            ),
            answer,
        )


def _candidate_options(candidate: DuplicateCandidate) -> list[Option]:
    """One line per existing case of the candidate (or one line if they have none)."""
    dob = f" · born {dates.format_date(candidate.date_of_birth)}" if candidate.date_of_birth else ""
    why = ", ".join(candidate.reasons)
    if not candidate.cases:
        return [Option(assemble((candidate.name, "bold"), dob, f"  ({why})"), disabled=True)]
    options = []
    for case_id, ref, status, worker in candidate.cases:
        held = f" ({worker})" if worker else ""
        options.append(
            Option(
                assemble(
                    (candidate.name, "bold"),
                    dob,
                    " · ",
                    ref,
                    f" {status.value}",
                    held,
                    f"  — {why}",
                ),
                id=f"case-{case_id}",
            )
        )
    return options
