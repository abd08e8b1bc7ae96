"""The case file's extra tabs and case screens (``tui.screens.case_file.tabs``): each names a
class that exists and a key no other case-file key uses."""

from __future__ import annotations

from textual.binding import Binding

from tui.screens.case_file.keys import CASE_FILE_KEYS
from tui.screens.case_file.tabs import CASE_SCREENS, EXTRA_TABS, CasePane, load


def test_every_extra_tab_names_a_case_pane() -> None:
    for tab in EXTRA_TABS:
        assert issubclass(load(tab.pane), CasePane), tab
        assert tab.label.startswith(f"{tab.key} "), tab


def test_every_case_screen_names_a_screen() -> None:
    from textual.screen import Screen

    for screen in CASE_SCREENS:
        assert issubclass(load(screen.screen), Screen), screen


def test_no_two_case_file_keys_are_the_same() -> None:
    keys = [
        key
        for binding in CASE_FILE_KEYS
        if isinstance(binding, Binding)
        for key in binding.key.split(",")
    ]
    assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
    assert len(CASE_FILE_KEYS) >= 5 + len(EXTRA_TABS) + len(CASE_SCREENS)
