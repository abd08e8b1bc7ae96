"""The scrolling page of a form, whose fields take the focus."""

from __future__ import annotations

from textual.containers import VerticalScroll


class FieldsScroll(VerticalScroll, can_focus=False):
    """A form's page: it scrolls to the field with the focus and never takes the focus itself.

    A page that takes the focus sits in the tab order as a stop that does nothing, and every
    time it gains or loses the focus Textual restyles everything under it (each field, label
    and message of the form): on a long form that is tens of milliseconds a keystroke."""
