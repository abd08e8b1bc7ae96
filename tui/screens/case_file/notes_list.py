"""The case file's notes tab: the case's notes newest first, one a line, filtered by text and
by type (a note is read in ``tui.screens.notes``).

The notes are read once, with each one's text folded; the filter then works in memory as the
worker types (no database call per key), and a keystroke that leaves the same notes shown
changes nothing on screen."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, OptionList, Select
from textual.widgets.option_list import Option

from store.common import dates
from store.notes.rules import note_matches
from tui.text import assemble, choices
from tui.widgets.lists import InOrderOptionList, refill
from tui.widgets.safe import SafeInput
from tui.workers import run_store

if TYPE_CHECKING:
    from textual.screen import Screen

    from store.notes.records import NoteSummary
    from tui.host import CaselineHost

NOTES_AUTHOR_WIDTH = 100  # a narrower notes list leaves the author out: the text needs the room


def notes_content(
    note_types: Sequence[str],
    chosen: Callable[[Option], object],
    filtered: Callable[[str], object],
    done: Callable[[], object],
) -> list[Widget]:
    """The notes tab's widgets, unmounted; ``chosen`` opens the note `enter` chose,
    ``filtered`` is told of the filter's text as it changes, ``done`` of `enter` in it (each
    in the key's turn)."""
    return [
        Horizontal(
            SafeInput(
                placeholder="/ filter notes by text",
                id="notes-text",
                compact=True,
                changed_now=filtered,
                submitted_now=done,
            ),
            Select(
                choices([("All types", ""), *note_types]),
                value="",
                allow_blank=False,
                id="notes-type",
                compact=True,
            ),
            id="notes-filter",
        ),
        InOrderOptionList(id="notes-list", chosen=chosen, filled_later=True),
    ]


class NotesList:
    """The notes tab of one case file: what it shows, and its filter."""

    def __init__(self, screen: Screen[Any]) -> None:
        self.file_screen = screen
        self.all_notes: list[NoteSummary] = []  # every finalised note, newest first
        self.notes: list[NoteSummary] = []  # those the filter lets through, shown
        self.author_shown = True
        self._options: dict[int, Option] = {}  # each note's line, made once per reading
        self._shown: list[int] | None = None  # the ids of the notes listed now

    def load(self, case_id: int) -> None:
        """Read the case's notes and their folded text, then show them as filtered."""
        app: CaselineHost = self.file_screen.app  # type: ignore[assignment]
        store, me = app.store, app.me
        run_store(
            self.file_screen,
            lambda: store.notes.for_case(me, case_id),
            done=self.set_notes,
            name="notes",
        )

    def set_notes(self, notes: list[NoteSummary]) -> None:
        """Every note of the case (unfiltered), each with its folded text, as just read."""
        if notes != self.all_notes:
            self._options.clear()
            self._shown = None
        self.all_notes = notes
        self.apply_filter()
        self.file_screen.query_one("#notes-list", InOrderOptionList).filled()

    def filter(self) -> tuple[str, str | None]:
        """The text and type filter (none until the tab is built)."""
        if not self.file_screen.query("#notes-text"):
            return "", None
        text = self.file_screen.query_one("#notes-text", Input).value
        note_type = self.file_screen.query_one("#notes-type", Select).value
        return text, str(note_type or "") or None

    def apply_filter(self) -> None:
        """Show the notes the filter lets through: folded text (case and accents ignored) in
        the note's text or who was present, and the type chosen."""
        text, note_type = self.filter()
        self.show([n for n in self.all_notes if note_matches(n, text, note_type)])

    def filtered(self) -> bool:
        text, note_type = self.filter()
        return bool(text.strip() or note_type)

    def with_author(self) -> bool:
        """Whether the notes list is wide enough to name each note's author and still leave
        the text most of the line (the note itself names its author)."""
        width = self.file_screen.query_one("#notes-list").size.width or self.file_screen.size.width
        return width >= NOTES_AUTHOR_WIDTH

    def resized(self) -> None:
        """Show the notes again if the author no longer fits, or fits again."""
        if (
            self.all_notes
            and self.file_screen.query("#notes-list")
            and self.with_author() != self.author_shown
        ):
            self._options.clear()
            self._shown = None
            self.show(self.notes)

    def show(self, notes: list[NoteSummary]) -> None:
        self.notes = notes
        ids = [n.id for n in notes]
        if ids == self._shown and ids:
            return  # the same notes listed: nothing to redraw
        self._shown = ids
        with_author = self.author_shown = self.with_author()
        options = [self._option(note, with_author) for note in notes]
        if not notes:
            empty = "No notes match." if self.filtered() else "No notes yet: press n to write one."
            options.append(Option(empty, disabled=True))
        refill(self.file_screen.query_one("#notes-list", OptionList), options)

    def _option(self, note: NoteSummary, with_author: bool) -> Option:
        """The note's line, made the first time it is listed after a reading."""
        option = self._options.get(note.id)
        if option is None:
            when = dates.to_local(note.contact_at)
            marks = ("★" if note.significant else " ") + (
                f" +{note.amendments}" if note.amendments else ""
            )
            author = note.author_name.split(" ")[0][:10].ljust(10) + " " if with_author else ""
            option = self._options[note.id] = Option(
                assemble(
                    (f"{dates.format_date(when.date())} {when:%H:%M}", "bold"),
                    f" {note.note_type:<12} ",
                    (author, "dim"),
                    f"{marks} ",
                    note.first_line,
                ),
                id=f"note-{note.id}",
            )
        return option
