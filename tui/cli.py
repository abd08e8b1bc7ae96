"""The ``caseline`` command: run the app, or write a demo database.

Errors are one line on stderr and a non-zero exit, before the UI starts; never a traceback.
Textual is imported only when the app is about to run, so the CLI's other commands stay quick.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TypeVar

from store import __version__
from store.core.config import (
    config_path,
    default_db_path,
    demo_db_path,
    load_config,
    resolve_db_path,
    resolve_worker,
)
from store.core.errors import StoreError
from store.core.settings import Config, ConfigError
from store.core.words import plural

if TYPE_CHECKING:
    from store.cases.records import CaseDetail, CaseRow
    from store.chronology.records import ChronologyItem
    from store.conferences.records import ConferenceInfo
    from store.core.records import WorkerInfo
    from store.plans.records import PlanInfo
    from store.service import Store

T = TypeVar("T")

EXIT_USAGE = 2
EXIT_FAILURE = 1


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line, as every other error is."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: {message} (see {self.prog.split()[0]} --help)\n")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must be 0 or more")
    return value


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


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
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
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

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
    demo.add_argument("--cases", type=_positive, default=150, metavar="N", help="cases (150)")
    demo.add_argument(
        "--notes", type=_positive, default=30, metavar="N", help="notes per case, on average (30)"
    )
    demo.add_argument("--workers", type=_positive, default=6, metavar="W", help="workers (6)")
    demo.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (1)")
    demo.add_argument(
        "--worker", metavar="NAME", help="the demo worker who is you (default: your login name)"
    )
    demo.add_argument(
        "--as-of", metavar="DATE", help="date the demo history runs up to (default: today)"
    )
    demo.add_argument("--force", action="store_true", help="replace a database that has data")
    _add_export_parser(sub)
    return parser


def _add_export_parser(sub: argparse._SubParsersAction[_Parser]) -> None:
    """``caseline export chronology REF`` and ``caseline export plan REF``: a case's chronology,
    or a service plan with its reviews, as Markdown or HTML."""
    export = sub.add_parser(
        "export",
        help="export a case's records",
        description="Export a case's records to a file or to standard output.",
    )
    what = export.add_subparsers(dest="what", metavar="WHAT", parser_class=_Parser, required=True)
    chron = what.add_parser(
        "chronology",
        help="a case's chronology as Markdown or printable HTML",
        description="Export a case's chronology (all of it, or filtered) to Markdown or HTML.",
    )
    _add_export_arguments(chron)
    chron.add_argument(
        "--since",
        metavar="TEXT",
        help='from a date ("1/1/2025", "-6m") or within a period ("last 6 months", "2025", '
        '"1/1/2025 to 31/3/2025")',
    )
    chron.add_argument(
        "--category",
        metavar="NAME",
        action="append",
        help="only this category (repeat, or separate with commas, for several)",
    )
    chron.add_argument("--text", metavar="TEXT", help="only entries containing this text")
    chron.add_argument("--newest-first", action="store_true", help="newest entries first")
    plan = what.add_parser(
        "plan",
        help="a case's service plan with its reviews as Markdown or printable HTML",
        description="Export a case's service plan (the current one, or an earlier one) with "
        "its goals, actions and reviews to Markdown or HTML.",
    )
    _add_export_arguments(plan)
    plan.add_argument(
        "--plan",
        type=_positive,
        metavar="N",
        help="an earlier plan, by its number (default: the current plan)",
    )
    minutes = what.add_parser(
        "minutes",
        help="a meeting's minutes as Markdown or printable HTML, for circulation",
        description="Export the minutes of a case conference or other meeting of a case "
        "(attendees, apologies, decisions and an action table) to Markdown or HTML.",
    )
    _add_export_arguments(minutes)
    minutes.add_argument(
        "--conference",
        type=_positive,
        metavar="ID",
        help="which meeting, by its number: 'meeting N' in the title of its minutes in the app "
        "(default: the latest finalised minutes)",
    )


def _add_export_arguments(parser: argparse.ArgumentParser) -> None:
    """What every export takes: the case, the format, where to write, the database, who."""
    parser.add_argument("ref", metavar="REF", help="case reference, e.g. CL-2026-0001")
    parser.add_argument(
        "--format",
        choices=("md", "html"),
        help="md or html (default: from the --output name, .html/.htm = html; else md)",
    )
    parser.add_argument(
        "--output", "-o", metavar="PATH", help="file to write (default: standard output)"
    )
    # SUPPRESS: a --db or --worker given before "export" is not reset to None here.
    parser.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help="database file (as for the app)"
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        default=argparse.SUPPRESS,
        help="export from the demo database",
    )
    parser.add_argument(
        "--worker", metavar="NAME", default=argparse.SUPPRESS, help="who is exporting"
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.demo and getattr(args, "db", None):
        parser.error("--db and --demo can't be used together: --demo is the demo database")
    if args.command == "demo" and not args.demo and not getattr(args, "db", None):
        parser.error("demo: give --db PATH, or --demo for the demo database")
    try:
        config = load_config()
        if args.command == "demo":
            return _demo(args, config)
        if args.command == "export":
            return _export(args, config)
        return _run(args, config)
    except (StoreError, ConfigError) as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        return 130
    return EXIT_FAILURE


def _fail(message: str) -> NoReturn:
    print(f"caseline: {message}", file=sys.stderr)
    raise SystemExit(EXIT_FAILURE)


def _demo(args: argparse.Namespace, config: Config) -> int:
    from store.core import dates

    today = None
    if args.as_of:
        try:
            today = dates.parse_date(args.as_of, dayfirst=config.dayfirst)
        except dates.DateParseError as exc:
            _fail(f"--as-of: {exc}")
    if args.workers < 1:
        _fail("--workers must be at least 1")
    me = resolve_worker(args.worker, config)
    path = _demo_path() if args.demo else Path(args.db).expanduser()
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
        print(f"Run it with: caseline --db {args.db} --worker {me}")
    return 0


def _demo_path() -> Path:
    """The demo database, its folder created (private) if need be."""
    path = demo_db_path()
    _make_private_folder(path.parent)
    return path


def _make_private_folder(folder: Path) -> None:
    """Create Caseline's own data folder readable by its owner only (``chmod 700``)."""
    from store.core.sqlite_file import PRIVATE_FOLDER_MODE

    if not folder.exists():
        folder.parent.mkdir(parents=True, exist_ok=True)
        folder.mkdir(mode=PRIVATE_FOLDER_MODE, exist_ok=True)


