"""Command-palette providers: find any case by client name or reference and open it."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

from store.textsafe import fold
from tui.text import assemble

if TYPE_CHECKING:
    from tui.app import CaselineApp


class CaseSearch(Provider):
    """Type part of a client's name or a case reference to open that case."""

    @property
    def caseline(self) -> CaselineApp:
        return self.app  # type: ignore[return-value]

    async def discover(self) -> Hits:
        yield DiscoveryHit(
            "Open a case…",
            self._hint,
            help="Type part of a client's name or a case reference",
        )

    def _hint(self) -> None:
        self.app.notify("In the palette, type part of a client's name or a case reference.")

    async def search(self, query: str) -> Hits:
        text = query.strip()
        if len(fold(text)) < 2:
            return
        app = self.caseline
        # The database is never read on the UI thread.
        rows = await asyncio.to_thread(app.store.find_cases, app.me, text)
        needle = fold(text)
        for row in rows:
            held = row.worker_name or "unallocated"
            position = row.search_key.find(needle)
            score = 1.0 if position == 0 else 0.9 if position > 0 else 0.5
            yield Hit(
                score,
                assemble("Open ", (row.ref, "bold"), "  ", row.client_name),
                partial(app.open_case, row.id),
                text=f"Open {row.ref} {row.client_name}",
                help=f"{row.status.value} · {held}",
            )
