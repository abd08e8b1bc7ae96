"""Reading one note in full, with its amendments beneath it; amending it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from store.common import dates
from store.notes.records import NoteDetail
from tui.screens.base import CaselineScreen
from tui.screens.form import Field, FormScreen
from tui.text import assemble
from tui.widgets.footer import CaselineFooter
from tui.widgets.held_input import HoldsInput
from tui.widgets.markdown import SafeMarkdown
from tui.widgets.safe_text_area import SafeTextArea
from tui.workers import read_in_turn

MARKDOWN_LIMIT = 50_000  # characters of a note formatted as Markdown; longer is plain text


class NoteViewScreen(HoldsInput, CaselineScreen[None]):
    """A note as a reader sees it: who, when, what, and every correction since."""

    DEFAULT_CSS = """
    NoteViewScreen #note-scroll { padding: 0 1; }
    NoteViewScreen #note-meta { margin: 1 0; }
    NoteViewScreen .amendment-head { margin-top: 1; color: $text-warning; text-style: bold; }
    NoteViewScreen .amendment-reason { color: $text-muted; }
    NoteViewScreen #note-plain { height: 20; display: none; }
    NoteViewScreen #note-size { color: $text-muted; display: none; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the case", id="note_view.back"),
        Binding(
            "m",
            "amend",
            "Amend",
            tooltip="Add a correction (the note itself never changes)",
            id="note_view.amend",
        ),
    ]

    def __init__(self, note_id: int) -> None:
        super().__init__()
        self.note_id = note_id
        self.note: NoteDetail | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static("Note", id="note-title", classes="title")
            yield Static("", id="note-status", classes="who")
        with VerticalScroll(id="note-scroll"):
            yield Static(id="note-meta")
            yield SafeMarkdown(id="note-body")
            # A very long note (a pasted report) is shown as text: formatting hundreds of
            # thousands of characters of Markdown would stall the screen.
            yield Static(id="note-size")
            yield SafeTextArea(id="note-plain", read_only=True, soft_wrap=True)
            yield VerticalScroll(id="amendments")
        yield CaselineFooter()

    def on_mount(self) -> None:
        self._load(opening=True)

    def _load(self, *, opening: bool = False) -> None:
        app, note_id = self.caseline, self.note_id
        self.read_then_let_through(
            lambda: app.store.notes.get(app.me, note_id, opening=opening),
            done=self._show,
            name="note",
        )

    def _show(self, note: NoteDetail) -> None:
        self.note = note
        when = dates.format_datetime(dates.to_local(note.contact_at))
        self.query_one("#note-title", Static).update(
            assemble(("Note", "bold"), " · ", note.case_ref, " · ", note.client_name)
        )
        self.query_one("#note-status", Static).update(
            "final" if note.status == "final" else "draft"
        )
        lines = [
            assemble(("When      ", "dim"), when, "  ", (note.note_type, "bold")),
            assemble(("Written by", "dim"), " ", note.author_name),
        ]
        if note.present:
            lines.append(assemble(("Present   ", "dim"), " ", note.present))
        if note.significant:
            lines.append(assemble(("Chronology", "dim"), " ", note.chronology_title))
        if note.follow_up_on:
            lines.append(assemble(("Follow-up ", "dim"), " ", dates.format_date(note.follow_up_on)))
        from textual.content import Content

        self.query_one("#note-meta", Static).update(Content("\n").join(lines))
        long = len(note.body) > MARKDOWN_LIMIT
        markdown = self.query_one("#note-body", SafeMarkdown)
        plain = self.query_one("#note-plain", SafeTextArea)
        size = self.query_one("#note-size", Static)
        markdown.display, plain.display, size.display = not long, long, long
        if long:
            size.update(f"{len(note.body):,} characters, shown as typed: too long to format.")
            plain.load_text(note.body)
            markdown.show("")
        else:
            markdown.show(note.body)
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

    def action_back(self) -> None:
        self.dismiss(None)

    async def action_amend(self) -> None:
        note = self.note
        if note is None:
            # `m` typed in the same burst as the enter that opened the note, before it was
            # read: it is read now, while the keys after `m` wait, rather than `m` dropped.
            app, note_id = self.caseline, self.note_id
            note = await read_in_turn(
                app, lambda: app.store.notes.get(app.me, note_id), name="note-now"
            )
        if note is None or note.status != "final":
            return
        store, me = self.caseline.store, self.caseline.me
        when = dates.format_datetime(dates.to_local(note.contact_at))

        def save(values: dict[str, str]) -> NoteDetail:
            return store.notes.amend(me, note.id, reason=values["reason"], body=values["body"])

        def done(result: NoteDetail | None) -> None:
            if result is not None:
                self.notify("Amendment added; the original note is unchanged.", markup=False)
                self._show(result)

        self.app.push_screen(
            FormScreen(
                "Amend note",
                [
                    Field("reason", "Reason", "why the note needs correcting"),
                    Field("body", "Correction", multiline=True),
                ],
                {},
                save,
                subtitle=f"{note.case_ref} · {when}",
            ),
            done,
        )
