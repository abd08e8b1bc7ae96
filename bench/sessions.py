"""Driving an app in a real pseudo-terminal for bench/run.py: keys in, bytes out, timed.

Bytes sent are counted where a terminal would receive them: the app runs on the slave side of a
pty and every byte it writes is read from the master side, escape sequences and all (nothing
is parsed or dropped). A key's cost is the time from writing the key to the master until the
app's output has gone quiet (nothing more for ``quiet`` seconds after its last byte), measured
to the last byte: one frame or several, the whole repaint the key caused. A key after which
nothing arrives within ``nothing`` seconds sent nothing (time None, 0 bytes).
"""

from __future__ import annotations

import contextlib
import os
import pty
import re
import select
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.terminal import app_env  # noqa: E402

ESCAPE = "\x1b"
POINTER = re.compile(rb"\x1b\]22;[^\x07]*\x07")
ENTER = "\r"


@dataclass
class Press:
    """What one key cost: seconds to the last byte of its repaint (None: nothing sent) and the
    bytes sent."""

    seconds: float | None
    sent: int


@dataclass
class Pty:
    """A program on a pty of ``size`` (columns, rows), everything it wrote kept."""

    argv: Sequence[str]
    env: dict[str, str]
    size: tuple[int, int] = (140, 40)
    quiet: float = 0.05
    output: bytearray = field(default_factory=bytearray)

    def __post_init__(self) -> None:
        import fcntl
        import struct
        import termios

        pid, fd = pty.fork()
        if pid == 0:  # pragma: no cover - the child
            os.chdir(ROOT)
            os.execve(sys.executable, [sys.executable, *self.argv], self.env)
        self.pid, self.fd = pid, fd
        cols, rows = self.size
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def _read(self, timeout: float) -> bool:
        """Read what is there within ``timeout``; False if nothing came, or only the mouse
        pointer's shape (which Textual sets as a screen is pushed, before composing it)."""
        ready, _, _ = select.select([self.fd], [], [], max(timeout, 0))
        if not ready:
            return False
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:
            return False
        self.output.extend(chunk)
        return bool(POINTER.sub(b"", chunk))

    def wait_for(self, marker: bytes, seconds: float = 60) -> float:
        """Seconds from now until ``marker`` is among the output."""
        started = time.perf_counter()
        while marker not in self.output:
            self._read(0.005)
            if time.perf_counter() - started > seconds:
                raise TimeoutError(f"never saw {marker!r}: {bytes(self.output[-400:])!r}")
        return time.perf_counter() - started

    def settle(self, quiet: float | None = None, limit: float = 5) -> None:
        """Read until nothing has come for ``quiet`` seconds (by default six times a press's
        quiet: 0.3 s, under the half second a cursor blinks at)."""
        quiet = 6 * self.quiet if quiet is None else quiet
        deadline = time.perf_counter() + limit
        while self._read(quiet) and time.perf_counter() < deadline:
            pass

    def press(
        self,
        keys: str,
        *,
        quiet: float | None = None,
        nothing: float | None = None,
        limit: float = 30,
    ) -> Press:
        """Send ``keys`` and read the repaint they cause, to its last byte: over once nothing
        more has come for ``quiet`` seconds (longer for a key that opens a screen, whose first
        bytes, the pointer's shape, come before the screen is composed)."""
        quiet = self.quiet if quiet is None else quiet
        nothing = 10 * self.quiet if nothing is None else nothing
        mark = len(self.output)
        started = time.perf_counter()
        os.write(self.fd, keys.encode())
        last: float | None = None
        while True:
            now = time.perf_counter()
            if now - started > limit:
                break
            if last is None:
                if now - started > nothing:
                    break
                if self._read(min(0.005, nothing)):
                    last = time.perf_counter()
            elif self._read(quiet):
                last = time.perf_counter()
            else:
                break
        return Press(None if last is None else last - started, len(self.output) - mark)

    def type(self, text: str) -> None:
        """Send ``text`` at once and wait for the app to settle (not measured)."""
        os.write(self.fd, text.encode())
        self.settle()

    def idle(self, seconds: float) -> int:
        """Bytes sent over ``seconds`` with no key pressed."""
        mark = len(self.output)
        deadline = time.perf_counter() + seconds
        while (left := deadline - time.perf_counter()) > 0:
            self._read(min(left, 0.05))
        return len(self.output) - mark

    def rss_mb(self) -> float:
        """The program's resident memory now, in MB (Linux)."""
        status = Path(f"/proc/{self.pid}/status").read_text()
        line = next(line for line in status.splitlines() if line.startswith("VmRSS:"))
        return int(line.split()[1]) / 1024

    def close(self) -> None:
        import signal

        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        with contextlib.suppress(OSError):
            os.close(self.fd)


