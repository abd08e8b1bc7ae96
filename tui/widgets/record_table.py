"""A virtual table of records: sortable, filterable, with columns that give way when narrow.

Only the visible lines are ever rendered, so thousands of rows cost no more to show, filter or
sort than fifty: filtering is a substring test over a key each row carries (folded once, when
the rows are loaded), and sorting is a list sort. Subclasses say what the columns are, how a
row is identified and searched, and how a cell is coloured.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Sequence
from typing import Any, ClassVar, Generic, Self, TypeVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from store.common import dates
from store.common.textsafe import fold, single_line
from tui.widgets.columns import GAP as GAP
from tui.widgets.columns import Column as Column
from tui.widgets.columns import layout_columns as layout_columns
from tui.widgets.filled_later import FilledLater
from tui.widgets.line_diff import changed_spans
from tui.widgets.row_line import row_strip
from tui.widgets.textual_fixes import InOrderKeys, ScrollbarOnlyVirtualSize

RowT = TypeVar("RowT")
MARK = "✓"  # in the margin before a marked row
EMPTY_LINE = 2  # where a table with no rows says why
STRIPS_KEPT = 2000  # rows' lines kept made (a few screenfuls of filtering)


def _same(old: object, new: object) -> bool:
    """Whether a line showing ``old`` shows ``new`` alike (rows are frozen records: equal
    ones read the same)."""
    return old is new or old == new


class _RowMessage(Message):
    """A message about one row of a RecordTable."""

    def __init__(self, table: RecordTable[Any], row: Any) -> None:
        super().__init__()
        self.table = table
        self.row = row

    @property
    def control(self) -> RecordTable[Any]:
        return self.table


class RecordTable(
    FilledLater,
    InOrderKeys,
    ScrollbarOnlyVirtualSize,
    ScrollView,
    Generic[RowT],
    can_focus=True,
    inherit_bindings=False,
):
    """A virtual table with a cursor, a sort column and a filter; keys are taken in the order
    they were typed, so text typed straight after `/` reaches the filter it opens.

    | Key | Action |
    | --- | --- |
    | up/down, k/j | Move the cursor |
    | pageup/pagedown | Move a screenful |
    | home/end | First / last row |
    | enter | Choose the highlighted row |
    """

    COLUMNS: ClassVar[tuple[Column[Any], ...]] = ()
    DEFAULT_SORT: ClassVar[str] = ""
    # Measure each column's longest text when rows are set, to size the columns to it (for
    # tables of hundreds of rows, not the caseload's thousands).
    MEASURE_TEXT: ClassVar[bool] = False

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
            tooltip="Open the highlighted row",
            show=False,
            id="table.open",
        ),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "record-table--header",
        "record-table--cursor",
        "record-table--alert",
        "record-table--muted",
        "record-table--sorted",
        "record-table--marked",
    }

    DEFAULT_CSS = """
    RecordTable {
        background: $surface;
        height: 1fr;
        overflow-x: hidden;
        scrollbar-size-vertical: 1;
        & > .record-table--header { text-style: bold; color: $text-primary; background: $panel; }
        & > .record-table--sorted { text-style: bold underline; }
        & > .record-table--cursor { background: $primary 30%; }
        &:focus > .record-table--cursor { background: $primary; color: $text; text-style: bold; }
        & > .record-table--alert { color: $text-error; }
        & > .record-table--muted { color: $text-muted; }
        & > .record-table--marked { text-style: bold; color: $text-accent; }
    }
    """

    # Not repainting the whole table when set: the watcher refreshes the lines that change.
    cursor_row: reactive[int] = reactive(0, always_update=True, repaint=False)
    """Index of the highlighted row among the visible (filtered, sorted) rows."""

    class Selected(_RowMessage):
        """A row was chosen (enter or a double click); ``row`` is the record."""

    class Highlighted(_RowMessage):
        """The cursor moved; ``row`` is None when no row is shown."""

    def __init__(
        self,
        *,
        name: str | None = None,
        id: str | None = None,
        chosen: Callable[[RowT], object] | None = None,
    ) -> None:
        """``chosen``: what enter (or a double click) on a row does, done in the key's own
        turn in place of posting ``Selected``. Posted, it would be done a message later, after
        the keys typed straight behind enter (a slow SSH link delivers them together) had
        acted on this table's screen rather than on what enter opened."""
        super().__init__(name=name, id=id)
        self._chosen = chosen
        self._all: list[RowT] = []
        self._rows: list[RowT] = []
        self._filter = ""
        self._predicate: Callable[[RowT], bool] | None = None
        self._sort_key = self.DEFAULT_SORT or (self.COLUMNS[0].key if self.COLUMNS else "")
        self._sort_reverse = False
        self._hidden: tuple[str, ...] = ()
        self._layout: list[tuple[Column[RowT], int]] = []
        self._today = dates.today()
        self._needs: dict[str, int] = {}
        self._measured: dict[str, int] = {}  # measured_widths(), once per change of data
        self._repaint_all = True  # every line, not only those showing another row
        # Set while the lines a change of rows needs are refreshed already: the cursor's move
        # that comes with it refreshes nothing more.
        self._lines_done = False
        # Set while the rows change (``_recompute``): a scroll on the way (the view clamped to
        # fewer rows, then moved to the cursor) compares its lines once, where it ends.
        self._scrolled: bool | None = None
        self._empty_message = "Nothing here."
        self._laid_out_at = Size(0, 0)  # the size the columns were laid out for
        # Told of the highlighted row at once as the cursor moves, before the Highlighted
        # message is handled: what shows that row (a status line) is then drawn in the same
        # frame as the table's lines, not in one of its own after them.
        self.on_highlight: Callable[[RowT | None], object] | None = None
        self._drawn: dict[int, Strip] = {}  # each line as last drawn
        self._strips: dict[tuple[int, int, bool, bool], tuple[RowT, Strip]] = {}
        self._looks: dict[tuple[str, bool], Style] = {}  # ``_look``

    # -- what subclasses say -------------------------------------------------------------

    def row_id(self, row: RowT) -> int:
        """A stable identity for a row, to keep the cursor on it across reloads."""
        return int(row.id)  # type: ignore[attr-defined]

    def search_key(self, row: RowT) -> str:
        """The folded text the filter looks in."""
        return str(row.search_key)  # type: ignore[attr-defined]

    def cell_class(self, row: RowT, column: Column[RowT], value: str) -> str | None:
        """A component class for a cell ("record-table--alert", "…--muted") or None."""
        return None

    def is_marked(self, row: RowT) -> bool:
        """Whether the row is marked (picked out for an action on several rows): shown with
        a tick in the margin before it."""
        return False

    def measured_widths(self, rows: Sequence[RowT]) -> dict[str, int]:
        """Preferred widths measured from the data, for columns that should fit it."""
        return {}

    @property
    def empty_message(self) -> str:
        """What the table says when no row is shown."""
        return self._empty_message

    @empty_message.setter
    def empty_message(self, message: str) -> None:
        if message != self._empty_message:
            self._empty_message = message
            if not self._rows and self.is_mounted:
                self._refresh_lines(EMPTY_LINE)

    # -- data --------------------------------------------------------------------------

    @property
    def rows(self) -> list[RowT]:
        """The visible rows, filtered and sorted, in display order."""
        return self._rows

    @property
    def total(self) -> int:
        return len(self._all)

    @property
    def highlighted(self) -> RowT | None:
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

    def _current_id(self) -> int | None:
        row = self.highlighted
        return self.row_id(row) if row is not None else None

    def set_rows(self, rows: list[RowT], *, keep_id: int | None = None) -> None:
        """Replace the data, keeping the cursor on row ``keep_id`` (or the current one)."""
        if keep_id is None:
            keep_id = self._current_id()
        self._all = rows
        self._strips.clear()  # the rows' lines, made of the rows replaced
        if (today := dates.today()) != self._today:
            self._today = today
            self._repaint_all = True  # "3d ago" and "overdue" read differently
        # Widths are measured here, once per change of data: not on a filter keystroke, a
        # cursor move or a paint.
        if self.MEASURE_TEXT:
            today = self._today
            self._needs = {
                c.key: max((cell_len(single_line(c.text(r, today))) for r in rows), default=0)
                for c in self.COLUMNS
            }
        self._measured = self.measured_widths(rows)
        self._recompute(keep_id)

    def set_filter(self, text: str) -> None:
        self._filter = fold(text.strip())
        self._recompute(self._current_id())

    def set_predicate(self, predicate: Callable[[RowT], bool] | None) -> None:
        """Show only rows for which ``predicate`` is true (besides the text filter)."""
        self._predicate = predicate
        self._recompute(self._current_id())

    def set_hidden_columns(self, hidden: Sequence[str]) -> None:
        self._hidden = tuple(hidden)
        self._measured = self.measured_widths(self._all)  # they may depend on the view
        self._relayout()

    def sort_by(self, key: str, reverse: bool | None = None) -> None:
        """Sort by column ``key``; ``reverse`` None flips it when the key is unchanged."""
        if reverse is None:
            reverse = not self._sort_reverse if key == self._sort_key else False
        self._sort_key, self._sort_reverse = key, reverse
        self._repaint_all = True  # the header changes, and most lines
        self._recompute(self._current_id())

    def cycle_sort(self) -> None:
        """Sort by the next visible column."""
        keys = self.visible_columns or [c.key for c in self.COLUMNS]
        index = keys.index(self._sort_key) if self._sort_key in keys else -1
        self.sort_by(keys[(index + 1) % len(keys)], reverse=False)

    def _recompute(self, keep_id: int | None) -> None:
        needle = self._filter
        key = self.search_key
        rows = [r for r in self._all if needle in key(r)] if needle else list(self._all)
        if self._predicate is not None:
            rows = [r for r in rows if self._predicate(r)]
        column = next((c for c in self.COLUMNS if c.key == self._sort_key), None)
        if column is not None:
            rows.sort(key=column.sort, reverse=self._sort_reverse)
        before = self._rows
        self._rows = rows
        index = 0
        if keep_id is not None:
            index = next((i for i, r in enumerate(rows) if self.row_id(r) == keep_id), 0)
        index = min(index, max(0, len(rows) - 1))
        top, cursor = round(self.scroll_y), self.cursor_row
        self._scrolled = False
        try:
            refresh = self._relayout(full=False)
            same = len(rows) == len(before) and all(map(_same, rows, before))
            if index != self.cursor_row or not same:
                self._lines_done = True
                try:
                    self.cursor_row = index
                finally:
                    self._lines_done = False
        finally:
            scrolled, self._scrolled = self._scrolled, None
        if not refresh:
            return  # every line is being drawn anew
        if scrolled:
            # Every line the view shows where it ended, compared once with what is drawn.
            self._refresh_differences(*range(1, self.size.height))
        else:
            self._refresh_changed(before, top, cursor, index)

    def _refresh_changed(self, before: list[RowT], top: int, cursor: int, index: int) -> None:
        """Refresh the body lines that now show a different row than they did, and the
        cursor's if it moved (a filter keystroke that leaves the rows shown as they were
        refreshes nothing)."""
        body = max(1, self.scrollable_content_region.height - 1)
        now = round(self.scroll_y)
        changed = []
        for y in range(body):
            old = before[top + y] if top + y < len(before) else None
            new = self._rows[now + y] if now + y < len(self._rows) else None
            if not _same(old, new):
                changed.append(y + 1)
        if bool(before) != bool(self._rows):
            changed.append(EMPTY_LINE)
        moved = (cursor - top + 1, index - now + 1) if cursor != index else ()
        # The cursor's lines are drawn anew (its colours change the whole line); the others
        # only where they now read differently (another row often shares a date, a worker,
        # the padding of a wide column).
        self._refresh_differences(*(y for y in changed if y not in moved))
        self._refresh_lines(*moved)

    def refresh_rows(self, *indexes: int) -> None:
        """Repaint the lines of these rows (indexes among the visible rows), if on screen."""
        top = round(self.scroll_y)
        body = max(1, self.scrollable_content_region.height - 1)
        self._refresh_lines(*(i - top + 1 for i in indexes if top <= i < top + body))

    def _refresh_lines(self, *lines: int) -> None:
        """Repaint these lines of the widget (0 the header), and nothing else."""
        width = self.size.width
        for y in sorted(set(lines)):
            self.refresh(Region(0, y, width, 1))

    def _refresh_differences(self, *lines: int) -> None:
        """Repaint the cells of these lines that will read differently from what is drawn
        there now (``tui.widgets.line_diff``), and nothing else."""
        for y in sorted(set(lines)):
            old = self._drawn.get(y)
            new = self.render_line(y)
            if old is None:
                self._refresh_lines(y)
                continue
            for start, end in changed_spans(old, new):
                self.refresh(Region(start, y, end - start, 1))

    def refresh(
        self, *regions: Region, repaint: bool = True, layout: bool = False, recompose: bool = False
    ) -> Self:
        if repaint and not regions:
            self._forget_looks()  # all of it: a new layout, sort, theme, focus (the cursor's)
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)

    def notify_style_update(self) -> None:
        self._forget_looks()
        super().notify_style_update()

    def _forget_looks(self) -> None:
        self.__dict__.get("_strips", {}).clear()
        self.__dict__.get("_looks", {}).clear()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        # As ScrollView does, but the header stays, and lines only where they differ.
        if self.show_vertical_scrollbar:
            self.vertical_scrollbar.position = new_value
        if round(old_value) != round(new_value):
            if self._scrolled is not None:
                self._scrolled = True  # the rows are changing: compared once they have
            else:
                self._refresh_differences(*range(1, self.size.height))

    def _relayout(self, *, full: bool = True) -> bool:
        """Lay the columns out for the width there is; refresh every line if the layout
        changed, or if ``full``. True if the lines that changed are still to be refreshed."""
        layout = self._columns()
        self.virtual_size = Size(self.scrollable_content_region.width, len(self._rows) + 1)
        if full or layout != self._layout or self._repaint_all:
            self._layout = layout
            self._repaint_all = False
            self.refresh()
            return False
        return True

    def _columns(self) -> list[tuple[Column[RowT], int]]:
        """The columns, and their widths, for the size the table has now."""
        self._laid_out_at = self.size
        # Room for the scrollbar if these rows will need one (it may not be drawn yet, and
        # the table is not resized when it appears), and one cell of padding on the left.
        needs_bar = len(self._rows) + 1 > self.size.height
        bar = self.styles.scrollbar_size_vertical if needs_bar else 0
        width = max(1, self.size.width - bar - 1)
        return layout_columns(
            self.COLUMNS,
            width,
            self._hidden,
            self._measured,
            self._sort_key,
            self._needs,
        )

    def on_resize(self, event: events.Resize) -> None:
        # A new size repaints the table anyway; only new columns need more (as at the first
        # layout, which Textual follows with a resize to the same size).
        self._relayout(full=False)
        self._scroll_cursor_into_view()

    # -- cursor ------------------------------------------------------------------------

    def watch_cursor_row(self, old: int, new: int) -> None:
        top = round(self.scroll_y)
        self._scroll_cursor_into_view()
        if round(self.scroll_y) == top and not self._lines_done:
            # Only the line left and the line reached: a scroll repaints the rest itself.
            self.refresh_rows(old, new)
        if self.on_highlight is not None:
            self.on_highlight(self.highlighted)
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
        step = max(1, self.scrollable_content_region.height - 2)
        self._move_to(self.cursor_row + direction * step)

    def action_first(self) -> None:
        self._move_to(0)

    def action_last(self) -> None:
        self._move_to(len(self._rows) - 1)

    async def action_select(self) -> None:
        if self._chosen is not None and self.enter_waits():
            return
        if (row := self.highlighted) is None:
            return
        if self._chosen is not None:
            if inspect.isawaitable(chosen := self._chosen(row)):
                await chosen  # what it opens reads first: the keys after enter wait for it
        else:
            self.post_message(self.Selected(self, row))

    async def on_click(self, event: events.Click) -> None:
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
                await self.action_select()
            self.cursor_row = index

    # -- rendering ---------------------------------------------------------------------

    @property
    def drawn(self) -> bool:
        """Whether the table has been drawn yet (its first frame made)."""
        return bool(self._drawn)

    def render_line(self, y: int) -> Strip:
        strip = self._draw_line(y)
        self._drawn[y] = strip  # what is on the screen there now, or about to be
        return strip

    def _draw_line(self, y: int) -> Strip:
        if self._laid_out_at != self.size:
            # Rows set before the table had its size (at start) are laid out for the size it
            # is drawn at: every line is being drawn, as it always is at a new size.
            self._layout = self._columns()
        width = self.scrollable_content_region.width
        base = self._look()
        if y == 0:
            return self._header_line(width, base)
        index = round(self.scroll_y) + y - 1
        if index >= len(self._rows):
            if not self._rows and y == EMPTY_LINE:
                muted = base + self._look("record-table--muted")
                text = Text(" " + self._empty_message, no_wrap=True, overflow="ellipsis")
                text.truncate(width, pad=True)
                text.stylize(muted)  # a Text without spans is drawn with no style at all
                return Strip(text.render(self.app.console), width)
            return Strip.blank(width, base)
        row, cursor = self._rows[index], index == self.cursor_row
        # Each row's line is made once and kept until the look changes (``refresh``): a
        # cursor move draws two lines, a filter keystroke rows drawn before.
        key = (id(row), width, cursor, self.is_marked(row))
        kept = self._strips.get(key)
        if kept is not None and kept[0] is row:
            return kept[1]
        style = base + self._look("record-table--cursor") if cursor else base
        strip = self._row_line(row, width, style)
        if len(self._strips) >= STRIPS_KEPT:
            self._strips.clear()
        self._strips[key] = (row, strip)
        return strip

    def _look(self, component: str = "", partial: bool = False) -> Style:
        """The table's style, or a component's, kept until the look changes (``refresh``):
        Textual forgets its own at every refresh, a line's included."""
        key = (component, partial)
        look = self._looks.get(key)
        if look is None:
            look = self._looks[key] = (
                self.get_component_rich_style(component, partial=partial)
                if component
                else self.rich_style
            )
        return look

    def _header_line(self, width: int, base: Style) -> Strip:
        header = base + self._look("record-table--header")
        sorted_style = self._look("record-table--sorted", partial=True)
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

    def _row_line(self, row: RowT, width: int, style: Style) -> Strip:
        marked = self.is_marked(row)
        if marked:
            style = style + self._look("record-table--marked", partial=True)
        cells = []
        for column, col_width in self._layout:
            value = single_line(column.text(row, self._today))
            component = self.cell_class(row, column, value)
            cell_style = style + self._look(component, partial=True) if component else style
            cells.append((value, cell_style, col_width))
        return row_strip(MARK if marked else " ", style, cells, width, self.app.console)
