"""Never losing a note when the terminal goes away: what is being written is saved as drafts
on a hang-up (SIGHUP), on being asked to stop (SIGTERM), or when the terminal is found gone."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import termios
import threading
import time

from tui.host import CaselineHost

HANGUP_POLL_SECONDS = 0.5  # how often the watcher checks that the terminal is still there


class SavesOnHangUp(CaselineHost):
    """The part of the app that keeps what is being written when the terminal goes away."""

    def __init__(self) -> None:
        super().__init__()
        self._terminating = threading.Lock()

    def _install_signal_handlers(self) -> None:
        """Save drafts when the terminal goes away (SIGHUP) or we are asked to stop (SIGTERM).

        Textual installs no SIGHUP handler: a dropped SSH connection kills the app within
        milliseconds and no cleanup runs. Ignoring SIGHUP is no better (the app would spin on
        the dead terminal), so save, then leave without drawing anything.

        The handlers are Python-level (``signal.signal``), not the event loop's: a hang-up
        arrives with SIGCONT, whose Textual handler starts redrawing on the dead terminal and
        can block the main thread, and a loop callback would then never run. A Python handler
        runs at once, even in a blocked wait. And should no signal come at all (the terminal
        was not our controlling one), a watcher thread notices the terminal has gone.
        """
        if self.is_headless:
            return  # tests: leave the test runner's own handlers alone
        for sig in (signal.SIGHUP, signal.SIGTERM):
            signal.signal(sig, self._on_signal)
        stdin = sys.__stdin__
        if stdin is not None and stdin.isatty():
            threading.Thread(
                target=self._watch_terminal,
                args=(stdin.fileno(),),
                name="caseline-hangup-watch",
                daemon=True,
            ).start()

    def _on_signal(self, signum: int, frame: object) -> None:
        self._on_terminate(128 + signum)

    def _watch_terminal(self, fd: int) -> None:
        """Every half second, ask the terminal for its settings: a hung-up one refuses."""
        while True:
            time.sleep(HANGUP_POLL_SECONDS)
            try:
                termios.tcgetattr(fd)
            except (termios.error, OSError):
                self._on_terminate(129)
                return

    def _on_terminate(self, code: int) -> None:
        # From the signal handler (main thread) or the watcher thread; the first one saves.
        if not self._terminating.acquire(blocking=False):
            time.sleep(30)  # the other is saving and will end the process
            os._exit(code)
        with contextlib.suppress(ValueError):  # only the main thread may change handlers
            signal.signal(signal.SIGCONT, signal.SIG_IGN)  # no redraw on the dead terminal
        try:
            self.save_open_drafts()
            self.store.close()
        finally:
            # The terminal may be gone: restoring it could block or raise, so don't try.
            os._exit(code)
