"""The ``caseline admin`` command: the first administrator (``init``), then adding workers,
listing them, changing their role or team, resetting a passphrase (which also unlocks a
login), deactivating and reactivating them; and encrypting the database (``encrypt``, in
``cli_encrypt``).

Every command but ``init`` signs in first: with the acting worker's passphrase, or, where the
config says ``identity = "os-login"``, as the operating-system account running it; never with
a token (``token`` makes, lists and revokes those, in ``cli_admin_tokens``). Passphrases
are typed at a prompt that doesn't echo, never given as arguments; when standard input is not
a terminal, each is read as one line from it instead, in the order asked, for scripts.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from store.common.config import resolve_worker
from store.common.records import Role
from store.common.settings import Config
from store.common.textsafe import visible
from store.common.words import plural
from tui.cli_admin_tokens import add_token_parser, token_command
from tui.cli_args import OneLineParser, fail
from tui.cli_encrypt import add_encrypt_parser
from tui.cli_sign_in import Prompter, open_database, sign_in

if TYPE_CHECKING:
    from store.service import Store
    from store.workers.records import WorkerAccount

ROLES = tuple(role.value for role in Role)


def add_admin_parser(sub: argparse._SubParsersAction[OneLineParser]) -> None:
    """``caseline admin COMMAND``: managing workers' accounts."""
    admin = sub.add_parser(
        "admin",
        help="manage workers: add them, their roles and teams, passphrases",
        description="Manage the workers who can sign in. Every command but init asks for your "
        "passphrase first (an administrator's; list also takes a manager's or an auditor's).",
    )
    what = admin.add_subparsers(
        dest="what", metavar="COMMAND", parser_class=OneLineParser, required=True
    )
    init = what.add_parser(
        "init",
        help="make the first administrator, with a passphrase",
        description="Make the first administrator of a database: a worker already in it "
        "becomes administrator, anyone else is added. Refused once there is one.",
    )
    init.add_argument(
        "--login", metavar="LOGIN", help="the administrator's login (default: who you are)"
    )
    init.add_argument("--name", metavar="NAME", help="their name (default: from the login)")
    _common(init)
    add = what.add_parser(
        "add",
        help="add a worker",
        description="Add a worker, and their first passphrase (leave it blank to set it later "
        "with reset-passphrase).",
    )
    add.add_argument("login", metavar="LOGIN", help="2 to 40 of a-z, 0-9, . _ -")
    add.add_argument("--name", metavar="NAME", help="their name (default: from the login)")
    add.add_argument(
        "--role", metavar="ROLE", default="worker", help=f"one of {', '.join(ROLES)} (worker)"
    )
    add.add_argument("--team", metavar="TEAM", default="", help="their team")
    _common(add)
    _common(what.add_parser("list", help="list the workers and their accounts"))
    set_role = what.add_parser("set-role", help="change a worker's role")
    set_role.add_argument("login", metavar="LOGIN")
    set_role.add_argument("role", metavar="ROLE", help=", ".join(ROLES))
    _common(set_role)
    set_team = what.add_parser("set-team", help="change a worker's team ('' for none)")
    set_team.add_argument("login", metavar="LOGIN")
    set_team.add_argument("team", metavar="TEAM")
    _common(set_team)
    for name, text in (
        ("reset-passphrase", "give a worker a new passphrase, which also unlocks their login"),
        ("deactivate", "stop a worker signing in (their records keep their name)"),
        ("reactivate", "let a deactivated worker sign in again"),
    ):
        command = what.add_parser(name, help=text)
        command.add_argument("login", metavar="LOGIN")
        _common(command)
    add_token_parser(what, _common)
    add_encrypt_parser(what)
    copy = what.add_parser(
        "copy-db",
        help="copy a whole database to a new one: SQLite file to PostgreSQL, or back",
        description="Copy the whole database FROM (a file, or a postgresql:// URL) to the new "
        "database TO (a file not there yet, or an empty PostgreSQL database): the source "
        "checked first, every table copied in one transaction, ids kept, then each table's "
        "rows counted and the seals' chain verified on the copy before it is kept. The copy "
        "is written in the new database's audit trail. Signs in on FROM, as an administrator.",
    )
    copy.add_argument("--from", dest="source", metavar="FROM", required=True, help="the database")
    copy.add_argument("--to", dest="target", metavar="TO", required=True, help="the new database")
    copy.add_argument(
        "--worker", metavar="NAME", default=argparse.SUPPRESS, help="who you are, signing in"
    )


def _common(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: a --db or --worker given before "admin" is not reset to None here.
    parser.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help="database file (as for the app)"
    )
    parser.add_argument(
        "--worker", metavar="NAME", default=argparse.SUPPRESS, help="who you are, signing in"
    )


