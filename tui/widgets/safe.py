"""Editing widgets that never let typed or pasted control characters reach the terminal.

An Input or TextArea holds exactly what was typed or pasted (a note is stored as typed), but
Rich and Textual strip only five control characters when drawing: an ESC sequence pasted into a
note would be replayed to the terminal on every repaint. These subclasses drop control
characters from the rendered line only. Rich measures them as zero cells wide, so the cursor and
wrapping stay where the widget computed them. (The TextArea is in ``safe_text_area``: the
caseload's filter, on the first screen, needs no TextArea's code.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from rich.segment import Segment
from textual import events
from textual.strip import Strip
from textual.widgets import Input

from store.common.textsafe import pasted, single_line
from tui.widgets.textual_fixes import InOrderKeys, RepaintOnlyVirtualSize

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def safe_strip(strip: Strip) -> Strip:
    """The same strip with control characters removed from every segment's text."""
    segments = list(strip)
    if not any(_CONTROL.search(text) for text, _, control in segments if not control):
        return strip
    cleaned = [
        Segment(_CONTROL.sub("", text), style, control)
        if not control
        else Segment(text, style, control)
        for text, style, control in segments
    ]
    return Strip(cleaned, strip.cell_length)


class SafeInput(InOrderKeys, RepaintOnlyVirtualSize, Input):
    """An Input that draws control characters as nothing rather than sending them, takes keys
    in the order they were typed, and doesn't lay the screen out again as it is typed in
    (``tui.widgets.textual_fixes``)."""

    # Told of each new value at once, in the turn that changed it (a key, a paste, a value
    # set), before the Changed message is handled: what the value filters is then drawn in
    # the same frame as the text typed, not in a frame of its own after it.
    changed_now: Callable[[str], object] | None = None
    # Told of `enter` in its turn, before Submitted is posted: a filter moving the focus to its
    # list then does so before the next key is handed on (`enter enter` opens the first row).
    submitted_now: Callable[[], object] | None = None

    def __init__(
        self,
        *args: Any,
        changed_now: Callable[[str], object] | None = None,
        submitted_now: Callable[[], object] | None = None,
        **kw: Any,
    ):
        super().__init__(*args, **kw)
        self.changed_now = changed_now
        self.submitted_now = submitted_now

    _typing_on = False  # the next focus leaves the text unselected (``focus_to_type_on``)

    def focus_to_type_on(self) -> None:
        """Give this box the focus with its text as it was left, the cursor after it, not
        selected: what is typed next adds to it rather than replacing it."""
        self._typing_on = True
        self.screen.set_focus(self)

    def _on_focus(self, _event: events.Focus) -> None:
        # Textual calls Input's own _on_focus after this one (each class's handler is
        # called): it reads select_on_focus, put back once the Focus is dealt with.
        if self._typing_on and self.select_on_focus:
            self.select_on_focus = False
            self.call_next(setattr, self, "select_on_focus", True)
        self._typing_on = False

    async def action_submit(self) -> None:
        if self.submitted_now is not None:
            self.submitted_now()
        await super().action_submit()

    def watch_value(self, value: str) -> None:
        if self.changed_now is not None:
            self.changed_now(value)

    def render_line(self, y: int) -> Strip:
        return safe_strip(super().render_line(y))

    def clean_paste(self, text: str) -> str:
        """One line: a pasted address or name over several lines is kept whole, its lines
        joined by spaces (Textual's Input would keep only the first line)."""
        return single_line(pasted(text))
