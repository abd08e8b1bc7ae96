"""Every text area answers to the same editing keys, and the summary editor adds at the end."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path

from textual.widgets import TextArea

from store.service import Store
from tui.app import CaselineApp
from tui.screens.case_file.summary_editor import SummaryEditorScreen
from tui.screens.notes.note_editor import NoteEditorScreen

from .helpers import loaded

MakeApp = Callable[..., CaselineApp]
ROOT = Path(__file__).resolve().parents[2]


async def test_ctrl_home_ctrl_end_and_ctrl_a_in_the_note_text(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("n")
        await loaded(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        body = app.screen.query_one("#body", TextArea)
        await pilot.press(*"First line", "enter", *"Second line", "enter", *"Third")
        await pilot.press("ctrl+home")
        assert body.cursor_location == (0, 0)
        await pilot.press(*"Top: ")
        assert body.text.startswith("Top: First line")
        await pilot.press("ctrl+end")
        assert body.cursor_location == (2, len("Third"))
        await pilot.press(*" end")
        assert body.text.endswith("Third end")
        await pilot.press("ctrl+a")
        assert body.selected_text == body.text
        await pilot.press("x")  # typing over a selection replaces it, as everywhere else
        assert body.text == "x"


async def test_the_summary_editor_starts_at_the_end_of_the_text(
    make_app: MakeApp, seeded_db: Path
) -> None:
    summary = "## Background\nReferred by the GP.\n\n## Next steps\nVisit in December."
    store = Store.open(seeded_db)
    store.case_file.save_summary(store.workers.ensure("sam.okafor"), 1, summary)
    store.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        await loaded(pilot)
        await pilot.press("2", "e")
        await loaded(pilot)
        assert isinstance(app.screen, SummaryEditorScreen)
        area = app.screen.query_one(TextArea)
        await pilot.press(*" Then review.")
        assert area.text == summary + " Then review."
        await pilot.press("ctrl+home", *"Updated. ")
        assert area.text.startswith("Updated. ## Background")


def test_every_text_area_in_the_app_is_the_shared_one() -> None:
    """A screen making a plain TextArea would answer to different keys from the rest."""
    offenders = []
    for path in sorted((ROOT / "tui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name | ast.Attribute)
                and (getattr(node.func, "id", None) or getattr(node.func, "attr", None))
                == "TextArea"
            ):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []
