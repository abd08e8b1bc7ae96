"""What every ``caseline`` command shares: usage errors and failures as one line on stderr
with a non-zero exit (never a traceback), and whole-number arguments."""

from __future__ import annotations

import argparse
import sys
from typing import NoReturn

EXIT_USAGE = 2
EXIT_FAILURE = 1


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line, as every other error is."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog.split()[0]} --help)\n")


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be 0 or more")
    return value


def fail(message: str) -> NoReturn:
    print(f"caseline: {message}", file=sys.stderr)
    raise SystemExit(EXIT_FAILURE)
