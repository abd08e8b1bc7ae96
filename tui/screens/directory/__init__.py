"""The community-resource directory: searching it, a service read in full, and its forms
(``D`` on the caseload). ``pick_service`` opens the same screen to choose a service."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from textual.app import App
from textual.screen import Screen

from store.resources.records import ServiceSummary


def pick_service(
    app: App[Any], opens: Callable[[ServiceSummary, Screen[Any]], Awaitable[None]]
) -> None:
    """Open the directory to choose a service: ``opens(service, directory)`` opens what the
    one chosen with ``enter`` leads to, in place of the directory and in the key's turn (the
    keys typed after `enter` go there); ``escape`` leaves with none chosen."""
    from tui.screens.directory.screen import DirectoryScreen

    app.push_screen(DirectoryScreen(picking=True, opens=opens))
