"""The ratings over time: each domain's rating in every final assessment, oldest first, as a
table of symbols with what got worse (▲, in the error colour) or better (▼) since the time
before marked, so a reader sees at a glance. It fits 80 columns: the latest six assessments
are shown, and left and right move to earlier ones."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from store.assessments.records import RatingCell, RatingsTable
from store.assessments.render import cell_text, legend
from store.common.textsafe import single_line, visible
from tui.screens.base import CaselineScreen
from tui.text import assemble
from tui.widgets.footer import CaselineFooter
from tui.workers import run_store

SHOWN = 6  # assessments side by side at 80 columns
CELL = 8  # a column's width: "01 Mar" and a blank either side
NAME_MAX = 30  # the domain column at most
STYLES = {"worse": "bold $text-error", "better": "$text-success", "same": "", "": ""}


def _cell(cell: RatingCell, size: int) -> Content:
    text = cell_text(cell, size).center(CELL)
    style = STYLES[cell.trend] if cell.rating else "dim"
    return Content.styled(text, style) if style else Content(text)


def _name(name: str, width: int) -> str:
    shown = visible(" ".join(single_line(name).split()))
    return (shown if len(shown) <= width else shown[: width - 1] + "…").ljust(width)


def table_lines(table: RatingsTable, first: int) -> Content:
    """The table from column ``first``, SHOWN columns wide, as lines of Content."""
    columns = table.columns[first : first + SHOWN]
    width = min(NAME_MAX, max([len("Domain"), *(len(r.domain) for r in table.rows)]))
    size = len(table.scale)
    days = "".join(f"{c.as_at:%d %b}".center(CELL) for c in columns)
    years = "".join(f"{c.as_at:%Y}".center(CELL) for c in columns)
    lines = [
        Content.styled("Domain".ljust(width) + days, "bold"),
        Content.styled(" " * width + years, "dim"),
    ]
    for row in table.rows:
        cells = [_cell(c, size) for c in row.cells[first : first + SHOWN]]
        lines.append(Content.assemble(_name(row.domain, width), *cells))
    return Content("\n").join(lines)


class RatingsScreen(CaselineScreen[None]):
    """A case's domain ratings over time."""

    DEFAULT_CSS = """
    RatingsScreen #ratings-scroll { height: 1fr; padding: 1 1 0 1; }
    RatingsScreen #ratings-table { width: auto; height: auto; }
    RatingsScreen #ratings-legend { padding: 1 0 0 0; color: $text-muted; }
    RatingsScreen #ratings-more { color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the assessment", id="ratings.back"),
        Binding(
            "left,h",
            "shift(-1)",
            "Earlier",
            tooltip="Show an earlier assessment",
            id="ratings.earlier",
        ),
        Binding(
            "right,l", "shift(1)", "Later", tooltip="Show a later assessment", id="ratings.later"
        ),
    ]

    def __init__(self, case_id: int, label: str) -> None:
        super().__init__()
        self.case_id = case_id
        self.label = label
        self.table: RatingsTable | None = None
        self.first = 0

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static(
                assemble(("Ratings over time", "bold"), " · ", self.label), classes="title"
            )
        with VerticalScroll(id="ratings-scroll"):
            yield Static("Loading…", id="ratings-table")
            yield Static("", id="ratings-more")
            yield Static("", id="ratings-legend")
        yield CaselineFooter()

    def on_mount(self) -> None:
        caseline, case_id = self.caseline, self.case_id
        config = caseline.config
        run_store(
            self,
            lambda: caseline.store.assessments.ratings(
                caseline.me,
                case_id,
                scale=config.assessment_scale,
                domains=config.assessment_domains,
            ),
            done=self._show,
            name="assessment-ratings",
        )

    def _show(self, table: RatingsTable) -> None:
        self.table = table
        self.first = max(0, len(table.columns) - SHOWN)
        self._draw()
        self.query_one("#ratings-legend", Static).update(legend(table.scale))

    def _draw(self) -> None:
        table = self.table
        if table is None:
            return
        shown = self.query_one("#ratings-table", Static)
        more = self.query_one("#ratings-more", Static)
        if not table.columns:
            shown.update("No finalised assessment yet.")
            more.update("")
            return
        shown.update(table_lines(table, self.first))
        total = len(table.columns)
        if total > SHOWN:
            last = min(total, self.first + SHOWN)
            more.update(f"Assessments {self.first + 1} to {last} of {total}; ← → for the others.")
        else:
            more.update("")
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "shift" and self.table is not None:
            step = parameters[0] if parameters else 0
            total = len(self.table.columns)
            if step == -1:
                return self.first > 0
            return self.first + SHOWN < total
        return action != "shift"

    def action_shift(self, step: int) -> None:
        if self.table is None:
            return
        top = max(0, len(self.table.columns) - SHOWN)
        self.first = min(top, max(0, self.first + step))
        self._draw()

    def action_back(self) -> None:
        self.dismiss(None)
