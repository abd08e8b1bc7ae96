"""A case's chronology: a virtual table of entries with the filter state always in view."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Select, Static

from store.chronology.records import ChronologyItem
from store.common import dates
from store.common.textsafe import fold
from store.common.words import plural
from tui.text import assemble, choices
from tui.widgets.record_table import Column, RecordTable
from tui.widgets.safe import SafeInput

SOURCE_LABELS = {
    "allocation": "allocation",
    "transfer": "transfer",
    "status": "status change",
    "note": "note",
    "manual": "manual",
    "conference": "conference",
    "plan_review": "plan review",
    "referral": "referral",
}


def _source(item: ChronologyItem, today: date) -> str:
    label = SOURCE_LABELS.get(item.source_kind, item.source_kind)
    if item.source_of_information:
        return f"{label}: {item.source_of_information}"
    return label


def _date(item: ChronologyItem, today: date) -> str:
    mark = "◂" if item.before_current_allocation else " "
    return f"{dates.format_date(item.occurred_on)}{mark}"


COLUMNS: tuple[Column[ChronologyItem], ...] = (
    Column("date", "Date", 12, 100, _date, lambda i: (i.occurred_on, i.id)),
    Column("category", "Category", 12, 60, lambda i, t: i.category, lambda i: i.category),
    Column(
        "title", "Event", 22, 95, lambda i, t: i.title, lambda i: fold(i.title), True, reserve=60
    ),
    Column("summary", "Summary", 24, 30, lambda i, t: i.summary, lambda i: fold(i.summary), True),
    Column("source", "Source", 14, 40, _source, lambda i: i.source_kind),
    Column(
        "analysis",
        "Analysis",
        16,
        20,
        lambda i, t: i.analysis.replace("\n", " "),
        lambda i: fold(i.analysis),
    ),
)


class ChronologyTable(RecordTable[ChronologyItem]):
    """Chronology entries, oldest first unless reversed."""

    COLUMNS: ClassVar[tuple[Column[Any], ...]] = COLUMNS
    DEFAULT_SORT = "date"
    MEASURE_TEXT = True

    def __init__(
        self,
        *,
        name: str | None = None,
        id: str | None = None,
        chosen: Callable[[ChronologyItem], object] | None = None,
    ) -> None:
        super().__init__(name=name, id=id, chosen=chosen)
        self.empty_message = "No entries."
        self._keys: dict[int, str] = {}

    @staticmethod
    def keys_for(rows: Sequence[ChronologyItem]) -> dict[int, str]:
        """Each entry's searchable text, folded: once per load (a thread may do it), not on
        every keystroke."""
        return {
            i.id: fold(
                " ".join((i.title, i.summary, i.category, i.source_of_information, i.analysis))
            )
            for i in rows
        }

    def set_rows(
        self,
        rows: list[ChronologyItem],
        *,
        keep_id: int | None = None,
        keys: dict[int, str] | None = None,
    ) -> None:
        """``keys``: from ``keys_for(rows)``, if already made."""
        self._keys = keys if keys is not None else self.keys_for(rows)
        super().set_rows(rows, keep_id=keep_id)

    def search_key(self, row: ChronologyItem) -> str:
        return self._keys.get(row.id, "")

    def cell_class(
        self, row: ChronologyItem, column: Column[ChronologyItem], value: str
    ) -> str | None:
        if row.before_current_allocation:
            return "record-table--muted"
        if column.key == "category" and row.category in ("safeguarding", "incident"):
            return "record-table--alert"
        return None


class ChronologyPane(Vertical):
    """Filters (text, period, category) above the table, and a line saying what is shown."""

    DEFAULT_CSS = """
    ChronologyPane { height: 1fr; }
    ChronologyPane #chron-filters { height: 1; margin: 1 1 0 1; }
    ChronologyPane #chron-text { width: 1fr; background: $surface; }
    ChronologyPane #chron-period { width: 22; margin-left: 1; background: $surface; }
    ChronologyPane #chron-category { width: 20; margin-left: 1; }
    ChronologyPane #chron-state { height: 1; padding: 0 1; color: $text-muted; }
    ChronologyPane #chron-state.-error { color: $text-error; height: auto; max-height: 3; }
    ChronologyPane ChronologyTable { height: 1fr; }
    ChronologyPane #chron-preview {
        height: 2; padding: 0 1; background: $panel; color: $text-muted;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    """

    def __init__(
        self,
        categories: Sequence[str],
        *,
        id: str | None = None,
        chosen: Callable[[ChronologyItem], object] | None = None,
    ) -> None:
        """``chosen``: what enter on an entry does, in the key's own turn (``RecordTable``)."""
        super().__init__(id=id)
        self._chosen = chosen
        self.categories = tuple(categories)
        self.period: tuple[date | None, date | None] = (None, None)
        self.period_text = ""

    def compose(self) -> ComposeResult:
        with Horizontal(id="chron-filters"):
            yield SafeInput(
                placeholder="/ filter entries by text",
                id="chron-text",
                compact=True,
                changed_now=self._text_changed,
                submitted_now=self._submitted,
            )
            yield SafeInput(
                placeholder="period: last 6 months",
                id="chron-period",
                compact=True,
                submitted_now=self._submitted,
            )
            yield Select(
                choices([("All categories", ""), *self.categories]),
                value="",
                allow_blank=False,
                id="chron-category",
                compact=True,
            )
        yield Static("Loading…", id="chron-state")
        table = ChronologyTable(id="chron-table", chosen=self._chosen)
        table.empty_message = "Loading…"
        table.filled_later()  # `enter` typed before the entries are in waits for them
        yield table
        yield Static("", id="chron-preview")

    @property
    def table(self) -> ChronologyTable:
        return self.query_one(ChronologyTable)

    def set_entries(
        self,
        items: list[ChronologyItem],
        *,
        keys: dict[int, str] | None = None,
        keep_id: int | None = None,
    ) -> None:
        """Show ``items``, the cursor on entry ``keep_id`` if given (else where it was)."""
        extra = sorted({i.category for i in items} - set(self.categories))
        if extra:
            select = self.query_one("#chron-category", Select)
            current = select.value
            options = choices([("All categories", ""), *self.categories, *extra])
            select.set_options(options)
            select.value = current if current in {v for _, v in options} else ""
        self.table.set_rows(items, keys=keys, keep_id=keep_id)
        self._update_state()
        self.table.filled()

    def filter_description(self) -> str:
        """What the view is limited to, in words ("" for everything)."""
        from store.chronology.period import describe_filter

        category = str(self.query_one("#chron-category", Select).value or "")
        since, until = self.period
        text = self.query_one("#chron-text", Input).value
        return describe_filter([category] if category else [], since, until, text)

    def _apply(self) -> None:
        category = str(self.query_one("#chron-category", Select).value or "")
        since, until = self.period

        def keep(item: ChronologyItem) -> bool:
            if category and item.category != category:
                return False
            if since and item.occurred_on < since:
                return False
            return not (until and item.occurred_on > until)

        active = bool(category or since or until)
        self.table.set_predicate(keep if active else None)
        self._update_state()

    def _update_state(self, error: str = "") -> None:
        state = self.query_one("#chron-state", Static)
        state.set_class(bool(error), "-error")
        if error:
            state.update(assemble(error))
            return
        table = self.table
        order = (
            "newest first" if table.sort_reverse and table.sort_key == "date" else "oldest first"
        )
        described = self.filter_description()
        table.empty_message = "No entries match the filter." if described else "No entries."
        entries = plural(table.total, "entry")
        text = f"{len(table.rows)} of {entries} · {order}" if described else f"{entries} · {order}"
        if described:
            text += f" · {described}"
        if any(i.before_current_allocation for i in table.rows):
            text += " · ◂ before the current allocation"
        state.update(assemble(text))

    @on(ChronologyTable.Highlighted)
    def _preview(self, event: ChronologyTable.Highlighted) -> None:
        """The highlighted entry's details and analysis, which the narrow table leaves out."""
        item: ChronologyItem | None = event.row
        preview = self.query_one("#chron-preview", Static)
        if item is None:
            preview.update("")
            return
        details = item.summary or "No details recorded."
        analysis = " ".join(item.analysis.split())
        preview.update(
            Content("\n").join(
                [
                    assemble(details),
                    assemble(("Analysis ", "bold"), analysis)
                    if analysis
                    else assemble(("No analysis yet (e to add one)", "italic")),
                ]
            )
        )

    def _text_changed(self, text: str) -> None:
        """The filter's text changed (``SafeInput.changed_now``, in the key's turn)."""
        self.table.set_filter(text)
        self._update_state()

    @on(Input.Changed, "#chron-period")
    def _period_changed(self, event: Input.Changed) -> None:
        from store.chronology.period import DatePeriodError, parse_period

        text = event.value.strip()
        try:
            self.period = parse_period(text, dayfirst=self.app.config.dayfirst)  # type: ignore[attr-defined]
        except DatePeriodError as exc:
            if len(text) > 3:
                self._update_state(str(exc))
            return
        self.period_text = text
        self._apply()

    @on(Select.Changed, "#chron-category")
    def _category_changed(self) -> None:
        self._apply()

    def _submitted(self) -> None:
        self.screen.set_focus(self.table)  # now: the keys after enter go to the entries

    def reverse(self) -> None:
        self.table.sort_by(
            "date", reverse=not (self.table.sort_reverse and self.table.sort_key == "date")
        )
        self._update_state()