def env(tmp: Path) -> dict[str, str]:
    """The tests' clean environment, no animations (a tab switch is its repaint, not a slide)."""
    found = app_env(tmp)
    found.pop("COLUMNS", None)
    found.pop("LINES", None)
    found["TEXTUAL_ANIMATIONS"] = "none"
    return found


def caseline(db: Path, worker: str, tmp: Path, **kw: object) -> Pty:
    return Pty(["-m", "tui", "--db", str(db), "--worker", worker], env(tmp), **kw)  # type: ignore[arg-type]


def bare(rows: int, notes: int, tmp: Path, **kw: object) -> Pty:
    script = str(ROOT / "bench" / "bare_mirror.py")
    return Pty([script, str(rows), str(notes)], env(tmp), **kw)  # type: ignore[arg-type]


@dataclass
class Keys:
    """What the session of one app measured."""

    cursor: list[Press] = field(default_factory=list)
    filter_changed: list[Press] = field(default_factory=list)
    filter_unchanged: list[Press] = field(default_factory=list)
    open_case: list[Press] = field(default_factory=list)
    tabs: list[Press] = field(default_factory=list)
    notes_filter: list[Press] = field(default_factory=list)
    idle_bytes_per_second: float = 0.0


# Typed into the caseload's filter: "m", "a" change the rows shown, "q" empties them, and the
# keys after it leave them empty.
CHANGING, UNCHANGING = "maq", "xvv"
NOTES_TYPED = "visit"
# Quiet that ends the repaint of a key that composes a screen or a tab.
SCREEN_QUIET = 0.15


def session(
    term: Pty, marker: bytes, big_case: str, *, moves: int, idle: float, reopen: int = 1
) -> Keys:
    """The same keys, in the same order, to Caseline or to the bare mirror app."""
    keys = Keys()
    try:
        term.wait_for(marker)
        term.settle()
        keys.cursor = [term.press("j") for _ in range(moves)]
        term.press("w")  # every worker's cases (the bare app has them all)
        term.settle()
        term.press("/")
        term.settle()
        keys.filter_changed = [term.press(k) for k in CHANGING]
        keys.filter_unchanged = [term.press(k) for k in UNCHANGING]
        for _ in range(2):  # leave the filter, then clear it
            term.press(ESCAPE)
            term.settle()
        for attempt in range(reopen):
            term.press("/")
            term.settle()
            term.type(big_case)
            term.settle()
            term.press(ESCAPE)
            term.settle()
            keys.open_case.append(term.press(ENTER, quiet=SCREEN_QUIET, nothing=5))
            term.settle()
            if attempt + 1 < reopen:
                term.press(ESCAPE)
                term.settle()
                term.press(ESCAPE)
                term.settle()
        # Every tab is built the first time it is shown: the second round is the switch.
        for key in "23456712345671" if reopen > 1 else "231231":
            keys.tabs.append(term.press(key, quiet=SCREEN_QUIET, nothing=2))
        term.press("3")
        term.settle()
        term.press("/")
        term.settle()
        keys.notes_filter = [term.press(k) for k in NOTES_TYPED]
        term.press(ESCAPE)
        term.settle()
        term.press("n")  # the note editor, on a case with no draft
        term.settle(0.3)
        term.idle(min(idle, 1.0))  # whatever the editor does as it opens, not counted
        keys.idle_bytes_per_second = term.idle(idle) / idle
    finally:
        term.close()
    return keys


def memory(term: Pty, marker: bytes, at: Sequence[int]) -> list[float]:
    """Resident MB after opening (and leaving) each of the first cases, at ``at`` opens."""
    found: list[float] = []
    try:
        term.wait_for(marker)
        term.settle()
        for opened in range(1, max(at) + 1):
            term.press(ENTER)
            term.settle(3 * term.quiet)
            term.press(ESCAPE)
            term.settle(3 * term.quiet)
            term.press("j")
            if opened in at:
                term.settle()
                found.append(term.rss_mb())
    finally:
        term.close()
    return found
