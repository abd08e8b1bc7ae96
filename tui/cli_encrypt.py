"""Encrypted databases at the command line: asking for a database's passphrase at a terminal
(``ask_at_terminal``, before the app starts or a command opens the file), ``caseline admin
encrypt``, which encrypts a plain database in place, and ``caseline admin change-passphrase``.

A passphrase is typed at a prompt that doesn't echo, or given in ``CASELINE_DB_PASSPHRASE`` (a
service, a script); never as an argument, which anyone could read in the process list. Without
a terminal and without the variable, a command that needs one says so in one line.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path

from store.common.config import PASSPHRASE_VARIABLE, demo_db_path, os_login_name, resolve_db_path
from store.common.settings import Config
from tui.cli_args import OneLineParser, fail

# Where a script gives the new passphrase of ``change-passphrase`` (the one it has now is in
# PASSPHRASE_VARIABLE, as for every command).
NEW_PASSPHRASE_VARIABLE = "CASELINE_DB_NEW_PASSPHRASE"

_asked: set[Path] = set()


def ask_at_terminal(path: Path) -> str | None:
    """Ask for the passphrase of the encrypted database ``path`` (no echo); None if none.
    Asked again (the one given didn't open it), it says so first."""
    if path in _asked:
        print("That passphrase does not open it; try again.", file=sys.stderr)
    _asked.add(path)
    try:
        return getpass.getpass(f"Passphrase for the encrypted database {path}: ", sys.stderr)
    except EOFError:
        return None


def at_a_terminal() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def add_encrypt_parser(what: argparse._SubParsersAction[OneLineParser]) -> None:
    """``caseline admin encrypt``."""
    encrypt = what.add_parser(
        "encrypt",
        help="encrypt a plain database in place (needs caseline[encrypted])",
        description="Encrypt the database with a new passphrase (asked twice at a terminal, "
        f"else taken from ${PASSPHRASE_VARIABLE}). The encrypted copy is written beside it "
        "and checked (SQLite's integrity check, the same rows in every table, the seals) "
        "before it replaces the plain file, whose bytes are then overwritten. Refused while "
        "the database is in use, if it is encrypted already, or if it fails its check. "
        "Backups made before are not encrypted. Exits 0 when encrypted, 1 otherwise.",
    )
    change = what.add_parser(
        "change-passphrase",
        help="give an encrypted database a new passphrase",
        description="Encrypt the database again with a new passphrase: its passphrase now "
        f"(asked at a terminal, else ${PASSPHRASE_VARIABLE}), then the new one (asked twice, "
        f"else ${NEW_PASSPHRASE_VARIABLE}). The copy is checked as for encrypt before it "
        "replaces the file, whose bytes are then overwritten. Refused while the database is "
        "in use, if it is not encrypted, or if the new passphrase is the one it has. Backups "
        "made before keep the old passphrase. Exits 0 when changed, 1 otherwise.",
    )
    for command in (encrypt, change):
        # SUPPRESS: a --db given before "admin" is not reset to None here.
        command.add_argument(
            "--db", metavar="PATH", default=argparse.SUPPRESS, help="database file (as for the app)"
        )


def encrypt(args: argparse.Namespace, config: Config) -> int:
    """Run ``caseline admin encrypt``."""
    from store.service import Store

    path = _database_file(args, config)
    if path.resolve() == demo_db_path().resolve():
        fail("the demo database holds made-up records: it is never encrypted")
    if Store.is_encrypted(path):
        fail(f"{path} is encrypted already: nothing was changed.")
    passphrase = _new_passphrase(path, config.min_passphrase_length)
    done = Store.encrypt(path, passphrase, login=os_login_name())
    print(
        f"Encrypted {done.path}: the encrypted copy passed SQLite's integrity check, held the "
        f"same {done.rows} rows in its {done.tables} tables and proved its final records "
        "before it replaced the plain file."
    )
    print(
        "The plain file was overwritten with zeros and is gone. Backups made before now are "
        "NOT encrypted: back up again (caseline backup) and delete the old ones."
    )
    print(
        f"Caseline now asks for the passphrase when it opens {path} (services: "
        f"{PASSPHRASE_VARIABLE}). Keep it safe: without it no one can read the records."
    )
    return 0


def change_passphrase(args: argparse.Namespace, config: Config) -> int:
    """Run ``caseline admin change-passphrase``."""
    from store.service import Store

    path = _database_file(args, config)
    if not Store.is_encrypted(path):
        Store.contents_of(path)  # a file that is no Caseline database is refused as such
        fail(f"{path} is not encrypted (caseline admin encrypt gives it a passphrase).")
    Store.unlock_file(path)  # its passphrase now: asked, or from the variable
    new = _new_passphrase(path, config.min_passphrase_length, variable=NEW_PASSPHRASE_VARIABLE)
    done = Store.encrypt(path, new, login=os_login_name(), again=True)
    print(
        f"Changed the passphrase of {done.path}: the copy encrypted with the new one passed "
        f"SQLite's integrity check, held the same {done.rows} rows in its {done.tables} tables "
        "and proved its final records before it replaced the file, whose old bytes were "
        "overwritten."
    )
    print(
        "Backups made before now open with the OLD passphrase: back up again "
        "(caseline backup) and delete the old ones. Services need the new one in "
        f"{PASSPHRASE_VARIABLE}."
    )
    return 0


def _database_file(args: argparse.Namespace, config: Config) -> Path:
    """The database file the command is about; never the demo's."""
    if args.demo:
        fail("the demo database holds made-up records: it is never encrypted")
    path = resolve_db_path(getattr(args, "db", None), config)
    if not path.exists():
        fail(f"No database at {path}.")
    if path.is_dir():
        fail(f"{path} is a directory, not a database file.")
    return path


def _new_passphrase(path: Path, shortest: int, *, variable: str = PASSPHRASE_VARIABLE) -> str:
    given = os.environ.get(variable)
    if given is None:
        if not at_a_terminal():
            fail(f"no terminal to ask for the new passphrase on: set {variable}")
        try:
            given = getpass.getpass(f"New passphrase for {path}: ", sys.stderr)
            if len(given) >= shortest and getpass.getpass("Type it again: ", sys.stderr) != given:
                fail("The two passphrases were not the same; nothing was changed.")
        except EOFError:
            fail("No passphrase given; nothing was changed.")
    if len(given) < shortest:
        fail(f"The passphrase must be at least {shortest} characters; nothing was changed.")
    if "\x00" in given:
        fail("The passphrase can't hold a NUL character; nothing was changed.")
    return given