def write_demo(
    path: Path,
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
    """Create the demo database at ``path``; refuse one that holds data unless ``force``."""
    from store.demo.generator import generate
    from store.service import Store

    config = config or Config()
    store = Store.open(path, ref_format=config.ref_format)
    if not store.is_empty():
        if not force:
            store.close()
            raise StoreError(f"{path} already holds cases; use --force to replace it.")
        store.close()
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
    return [f"Demo database {path}:", *report.lines()]


def _export(args: argparse.Namespace, config: Config) -> int:
    """Export a case's chronology or service plan: to --output (atomically), else to standard
    output."""
    if args.what == "plan":
        return _export_plan(args, config)
    if args.what == "minutes":
        return _export_minutes(args, config)
    return _export_chronology(args, config)


def _export_destination(args: argparse.Namespace) -> tuple[Path | None, str]:
    """The file to write (None: standard output) and the format, checked before any reading."""
    from store.export.files import format_for

    output = Path(args.output).expanduser() if args.output else None
    return output, format_for(output, args.format) if output else (args.format or "md")


def _read_for_export(args: argparse.Namespace, config: Config, read: Callable[[Store], T]) -> T:
    """``read`` from the database the app would use, opened read-only: an export never creates,
    upgrades or writes to it, so a read-only copy can be exported and the file is unchanged."""
    from store.core.sqlite_file import STABLE_READ_ATTEMPTS
    from store.service import Store

    if args.demo:
        path = demo_db_path()
        if not path.exists():
            _fail(f"No demo database at {path} yet; run caseline --demo once to create it.")
    else:
        path = resolve_db_path(getattr(args, "db", None), config)
        if not path.exists():
            _fail(f"No database at {path}; give one with --db, or use --demo for the demo.")
    for attempt in range(STABLE_READ_ATTEMPTS):
        store = Store.open_read_only(path, ref_format=config.ref_format)
        if attempt == 0:
            for warning in store.open_warnings:
                print(f"caseline: warning: {warning}", file=sys.stderr)
        try:
            result = read(store)
        except StoreError:
            if store.unchanged():
                raise
            continue  # what was read may be inconsistent: read it again
        finally:
            store.close()
        if store.unchanged():
            return result
    _fail(f"{path} kept changing while it was read; try again in a moment.")


def _exporting_worker(store: Store, args: argparse.Namespace, config: Config) -> WorkerInfo:
    """Who is exporting: a worker the database doesn't know is named as given, not added."""
    return store.workers.named(resolve_worker(getattr(args, "worker", None), config))


def _write_export(output: Path | None, text: str, *, example_name: str) -> bool:
    """``text`` to standard output, or atomically to ``output`` (True: a file was written)."""
    from store.export.files import ExportError, write_atomically

    if output is None:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        return False
    try:
        write_atomically(output, text, example_name=example_name)
    except ExportError as exc:
        _fail(str(exc))
    return True


def _export_chronology(args: argparse.Namespace, config: Config) -> int:
    from datetime import date

    from store.chronology.period import DatePeriodError, describe_filter, parse_period
    from store.chronology.rules import AUTOMATIC_CATEGORIES
    from store.core import dates
    from store.export.html import chronology_html
    from store.export.markdown import chronology_markdown

    since: date | None = None
    until: date | None = None
    if args.since:
        try:
            since = dates.parse_date(args.since, dayfirst=config.dayfirst)
        except dates.DateParseError:
            try:
                since, until = parse_period(args.since, dayfirst=config.dayfirst)
            except DatePeriodError as exc:
                _fail(f"--since: {exc}")
    output, fmt = _export_destination(args)
    categories = [c.strip() for given in args.category or () for c in given.split(",") if c.strip()]

    def read(store: Store) -> tuple[WorkerInfo, CaseDetail, list[ChronologyItem]]:
        me = _exporting_worker(store, args, config)
        detail = store.cases.by_ref(me, args.ref)
        if categories:
            known = {
                *config.chronology_categories,
                *AUTOMATIC_CATEGORIES,
                *store.chronology.categories_in_use(me, detail.id),
            }
            unknown = [c for c in categories if c not in known]
            if unknown:
                _fail(
                    f"--category: no category {unknown[0]!r}; choose from "
                    f"{', '.join(sorted(known))}."
                )
        items = store.chronology.entries(
            me,
            detail.id,
            categories=categories or None,
            since=since,
            until=until,
            text=args.text,
            newest_first=args.newest_first,
        )
        return me, detail, items

    me, detail, items = _read_for_export(args, config, read)
    described = describe_filter(categories, since, until, args.text)
    render = chronology_html if fmt == "html" else chronology_markdown
    text = render(
        detail,
        items,
        exported_by=me.display_name,
        exported_at=dates.now_utc(),
        filter_description=described,
    )
    if _write_export(output, text, example_name="chronology.md"):
        print(
            f"Wrote chronology of {detail.ref} ({plural(len(items), 'entry')}) to {output}",
            file=sys.stderr,
        )
    return 0


def _export_plan(args: argparse.Namespace, config: Config) -> int:
    """Export a case's current service plan (or plan number --plan) with its reviews."""
    from store.core import dates
    from store.export.html import plan_export_html
    from store.export.markdown import plan_export_markdown

    output, fmt = _export_destination(args)

    def read(store: Store) -> tuple[WorkerInfo, CaseDetail, PlanInfo]:
        me = _exporting_worker(store, args, config)
        detail = store.cases.by_ref(me, args.ref)
        listed = store.plans.for_case(me, detail.id)  # newest first
        if not listed:
            _fail(f"Case {detail.ref} has no service plan.")
        if args.plan is None:
            plan = store.plans.current(me, detail.id)
            if plan is None:
                _fail(f"Case {detail.ref} has no current service plan; give --plan N.")
        else:
            chosen = next((p for p in listed if p.number == args.plan), None)
            if chosen is None:
                numbers = ", ".join(str(p.number) for p in reversed(listed))
                _fail(
                    f"--plan: case {detail.ref} has no plan {args.plan}; "
                    f"its plan{'s are' if len(listed) > 1 else ' is'} {numbers}."
                )
            plan = store.plans.get(me, chosen.id)
        return me, detail, plan

    me, detail, plan = _read_for_export(args, config, read)
    render = plan_export_html if fmt == "html" else plan_export_markdown
    text = render(detail, plan, exported_by=me.display_name, exported_at=dates.now_utc())
    if _write_export(output, text, example_name="plan.md"):
        goals, reviews = len(plan.goals), len(plan.reviews)
        print(
            f"Wrote service plan {plan.number} of {detail.ref} "
            f"({plural(goals, 'goal')}, {plural(reviews, 'review')}) to {output}",
            file=sys.stderr,
        )
    return 0


def _run(args: argparse.Namespace, config: Config) -> int:
    # Start-up creates many objects that live as long as the app: the cyclic garbage collector
    # would scan them again and again, some 40 ms of a start-up. The app turns it back on once
    # the caseload is painted (CaselineApp.started).
    gc.disable()
    # Textual paints at most 60 frames a second, and a keystroke in the caseload's filter takes
    # two frames (the filter line, then the rows): at 120 a filtered list shows some 15 ms
    # sooner. Frames are drawn only when something changed, so an idle screen costs nothing.
    os.environ.setdefault("TEXTUAL_FPS", "120")
    from store.service import Store

    worker = resolve_worker(args.worker, config)
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
        path = resolve_db_path(args.db, config)
        if not args.db and not path.parent.exists():
            # The default location is ours to create; a path the user gave is not.
            _make_private_folder(path.parent)
    # Open the database (checking it is sound: a tenth of a second or two on an agency's
    # database, SQLite's work, which doesn't hold the GIL) and then read the worker's open
    # cases, while the app's code loads: the caseload is ready when the screen is.
    opened: Future[Store] = Future()
    first_caseload: Future[list[CaseRow]] = Future()

    def open_then_read() -> None:
        try:
            store = Store.open(path, ref_format=config.ref_format)
        except BaseException as exc:
            opened.set_exception(exc)
            return
        try:
            me = store.workers.ensure(worker)
        except BaseException as exc:
            store.close()
            opened.set_exception(exc)
            return
        opened.set_result(store)
        try:
            first_caseload.set_result(store.cases.caseload(me, scope="mine", closed=False))
        except BaseException as exc:  # the app reads again and reports it
            first_caseload.set_exception(exc)

    threading.Thread(target=open_then_read, name="caseline-open", daemon=True).start()

    from tui.app import CaselineApp

    # A database that can't be used is refused here, before anything is drawn.
    store = opened.result()
    app = CaselineApp(store=store, worker=worker, config=config, first_caseload=first_caseload)
    try:
        app.run()
    finally:
        store.close()
    return app.return_code or 0


def _export_minutes(args: argparse.Namespace, config: Config) -> int:
    """Export a meeting's minutes: meeting --conference ID, or the case's latest finalised."""
    from store.core import dates
    from store.export.html import minutes_export_html
    from store.export.markdown import minutes_export_markdown

    output, fmt = _export_destination(args)

    def read(store: Store) -> tuple[WorkerInfo, CaseDetail, ConferenceInfo]:
        me = _exporting_worker(store, args, config)
        detail = store.cases.by_ref(me, args.ref)
        listed = store.conferences.for_case(me, detail.id)
        if not listed:
            _fail(f"Case {detail.ref} has no meetings recorded.")
        if args.conference is None:
            final = [m for m in listed if m.status == "final" and m.held_at is not None]
            if not final:
                _fail(f"Case {detail.ref} has no finalised minutes; give --conference ID.")
            chosen = max(final, key=lambda m: (m.held_at, m.id))
        else:
            found = next((m for m in listed if m.id == args.conference), None)
            if found is None:
                ids = ", ".join(str(m.id) for m in listed)
                _fail(
                    f"--conference: case {detail.ref} has no meeting {args.conference}; "
                    f"it has {ids}."
                )
            chosen = found
        return me, detail, store.conferences.get(me, chosen.id)

    me, detail, conference = _read_for_export(args, config, read)
    render = minutes_export_html if fmt == "html" else minutes_export_markdown
    text = render(detail, conference, exported_by=me.display_name, exported_at=dates.now_utc())
    if _write_export(output, text, example_name="minutes.md"):
        print(
            f"Wrote the minutes of meeting {conference.id} of {detail.ref} to {output}",
            file=sys.stderr,
        )
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
