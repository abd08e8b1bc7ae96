"""One chronology entry in full: what happened, where it came from, what it means."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from store.case_file.records import ChangeInfo
from store.chronology.records import ChronologyItem
from store.common import dates
from tui.screens.base import CaselineScreen
from tui.screens.chronology.pane import SOURCE_LABELS
from tui.screens.form import Field, FormScreen
from tui.text import assemble
from tui.widgets.date_field import PAST
from tui.widgets.footer import CaselineFooter
from tui.widgets.held_input import HoldsInput
from tui.widgets.markdown import SafeMarkdown

if TYPE_CHECKING:
    from tui.host import CaselineHost


def entry_fields(categories: Sequence[str]) -> list[Field]:
    return [
        Field("occurred_on", "Date", "e.g. 3/4/2026, yesterday, -2w", date=PAST),
        Field("category", "Category", "Choose a category", choices=tuple(categories)),
        Field("title", "Event", "what happened, in a few words"),
        Field("details", "Details", multiline=True),
        Field("source_of_information", "Reported by", "e.g. School (DSL), Police, the client"),
        Field("analysis", "Analysis", multiline=True),
    ]


ANALYSIS_FIELDS = [Field("analysis", "Analysis", multiline=True)]


def new_entry_screen(app: CaselineHost, case_id: int, label: str) -> FormScreen:
    """The form for a manual entry, dated today."""
    store, me, config = app.store, app.me, app.config
    return FormScreen(
        "Chronology entry",
        entry_fields(config.chronology_categories),
        {"occurred_on": "today", "category": "other"},
        lambda form: store.chronology.add(
            me, case_id, form, dayfirst=config.dayfirst, categories=config.chronology_categories
        ),
        subtitle=label,
    )


def edit_entry_screen(app: CaselineHost, entry: ChronologyItem, label: str) -> FormScreen:
    """The whole form for a manual entry; for an automatic one, only its analysis."""
    store, me, config = app.store, app.me, app.config
    if entry.source_kind == "note":
        # A significant note's entry: its category was the worker's choice, and can change.
        from store.chronology.rules import chronology_categories

        categories = chronology_categories(config.chronology_categories)
        # One no longer configured stays on offer until changed (the store keeps it as it is).
        offered = categories if entry.category in categories else (*categories, entry.category)
        return FormScreen(
            "Category and analysis",
            [
                Field("category", "Category", "Choose a category", choices=offered),
                *ANALYSIS_FIELDS,
            ],
            {"category": entry.category, "analysis": entry.analysis},
            lambda form: store.chronology.annotate(
                me,
                entry.id,
                form["analysis"],
                version=entry.version,
                category=form["category"],
                categories=categories,
            ),
            subtitle=entry.title,
        )
    if not entry.is_manual:
        return FormScreen(
            "Analysis",
            ANALYSIS_FIELDS,
            {"analysis": entry.analysis},
            lambda form, version: store.chronology.annotate(
                me, entry.id, form["analysis"], version=version
            ),
            subtitle=entry.title,
            version=entry.version,
        )
    values = {
        "occurred_on": dates.format_date(entry.occurred_on),
        "category": entry.category,
        "title": entry.title,
        "details": entry.details,
        "source_of_information": entry.source_of_information,
        "analysis": entry.analysis,
    }
    return FormScreen(
        "Chronology entry",
        entry_fields(config.chronology_categories),
        values,
        lambda form, version: store.chronology.update(
            me,
            entry.id,
            form,
            version=version,
            dayfirst=config.dayfirst,
            categories=config.chronology_categories,
        ),
        subtitle=label,
        version=entry.version,
    )


class ChronologyEntryScreen(HoldsInput, CaselineScreen[None]):
    """A chronology entry with its history; e edits a manual entry or annotates any."""

    DEFAULT_CSS = """
    ChronologyEntryScreen #entry-scroll { padding: 0 1; }
    ChronologyEntryScreen #entry-meta { margin: 1 0 0 0; }
    ChronologyEntryScreen .heading { text-style: bold; color: $text-primary; margin-top: 1; }
    ChronologyEntryScreen #entry-history { color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the chronology", id="entry.back"),
        Binding(
            "e", "edit", "Edit", tooltip="Edit (manual entries) or add an analysis", id="entry.edit"
        ),
        Binding(
            "o",
            "open_source",
            "Open source",
            tooltip="Open the note this entry came from",
            id="entry.source",
        ),
    ]

    def __init__(self, entry_id: int, case_label: str) -> None:
        super().__init__()
        self.entry_id = entry_id
        self.case_label = case_label
        self.entry: ChronologyItem | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static("Chronology entry", id="entry-title", classes="title")
            yield Static(assemble(self.case_label), classes="who")
        with VerticalScroll(id="entry-scroll"):
            yield Static(id="entry-meta")
            yield Static("Details", classes="heading")
            yield SafeMarkdown(id="entry-details")
            yield Static("Analysis", classes="heading")
            yield SafeMarkdown(id="entry-analysis")
            yield Static("History", classes="heading", id="entry-history-heading")
            yield Static(id="entry-history")
        yield CaselineFooter()

    def on_mount(self) -> None:
        self._load(opening=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_source":
            return self.entry is not None and _has_note(self.entry)
        return True

    def _load(self, *, opening: bool = False) -> None:
        store, me, entry_id = self.caseline.store, self.caseline.me, self.entry_id

        def read() -> tuple[ChronologyItem, list[ChangeInfo]]:
            return (
                store.chronology.entry(me, entry_id, opening=opening),
                store.case_file.history(me, "chronology_entry", entry_id),
            )

        self.read_then_let_through(read, done=self._show, name="entry")

    def _show(self, found: tuple[ChronologyItem, list[ChangeInfo]]) -> None:
        entry, history = found
        self.entry = entry
        self.refresh_bindings()
        self.query_one("#entry-title", Static).update(
            assemble(("Chronology entry", "bold"), " · ", entry.title)
        )
        source = SOURCE_LABELS.get(entry.source_kind, entry.source_kind)
        if entry.source_kind == "note":
            source += " (automatic: its category and analysis can be changed)"
        elif not entry.is_manual:
            source += " (automatic: it can be annotated, not edited)"
        lines = [
            assemble(
                ("Date         ", "dim"),
                dates.format_date(entry.occurred_on),
                ("  before the current allocation", "italic")
                if entry.before_current_allocation
                else "",
            ),
            assemble(("Category     ", "dim"), entry.category),
            assemble(("Event        ", "dim"), (entry.title, "bold")),
            assemble(("Source       ", "dim"), source),
        ]
        if entry.source_of_information:
            lines.append(assemble(("Reported by  ", "dim"), entry.source_of_information))
        if entry.author_name:
            lines.append(assemble(("Recorded by  ", "dim"), entry.author_name))
        if entry.updated_at is not None:
            changed = dates.format_datetime(dates.to_local(entry.updated_at))
            lines.append(assemble(("Last changed ", "dim"), changed))
        self.query_one("#entry-meta", Static).update(Content("\n").join(lines))
        self.query_one("#entry-details", SafeMarkdown).show(entry.details or "*No details.*")
        self.query_one("#entry-analysis", SafeMarkdown).show(
            entry.analysis or "*No analysis yet: press e to add what this means for the client.*"
        )
        self.query_one("#entry-history-heading").display = bool(history)
        block = self.query_one("#entry-history", Static)
        block.display = bool(history)
        block.update(Content("\n").join(_change_line(c) for c in history))

    def on_screen_resume(self) -> None:
        if self.entry is not None:
            self._load()

    def action_back(self) -> None:
        self.dismiss(None)

    def action_edit(self) -> None:
        if self.entry is None:
            return

        manual = self.entry.is_manual or self.entry.source_kind == "note"

        def done(result: ChronologyItem | None) -> None:
            if result is not None:
                self.notify(
                    "Entry saved; the earlier version is kept in its history."
                    if manual
                    else "Analysis saved.",
                    markup=False,
                )

        self.app.push_screen(edit_entry_screen(self.caseline, self.entry, self.case_label), done)

    def action_open_source(self) -> None:
        entry = self.entry
        if entry is not None and _has_note(entry):
            from tui.screens.notes.note_view import NoteViewScreen

            self.app.push_screen(NoteViewScreen(entry.source_id))  # type: ignore[arg-type]


def open_source(app: CaselineHost, entry: ChronologyItem, label: str) -> None:
    """Open the record an entry came from: its note, its plan (a review scrolled to first), its
    minutes or its referral; otherwise the entry itself (an allocation, a transfer, a status
    change or a manual entry has no other record to show)."""
    if _has_note(entry):
        from tui.screens.notes.note_view import NoteViewScreen

        app.push_screen(NoteViewScreen(entry.source_id))  # type: ignore[arg-type]
    elif entry.source_kind == "conference" and entry.source_id is not None:
        from tui.screens.meetings.conferences import MinutesScreen

        app.push_screen(MinutesScreen(entry.source_id, label))
    elif entry.source_kind == "referral" and entry.source_id is not None:
        from tui.screens.referrals.view import ReferralScreen

        app.push_screen(ReferralScreen(entry.source_id, label))
    elif entry.source_kind in ("plan", "plan_review") and entry.source_id is not None:
        from tui.screens.plan.view import PlanViewScreen

        if entry.source_kind == "plan":
            app.push_screen(PlanViewScreen(entry.source_id, label))
        else:
            app.push_screen(PlanViewScreen(None, label, review_id=entry.source_id))
    else:
        app.push_screen(ChronologyEntryScreen(entry.id, label))


def _has_note(entry: ChronologyItem) -> bool:
    return entry.source_kind == "note" and entry.source_id is not None


def _change_line(change: ChangeInfo) -> Content:
    """ "12 Mar 2026 14:02 Sam Okafor: title was "…" """
    when = dates.format_datetime(dates.to_local(change.changed_at))
    was = " ".join((change.old_value or "").split())
    if len(was) > 60:
        was = was[:59] + "…"
    return assemble(
        (when, "bold"),
        f" {change.changed_by}: {change.field.replace('_', ' ')} was ",
        (f"“{was}”" if was else "blank", "italic"),
    )
