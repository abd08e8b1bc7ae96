"""``caseline backup PATH`` and ``caseline check``: a copy of the whole database taken while
colleagues go on working, and the file's own check with the proof that no final record was
altered. Both read the database only: nothing is created, upgraded or written beside it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from store.core.config import demo_db_path, resolve_db_path
from store.core.settings import Config
from tui.cli_args import EXIT_FAILURE, OneLineParser, fail
from tui.cli_verify import report_lines


def add_backup_parsers(sub: argparse._SubParsersAction[OneLineParser]) -> None:
    backup = sub.add_parser(
        "backup",
        help="copy the whole database to a new file, checked, while others go on working",
        description="Copy the whole database to PATH, a new file only you can read: the "
        "database as it stood at one moment, taken while colleagues go on working, checked "
        "with SQLite's integrity check before it is kept. Never replaces a file. Exits 0 when "
        "the backup is kept, 1 otherwise. Reads the database only.",
    )
    backup.add_argument("path", metavar="PATH", type=Path, help="the new file to write")
    _database_arguments(backup, "back up")
    check = sub.add_parser(
        "check",
        help="check the database file, and that no final record was altered (exit 1 if not)",
        description="Run SQLite's quick check of the database file (--full: the whole "
        "integrity check, every index against its table; slower on a large file), then "
        "verify the chain of seals of the final records, as caseline verify does. Exits 0 "
        "when both are sound, 1 otherwise. Reads the database only.",
    )
    check.add_argument(
        "--full", action="store_true", help="the whole integrity check (slower), not the quick one"
    )
    _database_arguments(check, "check")


def _database_arguments(parser: argparse.ArgumentParser, verb: str) -> None:
    # SUPPRESS: a --db given before the command is not reset to None here.
    parser.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help="database file (as for the app)"
    )
    parser.add_argument(
        "--demo", action="store_true", default=argparse.SUPPRESS, help=f"{verb} the demo database"
    )


def _database(args: argparse.Namespace, config: Config) -> Path:
    if getattr(args, "demo", False):
        return demo_db_path()
    return resolve_db_path(getattr(args, "db", None), config)


def backup(args: argparse.Namespace, config: Config) -> int:
    """Run ``caseline backup PATH``."""
    from store.service import Store

    source = _database(args, config)
    copied = Store.backup(source, args.path)
    print(
        f"Backed up {source} to {copied.path} ({megabytes(copied.size)}, schema "
        f"{copied.schema_version}); the copy passed SQLite's check."
    )
    return 0


def check(args: argparse.Namespace, config: Config) -> int:
    """Run ``caseline check [--full]``."""
    from store.service import Store

    path = _database(args, config)
    which = "integrity check" if args.full else "quick check"
    problem = Store.file_problem(path, full=args.full)
    if problem is not None:
        print(f"SQLite's {which} of {path} found a problem: {problem}")
        fail(
            f"{path} is damaged: restore it from a backup (the seals were not verified on a "
            "damaged file)."
        )
    print(f"SQLite's {which} of {path}: the file is whole.")
    report = Store.read_steadily(
        path,
        lambda store: store.integrity.verify(),
        ref_format=config.ref_format,
        warn=lambda warning: print(f"caseline: warning: {warning}", file=sys.stderr),
    )
    print("\n".join(report_lines(report, str(path))))
    return 0 if report.sound else EXIT_FAILURE


def megabytes(size: int) -> str:
    """A file's size as people read it: "412 kB", "3.1 MB"."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1_000_000:.1f} MB"
