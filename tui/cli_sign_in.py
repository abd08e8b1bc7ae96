"""Signing in at the command line, for the commands that act as a worker (``caseline admin``,
``caseline audit``, ``caseline export``): with the worker's passphrase, or, where the config
says ``identity = "os-login"``, as the operating-system account running the command.
Passphrases are typed at a prompt that doesn't echo; when standard input is not a terminal,
each is read as one line from it instead, in the order asked, for scripts.

The commands that read records (``audit``, ``export``) also take a token made by ``caseline
admin token create``, for scripts: from ``$CASELINE_TOKEN``, or from a file only its owner may
read (``--token-file``); never as an argument, which anyone could see in the process list.
"""

from __future__ import annotations

import argparse
import getpass
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from store.common.config import demo_db_path, os_login_name, resolve_database, resolve_worker
from store.common.errors import SignInRefused
from store.common.settings import Config
from tui.cli_args import fail

if TYPE_CHECKING:
    from store.common.records import WorkerInfo
    from store.service import Store


class Prompter:
    """Asks for passphrases: without echo at a terminal, else one line of standard input
    each. Prompts go to standard error, so standard output stays the command's."""

    def __init__(self) -> None:
        self.interactive = sys.stdin is not None and sys.stdin.isatty()

    def secret(self, prompt: str) -> str:
        if self.interactive:
            try:
                return getpass.getpass(prompt, stream=sys.stderr)
            except EOFError:
                fail("No passphrase given.")
        print(prompt, file=sys.stderr, flush=True)
        line = sys.stdin.readline() if sys.stdin is not None else ""
        if not line:
            fail("No passphrase given: standard input ended.")
        # Only the line's end goes: spaces at either end are part of a passphrase.
        return line.removesuffix("\n").removesuffix("\r")

    def new_secret(self, prompt: str) -> str:
        first = self.secret(prompt)
        if self.interactive and first and self.secret("Type it again: ") != first:
            fail("The two passphrases were not the same; nothing was changed.")
        return first


def open_database(
    args: argparse.Namespace, config: Config, *, create: bool, reading: bool = False
) -> Store:
    """The database the app would use, opened to write (signing in writes to the audit
    trail); ``create``: a new one if there is none. ``reading``: for a command that only reads,
    a PostgreSQL database is neither made nor upgraded (``Store.open_current``)."""
    from store.service import Store, make_private_folder

    db = getattr(args, "db", None)
    path = demo_db_path() if args.demo else resolve_database(db, config)
    if isinstance(path, Path) and not path.exists():
        if not create:
            fail(f"No database at {path}.")
        if not db and not args.demo and not path.parent.exists():
            # The default location is ours to create; a path the user gave is not.
            make_private_folder(path.parent)
    if reading and isinstance(path, str):
        return Store.open_current(
            path,
            ref_format=config.ref_format,
            max_failed_sign_ins=config.max_failed_sign_ins,
            min_passphrase_length=config.min_passphrase_length,
        )
    store = Store.open(
        path,
        ref_format=config.ref_format,
        max_failed_sign_ins=config.max_failed_sign_ins,
        min_passphrase_length=config.min_passphrase_length,
        consent_expiring_days=config.consent_expiring_days,
    )
    for warning in store.open_warnings:
        print(f"caseline: {warning}", file=sys.stderr)
    return store


def sign_in(
    store: Store,
    args: argparse.Namespace,
    config: Config,
    prompter: Prompter,
    origin: str,
    *,
    tokens: bool = False,
) -> WorkerInfo:
    """The worker running the command, signed in as the config says, or (``tokens``: for the
    commands that read records) with a token if one was given."""
    token = given_token(args) if tokens else None
    if token is not None:
        return store.tokens.sign_in(token, login=_named(args), origin=origin)
    if config.identity == "os-login":
        # The account the process runs as, which the computer vouches for; never $USER.
        return store.workers.identify(os_login_name(), origin=origin, how="os-login")
    login = resolve_worker(getattr(args, "worker", None), config)
    passphrase = prompter.secret(f"Passphrase for {login}: ")
    return store.workers.sign_in(login, passphrase, origin=origin)


