"""Running ``caseline`` as a script would, for the command-line tests.

``caseline(tmp_path, *args)`` runs the command in this test process: the same ``tui.cli.main``
the installed ``caseline`` runs, with the environment a fresh process would have
(``tests.terminal.app_env``), its own standard input, output and error, the real clock, and the
exit status a shell would see. Starting a Python process for each command took half a second
of the suite's time per call; the tests that are about the process itself (the entry point,
a pipe closed early, signals, the app in a terminal) still start one (``in_a_process``).

Anything a real process would have shown as a traceback comes back as one on standard error,
with exit status 1, so ``assert "Traceback" not in result.stderr`` means the same either way.
"""

from __future__ import annotations

import contextlib
import gc
import io
import os
import subprocess
import sys
import time
import traceback
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from store.common import dates
from tests.terminal import ROOT, app_env


@dataclass(frozen=True)
class Result:
    """What ``subprocess.run(..., capture_output=True, text=True)`` gives, for a command run
    in this process."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str


# What a command gave, run either way.
Ran = Result | subprocess.CompletedProcess[str]


def caseline(
    tmp_path: Path,
    *args: str,
    stdin: str = "",
    env: Mapping[str, str] | None = None,
) -> Result:
    """``caseline *args`` with ``stdin`` as its input, in the environment ``app_env(tmp_path)``
    plus ``env``. Without a command, ``caseline`` starts the app: that runs in a process of its
    own (``in_a_process``), which is what the app's start-up checks are about."""
    if _starts_the_app(args):
        done = in_a_process(tmp_path, *args, stdin=stdin, env=env)
        return Result(tuple(args), done.returncode, done.stdout, done.stderr)
    environment = {**app_env(tmp_path), **(env or {})}
    out, err = _Stream(), _Stream()
    code = 1
    with _process_state(environment, stdin, out, err):
        from tui.cli import main

        try:
            code = main(list(args))
        except SystemExit as exc:
            code = _exit_status(exc, err)
        except BaseException:  # a real process would print it and exit 1
            traceback.print_exc(file=err)
            code = 1
    return Result(tuple(args), code, out.text(), err.text())


def in_a_process(
    tmp_path: Path,
    *args: str,
    stdin: str | None = "",
    env: Mapping[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """``caseline *args`` in a new Python process (``python -m tui``), for the tests about the
    process itself."""
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        input=stdin,
        stdin=subprocess.DEVNULL if stdin is None else None,
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env={**app_env(tmp_path), **(env or {})},
        timeout=120,
    )


def _starts_the_app(args: tuple[str, ...]) -> bool:
    from tui.cli import build_parser

    with contextlib.redirect_stderr(io.StringIO()), contextlib.redirect_stdout(io.StringIO()):
        try:
            parsed = build_parser().parse_args(list(args))
        except SystemExit:  # a usage error: main says so in this process
            return False
    return getattr(parsed, "command", None) is None and not getattr(parsed, "version", False)


class _Stream(io.TextIOWrapper):
    """A text stream with a ``buffer``, as ``sys.stdout`` has, that keeps what was written."""

    def __init__(self) -> None:
        super().__init__(io.BytesIO(), encoding="utf-8", newline="\n", write_through=True)

    def isatty(self) -> bool:
        return False

    def text(self) -> str:
        self.flush()
        raw = self.buffer
        assert isinstance(raw, io.BytesIO)
        return raw.getvalue().decode("utf-8", errors="replace")


def _exit_status(exc: SystemExit, err: _Stream) -> int:
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code
    print(exc.code, file=err)
    return 1


@contextlib.contextmanager
def _process_state(
    environment: dict[str, str], stdin: str, out: _Stream, err: _Stream
) -> Iterator[None]:
    """For the block: the environment, the working folder, the standard streams and the clock
    of a new process; everything put back afterwards."""
    saved_env = dict(os.environ)
    saved_cwd = Path.cwd()
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    os.environ.clear()
    os.environ.update(environment)
    time.tzset()
    os.chdir(ROOT)
    sys.stdin = io.StringIO(stdin)
    sys.stdout, sys.stderr = out, err
    try:
        with dates.unfrozen():
            yield
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)
        time.tzset()
        gc.enable()  # starting the app turns the collector off until it has painted
