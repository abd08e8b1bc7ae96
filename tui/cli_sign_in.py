"""Signing in at the command line, for the commands that act as a worker (``caseline admin``,
``caseline audit``): with the worker's passphrase, or, where the config says
``identity = "os-login"``, as the operating-system account running the command. Passphrases
are typed at a prompt that doesn't echo; when standard input is not a terminal, each is read
as one line from it instead, in the order asked, for scripts.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from store.core.config import demo_db_path, os_login_name, resolve_db_path, resolve_worker
from store.core.settings import Config
from tui.cli_args import fail

if TYPE_CHECKING:
    from store.core.records import WorkerInfo
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


def open_database(args: argparse.Namespace, config: Config, *, create: bool) -> Store:
    """The database the app would use, opened to write (signing in writes to the audit
    trail); ``create``: a new one if there is none."""
    from store.service import Store, make_private_folder

    db = getattr(args, "db", None)
    path = demo_db_path() if args.demo else resolve_db_path(db, config)
    if not path.exists():
        if not create:
            fail(f"No database at {path}.")
        if not db and not args.demo and not path.parent.exists():
            # The default location is ours to create; a path the user gave is not.
            make_private_folder(path.parent)
    store = Store.open(
        Path(path),
        ref_format=config.ref_format,
        max_failed_sign_ins=config.max_failed_sign_ins,
        min_passphrase_length=config.min_passphrase_length,
    )
    for warning in store.open_warnings:
        print(f"caseline: {warning}", file=sys.stderr)
    return store


def sign_in(
    store: Store, args: argparse.Namespace, config: Config, prompter: Prompter, origin: str
) -> WorkerInfo:
    """The worker running the command, signed in as the config says."""
    if config.identity == "os-login":
        # The account the process runs as, which the computer vouches for; never $USER.
        return store.workers.identify(os_login_name(), origin=origin, how="os-login")
    login = resolve_worker(getattr(args, "worker", None), config)
    passphrase = prompter.secret(f"Passphrase for {login}: ")
    return store.workers.sign_in(login, passphrase, origin=origin)
