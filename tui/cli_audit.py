"""The ``caseline audit`` command: the audit trail, newest first, of a case, of a worker, since
a date, as an aligned table, CSV or JSON. For supervisors, managers, auditors and
administrators (the store refuses anyone else).

It signs in as ``caseline admin`` does, or with a token (``cli_sign_in``; the sign-in is itself
audited), then reads the trail with the database opened read-only.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from store.common.settings import Config
from store.common.textsafe import visible
from tui.cli_args import OneLineParser, fail, positive
from tui.cli_sign_in import Prompter, add_token_file_argument, open_database, sign_in

if TYPE_CHECKING:
    from store.audit.records import AuditEntry
    from store.service import Store

FORMATS = ("table", "csv", "json")
FIELD_NAMES = (
    "at",
    "login",
    "worker",
    "action",
    "case",
    "record_kind",
    "record_id",
    "detail",
    "origin",
)
LIMIT = 500
# A spreadsheet runs a cell that starts with one of these as a formula: such a value (a login
# typed at a sign-in prompt, a file name) is written with a quote mark before it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def add_audit_parser(sub: argparse._SubParsersAction[OneLineParser]) -> None:
    """``caseline audit``: reading the audit trail."""
    audit = sub.add_parser(
        "audit",
        help="read the audit trail: who opened, changed or exported what, and signed in",
        description="The audit trail, newest first: every sign-in, opening of a record, change "
        "and export, with who, when and from where. For supervisors, managers, auditors and "
        "administrators; you sign in first (who you are: --worker before 'audit').",
    )
    audit.add_argument("--case", metavar="REF", help="only this case, e.g. CL-2026-0001")
    audit.add_argument(
        "--worker", dest="of_worker", metavar="LOGIN", help="only what this login did"
    )
    audit.add_argument(
        "--since", metavar="DATE", help='from this day on ("1/11/2026", "-1w", "yesterday")'
    )
    audit.add_argument("--format", default="table", metavar="FORMAT", help="table, csv or json")
    audit.add_argument(
        "--limit", type=positive, default=LIMIT, metavar="N", help=f"at most N events ({LIMIT})"
    )
    # SUPPRESS: a --db given before "audit" is not reset to None here.
    audit.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help="database file (as for the app)"
    )
    add_token_file_argument(audit)


def audit(args: argparse.Namespace, config: Config) -> int:
    """Run ``caseline audit``: check what was asked, sign in, then read the trail read-only."""
    from store.audit.service import origin_here
    from store.service import Store

    if args.format not in FORMATS:
        fail(f"--format: {args.format!r} is not one of {', '.join(FORMATS)}.")
    since = _since(args.since, config) if args.since else None
    store = open_database(args, config, create=False, reading=True)
    try:
        me = sign_in(store, args, config, Prompter(), origin_here(), tokens=True)
        path = store.location  # the file, or the PostgreSQL database's URL
    finally:
        store.close()

    def read(reading: Store) -> list[AuditEntry]:
        case_id = reading.cases.by_ref(me, args.case).id if args.case else None
        return reading.audit.events(
            me, case_id=case_id, login=args.of_worker, since=since, limit=args.limit
        )

    entries = Store.read_steadily(path, read, ref_format=config.ref_format)
    if args.format == "json":
        json.dump([_fields(e) for e in entries], sys.stdout, ensure_ascii=False, indent=2)
        print()
    elif args.format == "csv":
        _write_csv(entries)
    else:
        _print_table(entries)
    return 0


def _since(text: str, config: Config) -> datetime:
    """The start of the day ``text`` names, in local time, as an aware UTC time."""
    from store.common import dates

    try:
        day = dates.parse_date(text, dayfirst=config.dayfirst)
    except dates.DateParseError as exc:
        fail(f"--since: {exc}")
    return dates.to_utc(datetime.combine(day, time()))


def _fields(entry: AuditEntry) -> dict[str, Any]:
    return {
        "at": entry.at.isoformat(timespec="seconds") + "Z",
        "login": entry.login,
        "worker": entry.worker_name,
        "action": entry.action,
        "case": entry.case_ref,
        "record_kind": entry.record_kind,
        "record_id": entry.record_id,
        "detail": entry.detail,
        "origin": entry.origin,
    }


def _write_csv(entries: list[AuditEntry]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(FIELD_NAMES)
    for entry in entries:
        writer.writerow(spreadsheet_safe(value) for value in _fields(entry).values())


def spreadsheet_safe(value: object) -> object:
    """A CSV cell a spreadsheet shows as text: never a formula, None as empty."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return f"'{value}"
    return value


def _print_table(entries: list[AuditEntry]) -> None:
    from store.common import dates

    rows = [("WHEN", "WHO", "ACTION", "CASE", "RECORD", "DETAIL", "FROM")]
    for e in entries:
        record = f"{e.record_kind} {e.record_id}" if e.record_id is not None else e.record_kind
        rows.append(
            (
                dates.format_datetime(dates.to_local(e.at)),
                visible(e.login),
                visible(e.action),
                visible(e.case_ref),
                visible(record),
                visible(e.detail),
                visible(e.origin),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
    if not entries:
        print("(no events)", file=sys.stderr)
