"""What every Caseline screen shares: typed access to the app, and failures reported."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from textual import events, on
from textual._context import active_message_pump
from textual.await_complete import AwaitComplete
from textual.message_pump import MessagePump
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from tui.widgets.textual_fixes import deliver_key, release_drawn_lines
from tui.workers import report

if TYPE_CHECKING:
    from tui.host import CaselineHost

ResultType = TypeVar("ResultType")


def give_way(screen: Screen[Any]) -> bool:
    """Take ``screen`` off the top at once, for what its key opens in its place in the same
    turn: the keys typed straight after that key then go to what opened. (Dismissed with a
    result, its callback would run a message later, after those keys had reached the screen
    beneath.) False, with nothing done, if ``screen`` is no longer on top: the app locked
    meanwhile, and nothing opens over the lock."""
    if screen.app.screen is not screen:
        return False
    screen.app.pop_screen()
    return True


@contextmanager
def answered_to(asker: MessagePump) -> Iterator[None]:
    """What is pushed with a callback meanwhile is answered to ``asker``. Textual answers
    whatever is handling the message of the moment (a focused field, a question), and drops
    the answer if that is gone by the time it comes."""
    asking = active_message_pump.set(asker)
    try:
        yield
    finally:
        active_message_pump.reset(asking)


async def open_in_place(asker: MessagePump, opens: Callable[[], Awaitable[None]]) -> None:
    """Run ``opens``, what a question's answer opens in the question's place, as if ``asker``
    ran it: what it pushes with a callback is answered there (Textual would answer the
    question, closed by then, and drop it)."""
    with answered_to(asker):
        await opens()


class DismissedOnTop(Screen[ResultType]):
    """A screen that, dismissed while another covers it (the lock, pushed while its save was
    waiting for the database), goes only once it is on top again. Textual's ``dismiss`` takes
    off whatever screen is on top: here that would have been the lock."""

    _dismissed_with: tuple[Any] | None = None

    def dismiss(self, result: ResultType | None = None) -> AwaitComplete:
        app = self.app
        if app.screen is not self:
            # Covered: it goes once on top again. Gone already (closed by a key while its
            # save ran): nothing more, rather than taking off the screen now on top.
            if self in app.screen_stack:
                self._dismissed_with = (result,)
            done: AwaitComplete = AwaitComplete.nothing()  # type: ignore[no-untyped-call]
            return done
        return super().dismiss(result)

    @on(events.ScreenResume)
    def _dismiss_held(self) -> None:
        held, self._dismissed_with = self._dismissed_with, None
        if held is not None:
            self.dismiss(held[0])


class CaselineScreen(DismissedOnTop[ResultType]):
    """A screen whose background jobs report their failures to the worker, never crash."""

    _host: CaselineHost | None = None

    @property
    def caseline(self) -> CaselineHost:
        """The app, kept once found: work in a thread may ask for it after the screen has
        closed, when Textual has none to give (a thread has no active app, a closed screen no
        parent)."""
        if self._host is None:
            self._host = self.app  # type: ignore[assignment]
        return self._host  # type: ignore[return-value]

    @on(events.Key)
    async def _pass_on_to_the_focus(self, event: events.Key) -> None:
        """A key sent to the screen itself because nothing had the focus when it came (typed
        while the screen was being put up: `/` and a name straight after the command): if
        something has the focus now, the key goes there, in order, as if typed a moment later.
        Left to bubble back to the app, `/` moved the focus to the filter after the letters
        behind it had gone by, and they were lost."""
        if (
            getattr(event, "sent_unfocused", False)
            and self.focused is not None
            and not event._stop_propagation  # a screen's own handler took it
        ):
            event.stop()
            event.prevent_default()
            await deliver_key(self.app, events.Key(event.key, event.character))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        # Worker state messages don't bubble, so each screen passes failures on.
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            report(self.app, event.worker.error)

    def on_unmount(self) -> None:
        # Closed: nothing of it stays in Textual's caches (tui.widgets.textual_fixes, 5).
        release_drawn_lines()
