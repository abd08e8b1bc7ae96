"""A choice box that takes its keys in the order they were typed (``tui.widgets.textual_fixes``):
`tab` and the words after it, typed together or pasted over a slow link, move on to the next
field and are typed there. Textual's own Select would be handed the words before its `tab` had
moved the focus, and drop them."""

from __future__ import annotations

from typing import TypeVar

from textual import events
from textual.widgets import Select

from tui.widgets.textual_fixes import InOrderKeys

T = TypeVar("T")


class InOrderSelect(InOrderKeys, Select[T]):
    """A Select taking keys in order."""

    async def _take_key(self, event: events.Key) -> None:
        if getattr(event, "_waiting_at", None) is not self and self.screen.focused is not self:
            return  # come up from its open list of choices, which Textual's way serves
        await super()._take_key(event)
