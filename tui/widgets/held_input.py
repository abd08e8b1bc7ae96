"""Keys and pastes typed into a screen before it is ready for them, kept and passed on in order.

A form that restores what was typed last time looks the draft up in a thread after it opens.
Keys typed meanwhile (``e`` and the words after it in one burst, over a slow link) were taken
by the fields and then overwritten by the draft, and lost. A screen mixing in ``HoldsInput``
calls ``hold_input()`` until it is ready and ``let_input_through()`` once it is: what its
fields were sent in between is handed to the focused field then, in the order it was typed,
as if typed a moment later (``tui.widgets.textual_fixes.kept_by_screen`` keeps it).

A screen that reads what it shows after it opens (a case's meetings, tasks, a note, Today)
does the same while it reads (``read_then_let_through``): `M enter` or `K x` typed in one
burst act on what was read, not on the empty screen before it. Keys that reach the screen
itself while it holds (nothing focused yet, or a widget that doesn't keep input let them by)
are kept too (``on_key``).
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from textual import events

from store.common.errors import StoreError
from tui.widgets.beneath_lock import LOCK_KEY, locked_out
from tui.widgets.textual_fixes import forward
from tui.workers import report, run_store

if TYPE_CHECKING:
    from textual.screen import Screen
    from textual.timer import Timer

    _ScreenBase = Screen[Any]
else:
    _ScreenBase = object

T = TypeVar("T")

# Never held longer than this: a draft that takes longer to look up (the database busy) comes
# after what is typed, and then restores only the fields still as the form opened them.
HOLD_AT_MOST_SECONDS = 2.0

# Keys never held: the lock acts at once, whatever the screen is waiting for (ctrl+l typed
# while a form's save waited for a busy database locked only once the save was done).
AT_ONCE_KEYS = frozenset({LOCK_KEY})


class HoldsInput(_ScreenBase):
    """Mix into a Screen subclass, before the Screen."""

    _held_input: list[events.Key | events.Paste] | None = None
    _hold_ends: Timer | None = None  # what lets it through after a while, if nothing has

    def hold_input(self) -> None:
        """Keep what the fields are sent until ``let_input_through`` (or for a while)."""
        if self._held_input is None:
            self._held_input = []
            self._hold_ends = self.set_timer(HOLD_AT_MOST_SECONDS, self.let_input_through)

    def hold_input_until(self, ready: asyncio.Event) -> None:
        """Keep what is typed until ``ready`` is set (or for a while), unless something
        keeps it already (and lets it through in its turn)."""
        if self._held_input is not None:
            return
        self.hold_input()
        held = self._held_input

        async def then_let_through() -> None:
            await ready.wait()
            if self._held_input is held:  # this hold, not one begun after it was let through
                self.let_input_through()

        self.run_worker(then_let_through(), group="hold-input", exit_on_error=False)

    @property
    def holding_input(self) -> bool:
        """Whether what is typed is being kept for now."""
        return self._held_input is not None

    def keeps_input(self, event: events.Key | events.Paste) -> bool:
        if self._held_input is None:
            return False
        if isinstance(event, events.Key) and event.key in AT_ONCE_KEYS:
            return False
        self._held_input.append(event)
        return True

    def on_key(self, event: events.Key) -> None:
        """A key that reached the screen itself while input is held (nothing had the focus,
        or a widget that doesn't keep input let it by): kept too, or its binding would run
        ahead of what was kept before it, on records not yet read."""
        if self.keeps_input(event):
            event.stop()
            event.prevent_default()

    def read_then_let_through(
        self,
        call: Callable[[], T],
        *,
        done: Callable[[T], object],
        failed: Callable[[StoreError], object] | None = None,
        name: str,
    ) -> None:
        """Read what the screen shows (``call``, a store call, in a thread; ``done`` shows
        it), holding what is typed meanwhile: `M enter` or `K x` in one burst act on the
        meetings or the tasks read, not on the empty list before them. A read that fails is
        said (or given to ``failed``), and what was kept goes on: to a screen ``done``
        opened, if it did (`d enter`: the drafts read, listed, and the first reopened)."""
        self.hold_input()

        async def then_let_through(answer: object) -> None:
            try:
                if inspect.isawaitable(answer):
                    await answer
            finally:
                self.let_input_through(onward=self.app.screen is not self)

        def not_read(error: StoreError) -> object:
            if failed is not None:
                return then_let_through(failed(error))
            report(self.app, error)
            return then_let_through(None)

        run_store(
            self,
            call,
            done=lambda result: then_let_through(done(result)),
            failed=not_read,
            name=name,
        )

    def close_then_let_through(self, result: Any = None) -> None:
        """Close with ``result`` (its write done): what was kept meanwhile goes to the screen
        beneath."""
        self.dismiss(result)
        self.let_input_through()

    def not_done(self, error: StoreError) -> None:
        """The write or the read what was typed waited for failed: said, and what was kept
        goes back into the screen, which stays."""
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
        if locked_out(self):
            return  # typed before the lock (`M enter`, ctrl+l): not for its passphrase box
        for event in held or ():
            if isinstance(event, events.Key):
                again: events.Key | events.Paste = events.Key(event.key, event.character)
            else:
                again = events.Paste(event.text)
            if closed:
                app.post_message(again)
            else:
                forward(self.focused or self, again)
