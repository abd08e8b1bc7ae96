"""Exporting to a Markdown or printable HTML file: the chronology as filtered, the service plan
with its reviews, or a meeting's minutes; the same dialog and the same exports as the command
line's ``caseline export``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from store.cases.records import CaseDetail
from store.chronology.records import ChronologyItem
from store.common import dates
from store.common.errors import StoreError
from store.common.words import plural
from tui.screens.base import DismissedOnTop
from tui.text import assemble
from tui.widgets.held_input import HoldsInput
from tui.widgets.safe import SafeInput
from tui.workers import read_in_turn, run_store

if TYPE_CHECKING:
    from store.conferences.records import ConferenceInfo
    from store.export.handover import HandoverPack
    from store.plans.records import PlanInfo
    from tui.host import CaselineHost
    from tui.screens.base import CaselineScreen
    from tui.screens.consent.sharing import Sharing


def default_export_path(ref: str, fmt: str, what: str = "chronology") -> Path:
    """A file in the home folder named after what is exported, the case and today's date."""
    safe_ref = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in ref)
    return Path.home() / f"{what}-{safe_ref}-{dates.today().isoformat()}.{fmt}"


@dataclass(frozen=True)
class Export:
    """What an export dialog writes: its heading, the file's name, and how it is written."""

    title: str  # "Export chronology"
    scope: str  # "12 entries (all entries)", shown after the case ref
    what: str  # the start of the default file name: "chronology", "plan", "minutes"
    done: str  # "Chronology", as in "Chronology written to ..."
    write: Callable[[Path, str], Path]  # (path, exported by) -> the path written
    record: tuple[str, int | None] = ("case", None)  # what the audit trail names (None: case)
    # Offered for another agency: written with (path, exported by, agency, shared under).
    for_agency: Callable[[Path, str, str, str], Path] | None = None


def chronology_export(detail: CaseDetail, items: list[ChronologyItem], filters: str) -> Export:
    """The chronology as shown: filtered and ordered."""
    from store.export.files import export_chronology

    scope = f"filtered: {filters}" if filters else "all entries"
    return Export(
        "Export chronology",
        f"{plural(len(items), 'entry')} ({scope})",
        "chronology",
        "Chronology",
        lambda path, by: export_chronology(
            path, detail, items, exported_by=by, filter_description=filters
        ),
    )


def plan_export(detail: CaseDetail, plan: PlanInfo) -> Export:
    """A service plan with its goals, actions and every review."""
    from store.export.files import export_plan

    return Export(
        "Export service plan",
        f"plan {plan.number}: {plural(len(plan.goals), 'goal')}, "
        f"{plural(len(plan.reviews), 'review')}",
        "plan",
        f"Service plan {plan.number}",
        lambda path, by: export_plan(path, detail, plan, exported_by=by),
        ("service_plan", plan.id),
    )


def minutes_export(detail: CaseDetail, conference: ConferenceInfo) -> Export:
    """A meeting's minutes, for circulation (draft minutes are marked as drafts)."""
    from store.export.files import export_minutes

    when = (
        dates.format_date(dates.to_local(conference.held_at).date())
        if conference.held_at
        else "no date yet"
    )
    state = "" if conference.is_final else ", draft"
    return Export(
        "Export minutes",
        f"{conference.title} of {when} (meeting {conference.id}{state})",
        "minutes",
        "Minutes",
        lambda path, by: export_minutes(path, detail, conference, exported_by=by),
        ("conference", conference.id),
    )


async def offer_handover(screen: CaselineScreen[Any], case_id: int) -> None:
    """Gather the case's handover pack, then offer to export it (``H`` in the case file), in
    the key's turn: a format chosen straight after the key is the export's."""
    store, me = screen.caseline.store, screen.caseline.me
    pack = await read_in_turn(screen.app, lambda: store.handover.pack(me, case_id), name="handover")
    if pack is not None:
        screen.app.push_screen(ExportScreen(pack.file.detail, handover_export(pack)))


def handover_export(pack: HandoverPack) -> Export:
    """What a worker taking the case over needs first (``store.export.handover``)."""
    from store.export.files import export_handover
    from store.export.handover import for_agency

    notes = len(pack.recent_notes)
    return Export(
        "Export handover pack",
        f"summary, plan, {plural(len(pack.open_actions), 'open meeting action')}, "
        f"network, {plural(notes, 'recent note')}",
        "handover",
        "Handover pack",
        lambda path, by: export_handover(path, pack, exported_by=by),
        for_agency=lambda path, by, agency, under: export_handover(
            path, for_agency(pack, agency, under), exported_by=by
        ),
    )


