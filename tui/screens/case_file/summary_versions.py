"""Every saved version of a case summary: who wrote it and when, and what it said."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from store.case_file.records import SummaryInfo
from store.common import dates
from tui.screens.base import CaselineScreen
from tui.text import assemble
from tui.widgets.footer import CaselineFooter
from tui.widgets.held_input import HoldsInput
from tui.widgets.markdown import SafeMarkdown


class SummaryVersionsScreen(HoldsInput, CaselineScreen[None]):
    """The versions of a summary, newest first; the highlighted one is shown beneath."""

    DEFAULT_CSS = """
    SummaryVersionsScreen #versions { height: auto; max-height: 8; border: none; }
    SummaryVersionsScreen #version-head { padding: 1 1 0 1; color: $text-muted; }
    SummaryVersionsScreen #version-scroll { height: 1fr; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the case", id="summary_versions.back"),
    ]

    def __init__(self, case_id: int, label: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.label = label
        self.versions: list[SummaryInfo] = []

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static(assemble(("Summary versions", "bold"), " · ", self.label), classes="title")
        yield OptionList(id="versions")
        yield Static("", id="version-head")
        with VerticalScroll(id="version-scroll"):
            yield SafeMarkdown(id="version-body")
        yield CaselineFooter()

    def on_mount(self) -> None:
        self._load(opening=True)

    def _load(self, *, opening: bool = False) -> None:
        app, case_id = self.caseline, self.case_id
        self.read_then_let_through(
            lambda: app.store.case_file.summary_versions(app.me, case_id, opening=opening),
            done=self._show,
            name="versions",
        )

    def _show(self, versions: list[SummaryInfo]) -> None:
        self.versions = versions
        options = self.query_one("#versions", OptionList)
        options.clear_options()
        count = len(versions)
        for number, version in zip(range(count, 0, -1), versions, strict=True):
            stamp = dates.format_datetime(dates.to_local(version.created_at))
            current = "  (current)" if number == count else ""
            options.add_option(
                Option(
                    assemble((f"Version {number}", "bold"), f"  {stamp}  ", version.author_name)
                    + assemble((current, "dim")),
                    id=f"version-{version.id}",
                )
            )
        if not versions:
            options.add_option(Option("No summary has been written yet.", disabled=True))
            return
        options.highlighted = 0
        options.focus()

    @on(OptionList.OptionHighlighted, "#versions")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        index = event.option_index
        if not 0 <= index < len(self.versions):
            return
        version = self.versions[index]
        stamp = dates.format_datetime(dates.to_local(version.created_at))
        self.query_one("#version-head", Static).update(
            assemble(f"Version {len(self.versions) - index}, written {stamp} by ")
            + assemble(version.author_name)
        )
        self.query_one("#version-body", SafeMarkdown).show(version.body)

    def action_back(self) -> None:
        self.dismiss(None)
