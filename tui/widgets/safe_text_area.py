"""The TextArea of ``tui.widgets.safe``: control characters drawn as nothing, keys taken in
the order they were typed, and the app's editing keys (``tui.widgets.text_area``)."""

from __future__ import annotations

from textual.strip import Strip

from tui.widgets.safe import safe_strip
from tui.widgets.text_area import EditingTextArea
from tui.widgets.textual_fixes import InOrderKeys


class SafeTextArea(InOrderKeys, EditingTextArea):
    """A TextArea that draws control characters as nothing rather than sending them, takes
    keys in the order they were typed, and answers to the app's editing keys
    (``tui.widgets.text_area``)."""

    def render_line(self, y: int) -> Strip:
        return safe_strip(super().render_line(y))
