"""The caseload table: a virtual, sortable, filterable list of cases.

Only the visible lines are ever rendered, so 5,000 cases cost no more to show, filter or sort
than 50: filtering is a substring test over a pre-folded key per row, and sorting a list sort.
Columns that don't fit the width are dropped in a fixed order of importance.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from store import dates
from store.records import CaseRow
from store.textsafe import fold, single_line


@dataclass(frozen=True)
class Column:
    """A caseload column: how to show it, sort by it, and when to give it up."""

    key: str
    label: str
    width: int  # preferred (minimum, for the flexible column)
    keep: int  # higher is kept longer when space is short
    text: Callable[[CaseRow, date], str]
    sort: Callable[[CaseRow], Any]
    flexible: bool = False


def _review_text(row: CaseRow, today: date) -> str:
    if row.next_review_on is None:
        return "no plan"
    if row.next_review_on < today:
        return "overdue"
    return dates.format_date(row.next_review_on)


_FLAG_LABELS = {"contact": "no note 7d", "new": "new", "review": "review"}


def _flags_text(row: CaseRow, today: date) -> str:
    # "review" already shows as "overdue" in the Next review column.
    return " ".join(_FLAG_LABELS.get(f, f) for f in row.flags if f != "review")


_NEVER = date.min

COLUMNS: tuple[Column, ...] = (
    Column("ref", "Ref", 8, 100, lambda r, t: r.ref, lambda r: fold(r.ref)),
    Column("client", "Client", 16, 90, lambda r, t: r.client_name, lambda r: r.search_key, True),
    Column("status", "Status", 8, 30, lambda r, t: r.status.value, lambda r: r.status.value),
    Column("worker", "Worker", 12, 40, lambda r, t: r.worker_name, lambda r: fold(r.worker_name)),
    Column(
        "allocated",
        "Allocated",
        11,
        20,
        lambda r, t: dates.format_date(r.allocated_on),
        lambda r: r.allocated_on or _NEVER,
    ),
    Column(
        "contact",
        "Last contact",
        12,
        80,
        lambda r, t: dates.relative_age(r.last_contact_at and dates.to_local(r.last_contact_at)),
        lambda r: r.last_contact_at or datetime.min,
    ),
    Column(
        "review",
        "Next review",
        11,
        70,
        _review_text,
        lambda r: r.next_review_on or date.max,
    ),
    Column("flags", "Flags", 10, 60, _flags_text, lambda r: (-len(r.flags), r.flags)),
)
COLUMN_KEYS = tuple(c.key for c in COLUMNS)
GAP = 1


def layout_columns(
    available: int, hidden: Sequence[str] = (), ref_width: int = 12
) -> list[tuple[Column, int]]:
    """Choose the columns that fit ``available`` cells and their widths, in display order."""
    candidates = [c for c in COLUMNS if c.key not in hidden]

    def width_of(col: Column) -> int:
        return (
            max(ref_width, len(col.label)) if col.key == "ref" else max(col.width, len(col.label))
        )

    chosen = list(candidates)
    while chosen:
        total = sum(width_of(c) for c in chosen) + GAP * (len(chosen) - 1)
        if total <= available or len(chosen) <= 2:
            break
        chosen.remove(min(chosen, key=lambda c: c.keep))
    widths = {c.key: width_of(c) for c in chosen}
    spare = available - sum(widths.values()) - GAP * (len(chosen) - 1)
    flex = next((c for c in chosen if c.flexible), None)
    if flex is not None:
        widths[flex.key] = max(4, widths[flex.key] + spare)
    return [(c, widths[c.key]) for c in chosen]


class _RowMessage(Message):
    """A message about one row of a CaseTable."""

    def __init__(self, table: CaseTable, row: CaseRow | None) -> None:
        super().__init__()
        self.table = table
        self.row = row

    @property
    def control(self) -> CaseTable:
        return self.table


class CaseTable(ScrollView, can_focus=True, inherit_bindings=False):
    """A virtual table of caseload rows with a cursor, a sort column and a filter.

    | Key | Action |
    | --- | --- |
    | up/down, k/j | Move the cursor |
    | pageup/pagedown | Move a screenful |
    | home/end | First / last case |
    | enter | Open the highlighted case |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "cursor(-1)", "Up", show=False, id="table.up"),
        Binding("down,j", "cursor(1)", "Down", show=False, id="table.down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="table.page_up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="table.page_down"),
        Binding("home", "first", "First", show=False, id="table.first"),
        Binding("end", "last", "Last", show=False, id="table.last"),
        Binding(
            "enter",
            "select",
            "Open",
            tooltip="Open the highlighted case",
            show=False,
            id="table.open",
        ),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "case-table--header",
        "case-table--cursor",
        "case-table--alert",
        "case-table--muted",
        "case-table--sorted",
    }

    DEFAULT_CSS = """
    CaseTable {
        background: $surface;
        height: 1fr;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        & > .case-table--header { text-style: bold; color: $text-primary; background: $panel; }
        & > .case-table--sorted { text-style: bold underline; }
        & > .case-table--cursor { background: $primary 30%; }
        &:focus > .case-table--cursor { background: $primary; color: $text; text-style: bold; }
        & > .case-table--alert { color: $text-error; }
        & > .case-table--muted { color: $text-muted; }
    }
    """

    cursor_row: reactive[int] = reactive(0, always_update=True)
    """Index of the highlighted row among the visible (filtered, sorted) rows."""

    class Selected(_RowMessage):
        """A case was chosen (enter or a double click); ``row`` is the case."""

    class Highlighted(_RowMessage):
        """The cursor moved to another case; ``row`` is None when no case is shown."""

    def __init__(self, *, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        self._all: list[CaseRow] = []
        self._rows: list[CaseRow] = []
        self._filter = ""
        self._sort_key = "client"
        self._sort_reverse = False
        self._hidden: tuple[str, ...] = ()
        self._layout: list[tuple[Column, int]] = []
        self._today = dates.today()
        self.empty_message = "No cases."

    # -- data --------------------------------------------------------------------------

    @property
    def rows(self) -> list[CaseRow]:
        """The visible rows, filtered and sorted, in display order."""
        return self._rows

    @property
    def total(self) -> int:
        return len(self._all)

    @property
    def highlighted(self) -> CaseRow | None:
        if 0 <= self.cursor_row < len(self._rows):
            return self._rows[self.cursor_row]
        return None

    @property
    def sort_key(self) -> str:
        return self._sort_key

    @property
    def sort_reverse(self) -> bool:
        return self._sort_reverse

    @property
    def visible_columns(self) -> list[str]:
        return [c.key for c, _ in self._layout]

    def set_rows(self, rows: list[CaseRow], *, keep_id: int | None = None) -> None:
        """Replace the data, keeping the cursor on case ``keep_id`` (or the current one)."""
        if keep_id is None and (current := self.highlighted) is not None:
            keep_id = current.id
        self._all = rows
        self._today = dates.today()
        self._recompute(keep_id)

    def set_filter(self, text: str) -> None:
        self._filter = fold(text.strip())
        self._recompute(self.highlighted.id if self.highlighted else None)

    def set_hidden_columns(self, hidden: Sequence[str]) -> None:
        self._hidden = tuple(hidden)
        self._relayout()

    def sort_by(self, key: str, reverse: bool | None = None) -> None:
        """Sort by column ``key``; ``reverse`` None flips it when the key is unchanged."""
        if reverse is None:
            reverse = not self._sort_reverse if key == self._sort_key else False
        self._sort_key, self._sort_reverse = key, reverse
        self._recompute(self.highlighted.id if self.highlighted else None)

    def cycle_sort(self) -> None:
        """Sort by the next visible column."""
        keys = self.visible_columns or list(COLUMN_KEYS)
        index = keys.index(self._sort_key) if self._sort_key in keys else -1
        self.sort_by(keys[(index + 1) % len(keys)], reverse=False)

    def _recompute(self, keep_id: int | None) -> None:
        needle = self._filter
        rows = [r for r in self._all if needle in r.search_key] if needle else list(self._all)
        column = next((c for c in COLUMNS if c.key == self._sort_key), COLUMNS[1])
        # Ties fall back to client name so the order is stable and predictable.
        rows.sort(key=lambda r: r.search_key)
        if column.key != "client":
            rows.sort(key=column.sort, reverse=self._sort_reverse)
        elif self._sort_reverse:
            rows.reverse()
        self._rows = rows
        index = 0
        if keep_id is not None:
            index = next((i for i, r in enumerate(rows) if r.id == keep_id), 0)
        self._relayout()
        self.cursor_row = min(index, max(0, len(rows) - 1))

    def _relayout(self) -> None:
        # One cell of padding on the left; the right edge needs none.
        width = max(1, self.scrollable_content_region.width - 1)
        ref_width = max((len(r.ref) for r in self._all), default=8)
        self._layout = layout_columns(width, self._hidden, ref_width)
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._rows) + 1)
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        self._relayout()
        self._scroll_cursor_into_view()

    # -- cursor ------------------------------------------------------------------------

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._scroll_cursor_into_view()
        self.refresh()
        self.post_message(self.Highlighted(self, self.highlighted))

    def _scroll_cursor_into_view(self) -> None:
        body = max(1, self.scrollable_content_region.height - 1)
        top = round(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + body:
            self.scroll_to(y=self.cursor_row - body + 1, animate=False, immediate=True)

    def _move_to(self, index: int) -> None:
        if self._rows:
            self.cursor_row = max(0, min(len(self._rows) - 1, index))

    def action_cursor(self, delta: int) -> None:
        self._move_to(self.cursor_row + delta)

    def action_page(self, direction: int) -> None:
        self._move_to(
            self.cursor_row + direction * max(1, self.scrollable_content_region.height - 2)
        )

    def action_first(self) -> None:
        self._move_to(0)

    def action_last(self) -> None:
        self._move_to(len(self._rows) - 1)

    def action_select(self) -> None:
        if (row := self.highlighted) is not None:
            self.post_message(self.Selected(self, row))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            x = 1
            for column, width in self._layout:
                if x <= offset.x < x + width + GAP:
                    self.sort_by(column.key)
                    return
                x += width + GAP
            return
        index = round(self.scroll_y) + offset.y - 1
        if 0 <= index < len(self._rows):
            if index == self.cursor_row and event.chain >= 2:
                self.action_select()
            self.cursor_row = index

    # -- rendering ---------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            return self._header_line(width, base)
        index = round(self.scroll_y) + y - 1
        if index >= len(self._rows):
            if not self._rows and y == 2:
                muted = base + self.get_component_rich_style("case-table--muted")
                text = Text(
                    " " + self.empty_message, style=muted, no_wrap=True, overflow="ellipsis"
                )
                text.truncate(width, pad=True)
                return Strip(text.render(self.app.console), width)
            return Strip.blank(width, base)
        style = base
        if index == self.cursor_row:
            style = base + self.get_component_rich_style("case-table--cursor")
        return self._row_line(self._rows[index], width, style)

    def _header_line(self, width: int, base: Style) -> Strip:
        header = base + self.get_component_rich_style("case-table--header")
        sorted_style = self.get_component_rich_style("case-table--sorted", partial=True)
        line = Text(" ", style=header, no_wrap=True, end="")
        for i, (column, col_width) in enumerate(self._layout):
            label = column.label
            cell_style = header
            if column.key == self._sort_key:
                label = f"{label}{'▼' if self._sort_reverse else '▲'}"
                cell_style = header + sorted_style
            cell = Text(label, style=cell_style, no_wrap=True, end="")
            cell.truncate(col_width, overflow="ellipsis", pad=True)
            if i:
                line.append(" " * GAP, style=header)
            line.append_text(cell)
        line.truncate(width, pad=True)
        line.stylize(header)
        return Strip(line.render(self.app.console), width)

    def _row_line(self, row: CaseRow, width: int, style: Style) -> Strip:
        alert = self.get_component_rich_style("case-table--alert", partial=True)
        muted = self.get_component_rich_style("case-table--muted", partial=True)
        line = Text(" ", style=style, no_wrap=True, end="")
        for i, (column, col_width) in enumerate(self._layout):
            value = single_line(column.text(row, self._today))
            cell_style = style
            if (
                (column.key == "review" and value == "overdue")
                or (column.key == "flags" and value)
                or (column.key == "contact" and "contact" in row.flags)
            ):
                cell_style = style + alert
            elif value in ("never", "no plan"):
                cell_style = style + muted
            cell = Text(value, style=cell_style, no_wrap=True, end="")
            cell.truncate(col_width, overflow="ellipsis", pad=True)
            if i:
                line.append(" " * GAP, style=style)
            line.append_text(cell)
        line.truncate(width, pad=True)
        segments = list(line.render(self.app.console))
        return Strip(Segment.simplify(segments), width)