def admin(args: argparse.Namespace, config: Config) -> int:
    """Run ``caseline admin COMMAND``."""
    if args.what == "encrypt":  # a step on the file, as backup is: no one signs in
        from tui.cli_encrypt import encrypt

        return encrypt(args, config)
    if args.what == "change-passphrase":  # likewise: the passphrase it has is the permission
        from tui.cli_encrypt import change_passphrase

        return change_passphrase(args, config)
    from store.audit.service import origin_here

    prompter = Prompter()
    origin = origin_here()
    if args.what == "copy-db":
        return _copy_db(args, config, prompter, origin)
    store = open_database(args, config, create=args.what == "init")
    try:
        if args.what == "init":
            return _init(store, args, config, prompter, origin)
        actor = sign_in(store, args, config, prompter, origin)
        if args.what == "list":
            _print_accounts(store.workers.accounts(actor))
            return 0
        if args.what == "token":
            return token_command(store, actor, args, config, origin)
        workers = store.workers
        login = args.login
        if args.what == "add":
            passphrase = None
            workers.check_add(  # before asking for a passphrase it couldn't be given
                actor, login=login, display_name=args.name, role=args.role, team=args.team
            )
            if config.identity == "passphrase":
                passphrase = prompter.new_secret(
                    f"New passphrase for {login} (blank: set it later with reset-passphrase): "
                )
            added = workers.add(
                actor,
                login=login,
                display_name=args.name,
                role=args.role,
                team=args.team,
                passphrase=passphrase or None,
                origin=origin,
            )
            _said(f"Added {added.username} ({added.display_name}), {added.role}.")
        elif args.what == "set-role":
            changed = workers.set_role(actor, login, args.role, origin=origin)
            _said(f"{changed.username} is now {changed.role}.")
        elif args.what == "set-team":
            changed = workers.set_team(actor, login, args.team, origin=origin)
            team = f"in the team {changed.team}" if changed.team else "in no team"
            _said(f"{changed.username} is now {team}.")
        elif args.what == "reset-passphrase":
            passphrase = prompter.new_secret(f"New passphrase for {login}: ")
            changed = workers.reset_passphrase(actor, login, passphrase, origin=origin)
            _said(f"{changed.username} has a new passphrase, and can sign in with it.")
        elif args.what == "deactivate":
            changed = workers.deactivate(actor, login, origin=origin)
            _said(f"{changed.username} is deactivated: they can no longer sign in.")
        elif args.what == "reactivate":
            changed = workers.reactivate(actor, login, origin=origin)
            _said(f"{changed.username} is active again.")
        return 0
    finally:
        store.close()


def _copy_db(args: argparse.Namespace, config: Config, prompter: Prompter, origin: str) -> int:
    from store.common.database_url import database_location

    if args.demo:
        fail("copy-db names its databases with --from and --to, not --demo.")
    source, target = database_location(args.source), database_location(args.target)
    args.db = args.source
    store = open_database(args, config, create=False)
    try:
        actor = sign_in(store, args, config, prompter, origin)
        if sys.stderr.isatty():  # a while, on a large database; a refusal stays one line
            print(f"Copying {_shown(source)} to {_shown(target)}…", file=sys.stderr, flush=True)
        copied = store.copy_database(actor, target, origin=origin)
    finally:
        store.close()
    _said(
        f"Copied {copied.source} to {copied.target}: {plural(copied.tables, 'table')}, "
        f"{plural(copied.rows, 'row')}, each table's rows counted and "
        f"{plural(copied.links, 'seal')} verified on the copy (schema {copied.schema_version})."
    )
    return 0


def _shown(location: Path | str) -> str:
    from store.common.database_url import shown_url

    return shown_url(location) if isinstance(location, str) else str(location)


def _said(text: str) -> None:
    print(visible(text))


def _init(
    store: Store, args: argparse.Namespace, config: Config, prompter: Prompter, origin: str
) -> int:
    if store.workers.has_administrator():
        fail("An administrator already exists: ask them.")
    from store.workers.input import valid_login  # pydantic: not at start-up

    login = valid_login(args.login or resolve_worker(getattr(args, "worker", None), config))
    passphrase = prompter.new_secret(f"New passphrase for {login}: ")
    made = store.workers.init_administrator(login, args.name, passphrase, origin=origin)
    _said(f"{made.username} ({made.display_name}) is the administrator.")
    return 0


def _print_accounts(accounts: list[WorkerAccount]) -> None:
    rows = [("LOGIN", "NAME", "ROLE", "TEAM", "STATUS", "PASSPHRASE SET")]
    for account in accounts:
        status = "deactivated" if not account.active else "locked" if account.locked else "active"
        rows.append(
            (
                visible(account.login),
                visible(account.display_name),
                account.role,
                visible(account.team),
                status,
                "yes" if account.has_passphrase else "no",
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
