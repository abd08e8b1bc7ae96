"""Transferring several cases at once: the cases marked on the caseload, or from the team view
the whole open caseload of a worker who is leaving (``store.cases.transfer_many``).

One form (the receiving worker, the day, the reason) and, before anything is saved, a
confirmation of how many cases move and whose unfinished notes are on them: those drafts stay
their authors' and are listed for the receiver.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from store.cases.records import TransferPreview, TransferredCases
from store.common.records import WorkerInfo
from store.common.words import plural
from tui.screens.confirm import ConfirmScreen
from tui.screens.form import Field, FormScreen
from tui.widgets.date_field import TODAY_IF_BLANK
from tui.workers import read_in_turn

if TYPE_CHECKING:
    from tui.host import CaselineHost
    from tui.screens.base import CaselineScreen

SHOWN = 3  # cases named (beside the title, in the confirmation) before "and N more"


async def offer_bulk_transfer(
    screen: CaselineScreen[Any],
    case_ids: list[int],
    done: Callable[[TransferredCases | None], None],
    *,
    title: str = "",
) -> None:
    """Read the cases and the workers, in the turn of the key that asked (the keys typed
    with it wait, and go to the form), then open the transfer form over ``screen``; ``done``
    gets what was transferred (None if nothing was)."""
    app = screen.caseline
    store, me = app.store, app.me

    def read() -> tuple[list[WorkerInfo], TransferPreview]:
        return store.workers.active(), store.cases.transfer_preview(me, case_ids)

    def show(found: tuple[list[WorkerInfo], TransferPreview]) -> None:
        workers, preview = found
        if preview.refused:
            app.notify(
                "Nothing was transferred: " + " ".join(preview.refused),
                title="Transfer",
                severity="error",
                markup=False,
                timeout=10,
            )
            return
        if not preview.cases:
            app.notify("No case to transfer.", markup=False)
            return
        holders = {c.worker_id for c in preview.cases}
        others = [w for w in workers if not (len(holders) == 1 and w.id in holders)]
        if not others:
            app.notify("There is no other worker to transfer to.", markup=False)
            return
        app.push_screen(BulkTransferScreen(app, preview, others, title=title), finished)

    def finished(result: TransferredCases | None) -> None:
        if result is not None:
            left = (
                f" {plural(result.drafts_left, 'unfinished note')} of others on them "
                f"{'is' if result.drafts_left == 1 else 'are'} listed for {result.worker_name}."
                if result.drafts_left
                else ""
            )
            app.notify(
                f"{plural(len(result.refs), 'case')} transferred to {result.worker_name}; "
                f"each case's chronology records it.{left}",
                markup=False,
            )
        done(result)

    found = await read_in_turn(app, read, name="bulk-transfer")
    if found is not None:
        show(found)


class BulkTransferScreen(FormScreen):
    """The transfer form for several cases; saving asks first, naming how many and whose
    drafts go with them."""

    CSS_PATH: ClassVar[str | list[str | PurePath]] = "../form.tcss"  # the form's look

    def __init__(
        self,
        app: CaselineHost,
        preview: TransferPreview,
        workers: list[WorkerInfo],
        *,
        title: str = "",
    ) -> None:
        store, me, dayfirst = app.store, app.me, app.config.dayfirst
        self.preview = preview
        self.receivers = {w.username: w for w in workers}
        count = len(preview.cases)
        fields = [
            Field(
                "worker",
                "To",
                "Choose a worker",
                choices=tuple((w.display_name, w.username) for w in workers),
            ),
            Field("on", "From", "today, or e.g. 3/4/2026, mon, -2d", date=TODAY_IF_BLANK),
            Field("reason", "Reason", "why the cases are moving"),
        ]
        refs = [c.ref for c in preview.cases]
        shown = ", ".join(refs[:SHOWN]) + (f" and {count - SHOWN} more" if count > SHOWN else "")
        super().__init__(
            title or f"Transfer {plural(count, 'case')}",
            fields,
            {"on": "today"},
            lambda form: store.cases.transfer_many(me, preview.versions, form, dayfirst=dayfirst),
            # Beside a title naming whose caseload it is, the count; the refs are confirmed later.
            subtitle=plural(count, "open case") if title else shown,
        )

    def action_save(self) -> None:
        if self._busy:
            return
        values = self.values()
        receiver = self.receivers.get(values.get("worker", ""))
        if receiver is None:  # the store says what is missing, at each field
            super().action_save()
            return

        def answer(yes: bool | None) -> None:
            if yes and not self._busy:
                self._busy = True
                self._save(values)

        self.app.push_screen(
            ConfirmScreen(
                f"Transfer {plural(len(self.preview.cases), 'case')} to {receiver.display_name}?",
                self._confirmation(receiver),
                yes="Transfer",
                no="Go back",
            ),
            answer,
        )

    def _confirmation(self, receiver: WorkerInfo) -> str:
        lines = [f"{c.ref}  {c.client_name}" for c in self.preview.cases[:SHOWN]]
        more = len(self.preview.cases) - SHOWN
        if more > 0:
            lines.append(f"… and {more} more")
        drafts = [d for d in self.preview.drafts if d.author_id != receiver.id]
        if drafts:
            whose = ", ".join(f"{plural(d.count, 'draft')} by {d.author_name}" for d in drafts)
            lines.append("")
            lines.append(
                f"Unfinished notes go with them, listed for {receiver.display_name} and kept "
                f"by their authors: {whose}."
            )
        else:
            lines.append("")
            lines.append("No unfinished notes are on these cases.")
        return "\n".join(lines)
