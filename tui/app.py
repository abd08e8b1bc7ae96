"""The Caseline application."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.dom import DOMNode
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from store.config import Config
from store.errors import StoreError
from store.records import WorkerInfo
from store.service import Store


class CaselineApp(App[None]):
    """A keyboard-first caseload for social workers."""

    TITLE = "Caseline"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {lambda: _case_search()}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            tooltip="Quit Caseline",
            show=False,
            id="app.quit",
            priority=True,
        ),
        Binding(
            "question_mark,f1", "help", "Keys", tooltip="Every key of this screen", id="app.help"
        ),
    ]

    def __init__(
        self,
        db: Path | str | None = None,
        *,
        store: Store | None = None,
        worker: str | None = None,
        config: Config | None = None,
    ) -> None:
        super().__init__()
        self.config = config or Config()
        if store is None:
            if db is None:
                raise ValueError("CaselineApp needs a database path or an open store")
            store = Store.open(db, ref_format=self.config.ref_format)
        self.store = store
        from store.config import login_name

        self.me: WorkerInfo = store.ensure_worker(worker or login_name())
        if self.config.keys:
            self.set_keymap(self.config.keys)

    def on_mount(self) -> None:
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        from tui.screens.caseload import CaseloadScreen

        self.push_screen(CaseloadScreen())

    # -- actions -----------------------------------------------------------------------

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def open_case(self, case_id: int) -> None:
        """Show a case's file on top of whatever is showing."""
        from tui.screens.case_file import CaseFileScreen

        self.push_screen(CaseFileScreen(case_id))

    # -- command palette ---------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every action of the current screen, then the app's own."""
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            if binding.action in ("quit", "app.quit", "command_palette", "app.command_palette"):
                continue
            seen.add(binding.action)
            key = self.get_key_display(binding)
            help_text = binding.tooltip or binding.description
            yield SystemCommand(
                binding.description,
                f"{help_text} ({key})",
                _runner(self, binding.action, active.node),
            )
        yield from super().get_system_commands(screen)

    # -- errors ------------------------------------------------------------------------

    def report_error(self, error: BaseException) -> None:
        """Tell the worker what went wrong, in words; the screen and its typing stay put."""
        if isinstance(error, StoreError):
            message = str(error)
        else:
            message = f"Something went wrong: {type(error).__name__}: {error}"
            self.log.error(repr(error))
        self.notify(message, title="Error", severity="error", markup=False, timeout=10)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Failures of the app's own background jobs."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            self.report_error(event.worker.error)


def _case_search() -> type[Provider]:
    from tui.commands import CaseSearch

    return CaseSearch


def _runner(app: App[None], action: str, node: DOMNode) -> Callable[[], Awaitable[None]]:
    async def run() -> None:
        await app.run_action(action, node)

    return run
