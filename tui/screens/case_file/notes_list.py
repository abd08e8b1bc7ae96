"""The case file's notes tab: the case's notes newest first, one a line, filtered by text and
by type (a note is read in ``tui.screens.notes``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, OptionList, Select
from textual.widgets.option_list import Option

from store.core import dates
from tui.text import assemble, choices
from tui.widgets.lists import InOrderOptionList, refill
from tui.widgets.safe import SafeInput

if TYPE_CHECKING:
    from textual.screen import Screen

    from store.notes.records import NoteSummary

NOTES_AUTHOR_WIDTH = 100  # a narrower notes list leaves the author out: the text needs the room


def notes_content(note_types: Sequence[str]) -> list[Widget]:
    """The notes tab's widgets, unmounted."""
    return [
        Horizontal(
            SafeInput(placeholder="/ filter notes by text", id="notes-text", compact=True),
            Select(
                choices([("All types", ""), *note_types]),
                value="",
                allow_blank=False,
                id="notes-type",
                compact=True,
            ),
            id="notes-filter",
        ),
        InOrderOptionList(id="notes-list"),
    ]


class NotesList:
    """The notes tab of one case file: what it shows, and its filter."""

    def __init__(self, screen: Screen[Any]) -> None:
        self.file_screen = screen
        self.notes: list[NoteSummary] = []
        self.author_shown = True

    def filter(self) -> tuple[str, str | None]:
        """The text and type filter (none until the tab is built)."""
        if not self.file_screen.query("#notes-text"):
            return "", None
        text = self.file_screen.query_one("#notes-text", Input).value
        note_type = self.file_screen.query_one("#notes-type", Select).value
        return text, str(note_type or "") or None

    def filtered(self) -> bool:
        return bool(
            self.file_screen.query_one("#notes-text", Input).value.strip()
            or self.file_screen.query_one("#notes-type", Select).value
        )

    def with_author(self) -> bool:
        """Whether the notes list is wide enough to name each note's author and still leave
        the text most of the line (the note itself names its author)."""
        width = self.file_screen.query_one("#notes-list").size.width or self.file_screen.size.width
        return width >= NOTES_AUTHOR_WIDTH

    def resized(self) -> None:
        """Show the notes again if the author no longer fits, or fits again."""
        if (
            self.notes
            and self.file_screen.query("#notes-list")
            and self.with_author() != self.author_shown
        ):
            self.show(self.notes)

    def show(self, notes: list[NoteSummary]) -> None:
        self.notes = notes
        options = []
        with_author = self.author_shown = self.with_author()
        for note in notes:
            when = dates.to_local(note.contact_at)
            marks = ("★" if note.significant else " ") + (
                f" +{note.amendments}" if note.amendments else ""
            )
            author = note.author_name.split(" ")[0][:10].ljust(10) + " " if with_author else ""
            options.append(
                Option(
                    assemble(
                        (f"{dates.format_date(when.date())} {when:%H:%M}", "bold"),
                        f" {note.note_type:<12} ",
                        (author, "dim"),
                        f"{marks} ",
                        note.first_line,
                    ),
                    id=f"note-{note.id}",
                )
            )
        if not notes:
            empty = "No notes match." if self.filtered() else "No notes yet: press n to write one."
            options.append(Option(empty, disabled=True))
        refill(self.file_screen.query_one("#notes-list", OptionList), options)
