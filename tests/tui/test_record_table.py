"""How a record table fits its columns to the width it has."""

from __future__ import annotations

from tui.screens.chronology.pane import COLUMNS as CHRONOLOGY
from tui.widgets.record_table import GAP, layout_columns


def widths(available: int) -> dict[str, int]:
    return {c.key: w for c, w in layout_columns(CHRONOLOGY, available)}


def test_columns_give_way_least_essential_first() -> None:
    assert list(widths(200)) == ["date", "category", "title", "summary", "source", "analysis"]
    assert list(widths(100)) == ["date", "category", "title", "summary", "source"]
    assert list(widths(79)) == ["date", "category", "title", "source"]
    assert list(widths(40)) == ["date", "title"]  # never fewer than two


def test_the_row_is_filled_exactly_and_flexible_columns_share_the_rest() -> None:
    for available in (40, 79, 100, 119, 200):
        laid = widths(available)
        assert sum(laid.values()) + GAP * (len(laid) - 1) == available
    wide = widths(119)
    # Event and Summary both grow from their preferred widths, by the same amount (±1).
    assert abs((wide["title"] - 22) - (wide["summary"] - 24)) <= 1
    assert widths(79)["title"] > 22  # alone, the event takes all the spare room


def test_hidden_columns_stay_hidden() -> None:
    laid = [c.key for c, _ in layout_columns(CHRONOLOGY, 200, hidden=("source",))]
    assert "source" not in laid
