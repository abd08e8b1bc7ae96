"""The keys every text area of Caseline answers to, beyond Textual's own.

People expect a text box to behave like the editors they know: ``ctrl+home`` and ``ctrl+end``
go to the start and end of the whole text (with ``shift``, selecting), and ``ctrl+a`` selects
all of it. Textual's TextArea binds ``ctrl+a`` to the start of the line (``home`` still does
that) and has nothing on ``ctrl+home``/``ctrl+end``. Every text area in the app derives from
this class (through ``SafeTextArea``), so they all answer the same way.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import TextArea


class EditingTextArea(TextArea):
    """A TextArea with whole-text movement and select-all keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+home",
            "cursor_text_start",
            "Start of text",
            tooltip="Go to the start of the text",
            show=False,
            id="text.start",
        ),
        Binding(
            "ctrl+end",
            "cursor_text_end",
            "End of text",
            tooltip="Go to the end of the text",
            show=False,
            id="text.end",
        ),
        Binding(
            "ctrl+shift+home",
            "cursor_text_start(True)",
            "Select to start",
            tooltip="Select to the start of the text",
            show=False,
            id="text.select_to_start",
        ),
        Binding(
            "ctrl+shift+end",
            "cursor_text_end(True)",
            "Select to end",
            tooltip="Select to the end of the text",
            show=False,
            id="text.select_to_end",
        ),
        Binding(
            "ctrl+a",
            "select_all",
            "Select all",
            tooltip="Select all the text",
            show=False,
            id="text.select_all",
        ),
    ]

    def action_cursor_text_start(self, select: bool = False) -> None:
        """Move the cursor to the start of the text (extending the selection if ``select``)."""
        self.move_cursor((0, 0), select=select)

    def action_cursor_text_end(self, select: bool = False) -> None:
        """Move the cursor to the end of the text (extending the selection if ``select``)."""
        self.move_cursor(self.document.end, select=select)
