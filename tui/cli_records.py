"""The records without the screens, for a worker at a shell or a script: ``caseline list``
(the caseload as a table, CSV or JSON) and ``caseline note REF TEXT`` (a note added, finalised
or kept as a draft). Both sign in as the other commands do (a passphrase, the computer's login,
or a token for scripts); ``list`` only reads the database, ``note`` writes through the same
store calls as the app, validated the same way."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import TYPE_CHECKING, Any

from store.cases.records import flag_labels
from store.common.settings import Config
from store.common.textsafe import visible
from tui.cli_args import OneLineParser, fail
from tui.cli_audit import spreadsheet_safe
from tui.cli_sign_in import (
    Prompter,
    add_token_file_argument,
    open_database,
    sign_in_to_read,
    sign_in_to_write,
)

if TYPE_CHECKING:
    from store.case_file.records import CaseFile
    from store.cases.records import CaseRow
    from store.common.records import WorkerInfo
    from store.reminders.records import CaseHealth
    from store.service import Store

FORMATS = ("table", "csv", "json")
STATUSES = ("referral", "open", "closed")
# What the store calls a note's fields, as this command's options say them.
NOTE_OPTIONS = {
    "contact_at": "--date",
    "note_type": "--type",
    "present": "--present",
    "body": "TEXT",
    "chronology_title": "--significant",
    "follow_up_on": "--follow-up",
}


def add_records_parsers(sub: argparse._SubParsersAction[OneLineParser]) -> None:
    listing = sub.add_parser(
        "list",
        help="list cases: yours, your team's or every one you may see (table, CSV or JSON)",
        description="List cases, as the caseload shows them: yours (the default), your "
        "team's, or every case you may see. Reads the database only.",
    )
    whose = listing.add_mutually_exclusive_group()
    whose.add_argument("--mine", action="store_true", help="your cases (the default)")
    whose.add_argument("--team", action="store_true", help="the cases of your team's workers")
    whose.add_argument("--all", action="store_true", help="every case you may see")
    listing.add_argument(
        "--status",
        choices=STATUSES,
        metavar="STATUS",
        help="only cases with this status: referral, open or closed (default: referral and open)",
    )
    listing.add_argument(
        "--format", choices=FORMATS, default="table", metavar="FORMAT", help="table, csv or json"
    )
    _database_argument(listing)
    add_token_file_argument(listing)
    note = sub.add_parser(
        "note",
        help="add a note to a case, finalised (or --draft)",
        description="Add a note to the case REF, finalised as a record (--draft: kept as your "
        "draft, to finish in the app). TEXT - reads the note from standard input. Dates are "
        'read as the app reads them ("now", "tue 14:30", "3/4 2pm").',
    )
    note.add_argument("ref", metavar="REF", help="the case's reference")
    note.add_argument("text", metavar="TEXT", help="what happened, or - to read it from stdin")
    note.add_argument("--type", metavar="TYPE", help="the kind of contact (default: case note)")
    note.add_argument("--date", metavar="WHEN", default="now", help="when it happened (now)")
    note.add_argument("--present", metavar="WHO", default="", help="who was there")
    note.add_argument(
        "--significant",
        metavar="TITLE",
        help="a significant event: it goes in the chronology under this title",
    )
    note.add_argument("--follow-up", metavar="DATE", help="a date to follow it up by")
    note.add_argument("--draft", action="store_true", help="keep it as a draft, not finalised")
    _database_argument(note)
    add_token_file_argument(note)
    show = sub.add_parser(
        "show",
        help="a case at a glance: where it stands, its summary and latest notes (md or json)",
        description="Show the case REF at a glance: who it is about and who holds it, its "
        "last contact, next review and what is overdue, its summary and its latest notes, as "
        "Markdown or JSON. Reads the database only; the opening is added to the audit trail.",
    )
    show.add_argument("ref", metavar="REF", help="the case's reference")
    show.add_argument(
        "--format", choices=("md", "json"), default="md", metavar="FORMAT", help="md or json"
    )
    show.add_argument(
        "--reason",
        metavar="TEXT",
        help="why you are opening it, for a restricted case you were named for (audited)",
    )
    _database_argument(show)
    add_token_file_argument(show)


def _database_argument(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: a --db given before the command is not reset to None here.
    parser.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help="database file (as for the app)"
    )


def list_cases(args: argparse.Namespace, config: Config) -> int:
    """Run ``caseline list``."""
    from store.audit.service import origin_here
    from store.service import Store
    from tui.cli_export import database_of

    path = database_of(args, config)
    me = sign_in_to_read(path, args, config, Prompter(), origin_here())
    closed = args.status == "closed"

    def read(store: Store) -> list[CaseRow]:
        rows = store.cases.caseload(me, scope="mine" if _mine(args) else "all", closed=closed)
        if args.team:
            team = {w.id for w in store.workers.active() if me.team and w.team == me.team}
            rows = [r for r in rows if r.worker_id in team]
        return rows

    rows = Store.read_steadily(path, read, ref_format=config.ref_format)
    if args.status in ("referral", "open"):
        rows = [r for r in rows if r.status == args.status]
    if args.format == "json":
        json.dump([_fields(r) for r in rows], sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif args.format == "csv":
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(CASE_FIELDS)
        for row in rows:
            fields = _fields(row) | {"flags": "; ".join(flag_labels(row))}
            writer.writerow(spreadsheet_safe(value) for value in fields.values())
    else:
        _print_table(rows)
    return 0


def _mine(args: argparse.Namespace) -> bool:
    return not (args.team or args.all)


CASE_FIELDS = (
    "ref",
    "client",
    "status",
    "worker",
    "allocated_on",
    "last_contact_at",
    "next_review_on",
    "flags",
)


def _fields(row: CaseRow) -> dict[str, Any]:
    return {
        "ref": row.ref,
        "client": row.client_name,
        "status": str(row.status),
        "worker": row.worker_name,
        "allocated_on": row.allocated_on.isoformat() if row.allocated_on else None,
        "last_contact_at": (
            row.last_contact_at.isoformat(timespec="seconds") + "Z" if row.last_contact_at else None
        ),
        "next_review_on": row.next_review_on.isoformat() if row.next_review_on else None,
        "flags": flag_labels(row),
    }


HEADINGS = (
    "REF",
    "CLIENT",
    "STATUS",
    "WORKER",
    "ALLOCATED",
    "LAST CONTACT",
    "NEXT REVIEW",
    "FLAGS",
)


def _print_table(rows: list[CaseRow]) -> None:
    from store.common import dates

    lines = [HEADINGS]
    for row in rows:
        contact = row.last_contact_at
        lines.append(
            (
                visible(row.ref),
                visible(row.client_name),
                str(row.status),
                visible(row.worker_name) or "-",
                dates.format_date(row.allocated_on),
                dates.format_date(dates.to_local(contact)) if contact else "never",
                dates.format_date(row.next_review_on),
                ", ".join(flag_labels(row)),
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(lines[0]))]
    for line in lines:
        print("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
    if not rows:
        print("(no cases)", file=sys.stderr)


def show_case(args: argparse.Namespace, config: Config) -> int:
    """Run ``caseline show REF``."""
    from store.export.overview import overview_data, overview_markdown
    from tui.cli_export import audit_export, read_for_export

    if args.demo and getattr(args, "db", None):
        fail("--db and --demo can't be used together")

    def read(store: Store, me: WorkerInfo) -> tuple[CaseFile, CaseHealth]:
        case = store.cases.by_ref(me, args.ref)
        found = store.case_file.view(me, case.id, notes=("", None))
        return found, store.reminders.health(me, case.id)

    me, (found, health) = read_for_export(args, config, read)
    needs = (health.line, [(item.title, item.due_on) for item in health.items])
    if args.format == "json":
        json.dump(overview_data(found, needs), sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        sys.stdout.write(overview_markdown(found, needs))
    detail = found.detail
    # As the app's opening of a case file is: "case-file-opened", from the command line.
    audit_export(
        args,
        config,
        me,
        "case-file",
        None,
        (detail.id, "case", detail.id),
        described="caseline show",
        action="case-file-opened",
    )
    return 0


def _needs_passphrase(args: argparse.Namespace, config: Config) -> bool:
    from tui.cli_sign_in import given_token

    return not (args.demo or config.identity == "os-login" or given_token(args) is not None)


def add_note(args: argparse.Namespace, config: Config) -> int:
    """Run ``caseline note REF TEXT``."""
    from store.audit.service import origin_here
    from store.common.errors import InvalidInput
    from store.notes.input import parse_note

    if args.text == "-" and _needs_passphrase(args, config):
        fail(
            "TEXT -: standard input holds the note, so it can't hold a passphrase too: sign in "
            'with a token ($CASELINE_TOKEN or --token-file), or identity = "os-login"'
        )
    text = sys.stdin.read() if args.text == "-" else args.text
    note_type = args.type or ("case note" if "case note" in config.note_types else "")
    data = {
        "contact_at": args.date,
        "note_type": note_type or config.note_types[0],
        "present": args.present,
        "body": text,
        "significant": args.significant is not None,
        "chronology_title": args.significant or "",
        "follow_up_on": args.follow_up or None,
    }
    try:  # before anyone is asked for a passphrase
        parse_note(data, dayfirst=config.dayfirst, note_types=config.note_types)
    except InvalidInput as exc:
        field, message = next(iter(exc.errors.items()))
        fail(f"{NOTE_OPTIONS.get(field, field)}: {message}")
    store = open_database(args, config, create=False)
    try:
        me = sign_in_to_write(store, args, config, Prompter(), origin_here())
        case = store.cases.by_ref(me, args.ref)
        if args.draft:
            store.notes.save_draft(me, case.id, data, dayfirst=config.dayfirst)
            print(f"Kept as your draft on {case.ref}: the caseload's d lists your drafts.")
            return 0
        note = store.notes.finalise(
            me,
            case.id,
            data,
            dayfirst=config.dayfirst,
            note_types=config.note_types,
            categories=config.chronology_categories,
        )
    finally:
        store.close()
    print(f"Added note {note.id} to {case.ref}, finalised.")
    return 0
