"""The ``caseline export`` command: a case's chronology, a service plan with its reviews, or a
meeting's minutes, as Markdown or printable HTML, to a file (written atomically) or to standard
output. The worker signs in first (``cli_sign_in.sign_in_to_read``: a passphrase, the computer's
login, or a token for scripts). The database is read read-only: an export never creates or
upgrades it; the sign-in and, once the export has succeeded, the export itself are added to the
audit trail by short openings of their own (a database that can't be written, such as a
read-only copy, still exports, and says it wasn't recorded)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from store.common.config import demo_db_path, resolve_database
from store.common.settings import Config
from store.common.words import plural
from tui.cli_args import OneLineParser, fail, positive
from tui.cli_sign_in import Prompter, add_token_file_argument, sign_in_to_read

if TYPE_CHECKING:
    from store.assessments.records import AssessmentHistory
    from store.cases.records import CaseDetail
    from store.chronology.records import ChronologyItem
    from store.common.records import WorkerInfo
    from store.conferences.records import ConferenceInfo
    from store.plans.records import PlanInfo
    from store.service import Store

T = TypeVar("T")

ONE_PACK = "export case: give --pack handover, --pack record or --subject-access (one of them)"


def add_export_parser(sub: argparse._SubParsersAction[OneLineParser]) -> None:
    """``caseline export chronology REF`` and ``caseline export plan REF``: a case's chronology,
    or a service plan with its reviews, as Markdown or HTML."""
    export = sub.add_parser(
        "export",
        help="export a case's records",
        description="Export a case's records to a file or to standard output.",
    )
    what = export.add_subparsers(
        dest="what", metavar="WHAT", parser_class=OneLineParser, required=True
    )
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
        type=positive,
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
        type=positive,
        metavar="ID",
        help="which meeting, by its number: 'meeting N' in the title of its minutes in the app "
        "(default: the latest finalised minutes)",
    )
    assessment = what.add_parser(
        "assessment",
        help="a case's assessment and its history as Markdown or printable HTML",
        description="Export a case's current assessment (its domains, summary and the "
        "client's goals), the ratings over time and the list of versions to Markdown or HTML.",
    )
    _add_export_arguments(assessment)
    case = what.add_parser(
        "case",
        help="a case's handover pack, or its whole record, or everything held about the client",
        description="Export a case as a pack: --pack handover gives the summary, the current "
        "plan with its reviews, the meetings' open actions, the professionals and the support "
        "network, the chronology and the ten most recent notes (Markdown or HTML); --pack "
        "record gives the whole record, every note, plan, meeting, assessment, referral and "
        "consent (Markdown, HTML, or JSON for another program); --subject-access gives "
        "everything held about the client (Markdown, HTML or JSON).",
    )
    _add_export_arguments(case, formats=("md", "html", "json"))
    case.add_argument("--pack", choices=("handover", "record"), help="which: handover or record")
    case.add_argument(
        "--subject-access",
        action="store_true",
        help="everything held about the client, every case of theirs, with the audit of who "
        "read it and the other people it names, for review before it goes out",
    )
    case.add_argument(
        "--for",
        dest="for_agency",
        metavar="AGENCY",
        help="made for another agency: recorded in the case's information-sharing log, under "
        "--consent or --lawful-reason",
    )
    case.add_argument(
        "--consent", type=positive, metavar="ID", help="the consent it is shared under"
    )
    case.add_argument(
        "--lawful-reason",
        metavar="TEXT",
        help="why it is shared without consent (e.g. safeguarding, a court order)",
    )


def _add_export_arguments(
    parser: argparse.ArgumentParser, formats: tuple[str, ...] = ("md", "html")
) -> None:
    """What every export takes: the case, the format, where to write, the database, who."""
    parser.add_argument("ref", metavar="REF", help="case reference, e.g. CL-2026-0001")
    parser.add_argument(
        "--format",
        choices=formats,
        help=f"{' or '.join(formats)} (default: from the --output name, .html/.htm = html; "
        "else md)",
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
        "--worker", metavar="NAME", default=argparse.SUPPRESS, help="who is exporting, signing in"
    )
    parser.add_argument(
        "--reason",
        metavar="TEXT",
        help="why you are opening it, for a restricted case you were named for (audited)",
    )
    add_token_file_argument(parser)


def export(args: argparse.Namespace, config: Config) -> int:
    """Export a case's chronology, service plan, minutes, assessment or handover pack: to
    --output (atomically), else to standard output. (A case's whole record and a subject
    access answer are ``tui.cli_export_record``'s.)"""
    if args.what == "plan":
        return _export_plan(args, config)
    if args.what == "minutes":
        return _export_minutes(args, config)
    if args.what == "case" and (args.pack is None) == (not args.subject_access):
        fail(ONE_PACK)
    if args.what == "case":  # the whole record and subject access: tui.cli_export_record
        if args.format == "json":
            fail("--format json: the handover pack is Markdown or HTML; --pack record can be JSON")
        return _export_handover(args, config)
    if args.what == "assessment":
        return _export_assessment(args, config)
    return _export_chronology(args, config)


def _export_handover(args: argparse.Namespace, config: Config) -> int:
    """Export a case's handover pack (``store.export.handover``)."""
    from store.common import dates
    from store.export.handover import HandoverPack, for_agency, handover_markdown
    from store.export.html import handover_html
    from tui.cli_share import check_sharing_arguments, record_sharing, sharing_basis

    output, fmt = _export_destination(args)
    agency = check_sharing_arguments(args, database_of(args, config))

    def read(store: Store, me: WorkerInfo) -> HandoverPack:
        detail = store.cases.by_ref(me, args.ref)
        pack = store.handover.pack(me, detail.id)
        if agency:
            pack = for_agency(pack, agency, sharing_basis(store, me, detail.id, agency, args))
        return pack

    me, pack = read_for_export(args, config, read)
    render = handover_html if fmt == "html" else handover_markdown
    text = render(pack, exported_by=me.display_name, exported_at=dates.now_utc())
    written = write_export(output, text, example_name="handover.md")
    detail = pack.file.detail
    if agency:
        record_sharing(database_of(args, config), me, detail.id, agency, args)
    audit_export(
        args,
        config,
        me,
        "handover",
        output,
        (detail.id, "case", detail.id),
        described=f"for {agency}" if agency else "",
    )
    if written:
        print(f"Wrote the handover pack of {detail.ref} to {output}", file=sys.stderr)
    return 0


def output_path(args: argparse.Namespace) -> Path | None:
    return Path(args.output).expanduser() if args.output else None


def _export_destination(args: argparse.Namespace) -> tuple[Path | None, str]:
    """The file to write (None: standard output) and the format, checked before any reading."""
    from store.export.files import format_for

    output = Path(args.output).expanduser() if args.output else None
    return output, format_for(output, args.format) if output else (args.format or "md")


def database_of(args: argparse.Namespace, config: Config) -> Path | str:
    """The database the app would use (--demo: the demo database): a file, which must exist,
    or a PostgreSQL database's URL (whether it is there is found on opening it)."""
    if args.demo:
        path = demo_db_path()
        if not path.exists():
            fail(f"No demo database at {path} yet; run caseline --demo once to create it.")
        return path
    found = resolve_database(getattr(args, "db", None), config)
    if isinstance(found, Path) and not found.exists():
        fail(f"No database at {found}; give one with --db, or use --demo for the demo.")
    return found


def read_for_export(
    args: argparse.Namespace, config: Config, read: Callable[[Store, WorkerInfo], T]
) -> tuple[WorkerInfo, T]:
    """Sign in, then ``read`` as that worker from the database the app would use, opened
    read-only: an export never creates or upgrades it, so a read-only copy can be exported and
    the file is unchanged but for the audit trail's rows."""
    from store.audit.service import origin_here
    from store.common.errors import ReasonNeeded
    from store.service import Store

    path = database_of(args, config)
    me = sign_in_to_read(path, args, config, Prompter(), origin_here())

    def reading(store: Store) -> T:
        # A restricted case one was named for is opened with a reason, as in the app.
        case = store.cases.by_ref(me, args.ref)
        args.said = store.cases.reason_to_open(me, case.id, args.reason)
        return read(store, me)

    try:
        return me, Store.read_steadily(
            path,
            reading,
            ref_format=config.ref_format,
            warn=lambda warning: print(f"caseline: warning: {warning}", file=sys.stderr),
        )
    except ReasonNeeded as exc:
        fail(f"{exc.message.removesuffix('.')}: give it with --reason.")


def audit_export(
    args: argparse.Namespace,
    config: Config,
    me: WorkerInfo,
    what: str,
    where: Path | None,
    record: tuple[int, str, int],
    *,
    described: str = "",
    action: str = "",
) -> None:
    """Add the export to the audit trail once it has succeeded (``action``: what it was,
    "<what>-exported" unless said; ``record``: the case, and the
    kind and id of what was exported), through a short read-write opening of the database
    of its own. A database that can't be written still exports, and says so in one line."""
    from store.after_reading import record_after_reading
    from store.common.errors import StoreError

    case_id, kind, record_id = record
    detail = "stdout" if where is None else str(where.resolve())
    if described:
        detail += f" ({described})"
    if getattr(args, "said", ""):
        detail += f" (reason: {args.said})"
    try:
        record_after_reading(
            database_of(args, config),
            me,
            action or f"{what}-exported",
            case_id,
            kind,
            record_id,
            detail=detail,
        )
    except StoreError as exc:
        print(
            f"caseline: warning: this export could not be recorded in the audit trail ({exc})",
            file=sys.stderr,
        )


def write_export(output: Path | None, text: str, *, example_name: str) -> bool:
    """``text`` to standard output, or atomically to ``output`` (True: a file was written)."""
    from store.export.files import ExportError, write_atomically

    if output is None:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        return False
    try:
        write_atomically(output, text, example_name=example_name)
    except ExportError as exc:
        fail(str(exc))
    return True


def _export_chronology(args: argparse.Namespace, config: Config) -> int:
    from datetime import date

    from store.chronology.period import DatePeriodError, describe_filter, parse_period
    from store.chronology.rules import AUTOMATIC_CATEGORIES
    from store.common import dates
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
                fail(f"--since: {exc}")
    output, fmt = _export_destination(args)
    categories = [c.strip() for given in args.category or () for c in given.split(",") if c.strip()]

    def read(store: Store, me: WorkerInfo) -> tuple[CaseDetail, list[ChronologyItem]]:
        detail = store.cases.by_ref(me, args.ref)
        if categories:
            known = {
                *config.chronology_categories,
                *AUTOMATIC_CATEGORIES,
                *store.chronology.categories_in_use(me, detail.id),
            }
            unknown = [c for c in categories if c not in known]
            if unknown:
                fail(
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
        return detail, items

    me, (detail, items) = read_for_export(args, config, read)
    described = describe_filter(categories, since, until, args.text)
    render = chronology_html if fmt == "html" else chronology_markdown
    text = render(
        detail,
        items,
        exported_by=me.display_name,
        exported_at=dates.now_utc(),
        filter_description=described,
    )
    written = write_export(output, text, example_name="chronology.md")
    audit_export(
        args, config, me, "chronology", output, (detail.id, "case", detail.id), described=described
    )
    if written:
        print(
            f"Wrote chronology of {detail.ref} ({plural(len(items), 'entry')}) to {output}",
            file=sys.stderr,
        )
    return 0


def _export_plan(args: argparse.Namespace, config: Config) -> int:
    """Export a case's current service plan (or plan number --plan) with its reviews."""
    from store.common import dates
    from store.export.html import plan_export_html
    from store.export.markdown import plan_export_markdown

    output, fmt = _export_destination(args)

    def read(store: Store, me: WorkerInfo) -> tuple[CaseDetail, PlanInfo]:
        detail = store.cases.by_ref(me, args.ref)
        listed = store.plans.for_case(me, detail.id)  # newest first
        if not listed:
            fail(f"Case {detail.ref} has no service plan.")
        if args.plan is None:
            plan = store.plans.current(me, detail.id)
            if plan is None:
                fail(f"Case {detail.ref} has no current service plan; give --plan N.")
        else:
            chosen = next((p for p in listed if p.number == args.plan), None)
            if chosen is None:
                numbers = ", ".join(str(p.number) for p in reversed(listed))
                fail(
                    f"--plan: case {detail.ref} has no plan {args.plan}; "
                    f"its plan{'s are' if len(listed) > 1 else ' is'} {numbers}."
                )
            plan = store.plans.get(me, chosen.id)
        return detail, plan

    me, (detail, plan) = read_for_export(args, config, read)
    render = plan_export_html if fmt == "html" else plan_export_markdown
    text = render(detail, plan, exported_by=me.display_name, exported_at=dates.now_utc())
    written = write_export(output, text, example_name="plan.md")
    audit_export(args, config, me, "plan", output, (detail.id, "service_plan", plan.id))
    if written:
        goals, reviews = len(plan.goals), len(plan.reviews)
        print(
            f"Wrote service plan {plan.number} of {detail.ref} "
            f"({plural(goals, 'goal')}, {plural(reviews, 'review')}) to {output}",
            file=sys.stderr,
        )
    return 0


def _export_minutes(args: argparse.Namespace, config: Config) -> int:
    """Export a meeting's minutes: meeting --conference ID, or the case's latest finalised."""
    from store.common import dates
    from store.export.html import minutes_export_html
    from store.export.markdown import minutes_export_markdown

    output, fmt = _export_destination(args)

    def read(store: Store, me: WorkerInfo) -> tuple[CaseDetail, ConferenceInfo]:
        detail = store.cases.by_ref(me, args.ref)
        listed = store.conferences.for_case(me, detail.id)
        if not listed:
            fail(f"Case {detail.ref} has no meetings recorded.")
        if args.conference is None:
            final = [m for m in listed if m.status == "final" and m.held_at is not None]
            if not final:
                fail(f"Case {detail.ref} has no finalised minutes; give --conference ID.")
            chosen = max(final, key=lambda m: (m.held_at, m.id))
        else:
            found = next((m for m in listed if m.id == args.conference), None)
            if found is None:
                ids = ", ".join(str(m.id) for m in listed)
                fail(
                    f"--conference: case {detail.ref} has no meeting {args.conference}; "
                    f"it has {ids}."
                )
            chosen = found
        return detail, store.conferences.get(me, chosen.id)

    me, (detail, conference) = read_for_export(args, config, read)
    render = minutes_export_html if fmt == "html" else minutes_export_markdown
    text = render(detail, conference, exported_by=me.display_name, exported_at=dates.now_utc())
    written = write_export(output, text, example_name="minutes.md")
    audit_export(args, config, me, "minutes", output, (detail.id, "conference", conference.id))
    if written:
        print(
            f"Wrote the minutes of meeting {conference.id} of {detail.ref} to {output}",
            file=sys.stderr,
        )
    return 0


def _export_assessment(args: argparse.Namespace, config: Config) -> int:
    """Export a case's current assessment, its ratings over time and its versions."""
    from store.common import dates
    from store.export.assessment import assessment_export_html, assessment_export_markdown

    output, fmt = _export_destination(args)
    scale, domains = config.assessment_scale, config.assessment_domains

    def read(store: Store, me: WorkerInfo) -> tuple[CaseDetail, AssessmentHistory]:
        detail = store.cases.by_ref(me, args.ref)
        history = store.assessments.history(me, detail.id, scale=scale, domains=domains)
        if not history.overview.versions:
            fail(f"Case {detail.ref} has no assessment.")
        return detail, history

    me, (detail, history) = read_for_export(args, config, read)
    render = assessment_export_html if fmt == "html" else assessment_export_markdown
    text = render(detail, history, scale, exported_by=me.display_name, exported_at=dates.now_utc())
    written = write_export(output, text, example_name="assessment.md")
    current = history.overview.current
    record = (detail.id, "assessment", current.id) if current else (detail.id, "case", detail.id)
    audit_export(args, config, me, "assessment", output, record)
    if written:
        finals = len(history.overview.finals)
        print(
            f"Wrote the assessment of {detail.ref} ({plural(finals, 'finalised version')}) "
            f"to {output}",
            file=sys.stderr,
        )
    return 0
