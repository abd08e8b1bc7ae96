"""A list whose records are read after it is shown: an `enter` typed before they are in waits
for them, and the keys typed after it wait too.

Keys typed in one burst (a slow SSH link delivers them together) can reach a list before its
records: `enter`, `3`, `/`, words, `enter`, `enter` from the caseload opens the case, its notes
and their filter, then chooses, all before the notes are read. The list was empty then, and the
last `enter` opened nothing. A list mixing in ``FilledLater`` is told ``filled_later()`` while
its records are on their way and ``filled()`` once they are in; an `enter` in between asks the
screen to hold what is typed after it (``tui.widgets.held_input.HoldsInput``), and chooses when
the records are in, before that is handed on to whatever it opened.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.widget import Widget

    _Base = Widget
else:
    _Base = object


class FilledLater(_Base):
    """Mix into a list widget with an ``action_select`` (sync or async), before the widget."""

    _filled = True
    _enter_waiting = False

    if TYPE_CHECKING:

        def action_select(self) -> object: ...  # the list's own: `enter`

    @property
    def filling(self) -> bool:
        """Whether the list's records are still on their way."""
        return not self._filled

    def filled_later(self) -> None:
        """New records are on their way: an `enter` waits for ``filled()``."""
        self._filled = False

    def enter_waits(self) -> bool:
        """Whether `enter` is to wait for the records (the screen then holds what follows)."""
        screen: Any = self.screen
        if self._enter_waiting and not getattr(screen, "holding_input", False):
            self._filled, self._enter_waiting = True, False  # given up on: read failed
        hold = getattr(screen, "hold_input", None)
        if self._filled or hold is None:
            return False
        hold()
        self._enter_waiting = True
        return True

    def filled(self, *, choose: bool = True) -> None:
        """The list's records are in: an `enter` that waited for them chooses now (unless
        not ``choose``: none could be read), and what was typed after it goes on, to
        whatever that opened."""
        self._filled = True
        waiting, self._enter_waiting = self._enter_waiting, False
        screen: Any = self.screen
        if not waiting or not getattr(screen, "holding_input", False):  # given up on since
            return
        selected = self.action_select() if choose else None
        if not inspect.isawaitable(selected):
            screen.pass_input_on()
            return

        async def then_pass_on() -> None:
            await selected  # what it opens reads first
            screen.pass_input_on()

        self.call_next(then_pass_on)
