"""Whose agenda to show: the supervisor's own, one worker of their team, or the whole team."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store.cases.records import TeamLoad
from tui.screens.caseload.pickers import PICKER_CSS
from tui.text import assemble

Choice = tuple[int | None, bool]  # (worker id, or None for the team; the team)


class WhosePicker(ModalScreen[Choice | None]):
    """Dismisses with (worker id, False), (None, True) for the team, or None."""

    DEFAULT_CSS = PICKER_CSS.format(name="WhosePicker")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", tooltip="Keep the agenda shown", id="whose.cancel"),
    ]

    def __init__(self, load: TeamLoad, me_id: int) -> None:
        super().__init__()
        self.load = load
        self.me_id = me_id

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Whose agenda?", classes="heading")
            options = OptionList(id="whose")
            options.add_option(Option(assemble(("Mine", "bold")), id="me"))
            team = f"team {self.load.team}" if self.load.team else "every worker"
            options.add_option(
                Option(assemble(("The whole team", "bold"), f"  ({team})"), id="team")
            )
            for worker in self.load.workers:
                if worker.worker_id != self.me_id:
                    options.add_option(
                        Option(
                            assemble(worker.name, (f"  {worker.role}", "dim")),
                            id=f"w{worker.worker_id}",
                        )
                    )
            yield options
            yield Static("enter choose · esc cancel", classes="hint")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        key = event.option.id or ""
        if key == "me":
            self.dismiss((self.me_id, False))
        elif key == "team":
            self.dismiss((None, True))
        else:
            self.dismiss((int(key[1:]), False))

    def action_cancel(self) -> None:
        self.dismiss(None)
