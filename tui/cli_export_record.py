"""``caseline export case REF --pack record`` and ``--subject-access``: a case's whole record,
or everything held about its client, as Markdown, printable HTML or JSON (``store.record``
reads it; ``store.export.whole`` and ``whole_html`` write the documents, ``store.export.record``
the JSON). Signing in, the read-only reading and the audit are the other exports'
(``tui.cli_export``); each is audited the same in every format."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from store.common.settings import Config
from store.common.words import plural
from tui.cli_args import fail
from tui.cli_export import ONE_PACK, audit_export, output_path, read_for_export, write_export

if TYPE_CHECKING:
    from store.common.records import WorkerInfo
    from store.export.record import SubjectAccess, WholeRecord
    from store.service import Store

T = TypeVar("T")


def export_record(args: argparse.Namespace, config: Config) -> int:
    """Export a case's whole record (--pack record) or everything held about its client
    (--subject-access), to --output (atomically) or standard output."""
    if args.pack is not None and args.subject_access:
        fail(ONE_PACK)
    if args.subject_access:
        return _export_subject_access(args, config)
    return _export_whole(args, config)


def record_format(args: argparse.Namespace) -> str:
    """The format asked for, else the one the --output name says (.json, .html or .htm;
    anything else Markdown), else Markdown."""
    if args.format:
        return str(args.format)
    output = output_path(args)
    suffix = output.suffix.lower() if output else ""
    return {".json": "json", ".html": "html", ".htm": "html"}.get(suffix, "md")


def _export_whole(args: argparse.Namespace, config: Config) -> int:
    if args.for_agency:
        fail("--for: a case's whole record is not made for another agency; a handover pack is")

    def read(store: Store, me: WorkerInfo) -> WholeRecord:
        return store.record.whole(me, store.cases.by_ref(me, args.ref).id)

    me, record = _write(args, config, read, 0, "case")
    detail = record.file.detail
    audit_export(args, config, me, "record", output_path(args), (detail.id, "case", detail.id))
    if args.output:
        print(f"Wrote the whole record of {detail.ref} to {args.output}", file=sys.stderr)
    return 0


def _export_subject_access(args: argparse.Namespace, config: Config) -> int:
    """Answer a subject access request: everything held about the client of the case REF,
    for review before it goes out."""
    if args.for_agency:
        fail("--for: an answer to a subject access request goes to the client, not an agency")

    def read(store: Store, me: WorkerInfo) -> SubjectAccess:
        return store.record.subject_access(me, store.cases.by_ref(me, args.ref).id)

    me, answer = _write(args, config, read, 1, "subject-access")
    for record in answer.records:
        detail = record.file.detail
        where = (detail.id, "case", detail.id)
        audit_export(args, config, me, "subject-access", output_path(args), where)
    if args.output:
        print(
            f"Wrote everything held about {answer.client_name} "
            f"({plural(len(answer.records), 'case')}) to {args.output}: review the people it "
            "names before it goes out",
            file=sys.stderr,
        )
    return 0


def _renderers(fmt: str) -> tuple[Callable[..., str], Callable[..., str]]:
    """The format's writers: of the whole record, and of a subject access answer."""
    if fmt == "json":
        from store.export.record import record_json, subject_access_json

        return record_json, subject_access_json
    if fmt == "html":
        from store.export.whole_html import record_html, subject_access_html

        return record_html, subject_access_html
    from store.export.whole import record_markdown, subject_access_markdown

    return record_markdown, subject_access_markdown


def _write(
    args: argparse.Namespace,
    config: Config,
    read: Callable[[Store, WorkerInfo], T],
    which: int,
    example: str,
) -> tuple[WorkerInfo, T]:
    """Read as the worker signed in, and write what was read in the format asked for (its
    ``which`` writer) to --output or standard output; who read it, and what."""
    from store.common import dates

    fmt = record_format(args)
    render = _renderers(fmt)[which]
    me, found = read_for_export(args, config, read)
    when = dates.now_utc()
    if fmt == "json":
        text = render(found, exported_by=me.display_name, exported_at=when)
    else:
        scale = config.assessment_scale
        text = render(found, scale, exported_by=me.display_name, exported_at=when)
    write_export(output_path(args), text, example_name=f"{example}.{fmt}")
    return me, found
