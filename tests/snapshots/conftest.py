"""The snapshots drive the app too: it must not call the store on the UI thread there either."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.tui.ui_thread import UiThreadWatch, fail_on_ui_thread_calls, watching


@pytest.fixture(autouse=True)
def ui_thread_watch() -> Iterator[UiThreadWatch]:
    """Fail a snapshot whose app called the store on the UI thread (see tests.tui.ui_thread)."""
    with watching() as watch:
        yield watch
    fail_on_ui_thread_calls(watch)
