"""Keys and pastes typed into a screen before it is ready for them, kept and passed on in order.

A form that restores what was typed last time looks the draft up in a thread after it opens.
Keys typed meanwhile (``e`` and the words after it in one burst, over a slow link) were taken
by the fields and then overwritten by the draft, and lost. A screen mixing in ``HoldsInput``
calls ``hold_input()`` until it is ready and ``let_input_through()`` once it is: what its
fields were sent in between is handed to the focused field then, in the order it was typed,
as if typed a moment later (``tui.widgets.textual_fixes.kept_by_screen`` keeps it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events

from store.common.errors import StoreError
from tui.widgets.textual_fixes import forward
from tui.workers import report

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.timer import Timer

    _ScreenBase = Screen[Any]
else:
    _ScreenBase = object

# Never held longer than this: a draft that takes longer to look up (the database busy) comes
# after what is typed, and then restores only the fields still as the form opened them.
HOLD_AT_MOST_SECONDS = 2.0


class HoldsInput(_ScreenBase):
    """Mix into a Screen subclass, before the Screen."""

    _held_input: list[events.Key | events.Paste] | None = None
    _hold_ends: Timer | None = None  # what lets it through after a while, if nothing has

    def hold_input(self) -> None:
        """Keep what the fields are sent until ``let_input_through`` (or for a while)."""
        if self._held_input is None:
            self._held_input = []
            self._hold_ends = self.set_timer(HOLD_AT_MOST_SECONDS, self.let_input_through)

    @property
    def holding_input(self) -> bool:
        """Whether what is typed is being kept for now."""
        return self._held_input is not None

    def keeps_input(self, event: events.Key | events.Paste) -> bool:
        if self._held_input is None:
            return False
        self._held_input.append(event)
        return True

    def close_then_let_through(self, result: Any = None) -> None:
        """Close with ``result`` (its write done): what was kept meanwhile goes to the screen
        beneath."""
        self.dismiss(result)
        self.let_input_through()

    def not_written(self, error: StoreError) -> None:
        """The write what was typed waited for failed: said, and what was kept goes back
        into the screen, which stays."""
        report(self.app, error)
        self.let_input_through()

    def pass_input_on(self) -> None:
        """Hand what was kept to the screen on top now (what the key that waited opened), as
        if typed now; then keep nothing more."""
        self.let_input_through(onward=True)

    def let_input_through(self, *, onward: bool = False) -> None:
        """Hand what was kept to the focused field, in order; then keep nothing more. If the
        screen has closed meanwhile (a form saved: what was typed after ctrl+s is for the
        screen beneath), or ``onward``, it goes to the app, as if typed now."""
        held, self._held_input = self._held_input, None
        if self._hold_ends is not None:  # not to end a hold begun after this one
            self._hold_ends.stop()
            self._hold_ends = None
        app = self.app
        closed = onward or self not in app.screen_stack
        for event in held or ():
            if isinstance(event, events.Key):
                again: events.Key | events.Paste = events.Key(event.key, event.character)
            else:
                again = events.Paste(event.text)
            if closed:
                app.post_message(again)
            else:
                forward(self.focused or self, again)
