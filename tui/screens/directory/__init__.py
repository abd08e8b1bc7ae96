"""The community-resource directory: searching it, a service read in full, and its forms
(``D`` on the caseload). ``pick_service`` opens the same screen to choose a service."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App

from store.resources.records import ServiceSummary


def pick_service(app: App[Any], done: Callable[[ServiceSummary | None], None]) -> None:
    """Open the directory to choose a service: ``done`` gets the one chosen with ``enter``, or
    None if the worker left with ``escape``."""
    from tui.screens.directory.screen import DirectoryScreen

    app.push_screen(DirectoryScreen(picking=True), done)
