"""The ``caseline import`` command: ``caseline import resources PATH`` imports an Open Referral
(HSDS 3.0 or 1.x) package, a folder of CSV files, into the community-resource directory.

It signs in as ``caseline admin`` does (or with a token), then imports the whole package in one
transaction, for managers and administrators (the store refuses anyone else). What it did is
printed on standard output: services added, changed, unchanged and gone (withdrawn), then each
row left out or cut short with its file and line. A folder that is not a package, or a refusal,
is one line on standard error and exit status 1; a usage error (something it does not import,
an argument missing) is one line and exit status 2, as for every command.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from store.common import words
from store.common.settings import Config
from store.common.textsafe import visible
from tui.cli_args import OneLineParser, fail
from tui.cli_sign_in import (
    Prompter,
    add_token_file_argument,
    open_database,
    sign_in,
    sign_in_to_write,
)

if TYPE_CHECKING:
    from store.cases.records import RowDuplicate

WHAT = ("resources", "cases")
# The columns of a file of cases to import (its first line names them; only client_name is
# required), as the new-case form has them.
CASE_COLUMNS = ("client_name", "date_of_birth", "address", "phone", "ref", "worker", "allocated_on")


def add_import_parser(sub: argparse._SubParsersAction[OneLineParser]) -> None:
    """``caseline import resources PATH``."""
    command = sub.add_parser(
        "import",
        help="import a community-resource directory (an Open Referral HSDS package)",
        description="Import records from outside. 'resources PATH': the Open Referral (HSDS "
        "3.0 or 1.x) package in the folder PATH, into the directory of community resources; "
        "a re-import updates the services it imported before and withdraws those gone from it. "
        "For managers and administrators. 'cases PATH': a CSV file of new cases, one a line, "
        f"its first line naming its columns ({', '.join(CASE_COLUMNS)}; only client_name is "
        "required): all imported, or none if any line has a problem or any row's client may "
        "already be known (unless --allow-duplicates). You sign in first (who you are: "
        "--worker before 'import').",
    )
    command.add_argument(
        "what", metavar="WHAT", type=what_to_import, help="what to import: resources or cases"
    )
    command.add_argument(
        "path", metavar="PATH", help="the package's folder (resources), or the CSV file (cases)"
    )
    command.add_argument(
        "--source",
        metavar="NAME",
        default="",
        help="the directory's name, which a re-import must give again (default: the name in "
        "its datapackage.json, else the folder's name)",
    )
    command.add_argument(
        "--allow-duplicates",
        action="store_true",
        help="cases: import even when a row's client may already be known (a client on record, "
        "or another row, by the new-case form's duplicate check); those rows are still listed",
    )
    command.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help="database file (as for the app)"
    )
    add_token_file_argument(command)


def what_to_import(text: str) -> str:
    """WHAT, if it is something ``caseline import`` imports (else a usage error)."""
    if text not in WHAT:
        shown = visible(text[:40]) + ("…" if len(text) > 40 else "")
        raise argparse.ArgumentTypeError(
            f"{shown!r} is not something to import; try: caseline import resources PATH, "
            "or caseline import cases PATH.csv"
        )
    return text


def import_command(args: argparse.Namespace, config: Config) -> int:
    """Run ``caseline import``: sign in, import (WHAT was checked by the parser)."""
    from store.audit.service import origin_here

    if args.what == "cases":
        return import_cases(args, config)

    folder = Path(args.path).expanduser()
    if not folder.is_dir():
        fail(f"{folder} is not a folder: give the folder holding the package's CSV files.")
    store = open_database(args, config, create=False)
    try:
        me = sign_in(store, args, config, Prompter(), origin_here(), tokens=True)
        report = store.resources.import_hsds(me, folder, source=args.source)
    finally:
        store.close()
    print(f"Imported the {report.layout} package {visible(report.source)!r} from {folder}.")
    print(
        f"Services: {report.added} added, {report.changed} changed, "
        f"{report.unchanged} unchanged, {report.gone} gone (withdrawn)."
    )
    if report.problems:
        print(f"{len(report.problems)} rows left out or cut short:")
        for problem in report.problems:
            print(f"  {visible(str(problem))}")
    return 0


def import_cases(args: argparse.Namespace, config: Config) -> int:
    """Run ``caseline import cases PATH``: every line checked, then all imported or none."""
    from store.audit.service import origin_here
    from store.common.errors import InvalidInput

    rows = read_cases(Path(args.path).expanduser())
    store = open_database(args, config, create=False)
    try:
        me = sign_in_to_write(store, args, config, Prompter(), origin_here())
        try:
            done = store.cases.create_many(
                me, rows, dayfirst=config.dayfirst, allow_duplicates=args.allow_duplicates
            )
        except InvalidInput as exc:
            for where, problem in exc.errors.items():
                print(f"{visible(where)}: {visible(problem)}")
            fail(f"{len(exc.errors)} problems in {args.path}: nothing was imported.")
    finally:
        store.close()
    for duplicate in done.duplicates:
        print(duplicate_line(duplicate), file=sys.stderr)
    rows_said = words.plural(len(done.duplicates), "row")
    if not done.made:
        fail(
            f"{rows_said} of {args.path} may be clients already known: nothing was imported. "
            "Check them; import anyway with --allow-duplicates."
        )
    print(f"Imported {len(done.made)} cases from {args.path}.")
    for case in done.made:
        print(f"  {case.ref}  {visible(case.client_name)}  ({visible(case.worker_name)})")
    if done.duplicates:
        print(
            f"caseline: {rows_said} imported may be clients already known: check them.",
            file=sys.stderr,
        )
    return 0


def duplicate_line(row: RowDuplicate) -> str:
    """One line for a row whose client may already be known: the row, the name typed, and
    each client it may be, with their case references (or the earlier row)."""
    maybe = []
    for known in row.known:
        refs = ", ".join(ref for _id, ref, _status, _worker in known.cases) or "no case"
        maybe.append(f"{refs} {visible(known.name)} ({', '.join(known.reasons)})")
    for line, name, why in row.rows:
        maybe.append(f"line {line} {visible(name)} ({', '.join(why)})")
    return f"line {row.line}: {visible(row.name)!r} may be " + "; ".join(maybe)


def read_cases(path: Path) -> list[tuple[int, dict[str, str]]]:
    """The rows of a CSV file of cases, each with the line it starts on; a file that can't be
    read, or whose first line names a column there is no such thing as, is refused."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as file:
            reader = csv.DictReader(file)
            columns = [_column(name) for name in reader.fieldnames or []]
            unknown = [name for name in columns if name not in CASE_COLUMNS]
            if unknown or "client_name" not in columns:
                named = f"no column {unknown[0]!r}" if unknown else "no client_name column"
                fail(
                    f"{path}: {visible(named)}; its first line names the columns, of "
                    f"{', '.join(CASE_COLUMNS)} (client_name is required)"
                )
            reader.fieldnames = columns
            rows = []
            line = reader.line_num + 1
            for row in reader:
                values = {k: v for k, v in row.items() if k is not None and v}
                if None in row:
                    fail(f"{path}: line {line} has more cells than the first line has columns")
                if any(v.strip() for v in values.values()):
                    rows.append((line, values))
                line = reader.line_num + 1
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        fail(f"{path} can't be read as CSV ({getattr(exc, 'strerror', None) or exc}).")
    if not rows:
        fail(f"{path} has no cases in it (only its first line, naming the columns).")
    return rows


def _column(name: str) -> str:
    return "_".join(name.strip().lower().replace("-", " ").split())
