"""Run ``caseline`` in a real pseudo-terminal, type into it and read every byte it writes.

Pilot tests run the app headless; these check what actually reaches a terminal, and let a test
kill the process the way a dropped SSH connection does.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import select
import shutil
import signal
import struct
import sys
import termios
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class Terminal:
    """A child process on a pty of a given size, with everything it has written so far."""

    def __init__(
        self,
        args: Sequence[str],
        *,
        env: dict[str, str],
        size: tuple[int, int] = (80, 24),
        prefix: Sequence[str] = (),
    ) -> None:
        """``prefix``: a command to run the app under, e.g. ``["setsid"]``."""
        self.output = bytearray()
        pid, fd = pty.fork()
        if pid == 0:  # pragma: no cover - the child
            os.chdir(ROOT)
            argv = [*prefix, sys.executable, "-m", "tui", *args]
            program = shutil.which(argv[0]) or argv[0] if prefix else sys.executable
            os.execve(program, argv, env)
        self.pid, self.fd = pid, fd
        cols, rows = size
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.returncode: int | None = None

    def read(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        # poll, not select: a test process may hold more than 1,024 descriptors by now (the
        # connections of apps closed in earlier tests go when garbage is next collected).
        poller = select.poll()
        poller.register(self.fd, select.POLLIN)
        while (left := deadline - time.monotonic()) > 0:
            ready = poller.poll(min(left, 0.05) * 1000)
            if ready:
                try:
                    chunk = os.read(self.fd, 65536)
                except OSError:
                    return
                if not chunk:
                    return
                self.output.extend(chunk)

    def wait_for(self, text: str | bytes, seconds: float = 15.0) -> bool:
        needle = text.encode() if isinstance(text, str) else text
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if needle in self.output:
                return True
            self.read(0.1)
        return needle in self.output

    def time_to(self, keys: str | bytes, marker: str | bytes, seconds: float = 30.0) -> float:
        """Send ``keys`` and return the seconds until ``marker`` appears in what follows,
        looking after every read (for benchmarks: ``wait_for`` looks every 100 ms)."""
        needle = marker.encode() if isinstance(marker, str) else marker
        mark = len(self.output)
        started = time.perf_counter()
        os.write(self.fd, keys.encode() if isinstance(keys, str) else keys)
        while needle not in self.output[mark:]:
            self.read(0.001)
            if time.perf_counter() - started > seconds:
                raise TimeoutError(f"never saw {needle!r}: {bytes(self.output[-300:])!r}")
        return time.perf_counter() - started

    def type(self, keys: str | bytes, pause: float = 0.3) -> None:
        os.write(self.fd, keys.encode() if isinstance(keys, str) else keys)
        self.read(pause)

    def screen(self, size: tuple[int, int] = (80, 24)) -> list[str]:
        """The lines a terminal of ``size`` shows now, having drawn everything written so far."""
        import pyte

        cols, rows = size
        screen = pyte.Screen(cols, rows)
        pyte.ByteStream(screen).feed(bytes(self.output))
        return list(screen.display)

    def wait_for_screen(self, text: str, seconds: float = 15.0) -> bool:
        """Wait until a terminal of the default size shows ``text`` (on one line)."""
        deadline = time.monotonic() + seconds
        while not any(text in line for line in self.screen()):
            if time.monotonic() > deadline:
                return False
            self.read(0.1)
        return True

    def kill(self, sig: int = signal.SIGKILL) -> None:
        os.kill(self.pid, sig)

    def wait(self, seconds: float = 10.0) -> int | None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.returncode = os.waitstatus_to_exitcode(status)
                return self.returncode
            self.read(0.05)
        return None

    def close(self) -> None:
        if self.returncode is None:
            try:
                os.kill(self.pid, signal.SIGKILL)
                os.waitpid(self.pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
        with contextlib.suppress(OSError):
            os.close(self.fd)


def app_env(tmp: Path) -> dict[str, str]:
    """A clean environment: no user config, a known terminal, the repo importable. The app
    opens on the caseload, as these tests expect, not on what is overdue (unless a test writes
    a config file of its own)."""
    config = tmp / "no-config.toml"
    if not config.exists():
        config.write_text("today_at_start = false\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CASELINE_", "TEXTUAL"))}
    env.update(
        TERM="xterm-256color",
        CASELINE_CONFIG=str(tmp / "no-config.toml"),
        XDG_DATA_HOME=str(tmp / "data"),
        PYTHONPATH=str(ROOT),
        COLUMNS="80",
        LINES="24",
    )
    return env


PASSPHRASE = "kettle on the landing"
ADMIN = "admin"


def allow_sign_in(db: Path, *logins: str) -> None:
    """Give each of these workers (registered if new) the passphrase ``PASSPHRASE``, as an
    administrator would: the app started in a terminal asks for it (``sign_in``)."""
    from store.service import Store

    store = Store.open(db)
    try:
        if store.workers.has_administrator():
            admin = store.workers.sign_in(ADMIN, PASSPHRASE)
        else:
            admin = store.workers.init_administrator(ADMIN, "Ada Admin", PASSPHRASE)
        for login in logins:
            store.workers.ensure(login)
            store.workers.reset_passphrase(admin, login, PASSPHRASE)
    finally:
        store.close()


def sign_in(term: Terminal, passphrase: str = PASSPHRASE) -> None:
    """Type the passphrase on the sign-in screen (the login is the one given by --worker)."""
    assert term.wait_for("Passphrase", seconds=30), bytes(term.output[-1500:])
    term.type(passphrase + "\r", pause=0.0)
