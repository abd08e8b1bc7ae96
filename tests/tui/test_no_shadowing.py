"""Guard against a class of bug that hangs the app silently: a screen or widget that assigns
an attribute Textual itself keeps on the instance (``_closed``, ``_context``, ``loading``...).
Textual's message pump then believes the screen is closed, or calls our method instead of its
own, and the app stops processing messages with no error at all."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from textual.app import App
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, TextArea

ROOT = Path(__file__).resolve().parents[2] / "tui"
ASSIGNED = re.compile(r"self\.([A-Za-z_]\w*)[ \t]*(?::[ \t]*[^=\n]+)?=(?!=)")
# Deliberate overrides of Textual's public API.
ALLOWED = {
    "virtual_size",
    "cursor_row",
    "sub_title",
    "border_title",
    "title",
    "theme",
    "AUTO_FOCUS",  # a screen's first focus, by design per instance
    "recompose",  # CaselineFooter merges rebuilds
    "app_focus",  # set on a key, as Textual does, when the app takes keys itself
    "select_on_focus",  # Input's own: a box focused to type on keeps its text unselected
    "tooltip",  # the footer's: the words of the key the mouse rests on
}


def textual_names() -> set[str]:
    names: set[str] = set()
    for obj in (Screen(), Widget(), Input(), TextArea()):
        names |= set(vars(obj))
        names |= set(dir(type(obj)))
    names |= set(dir(App))
    return names


def test_no_tui_class_reuses_a_textual_attribute_name() -> None:
    reserved = textual_names() - ALLOWED
    clashes = []
    for path in sorted(ROOT.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        for cls in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            methods = {
                n.name
                for n in cls.body
                if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
                and not n.name.startswith(("on_", "action_", "watch_", "_on_", "compose", "__"))
            }
            body = ast.get_source_segment(source, cls) or ""
            attributes = set(ASSIGNED.findall(body))
            for name in (methods | attributes) & reserved:
                clashes.append(f"{path.name}:{cls.name}.{name}")
    overrides = {"render_line", "check_action", "get_system_commands", "render", "on_key"}
    overrides |= {"get_driver_class", "notify"}  # the paste-in-order parser; marks in messages
    # The caseload as the first screen; a table's kept lines and styles forgotten when its
    # look changes; a screen drawn once when first shown (textual_fixes, 6).
    overrides |= {"get_default_screen", "refresh", "notify_style_update"}
    overrides |= {"render_lines"}  # an option list's lines kept at the width drawn (9)
    overrides |= {"_display"}  # a whole frame takes the repaints asked for (textual_fixes, 11)
    # A first showing laid out until nothing asks for more, then drawn once (14).
    overrides |= {"_refresh_layout", "_compositor_refresh"}
    # Nothing comes out from under the lock: a screen covered goes once on top again; a screen
    # opened while locked opens once it is opened (tui.screens.base, tui.session).
    overrides |= {"dismiss", "push_screen"}
    # A screen half put up as the app closes is left alone, not a crash (tui.closing).
    overrides |= {"_handle_exception"}
    clashes = [c for c in clashes if c.rsplit(".", 1)[1] not in overrides]
    assert clashes == []
