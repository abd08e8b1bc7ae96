"""``caseline backup PATH`` and ``caseline check``: a copy of the whole database taken while
colleagues go on working, and the file's own check with the proof that no final record was
altered. Both read the database only: nothing is created, upgraded or written beside it."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from store.common.config import demo_db_path, os_login_name, resolve_database
from store.common.database_url import shown_url, without_password
from store.common.settings import Config
from store.common.words import plural
from tui.cli_args import EXIT_FAILURE, OneLineParser, fail
from tui.cli_verify import report_lines

if TYPE_CHECKING:
    from store.backups.restore import Contents


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
        "when both are sound, 1 otherwise. Reads the database only. On a PostgreSQL database, "
        "which the server keeps whole, only the seals and the guards are verified.",
    )
    check.add_argument(
        "--full", action="store_true", help="the whole integrity check (slower), not the quick one"
    )
    _database_arguments(check, "check")
    restore = sub.add_parser(
        "restore",
        help="put a backup back as the database, keeping the one it replaces beside it",
        description="Put the backup at PATH back as the database: checked with SQLite's "
        "whole integrity check, upgraded to this Caseline, its final records proved, and the "
        "restore written in its audit trail. The database it replaces is kept first, beside "
        "it, as NAME.before-restore-TIME. Colleagues' Caseline, if open, sees the restored "
        "records at its next read. Asks before replacing anything (--yes: doesn't). Exits 0 "
        "when restored, 1 otherwise.",
    )
    restore.add_argument("path", metavar="PATH", type=Path, help="the backup to put back")
    restore.add_argument("--yes", action="store_true", help="restore without asking")
    _database_arguments(restore, "restore into")


def _database_arguments(parser: argparse.ArgumentParser, verb: str) -> None:
    # SUPPRESS: a --db given before the command is not reset to None here.
    parser.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help="database file (as for the app)"
    )
    parser.add_argument(
        "--demo", action="store_true", default=argparse.SUPPRESS, help=f"{verb} the demo database"
    )


def _database(args: argparse.Namespace, config: Config) -> Path | str:
    """The database file, or a PostgreSQL database's URL."""
    if getattr(args, "demo", False):
        return demo_db_path()
    return resolve_database(getattr(args, "db", None), config)


def backup(args: argparse.Namespace, config: Config) -> int:
    """Run ``caseline backup PATH``; a PostgreSQL database is backed up with pg_dump, whose
    command is given."""
    from store.service import Store

    source = _database(args, config)
    if isinstance(source, str):
        command = shlex.join(
            ["pg_dump", "--format=custom", f"--file={args.path}", without_password(source)]
        )
        fail(
            f"{shown_url(source)} is a PostgreSQL database: back it up with PostgreSQL's own "
            f"pg_dump, which asks for the password: {command}"
        )
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
    if isinstance(path, str):
        return _check_server(path, config)
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


def _check_server(url: str, config: Config) -> int:
    """``caseline check`` of a PostgreSQL database: the server keeps its own files (SQLite's
    check of a file does not apply); the seals and the guards are verified."""
    from store.service import Store

    store = Store.open(url, ref_format=config.ref_format)
    try:
        report = store.integrity.verify()
        where = store.where
    finally:
        store.close()
    print(
        f"{where} is on a PostgreSQL server, which keeps its own files whole (SQLite's check "
        "of a file does not apply)."
    )
    print("\n".join(report_lines(report, where)))
    return 0 if report.sound else EXIT_FAILURE


def restore(args: argparse.Namespace, config: Config) -> int:
    """Run ``caseline restore PATH``; a PostgreSQL database is restored with its own tools."""
    from store.common import dates
    from store.service import Store

    target = _database(args, config)
    if isinstance(target, str):
        command = shlex.join(
            ["pg_restore", "--single-transaction", f"--dbname={without_password(target)}",
             str(args.path)]
        )  # fmt: skip
        fail(
            f"{shown_url(target)} is a PostgreSQL database: restore a pg_dump backup with "
            f"PostgreSQL's own tools, into a new, empty database ({command}; a plain SQL dump "
            "with psql), or copy an SQLite backup into one with caseline admin copy-db."
        )
    if not target.parent.is_dir():
        fail(f"There is no folder {target.parent} to restore the database into.")
    if target.exists() and args.path.exists() and os.path.samefile(target, args.path):
        fail(f"{args.path} is the database itself: nothing to restore.")
    found = Store.examine_backup(args.path, database=target)
    current = Store.contents_of(target)
    print(f"The backup {found.path}: {_holds(found)}.")
    if current is None:
        print(f"It becomes the database {target}.")
    else:
        print(f"It replaces the database {target}: {_holds(current)}.")
    if not args.yes:
        if not sys.stdin.isatty():
            fail("restore replaces the database: give --yes to restore without being asked")
        answer = input("Type yes to restore it: ").strip().lower()
        if answer != "yes":
            print("Nothing was restored.")
            return EXIT_FAILURE
    stamp = dates.now_utc().strftime("%Y%m%dT%H%M%SZ")
    restored = Store.restore(args.path, target, login=os_login_name(), stamp=stamp)
    print(f"Restored {restored.target} from {found.path}.")
    if restored.kept_as is not None:
        print(f"The database it replaced is kept as {restored.kept_as}.")
    return 0


def _holds(contents: Contents) -> str:
    from store.common import dates

    newest = "none"
    if contents.newest is not None:
        newest = dates.format_datetime(dates.to_local(contents.newest))
    return (
        f"{plural(contents.cases, 'case')}, {plural(contents.notes, 'final note')}, "
        f"newest event in its audit trail: {newest}"
    )


def megabytes(size: int) -> str:
    """A file's size as people read it: "412 kB", "3.1 MB"."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1_000_000:.1f} MB"
