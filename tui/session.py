"""Who is at the keyboard, from sign-in to the lock, and keeping up with colleagues.

The app starts signed out when the worker must sign in (``SignIn``): until they have, and
whenever the screen is locked, none of the app's own actions that could show a record run.
A worker who signed in with a passphrase gets the screen locked after ``idle_lock_minutes``
without a key, or at once with ctrl+l; what they were writing is kept as their drafts first.
And now and then the app asks the database whether anyone changed it, so the screen showing
records can read them again.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.await_complete import AwaitComplete
from textual.binding import Binding, BindingType
from textual.screen import Screen

from store.common import dates
from store.common.records import WorkerInfo
from store.service import ChangeWatch
from tui.host import CaselineHost
from tui.screens.base import answered_to
from tui.widgets.beneath_lock import LOCK_KEY
from tui.widgets.textual_fixes import WholeFrameTakesRepaints
from tui.workers import run_store

if TYPE_CHECKING:
    from tui.screens.sign_in import SignIn

# What counts as someone at the keyboard.
INPUT_EVENTS = (events.Key, events.Paste, events.MouseDown, events.MouseScrollUp)


class Session(WholeFrameTakesRepaints, CaselineHost):
    """The part of the app that knows who is signed in (``CaselineApp`` is the rest)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            LOCK_KEY,
            "lock",
            "Lock",
            tooltip="Lock the screen now: your passphrase opens it again as you left it",
            show=False,
            id="app.lock",
            priority=True,
        ),
    ]
    IDLE_CHECK_SECONDS: ClassVar[float] = 10.0  # how often the idle time is looked at
    WATCH_SECONDS: ClassVar[float] = 2.0  # how often to look for colleagues' changes
    # While signed out or locked, only these of the app's own actions run: nothing else may
    # show a record (the command palette searches cases; ctrl+n lists them).
    SIGNED_OUT_ACTIONS: ClassVar[frozenset[str]] = frozenset({"quit"})

    def __init__(self, sign_in: SignIn | None) -> None:
        super().__init__()
        self._sign_in = sign_in
        # The lock: a worker who signed in with a passphrase gets the screen locked after the
        # idle time (``clock`` is replaceable, so tests need not wait minutes).
        self.clock: Callable[[], float] = time.monotonic
        self._last_input = self.clock()
        self._lockable = sign_in is not None
        self.locked = False
        # Screens opened while locked (by a key pressed before the lock, whose read ended
        # under it), with their callbacks: shown once the same worker opens the lock.
        self._opened_under_lock: list[tuple[Screen[Any], Any]] = []
        self._watch: ChangeWatch | None = None  # made by the first look, in a worker thread

    # What the app does once a worker is known, and how it keeps their open work.

    def _begin(self) -> None:
        raise NotImplementedError

    async def keep_open_work(self) -> int:
        raise NotImplementedError

    # -- signing in ------------------------------------------------------------------------

    def start_signed_out(self) -> bool:
        """Show the sign-in screen if the worker must sign in; True if so."""
        if self._sign_in is None:
            return False
        from tui.screens.sign_in import SignInScreen

        self.push_screen(SignInScreen(self._sign_in), self._signed_in)
        return True

    def _signed_in(self, me: WorkerInfo | None) -> None:
        if me is None:
            self.exit()
            return
        self.me = me
        self._sign_in = None
        self._last_input = self.clock()
        self.set_interval(self.IDLE_CHECK_SECONDS, self.lock_if_idle, name="idle-lock")
        self._begin()

    def note_input(self, event: events.Event) -> None:
        """Someone is at the keyboard (for the idle time)."""
        if isinstance(event, INPUT_EVENTS):
            self._last_input = self.clock()

    # -- colleagues' changes -------------------------------------------------------------

    def watch_colleagues(self) -> None:
        """Look for colleagues' changes every few seconds from now on (not in tests, which
        look when they mean to: ``look_for_changes``)."""
        if not self.is_headless and self._watch is None:
            self.set_interval(self.WATCH_SECONDS, self.look_for_changes, name="watch")

    def look_for_changes(self) -> None:
        """Ask the database whether anyone changed it since the last look; if so, the screen
        showing records reads them again (keeping its cursor and whatever is typed)."""
        store = self.store

        def look() -> bool:
            if self._watch is None:
                self._watch = store.watch()  # from now on
                return False
            return self._watch.changed()

        run_store(self, look, done=self._changed_elsewhere, name="watch")

    def on_unmount(self) -> None:
        if self._watch is not None:
            self.store.unwatch(self._watch)

    def _changed_elsewhere(self, changed: bool) -> None:
        if changed and not self._signed_out():
            refresh = getattr(self.screen, "records_changed", None)
            if refresh is not None:
                refresh()

    # -- the lock ------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self._signed_out() and action not in self.SIGNED_OUT_ACTIONS:
            return False
        return super().check_action(action, parameters)

    def _signed_out(self) -> bool:
        """Nobody is at the keyboard yet, or the screen is locked."""
        return self.locked or self._sign_in is not None

    def lock_if_idle(self) -> None:
        """Lock the screen if nothing was typed for the configured idle time."""
        idle = self.clock() - self._last_input
        if not self.locked and idle >= self.config.idle_lock_minutes * 60:
            self.run_worker(self.action_lock(), name="lock", group="lock", exclusive=True)

    async def action_lock(self) -> None:
        """Keep what is being written as drafts, then cover everything with the lock screen."""
        if self.locked:
            return
        if not self._lockable:
            self.notify(
                "Only a worker who signed in with a passphrase can lock the screen"
                + (" (the demo has none)." if self.demo else "."),
                markup=False,
            )
            return
        from tui.screens.sign_in import SignIn, SignInScreen

        self.locked = True
        self.clear_notifications()  # a message may name a client
        self.refresh_bindings()
        await self.keep_open_work()
        locked_at = dates.format_datetime(dates.now_local())
        # The passphrase is answered to the app itself, not to what had the key (ctrl+l on a
        # form: its focused field): a form saved under the lock closes as the lock goes, and
        # with its field gone the app stayed locked, every key refused, the case file showing.
        with answered_to(self):
            self.push_screen(
                SignInScreen(SignIn(login=self.me.username, locked_at=locked_at)), self._unlocked
            )

    def push_screen(
        self,
        screen: Any,
        callback: Any = None,
        wait_for_dismiss: bool = False,
        *,
        mode: str | None = None,
    ) -> Any:
        """Nothing opens over the lock: a screen opened while locked waits for it to open."""
        from tui.screens.sign_in import SignInScreen

        if self.locked and not wait_for_dismiss and not isinstance(screen, SignInScreen):
            self._opened_under_lock.append((screen, callback))
            return AwaitComplete.nothing()  # type: ignore[no-untyped-call]
        push: Any = super().push_screen
        return push(screen, callback, wait_for_dismiss, mode=mode)

    def _unlocked(self, who: WorkerInfo | None) -> None:
        opened, self._opened_under_lock = self._opened_under_lock, []
        if who is None:
            self.exit()
            return
        self.locked = False
        self._last_input = self.clock()
        if who.id != self.me.id:
            # Someone else: the first worker's open work is already kept as their drafts,
            # and what was opening for the first worker under the lock is not shown.
            self.call_later(self._hand_over_to, who)
        else:
            self.refresh_bindings()
            for screen, callback in opened:
                self.push_screen(screen, callback)

    async def _hand_over_to(self, who: WorkerInfo) -> None:
        while len(self.screen_stack) > 1:
            await self.pop_screen()
        self.me = who
        self._begin()
