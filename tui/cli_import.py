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
from pathlib import Path

from store.core.settings import Config
from store.core.textsafe import visible
from tui.cli_args import OneLineParser, fail
from tui.cli_sign_in import Prompter, add_token_file_argument, open_database, sign_in

WHAT = ("resources",)


def add_import_parser(sub: argparse._SubParsersAction[OneLineParser]) -> None:
    """``caseline import resources PATH``."""
    command = sub.add_parser(
        "import",
        help="import a community-resource directory (an Open Referral HSDS package)",
        description="Import records from outside. 'resources PATH': the Open Referral (HSDS "
        "3.0 or 1.x) package in the folder PATH, into the directory of community resources; "
        "a re-import updates the services it imported before and withdraws those gone from it. "
        "For managers and administrators; you sign in first (who you are: --worker before "
        "'import').",
    )
    command.add_argument(
        "what", metavar="WHAT", type=what_to_import, help="what to import: resources"
    )
    command.add_argument("path", metavar="PATH", help="the package's folder")
    command.add_argument(
        "--source",
        metavar="NAME",
        default="",
        help="the directory's name, which a re-import must give again (default: the name in "
        "its datapackage.json, else the folder's name)",
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
            f"{shown!r} is not something to import; try: caseline import resources PATH"
        )
    return text


def import_command(args: argparse.Namespace, config: Config) -> int:
    """Run ``caseline import``: sign in, import (WHAT was checked by the parser)."""
    from store.audit.service import origin_here

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
