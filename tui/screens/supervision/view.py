"""A supervision note read in full: when, who, what was discussed and the actions agreed
(rendered Markdown), with every amendment beneath; ``m`` amends it, for those who may."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from store.common import dates
from store.supervision.records import SupervisionDetail
from tui.screens.base import CaselineScreen
from tui.screens.form import Field, FormScreen
from tui.text import assemble
from tui.widgets.footer import CaselineFooter
from tui.widgets.held_input import HoldsInput
from tui.widgets.markdown import SafeMarkdown


class SupervisionViewScreen(HoldsInput, CaselineScreen[None]):
    """A finalised supervision note as a reader sees it."""

    DEFAULT_CSS = """
    SupervisionViewScreen #supervision-scroll { padding: 0 1; }
    SupervisionViewScreen #supervision-meta { margin: 1 0; }
    SupervisionViewScreen .heading { margin-top: 1; text-style: bold; color: $text-primary; }
    SupervisionViewScreen .amendment-head { margin-top: 1; color: $text-warning; text-style: bold; }
    SupervisionViewScreen .amendment-reason { color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the record", id="supervision_view.back"),
        Binding(
            "m",
            "amend",
            "Amend",
            tooltip="Add a correction (the note itself never changes)",
            id="supervision_view.amend",
        ),
    ]

    def __init__(self, note_id: int) -> None:
        super().__init__()
        self.note_id = note_id
        self.note: SupervisionDetail | None = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "amend":
            return self.note is not None and self.note.can_amend
        return True

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static("Supervision", id="supervision-view-title", classes="title")
        with VerticalScroll(id="supervision-scroll"):
            yield Static(id="supervision-meta")
            yield SafeMarkdown(id="supervision-body")
            yield Static("Actions agreed", id="actions-heading", classes="heading")
            yield SafeMarkdown(id="supervision-actions")
            yield VerticalScroll(id="amendments")
        yield CaselineFooter()

    def on_mount(self) -> None:
        app, note_id = self.caseline, self.note_id
        self.read_then_let_through(
            lambda: app.store.supervision.get(app.me, note_id, opening=True),
            done=self._show,
            failed=self._refused,
            name="supervision-note",
        )

    def _refused(self, error: Exception) -> None:
        self.app.notify(str(error), markup=False, timeout=8)
        self.dismiss(None)

    def _show(self, note: SupervisionDetail) -> None:
        self.note = note
        self.query_one("#supervision-view-title", Static).update(
            assemble(("Supervision", "bold"), " · ", note.worker_name)
        )
        held = dates.format_date(note.held_on) if note.held_on else ""
        lines = [
            assemble(("Held on   ", "dim"), " ", held),
            assemble(("Written by", "dim"), " ", note.author_name),
        ]
        self.query_one("#supervision-meta", Static).update(Content("\n").join(lines))
        self.query_one("#supervision-body", SafeMarkdown).show(note.body)
        actions = self.query_one("#supervision-actions", SafeMarkdown)
        actions.show(note.agreed_actions or "None recorded.")
        container = self.query_one("#amendments", VerticalScroll)
        container.remove_children()
        for amendment in note.amendments:
            stamp = dates.format_datetime(dates.to_local(amendment.created_at))
            container.mount(
                Static(
                    assemble(f"Amended {stamp} by ", amendment.author_name),
                    classes="amendment-head",
                ),
                Static(assemble("Reason: ", amendment.reason), classes="amendment-reason"),
                SafeMarkdown(amendment.body),
            )
        self.refresh_bindings()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_amend(self) -> None:
        note = self.note
        if note is None or not note.can_amend:
            return
        supervision, me = self.caseline.store.supervision, self.caseline.me

        def save(values: dict[str, str]) -> SupervisionDetail:
            return supervision.amend(me, note.id, reason=values["reason"], body=values["body"])

        def done(result: SupervisionDetail | None) -> None:
            if result is not None:
                self.notify("Amendment added; the original note is unchanged.", markup=False)
                self._show(result)

        held = dates.format_date(note.held_on) if note.held_on else ""
        self.app.push_screen(
            FormScreen(
                "Amend supervision note",
                [
                    Field("reason", "Reason", "why the note needs correcting"),
                    Field("body", "Correction", multiline=True),
                ],
                {},
                save,
                subtitle=f"{note.worker_name} · {held}",
            ),
            done,
        )
