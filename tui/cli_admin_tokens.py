"""``caseline admin token``: tokens with which scripts sign in to the commands that read records
(``export``, ``audit``) without a passphrase. ``create`` prints a new token once, on standard
output alone (so a script can take it: ``caseline admin token create sam > sam.token``), and
what it is on standard error; only its hash is kept. ``list`` shows the tokens, never a
secret; ``revoke`` stops one for good.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from store.common.settings import Config
from store.common.textsafe import visible
from tui.cli_args import OneLineParser, positive

if TYPE_CHECKING:
    from store.common.records import WorkerInfo
    from store.service import Store
    from store.workers.tokens import TokenInfo


def add_token_parser(
    what: argparse._SubParsersAction[OneLineParser],
    common: Callable[[argparse.ArgumentParser], None],
) -> None:
    """``caseline admin token create|list|revoke``; ``common``: the options every admin
    command takes."""
    token = what.add_parser(
        "token",
        help="tokens for scripts: create, list, revoke",
        description="Tokens with which scripts sign in to caseline export and caseline audit "
        "(from $CASELINE_TOKEN or --token-file). Only a hash of each is kept.",
    )
    which = token.add_subparsers(
        dest="token_command", metavar="COMMAND", parser_class=OneLineParser, required=True
    )
    create = which.add_parser(
        "create",
        help="make a token for a worker, printed once",
        description="Make a token that signs in as the worker LOGIN. It is printed once, on "
        "standard output; keep it in a file only its user can read (chmod 600).",
    )
    create.add_argument("login", metavar="LOGIN", help="the worker the token signs in as")
    create.add_argument("--label", metavar="TEXT", default="", help="what it is for")
    create.add_argument(
        "--expires",
        metavar="DATE",
        help='its last day ("31/12/2026", "+3m"; default: it works until revoked)',
    )
    common(create)
    listing = which.add_parser("list", help="list the tokens (of one worker), never their secrets")
    listing.add_argument("login", metavar="LOGIN", nargs="?", help="only this worker's")
    common(listing)
    revoke = which.add_parser("revoke", help="stop a token signing in")
    revoke.add_argument("id", metavar="ID", type=positive, help="the token's number (from list)")
    common(revoke)


def token_command(
    store: Store, actor: WorkerInfo, args: argparse.Namespace, config: Config, origin: str
) -> int:
    """Run ``caseline admin token COMMAND`` as ``actor``, signed in."""
    from store.common import dates

    tokens = store.tokens
    if args.token_command == "create":
        made = tokens.create(
            actor,
            args.login,
            label=args.label,
            expires=args.expires,
            dayfirst=config.dayfirst,
            origin=origin,
        )
        info = made.info
        until = (
            f"its last day {dates.format_date(info.expires_on)}"
            if info.expires_on
            else ("no last day")
        )
        label = f" ({visible(info.label)})" if info.label else ""
        print(made.token, flush=True)
        print(
            f"Token {info.id} signs in as {info.login}{label}, {until}. It is not shown again: "
            "keep it where only its user can read it.",
            file=sys.stderr,
        )
    elif args.token_command == "list":
        _print_tokens(tokens.tokens(actor, args.login), dates.today())
    else:
        revoked = tokens.revoke(actor, args.id, origin=origin)
        print(f"Token {revoked.id} of {revoked.login} is revoked: it no longer signs in.")
    return 0


def _print_tokens(listed: list[TokenInfo], today: date) -> None:
    from store.common import dates

    rows = [("ID", "LOGIN", "LABEL", "MADE", "BY", "LAST DAY", "LAST USED", "STATUS")]
    for t in listed:
        used = dates.format_datetime(dates.to_local(t.last_used_at)) if t.last_used_at else ""
        rows.append(
            (
                str(t.id),
                visible(t.login),
                visible(t.label),
                dates.format_date(dates.to_local(t.created_at).date()),
                visible(t.created_by),
                dates.format_date(t.expires_on) if t.expires_on else "-",
                used or "never",
                t.status(today),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        print(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        )
    if not listed:
        print("(no tokens)", file=sys.stderr)
