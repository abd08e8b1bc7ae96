"""The ``caseline verify`` command: prove the final records were not altered.

It recomputes the chain of seals and every sealed record's hash, looks for final records with
no seal and for missing or changed triggers, and prints what it checked and each problem on a
line of its own, naming records by table and id only (no sign-in: it shows nothing they say).
It exits 0 when everything is sound, 1 otherwise. ``--head`` prints only the newest link of the
chain, to be kept somewhere else (e-mailed daily, say) as an anchor. The database is opened
read-only: verifying never creates, upgrades or writes to it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from store.common.config import demo_db_path, resolve_database
from store.common.database_url import shown_url
from store.common.settings import Config
from store.common.words import plural
from store.integrity.records import ProblemKind
from tui.cli_args import EXIT_FAILURE, OneLineParser, fail

if TYPE_CHECKING:
    from store.integrity.records import Head, VerifyReport
    from store.service import Store

T = TypeVar("T")


def add_verify_parser(sub: argparse._SubParsersAction[OneLineParser]) -> None:
    """``caseline verify``: check the chain of seals of the final records."""
    verify = sub.add_parser(
        "verify",
        help="prove the final records were not altered (exit 1 if any were)",
        description="Recompute the chain of seals of the final records and name every record "
        "altered, deleted or inserted outside Caseline, and every missing or changed trigger. "
        "Exits 0 when all is sound, 1 otherwise. Reads the database only.",
    )
    verify.add_argument(
        "--head",
        action="store_true",
        help="print only the newest link of the chain (hash, count, time) to keep elsewhere",
    )
    verify.add_argument(
        "--anchor",
        metavar="HEAD",
        type=anchor_from,
        help="a line --head printed earlier: the chain must still lead through it",
    )
    # SUPPRESS: a --db given before "verify" is not reset to None here.
    verify.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help="database file (as for the app)"
    )
    verify.add_argument(
        "--demo", action="store_true", default=argparse.SUPPRESS, help="verify the demo database"
    )


def anchor_from(text: str) -> tuple[str, int]:
    """The chain hash and count of a line ``--head`` printed ("HASH COUNT [TIME]")."""
    parts = text.split()
    if (
        len(parts) not in (2, 3)
        or len(parts[0]) != 64
        or any(c not in "0123456789abcdef" for c in parts[0])
        or not parts[1].isdigit()
    ):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a line caseline verify --head printed (HASH COUNT TIME)"
        )
    return parts[0], int(parts[1])


def head_line(head: Head) -> str:
    """The newest link as one line: its hash, how many links, and when (UTC)."""
    when = head.sealed_at.strftime("%Y-%m-%dT%H:%M:%SZ") if head.sealed_at else "never"
    return f"{head.chain_hash} {head.count} {when}"


def report_lines(report: VerifyReport, where: str) -> list[str]:
    """What was checked, then each problem on a line, then the verdict."""
    checked = (
        f"Checked {report.links_checked} links of the chain, "
        f"{report.records_checked} final records and {report.triggers_checked} triggers in {where}."
    )
    if not report.full:
        checked = (
            f"Checked the newest {report.links_checked} links and "
            f"{report.triggers_checked} triggers in {where}."
        )
    lines = [checked, f"Newest link: {head_line(report.head)}"]
    if report.anchor is not None and not any(p.kind is ProblemKind.ANCHOR for p in report.problems):
        lines.append(f"The chain still leads through the head kept outside (link {report.anchor}).")
    lines += [str(problem) for problem in report.problems]
    if report.sound:
        lines.append("Sound: no final record altered, deleted or added outside Caseline.")
    else:
        lines.append(
            f"{plural(len(report.problems), 'problem')}: the records named were changed "
            "outside Caseline or its protections removed; compare with a backup."
        )
    return lines


def verify(args: argparse.Namespace, config: Config) -> int:
    """Run ``caseline verify``."""
    from store.service import Store

    path: Path | str
    if getattr(args, "demo", False):
        path = demo_db_path()
    else:
        path = resolve_database(getattr(args, "db", None), config)
    if isinstance(path, Path) and not path.exists():
        fail(f"No database at {path}.")

    def steadily(read: Callable[[Store], T]) -> T:
        return Store.read_steadily(
            path,
            read,
            ref_format=config.ref_format,
            warn=lambda warning: print(f"caseline: warning: {warning}", file=sys.stderr),
        )

    if args.head:
        print(head_line(steadily(lambda store: store.integrity.head())))
        return 0
    report = steadily(lambda store: store.integrity.verify(anchor=args.anchor))
    where = shown_url(path) if isinstance(path, str) else str(path)  # never a password
    print("\n".join(report_lines(report, where)))
    return 0 if report.sound else EXIT_FAILURE
