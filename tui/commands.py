"""Command-palette providers: find any case by client name or reference and open it.

A case opened from the palette is opened as from the caseload (``CaselineHost.go_to_case``), so
escape leads back to the caseload, as the case file's keys say.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from store.common.textsafe import fold
from tui.screens.base import give_way
from tui.text import assemble

if TYPE_CHECKING:
    from tui.host import CaselineHost

OPEN_A_CASE = "Open a case…"
OPEN_A_CASE_HELP = "Type part of a client's name or a case reference"


class CaseSearch(Provider):
    """Type part of a client's name or a case reference to open that case."""

    @property
    def caseline(self) -> CaselineHost:
        return self.app  # type: ignore[return-value]

    async def discover(self) -> Hits:
        yield DiscoveryHit(OPEN_A_CASE, self._choose, help=OPEN_A_CASE_HELP)

    def _choose(self) -> None:
        """Choose the case in the same list as ctrl+n's, then open it."""
        from tui.screens.caseload.pickers import CasePickerScreen

        app = self.caseline

        async def opens(case_id: int, picker: CasePickerScreen) -> None:
            # In enter's own turn, so the keys typed straight after it (a tab's number) act on
            # the case, not on the screen beneath the picker.
            if give_way(picker):
                await app.go_to_case(case_id)

        self.app.push_screen(CasePickerScreen("Open which case?", opens=opens))

    async def search(self, query: str) -> Hits:
        # The command itself is found by its words, like every other listed command.
        matcher = self.matcher(query)
        if (score := matcher.match(OPEN_A_CASE)) > 0:
            yield Hit(score, matcher.highlight(OPEN_A_CASE), self._choose, help=OPEN_A_CASE_HELP)
        text = query.strip()
        if len(fold(text)) < 2:
            return
        app = self.caseline
        # The database is never read on the UI thread. Not run_store: a provider is no DOM node,
        # and the palette consumes this async generator itself, cancelling it when the query
        # changes; awaiting a thread gives the rows here, and a failure to the palette (logged).
        rows = await asyncio.to_thread(app.store.cases.find, app.me, text)
        needle = fold(text)
        for row in rows:
            held = row.worker_name or "unallocated"
            position = row.search_key.find(needle)
            score = 1.0 if position == 0 else 0.9 if position > 0 else 0.5
            yield Hit(
                score,
                assemble("Open ", (row.ref, "bold"), "  ", row.client_name),
                partial(app.go_to_case, row.id),
                text=f"Open {row.ref} {row.client_name}",
                help=f"{row.status.value} · {held}",
            )
