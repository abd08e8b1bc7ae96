"""Writing an export to a file: the format from the file's name, and atomically, so a failed
export never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from store.cases.records import CaseDetail
from store.chronology.records import ChronologyItem
from store.common import dates
from store.common.errors import StoreError

if TYPE_CHECKING:
    from store.conferences.records import ConferenceInfo
    from store.plans.records import PlanInfo

from store.export.handover import HandoverPack, handover_markdown
from store.export.html import (
    chronology_html,
    handover_html,
    minutes_export_html,
    plan_export_html,
)
from store.export.markdown import (
    Format,
    chronology_markdown,
    minutes_export_markdown,
    plan_export_markdown,
)


class ExportError(StoreError):
    """The export could not be written (the message says why, in one line)."""


def format_for(path: Path, fmt: str | None = None) -> Format:
    """The format asked for, or the one the file name suggests (.html/.htm, else Markdown)."""
    if fmt is not None:
        if fmt not in ("md", "html"):
            raise ExportError(f"Unknown export format {fmt!r}; use md or html.")
        return "html" if fmt == "html" else "md"
    return "html" if path.suffix.lower() in (".html", ".htm") else "md"


def write_atomically(path: Path, text: str, *, example_name: str = "chronology.md") -> None:
    """Write ``text`` to ``path`` via a temporary file beside it, or raise ExportError.

    The file is replaced whole or not at all. Like the temporary file it comes from, it is
    readable by its owner only: it holds case records. ``example_name`` is the file name
    suggested when ``path`` is a folder.
    """
    if path.is_dir():
        raise ExportError(f"{path} is a folder; give a file name, e.g. {path / example_name}.")
    parent = path.parent
    if not parent.exists():
        raise ExportError(f"Folder {parent} does not exist.")
    if not parent.is_dir():
        raise ExportError(f"{parent} is not a folder.")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ExportError(f"Folder {parent} is not writable.")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        raise ExportError(f"Could not write {path}: {exc.strerror or exc}.") from exc
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)


def export_chronology(
    path: Path,
    detail: CaseDetail,
    items: Sequence[ChronologyItem],
    *,
    exported_by: str,
    filter_description: str = "",
    fmt: str | None = None,
    exported_at: datetime | None = None,
) -> Path:
    """Write the chronology to ``path`` (format from ``fmt`` or the file name); returns it.

    Raises ExportError with a one-line message if the file can't be written.
    """
    chosen = format_for(path, fmt)
    render = chronology_html if chosen == "html" else chronology_markdown
    text = render(
        detail,
        items,
        exported_by=exported_by,
        exported_at=exported_at or dates.now_utc(),
        filter_description=filter_description,
    )
    write_atomically(path, text)
    return path


def export_plan(
    path: Path,
    detail: CaseDetail,
    plan: PlanInfo,
    *,
    exported_by: str,
    fmt: str | None = None,
    exported_at: datetime | None = None,
) -> Path:
    """Write the service plan with its reviews to ``path`` (format from ``fmt`` or the file
    name); returns it.

    Raises ExportError with a one-line message if the file can't be written.
    """
    chosen = format_for(path, fmt)
    render = plan_export_html if chosen == "html" else plan_export_markdown
    text = render(detail, plan, exported_by=exported_by, exported_at=exported_at or dates.now_utc())
    write_atomically(path, text, example_name="plan.md")
    return path


def export_minutes(
    path: Path,
    detail: CaseDetail,
    conference: ConferenceInfo,
    *,
    exported_by: str,
    fmt: str | None = None,
    exported_at: datetime | None = None,
) -> Path:
    """Write a meeting's minutes to ``path`` (format from ``fmt`` or the file name); returns
    it.

    Raises ExportError with a one-line message if the file can't be written.
    """
    chosen = format_for(path, fmt)
    render = minutes_export_html if chosen == "html" else minutes_export_markdown
    text = render(
        detail, conference, exported_by=exported_by, exported_at=exported_at or dates.now_utc()
    )
    write_atomically(path, text, example_name="minutes.md")
    return path


def export_handover(
    path: Path,
    pack: HandoverPack,
    *,
    exported_by: str,
    fmt: str | None = None,
    exported_at: datetime | None = None,
) -> Path:
    """Write a case's handover pack to ``path`` (format from ``fmt`` or the file name);
    returns it. Raises ExportError with a one-line message if the file can't be written."""
    chosen = format_for(path, fmt)
    render = handover_html if chosen == "html" else handover_markdown
    text = render(pack, exported_by=exported_by, exported_at=exported_at or dates.now_utc())
    write_atomically(path, text, example_name="handover.md")
    return path