class ExportScreen(HoldsInput, DismissedOnTop[Path | None], ModalScreen[Path | None]):
    """Choose the format with one key, check the path, enter writes the file."""

    DEFAULT_CSS = """
    ExportScreen { align: center middle; background: $background 60%; }
    ExportScreen > Vertical {
        width: 76; max-width: 100%; height: auto; border: round $primary;
        background: $surface; padding: 1 2;
    }
    ExportScreen .heading { text-style: bold; }
    ExportScreen Input { margin: 1 0 0 0; background: $boost; }
    ExportScreen #export-error { color: $text-error; height: auto; }
    ExportScreen .hint { color: $text-muted; margin-top: 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
        Binding("f2", "format('md')", "Markdown", id="export.markdown"),
        Binding("f3", "format('html')", "HTML", id="export.html"),
    ]

    def __init__(self, detail: CaseDetail, export: Export) -> None:
        super().__init__()
        self.detail = detail
        self.export = export
        self.fmt = "html"

    def _default_path(self, fmt: str) -> Path:
        return default_export_path(self.detail.ref, fmt, self.export.what)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                assemble(
                    (self.export.title, "bold"),
                    " · ",
                    self.detail.ref,
                    f" · {self.export.scope}",
                ),
                classes="heading",
            )
            # enter writes in the key's turn, with the path as typed then; the keys typed
            # straight after it (one burst) wait until it is written (``HoldsInput``).
            yield SafeInput(
                str(self._default_path(self.fmt)),
                id="export-path",
                compact=True,
                submitted_now=self._write,
            )
            if self.export.for_agency is not None:
                yield SafeInput(
                    placeholder="For another agency? Its name (blank: for no one outside)",
                    id="export-agency",
                    compact=True,
                    submitted_now=self._write,
                )
            yield Static("", id="export-error")
            yield Static(
                "enter write · f2 Markdown · f3 HTML (printable) · esc cancel"
                + (" · tab: for an agency" if self.export.for_agency else ""),
                classes="hint",
            )

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    def action_format(self, fmt: str) -> None:
        self.fmt = fmt
        field = self.query_one("#export-path", Input)
        path = Path(field.value.strip() or str(self._default_path(fmt)))
        field.value = str(path.with_suffix(f".{fmt}"))

    def _write(self) -> None:
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            self.query_one("#export-error", Static).update("Type where to save the file.")
            return
        path = Path(text).expanduser()
        agency = self._agency()
        if not agency:
            self._export(path, None)
            return
        from tui.screens.consent.sharing import decide_sharing

        def proceed(sharing: Sharing | None) -> None:
            if sharing is not None:
                self._export(path, sharing)
            elif self.is_attached:
                self.query_one("#export-error", Static).update(
                    assemble(f"Not exported: nothing is shared with {agency} without a reason.")
                )

        decide_sharing(self, self.detail.id, agency, proceed)

    def _agency(self) -> str:
        from store.common.textsafe import clean_field

        found = self.query("#export-agency")
        return clean_field(found.first(Input).value) if found else ""

    def _export(self, path: Path, sharing: Sharing | None) -> None:
        from store.audit.service import origin_here

        host: CaselineHost = self.app  # type: ignore[assignment]
        export, store, me, case_id = self.export, host.store, host.me, self.detail.id
        kind, record_id = export.record

        def write() -> Path:
            by = me.display_name
            if sharing is not None and export.for_agency is not None:
                written = export.for_agency(path, by, sharing.recipient, sharing.under)
                # Written: into the case's sharing log, under its consent or reason.
                store.consent.share(
                    me,
                    case_id,
                    recipient=sharing.recipient,
                    what=export.done,
                    consent_id=sharing.consent_id,
                    lawful_reason=sharing.lawful_reason,
                    source="export",
                )
            else:
                written = export.write(path, by)
            detail = str(written.resolve())
            if sharing is not None:
                detail += f" (for {sharing.recipient})"
            # Once written, the export goes into the audit trail: what, the case, where to.
            store.audit.record(
                me,
                f"{export.what}-exported",
                case_id=case_id,
                record_kind=kind,
                record_id=case_id if record_id is None else record_id,
                detail=detail,
                origin=origin_here(),
            )
            return written

        self.hold_input()
        run_store(
            self,
            write,
            done=lambda written: self._done(written, sharing),
            failed=self._failed,
            name="export",
        )

    def _failed(self, error: StoreError) -> None:
        self.query_one("#export-error", Static).update(assemble(str(error)))
        self.let_input_through()  # back into the path, to put right

    def _done(self, path: Path, sharing: Sharing | None = None) -> None:
        shared = (
            f"; shared with {sharing.recipient}, {sharing.under}, and logged"
            if sharing is not None
            else ""
        )
        self.app.notify(f"{self.export.done} written to {path}{shared}", markup=False)
        self.close_then_let_through(path)

    def action_cancel(self) -> None:
        self.dismiss(None)
