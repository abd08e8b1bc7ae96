"""The ``caseline`` command: run the app, or write a demo database (``caseline export`` is in
``cli_export``, ``caseline admin`` in ``cli_admin``, ``caseline audit`` in ``cli_audit``,
``caseline verify`` in ``cli_verify``, ``caseline import`` in ``cli_import``).

Errors are one line on stderr and a non-zero exit, before the UI starts; never a traceback.
Textual is imported only when the app is about to run, so the CLI's other commands stay quick.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import threading
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from store import __version__
from store.common.config import (
    config_path,
    default_db_path,
    demo_db_path,
    load_config,
    os_login_name,
    resolve_database,
    resolve_worker,
)
from store.common.database_url import (
    database_location,
    is_postgres_url,
    shown_url,
    without_password,
)
from store.common.errors import SignInRefused, StoreError
from store.common.settings import Config, ConfigError
from tui.cli_args import EXIT_FAILURE, OneLineParser, fail, positive
from tui.cli_encrypt import ask_at_terminal, at_a_terminal

if TYPE_CHECKING:
    from store.cases.records import CaseRow
    from store.common.records import WorkerInfo
    from store.service import Store
    from tui.screens.sign_in import SignIn


def _where_things_are() -> str:
    """The end of ``caseline --help``: where the databases and the config file are."""
    return (
        "Where things are:\n"
        f"  database       {default_db_path()}\n"
        "                 (unless --db, $CASELINE_DB or db in the config file says otherwise)\n"
        f"  demo database  {demo_db_path()}\n"
        "                 (--demo, before or after the command, uses it instead)\n"
        f"  config file    {config_path()}"
    )


# The options of the command that runs the app, each but --demo followed by its value.
APP_OPTIONS = ("--db", "--worker")


def runs_the_app(argv: Sequence[str]) -> bool:
    """Whether ``argv`` only runs the app (no command, no help): its parser needs none of the
    commands' own arguments, nor their code (``build_parser``'s ``commands``). Anything else,
    an abbreviated option or a mistake included, is left to the whole parser."""
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "--demo" or ("=" in arg and arg.split("=", 1)[0] in APP_OPTIONS):
            continue
        if arg not in APP_OPTIONS or not args or args.pop(0).startswith("-"):
            return False
    return True


def build_parser(*, commands: bool = True) -> argparse.ArgumentParser:
    """The command line's parser; without ``commands``, the commands other than ``demo`` are
    not added (nor their code loaded): enough to parse what ``runs_the_app``."""
    parser = OneLineParser(
        prog="caseline",
        description="A keyboard-first caseload for social workers and case managers.",
        epilog=_where_things_are(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"caseline {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="database file (default: $CASELINE_DB, the config file, then the user data directory)",
    )
    parser.add_argument("--worker", metavar="NAME", help="who you are (default: your login name)")
    parser.add_argument(
        "--demo",
        action="store_true",
        help="use the demo database (created on first use by the app); works with every command",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=OneLineParser)

    demo = sub.add_parser(
        "demo",
        help="write a realistic demo database",
        description="Write a reproducible demo database of realistic cases.",
    )
    demo.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help="database file to write"
    )
    demo.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS,
        help="write the demo database (the one --demo opens) instead of --db",
    )
    demo.add_argument("--cases", type=positive, default=150, metavar="N", help="cases (150)")
    demo.add_argument(
        "--notes", type=positive, default=30, metavar="N", help="notes per case, on average (30)"
    )
    demo.add_argument("--workers", type=positive, default=6, metavar="W", help="workers (6)")
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (1)")
    demo.add_argument(
        "--worker", metavar="NAME", help="the demo worker who is you (default: your login name)"
    )
    demo.add_argument(
        "--as-of", metavar="DATE", help="date the demo history runs up to (default: today)"
    )
    demo.add_argument("--force", action="store_true", help="replace a database that has data")
    if not commands:
        return parser
    from tui.cli_admin import add_admin_parser
    from tui.cli_audit import add_audit_parser
    from tui.cli_backup import add_backup_parsers
    from tui.cli_export import add_export_parser
    from tui.cli_import import add_import_parser
    from tui.cli_records import add_records_parsers
    from tui.cli_verify import add_verify_parser
    from tui.serve import add_serve_parser

    add_export_parser(sub)
    add_admin_parser(sub)
    add_audit_parser(sub)
    add_verify_parser(sub)
    add_backup_parsers(sub)
    add_records_parsers(sub)
    add_serve_parser(sub)
    add_import_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else argv
    parser = build_parser(commands=not runs_the_app(given))
    args = parser.parse_args(given)
    if args.demo and getattr(args, "db", None):
        parser.error("--db and --demo can't be used together: --demo is the demo database")
    if args.command == "demo" and not args.demo and not getattr(args, "db", None):
        parser.error("demo: give --db PATH, or --demo for the demo database")
    try:
        config = load_config()
        if at_a_terminal():
            # An encrypted database's passphrase, asked when one is opened (never an argument).
            from store.service import Store

            Store.ask_passphrase_with(ask_at_terminal)
        if args.command == "demo":
            return _demo(args, config)
        if args.command is None:
            return _run(args, config)
        return _command(args, config)
    except (StoreError, ConfigError) as exc:
        fail(str(exc))
    except UnicodeEncodeError:
        # Bytes that are not UTF-8 text, given as an argument or on standard input, reached
        # something that stores or prints text: nothing was kept of them.
        fail("what was given is not UTF-8 text (check the terminal's or the file's encoding)")
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Read into a program that stopped reading (``| head``): nothing more to say, and
        # Python's own attempt to flush at exit must not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_FAILURE
    return EXIT_FAILURE


def _command(args: argparse.Namespace, config: Config) -> int:
    """Every command but ``demo``: their code is loaded when one of them is run."""
    if (
        args.command == "export"
        and args.what == "case"
        and (args.subject_access or args.pack == "record")
    ):
        from tui.cli_export_record import export_record

        return export_record(args, config)
    if args.command == "export":
        from tui.cli_export import export

        return export(args, config)
    if args.command == "admin":
        from tui.cli_admin import admin

        return admin(args, config)
    if args.command == "audit":
        from tui.cli_audit import audit

        return audit(args, config)
    if args.command == "verify":
        from tui.cli_verify import verify

        return verify(args, config)
    if args.command in ("backup", "check", "restore"):
        from tui import cli_backup

        run = {"backup": cli_backup.backup, "check": cli_backup.check}
        return run.get(args.command, cli_backup.restore)(args, config)
    if args.command in ("list", "note", "show"):
        from tui import cli_records

        shown = {"list": cli_records.list_cases, "note": cli_records.add_note}
        return shown.get(args.command, cli_records.show_case)(args, config)
    if args.command == "serve":
        from tui.serve import serve

        return serve(args, config)
    from tui.cli_import import import_command

    return import_command(args, config)


def _demo(args: argparse.Namespace, config: Config) -> int:
    from store.common import dates

    today = None
    if args.as_of:
        try:
            today = dates.parse_date(args.as_of, dayfirst=config.dayfirst)
        except dates.DateParseError as exc:
            fail(f"--as-of: {exc}")
    if args.workers < 1:
        fail("--workers must be at least 1")
    me = resolve_worker(args.worker, config)
    path = _demo_path() if args.demo else database_location(args.db)
    report = write_demo(
        path,
        me=me,
        cases=args.cases,
        notes=args.notes,
        workers=args.workers,
        seed=args.seed,
        force=args.force,
        today=today,
        config=config,
    )
    for line in report:
        print(line)
    if args.demo:
        print(f"Run it with: caseline --demo --worker {me}")
    else:
        where = without_password(args.db) if is_postgres_url(args.db) else args.db
        print(f"Run it with: caseline --db {where} --worker {me}")
    return 0


def _demo_path() -> Path:
    """The demo database, its folder created (private) if need be."""
    from store.service import make_private_folder

    path = demo_db_path()
    make_private_folder(path.parent)
    return path


def write_demo(
    path: Path | str,
    *,
    me: str,
    cases: int,
    notes: int,
    workers: int,
    seed: int,
    force: bool,
    today: object = None,
    config: Config | None = None,
) -> list[str]:
    """Create the demo database at ``path``; refuse one that holds real records, and a demo
    database unless ``force``."""
    from store.demo.generator import generate
    from store.service import Store

    config = config or Config()
    shown = shown_url(path) if isinstance(path, str) else path
    store = Store.open(path, ref_format=config.ref_format)
    if not store.is_empty():
        demo = store.is_demo()
        store.close()
        if not demo:
            # Real records: --force or not, made-up ones never replace them.
            raise StoreError(
                f"{shown} holds real records, not a demo database's: demo data is never written "
                "over them; give another --db."
            )
        if is_postgres_url(path):
            # Caseline never empties a database on a server: that is its administrator's.
            raise StoreError(
                f"{shown} already holds a demo; to write another, drop the "
                "database and create it again (dropdb, createdb), then run this again."
            )
        if not force:
            raise StoreError(f"{path} already holds cases; use --force to replace it.")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        store = Store.open(path, ref_format=config.ref_format)
    try:
        report = generate(
            store,
            me=me,
            cases=cases,
            notes_per_case=notes,
            workers=workers,
            seed=seed,
            today=today,  # type: ignore[arg-type]
        )
    except ValueError as exc:
        raise StoreError(str(exc)) from None
    finally:
        store.close()
    return [f"Demo database {shown}:", *report.lines()]


def _run(args: argparse.Namespace, config: Config) -> int:
    # Start-up creates many objects that live as long as the app: the cyclic garbage collector
    # would scan them again and again, some 40 ms of a start-up. The app turns it back on once
    # the caseload is painted (CaselineApp.started).
    gc.disable()
    # Textual paints at most 60 frames a second: at 120 a repaint asked for just after a frame
    # went out (a tab's second frame, a status line) waits 8 ms for its turn rather than 16.
    # Frames are drawn only when something changed, so an idle screen costs nothing.
    os.environ.setdefault("TEXTUAL_FPS", "120")
    from store.service import Store

    worker = resolve_worker(args.worker, config)
    path: Path | str
    if args.demo:
        path = _demo_path()
        fresh = not path.exists()
        if not fresh:
            probe = Store.open(path, ref_format=config.ref_format)
            fresh = probe.is_empty()
            probe.close()
        if fresh:
            print(f"Creating a demo database at {path}…", file=sys.stderr)
            write_demo(
                path, me=worker, cases=150, notes=30, workers=6, seed=1, force=True, config=config
            )
    else:
        path = resolve_database(args.db, config)
        if not args.db and isinstance(path, Path) and not path.parent.exists():
            # The default location is ours to create; a path the user gave is not.
            from store.service import make_private_folder

            make_private_folder(path.parent)
        # An encrypted one's passphrase is asked here, before anything is drawn.
        Store.unlock_file(path)
    # Open the database, find out who is at the keyboard, and if that is already known read the
    # worker's open cases, while the app's code loads: the caseload is ready when the screen
    # is. The file is checked (``PRAGMA quick_check``, a second or more on an agency's
    # database: SQLite's work, which doesn't hold the GIL) in a thread of its own, and every
    # write waits for it (``Store.open``'s ``check_later``): a small file's at once, a large
    # one's once the caseload is drawn (beside the first frame it took a core from it). One
    # that fails is refused as before, with nothing written, before anything is drawn if it
    # is over by then and by the app closing if not.
    opened: Future[tuple[Store, Start]] = Future()
    first_caseload: Future[list[CaseRow]] = Future()

    def open_then_read() -> None:
        try:
            store = Store.open(
                path,
                ref_format=config.ref_format,
                consent_expiring_days=config.consent_expiring_days,
                check_later=True,
                hold_check=True,  # a large file's, until the caseload is drawn (tui.app)
            )
        except BaseException as exc:
            opened.set_exception(exc)
            return
        store.use_rules(
            contact_days=config.contact_overdue_days,
            summary_months=config.summary_max_age_months,
        )
        try:
            start = who_is_there(store, args, config, worker)
        except BaseException as exc:
            store.close()
            opened.set_exception(exc)
            return
        opened.set_result((store, start))
        if start.me is None:
            return
        try:
            first_caseload.set_result(store.cases.caseload(start.me, scope="mine", closed=False))
        except BaseException as exc:  # the app reads again and reports it
            first_caseload.set_exception(exc)

    threading.Thread(target=open_then_read, name="caseline-open", daemon=True).start()

    from tui.app import CaselineApp

    # A database that can't be used, or a worker it doesn't know, is refused here, before
    # anything is drawn.
    store, start = opened.result()
    try:
        store.checked(wait=False)
    except StoreError:
        store.close()
        raise
    app = CaselineApp(
        store=store,
        me=start.me,
        sign_in=start.sign_in,
        demo=start.demo,
        config=config,
        first_caseload=first_caseload,
        today_at_start=config.today_at_start,
    )
    try:
        app.run()
    finally:
        store.close()
    if app.refusal is not None:
        fail(app.refusal)  # the file failed its check while the app was starting
    return app.return_code or 0


@dataclass(frozen=True)
class Start:
    """Who the app starts as: a worker already known, or the sign-in screen's task."""

    me: WorkerInfo | None = None
    sign_in: SignIn | None = None
    demo: bool = False


def who_is_there(store: Store, args: argparse.Namespace, config: Config, worker: str) -> Start:
    """The demo database (made-up records) opens as the demo worker; where the agency trusts
    the computer's logins (``identity = "os-login"``) the worker is the account running this,
    never a name from the environment; otherwise the worker signs in."""
    if args.demo or store.is_demo():
        return Start(me=store.workers.ensure(worker), demo=True)
    if config.identity == "os-login":
        login = os_login_name()
        if args.worker and args.worker.strip() != login:
            raise SignInRefused(
                f'--worker {args.worker.strip()} is not you: with identity = "os-login" '
                f"you are the computer's login, {login}."
            )
        from store.audit.service import origin_here

        return Start(me=store.workers.identify(login, origin=origin_here(), how="os-login"))
    from tui.screens.sign_in import SignIn  # its screen is not needed to draw a caseload
    from tui.serve import SERVED

    # In a browser (caseline serve) the login box starts empty: the server's account is nobody's.
    login = "" if os.environ.get(SERVED) else worker
    return Start(sign_in=SignIn(login=login, setup=not store.workers.has_administrator()))


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