def sign_in_to_write(
    store: Store, args: argparse.Namespace, config: Config, prompter: Prompter, origin: str
) -> WorkerInfo:
    """The worker running a command that writes records (``caseline note``), signed in as
    ``sign_in`` does, tokens included; the demo database needs no sign-in, as in the app."""
    if args.demo or store.is_demo():
        return store.workers.ensure(resolve_worker(getattr(args, "worker", None), config))
    return sign_in(store, args, config, prompter, origin, tokens=True)


def sign_in_to_read(
    path: Path | str, args: argparse.Namespace, config: Config, prompter: Prompter, origin: str
) -> WorkerInfo:
    """The worker running a command that only reads (an export), signed in as ``sign_in``
    does, tokens included, from the database at ``path``, which is neither created nor
    upgraded: the sign-in's own short write to the audit trail is all that changes. A file
    that can't be written (a read-only copy) is signed in to all the same, reading only, and
    that is said in a line. The demo database needs no sign-in."""
    from store.service import Store, writable

    token = given_token(args)
    recorded = writable(path)
    opening = Store.open_current if recorded else Store.open_read_only
    store = opening(
        path,
        ref_format=config.ref_format,
        max_failed_sign_ins=config.max_failed_sign_ins,
        min_passphrase_length=config.min_passphrase_length,
    )
    try:
        if args.demo or store.is_demo():
            return store.workers.named(resolve_worker(getattr(args, "worker", None), config))
        if recorded:
            return sign_in(store, args, config, prompter, origin, tokens=True)
        print(
            f"caseline: warning: this sign-in could not be recorded in the audit trail "
            f"({path} is read-only)",
            file=sys.stderr,
        )
        if token is not None:
            return store.tokens.check(token, login=_named(args))
        if config.identity == "os-login":
            login = os_login_name()
            if _named(args) and _named(args) != login:
                raise SignInRefused(
                    f'--worker {_named(args)} is not you: with identity = "os-login" you are '
                    f"the computer's login, {login}."
                )
            me = store.workers.named(login)
            if not me.id:
                raise SignInRefused(f"No worker has the login {login!r}.")
            if not me.active:
                raise SignInRefused("This login has been deactivated.")
            return me
        login = resolve_worker(getattr(args, "worker", None), config)
        return store.workers.check_passphrase(login, prompter.secret(f"Passphrase for {login}: "))
    finally:
        store.close()


def _named(args: argparse.Namespace) -> str:
    """Who --worker says is signing in ("" if it wasn't given): a token of someone else's is
    then refused rather than acting as either."""
    return (getattr(args, "worker", None) or "").strip()


TOKEN_VARIABLE = "CASELINE_TOKEN"
# A token file anyone but its owner may read, write or run is refused, as ssh refuses a key.
PRIVATE_BITS = stat.S_IRWXG | stat.S_IRWXO


def given_token(args: argparse.Namespace) -> str | None:
    """The token to sign in with: the contents of --token-file, else ``$CASELINE_TOKEN``; None
    if neither was given. A file others may read or change is refused, in one line, before it
    is used."""
    path = getattr(args, "token_file", None)
    if path:
        file = Path(path).expanduser()
        try:
            mode = file.stat().st_mode
            if mode & PRIVATE_BITS:
                fail(
                    f"--token-file: others can read or change {file} "
                    f"(mode {stat.filemode(mode)}); "
                    f"make it yours alone first: chmod 600 {file}"
                )
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"--token-file: {file} can't be read ({getattr(exc, 'strerror', None) or exc}).")
        if not text.strip():
            fail(f"--token-file: {file} is empty.")
        return text.strip()
    text = os.environ.get(TOKEN_VARIABLE, "").strip()
    return text or None


def add_token_file_argument(parser: argparse.ArgumentParser) -> None:
    """--token-file, for the commands that take a token."""
    parser.add_argument(
        "--token-file",
        metavar="PATH",
        help=f"sign in with the token in this file, readable by you alone (or set "
        f"${TOKEN_VARIABLE}); from caseline admin token create",
    )
